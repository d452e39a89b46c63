// The catalogue search (src/lib/catalogue/service-search.ts), ahead of the core router's
// /services/:id.
export default {
  routes: [
    {
      method: 'GET',
      path: '/services/search',
      handler: 'service-search.search',
      config: { policies: [] },
    },
  ],
};
