const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
// One state file per jest process (setup and teardown run in it), so that a second jest run in
// the same checkout (a unit-only run, say) never tears down this run's database.
const stateFile = path.join(root, '.tmp', `test-db-${process.pid}.json`);

module.exports = async () => {
  if (!fs.existsSync(stateFile)) return;
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
  fs.rmSync(stateFile);
  if (state.client === 'postgres') {
    const { Client } = require('pg');
    const client = new Client({ connectionString: state.adminUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${state.name}" WITH (FORCE)`);
    await client.end();
  } else {
    for (const suffix of ['', '-wal', '-shm', '-journal']) {
      fs.rmSync(path.join(root, state.filename + suffix), { force: true });
    }
  }
};
