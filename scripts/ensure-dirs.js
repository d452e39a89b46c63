// Strapi refuses to start without public/uploads; .tmp holds the SQLite database and dev mail.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
for (const dir of ['public/uploads', '.tmp'])
  fs.mkdirSync(path.join(root, dir), { recursive: true });
