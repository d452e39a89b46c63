/**
 * The organisation chart as one tree (area → sector → office), built from the published offices'
 * flat rows. An office whose parent is not published (or missing) becomes a root rather than
 * vanishing; a cycle an editor made by mistake (A's parent B, B's parent A) is cut at its first
 * node by name, so every office appears exactly once.
 */

export interface OfficeRow {
  documentId: string;
  name: string;
  slug: string;
  kind: string;
  parent: string | null;
  /** Published services this office is responsible for. */
  servicesCount: number;
}

export interface OfficeTreeNode {
  documentId: string;
  name: string;
  slug: string;
  kind: string;
  servicesCount: number;
  /** Services of this office and of every office below it. */
  subtreeServicesCount: number;
  children: OfficeTreeNode[];
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, 'it', { sensitivity: 'base' }) || a.name.localeCompare(b.name);

export function buildOfficeTree(rows: readonly OfficeRow[]): OfficeTreeNode[] {
  const known = new Set(rows.map((r) => r.documentId));
  const childrenOf = new Map<string | null, OfficeRow[]>();
  for (const row of rows) {
    const parent =
      row.parent && known.has(row.parent) && row.parent !== row.documentId ? row.parent : null;
    const list = childrenOf.get(parent) ?? [];
    list.push(row);
    childrenOf.set(parent, list);
  }
  const placed = new Set<string>();
  const grow = (row: OfficeRow): OfficeTreeNode => {
    placed.add(row.documentId);
    const children = (childrenOf.get(row.documentId) ?? [])
      .filter((c) => !placed.has(c.documentId))
      .sort(byName)
      .map(grow);
    return {
      documentId: row.documentId,
      name: row.name,
      slug: row.slug,
      kind: row.kind,
      servicesCount: row.servicesCount,
      subtreeServicesCount:
        row.servicesCount + children.reduce((sum, c) => sum + c.subtreeServicesCount, 0),
      children,
    };
  };
  const roots = [...(childrenOf.get(null) ?? [])].sort(byName).map(grow);
  // What is left sits on a cycle: start each one at its first office by name.
  for (const row of [...rows].sort(byName)) {
    if (!placed.has(row.documentId)) roots.push(grow(row));
  }
  return roots;
}
