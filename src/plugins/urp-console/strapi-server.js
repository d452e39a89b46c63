'use strict';
// The server part is TypeScript compiled by the project's own build (tsc → dist/), like the rest
// of src/; Strapi loads a local plugin's server from this file, so it points there.
module.exports = require('../../../dist/src/plugins/urp-console/server/src').default;
