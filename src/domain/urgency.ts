/** Urgency rules shared by due dates and (later) priority. */

export interface UrgencyInput {
  emergency?: boolean | null;
  declaredUrgency?: number | null;
  /** The technician's assessment replaces the citizen's declaration once known. */
  assessedUrgency?: number | null;
}

/** Urgency on the 1–5 scale at or above which a report runs on the topic's hour-based level. */
export const URGENT_THRESHOLD = 4;

export function effectiveUrgency(input: UrgencyInput): number {
  return input.assessedUrgency ?? input.declaredUrgency ?? 3;
}

export function isUrgent(input: UrgencyInput): boolean {
  return Boolean(input.emergency) || effectiveUrgency(input) >= URGENT_THRESHOLD;
}
