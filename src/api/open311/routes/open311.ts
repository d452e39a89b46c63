/**
 * Open311 GeoReport v2 (src/lib/open311/). Content-API routes, so their actions appear in the
 * users-permissions roles and in the API token editor; served at /open311/v2/... by the
 * `global::open311-prefix` middleware (Strapi puts every content-API route under /api, and
 * /api/open311/v2/... answers too). Every path takes the `.json` or `.xml` suffix.
 *
 * Reads are public actions (PUBLIC_ACTIONS). Writes carry their key in the body (`api_key`, as
 * the spec says), so Strapi's own authentication is off for them (`auth: false`) and the
 * controller checks the key against the API tokens (src/lib/open311/api-key.ts).
 */
// The suffix is checked by the controller (json or xml; anything else is a 404 error list).
const FORMAT = '.:format';

const read = (path: string, handler: string) => ({
  method: 'GET' as const,
  path: `/open311/v2/${path}${FORMAT}`,
  handler: `open311.${handler}`,
  config: { policies: [] },
});

const write = (path: string, handler: string) => ({
  method: 'POST' as const,
  path: `/open311/v2/${path}${FORMAT}`,
  handler: `open311.${handler}`,
  config: { auth: false as const, policies: [] },
});

export default {
  routes: [
    read('discovery', 'discovery'),
    read('services', 'services'),
    read('services/:code', 'serviceDefinition'),
    read('requests', 'requests'),
    write('requests', 'createRequest'),
    read('requests/:id', 'request'),
    read('tokens/:token', 'token'),
    read('servicerequestupdates', 'updates'),
    write('servicerequestupdates', 'postUpdate'),
  ],
};
