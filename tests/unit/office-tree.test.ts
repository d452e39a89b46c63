import { buildOfficeTree, type OfficeRow } from '../../src/domain/office-tree';

const row = (documentId: string, parent: string | null, servicesCount = 0): OfficeRow => ({
  documentId,
  name: documentId.toUpperCase(),
  slug: documentId,
  kind: 'office',
  parent,
  servicesCount,
});

const shape = (nodes: ReturnType<typeof buildOfficeTree>): unknown =>
  nodes.map((n) => [n.documentId, n.subtreeServicesCount, shape(n.children)]);

it('nests offices under their parents, sorted by name, summing services down the tree', () => {
  const tree = buildOfficeTree([
    row('sector', 'area', 1),
    row('b-office', 'sector', 2),
    row('a-office', 'sector', 3),
    row('area', null),
  ]);
  expect(shape(tree)).toEqual([
    [
      'area',
      6,
      [
        [
          'sector',
          6,
          [
            ['a-office', 3, []],
            ['b-office', 2, []],
          ],
        ],
      ],
    ],
  ]);
  expect(tree[0].servicesCount).toBe(0);
});

it('makes an office whose parent is not published a root instead of dropping it', () => {
  const tree = buildOfficeTree([row('orphan', 'unpublished-parent', 1), row('area', null)]);
  expect(tree.map((n) => n.documentId)).toEqual(['area', 'orphan']);
});

it('shows every office of a cycle once, and an office that is its own parent as a root', () => {
  const tree = buildOfficeTree([row('a', 'b'), row('b', 'a'), row('self', 'self')]);
  expect(shape(tree)).toEqual([
    ['self', 0, []],
    ['a', 0, [['b', 0, []]]],
  ]);
});

it('sorts names as Italian readers expect (case and accents aside)', () => {
  const rows = [
    { ...row('x', null), name: 'Ufficio Zeta' },
    { ...row('y', null), name: 'ufficio àlfa' },
  ];
  expect(buildOfficeTree(rows).map((n) => n.name)).toEqual(['ufficio àlfa', 'Ufficio Zeta']);
});

it('orders siblings as a chart reads: management, areas, URP, control body, outside bodies', () => {
  const rows = [
    { ...row('waste', null), kind: 'external', name: 'Azienda rifiuti' },
    { ...row('control', null), kind: 'control_body', name: 'Nucleo di valutazione' },
    { ...row('works', null), kind: 'area', name: 'Area lavori pubblici' },
    { ...row('top', null), kind: 'management', name: 'Direzione generale' },
    { ...row('urp', null), kind: 'urp', name: 'URP' },
    { ...row('env', null), kind: 'area', name: 'Area ambiente' },
  ];
  expect(buildOfficeTree(rows).map((n) => n.documentId)).toEqual([
    'top',
    'env',
    'works',
    'urp',
    'control',
    'waste',
  ]);
});
