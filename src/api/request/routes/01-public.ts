export default {
  routes: [
    { method: 'POST', path: '/requests', handler: 'request.intake', config: { policies: [] } },
  ],
};
