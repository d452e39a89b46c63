// The rating of a service page and its public aggregate (src/lib/page-ratings.ts). The file sorts
// before service.ts, so these routes are registered ahead of the core router's.
export default {
  routes: [
    {
      method: 'POST',
      path: '/services/:slug/rating',
      handler: 'service-rating.rate',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/services/:slug/ratings',
      handler: 'service-rating.summary',
      config: { policies: [] },
    },
  ],
};
