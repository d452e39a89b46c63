// Ratings of the website's pages and of the counters and channels (src/lib/page-ratings.ts); the
// service pages' own are under /services/:slug (src/api/service/routes/01-rating.ts). No CRUD
// route: single ratings, and their comments, are read in the admin only.
export default {
  routes: [
    {
      method: 'GET',
      path: '/page-ratings/form',
      handler: 'page-rating.form',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/page-ratings',
      handler: 'page-rating.ratePage',
      config: { policies: [] },
    },
    {
      method: 'POST',
      path: '/channel-ratings',
      handler: 'page-rating.rateChannel',
      config: { policies: [] },
    },
    {
      method: 'GET',
      path: '/channel-ratings/summary',
      handler: 'page-rating.channelSummary',
      config: { policies: [] },
    },
  ],
};
