export default {
  routes: [
    { method: 'GET', path: '/me/cases', handler: 'me.cases', config: { policies: [] } },
    // Rating a completed case from the account, as the emailed link allows (src/lib/deadlines/ratings.ts).
    {
      method: 'POST',
      path: '/me/cases/:code/rating',
      handler: 'me.rate',
      config: { policies: [] },
    },
  ],
};
