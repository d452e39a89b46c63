// Registered before the core routes, so /reports/map is not taken for /reports/:id.
export default {
  routes: [
    { method: 'POST', path: '/reports', handler: 'report.intake', config: { policies: [] } },
    { method: 'GET', path: '/reports/map', handler: 'report.map', config: { policies: [] } },
    {
      method: 'POST',
      path: '/reports/:code/support',
      handler: 'report.support',
      config: { policies: [] },
    },
  ],
};
