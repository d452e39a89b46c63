export default {
  routes: [{ method: 'GET', path: '/me/cases', handler: 'me.cases', config: { policies: [] } }],
};
