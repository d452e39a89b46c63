// The whole published organisation in one answer (src/lib/catalogue/office-tree.ts). The file
// sorts before office.ts, so /offices/tree is not taken for /offices/:id.
export default {
  routes: [
    { method: 'GET', path: '/offices/tree', handler: 'office-tree.show', config: { policies: [] } },
  ],
};
