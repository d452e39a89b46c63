/**
 * Reads the target of a to-one relation from any input form the Document Service accepts:
 * 'docId', 12, { documentId }, { id }, { connect: [...] }, { set: [...] }, or null.
 * Answers undefined when the input does not say (so "unchanged"), null when it clears it.
 */
export type RelationTarget = { documentId?: string; id?: number };

export function relationTarget(value: unknown): RelationTarget | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value ? { documentId: value } : null;
  if (typeof value === 'number') return { id: value };
  if (typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.documentId === 'string') return { documentId: v.documentId };
  if (typeof v.id === 'number') return { id: v.id };
  for (const key of ['set', 'connect'] as const) {
    if (Array.isArray(v[key])) {
      const list = v[key] as unknown[];
      if (!list.length) return key === 'set' ? null : undefined;
      return relationTarget(list[list.length - 1]) ?? undefined;
    }
  }
  return undefined;
}
