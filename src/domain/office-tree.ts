/**
 * The organisation chart as one tree (area → sector → office), built from the published offices'
 * flat rows. An office whose parent is not published (or missing) becomes a root rather than
 * vanishing; a cycle an editor made by mistake (A's parent B, B's parent A) is cut at its first
 * node in order, so every office appears exactly once. Siblings are ordered by kind, then name.
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

// As an organisation chart reads: the top (management), the areas and their units, the URP and
// the control body, bodies outside the municipality last; by name within a kind.
const KIND_ORDER = ['management', 'area', 'sector', 'office', 'urp', 'control_body', 'external'];
const kindRank = (kind: string) => {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
};

const byName = (a: { name: string; kind: string }, b: { name: string; kind: string }) =>
  kindRank(a.kind) - kindRank(b.kind) ||
  a.name.localeCompare(b.name, 'it', { sensitivity: 'base' }) ||
  a.name.localeCompare(b.name);

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
