export default {
  routes: [
    { method: 'POST', path: '/complaints', handler: 'complaint.intake', config: { policies: [] } },
  ],
};
