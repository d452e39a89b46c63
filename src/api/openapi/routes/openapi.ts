// The description of the public API (src/lib/openapi): JSON and a readable page. No content type.
export default {
  routes: [
    { method: 'GET', path: '/openapi.json', handler: 'openapi.spec', config: { policies: [] } },
    { method: 'GET', path: '/docs', handler: 'openapi.page', config: { policies: [] } },
  ],
};
