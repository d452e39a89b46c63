export default {
  routes: [
    { method: 'GET', path: '/track/:code', handler: 'track.show', config: { policies: [] } },
  ],
};
