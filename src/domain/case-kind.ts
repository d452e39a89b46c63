/** The three kinds of case handled by the URP; the single source of truth for the union. */
export const CASE_KINDS = ['report', 'request', 'complaint'] as const;

export type CaseKind = (typeof CASE_KINDS)[number];

export function isCaseKind(value: unknown): value is CaseKind {
  return typeof value === 'string' && (CASE_KINDS as readonly string[]).includes(value);
}
