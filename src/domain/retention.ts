/**
 * The rules of data retention (docs/ARCHITECTURE.md "Retention"): when a case is old enough, which
 * of its texts are scrubbed, when a citizen may be anonymised and what replaces their address.
 */
import type { CaseKind } from './case-kind';
import { redactContacts, redactDeep } from './redact';

/**
 * `months` calendar months before `now` (UTC), the day clamped to the month's length: 31 March
 * minus one month is 28 (or 29) February, not 3 March.
 */
export function retentionCutoff(now: Date, months: number): Date {
  if (!Number.isInteger(months) || months < 0) {
    throw new RangeError(`retention months must be a whole number ≥ 0, not ${months}`);
  }
  const total = now.getUTCFullYear() * 12 + now.getUTCMonth() - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(year, month, Math.min(now.getUTCDate(), lastDay));
  return cutoff;
}

/**
 * Free-text columns that may carry contact details, per case table (snake_case, as stored).
 * Kept whole: states, dates, topic, office, position and address (the place of the problem, not
 * the citizen's), urgency, qualification, outcome, rating score: what the statistics read.
 */
export const SCRUBBED_TEXT: Record<CaseKind, readonly string[]> = {
  report: ['description', 'public_text', 'qualification_note', 'resolution_note', 'rating_comment'],
  request: ['subject', 'description', 'answer'],
  complaint: ['subject', 'description', 'remedy', 'answer'],
};

/** JSON columns whose strings are scrubbed (a report's answers to its topic's extra questions). */
export const SCRUBBED_JSON: Record<CaseKind, readonly string[]> = {
  report: ['attribute_values'],
  request: [],
  complaint: [],
};

/**
 * The changed columns of a case row once its texts are scrubbed; `names` are the citizen's.
 * JSON columns may come back as text (SQLite): they are parsed, scrubbed and written as text.
 */
export function scrubCaseRow(
  kind: CaseKind,
  row: Record<string, unknown>,
  names: readonly (string | null | undefined)[]
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const column of SCRUBBED_TEXT[kind]) {
    const value = row[column];
    if (typeof value !== 'string') continue;
    const scrubbed = redactContacts(value, { names });
    if (scrubbed !== value) patch[column] = scrubbed;
  }
  for (const column of SCRUBBED_JSON[kind]) {
    const raw = row[column];
    if (raw == null) continue;
    const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    const scrubbed = redactDeep(value, { names });
    if (JSON.stringify(scrubbed) !== JSON.stringify(value))
      patch[column] = JSON.stringify(scrubbed);
  }
  return patch;
}

/** Why a citizen of old cases keeps their personal data for now. */
export type KeptReason = 'activeCases' | 'following' | 'account';

export interface CitizenFacts {
  /** They have a case not anonymised yet: open, closed after the cutoff, or still to be done. */
  hasActiveCases: boolean;
  /** They follow a report whose follower links are still kept (it will write to them). */
  follows: boolean;
  /** They sign in with a users-permissions account (see docs/ARCHITECTURE.md "Retention"). */
  hasAccount: boolean;
}

/** Null when the citizen may be anonymised now; otherwise the first reason that keeps them. */
export function keptReason(facts: CitizenFacts): KeptReason | null {
  if (facts.hasActiveCases) return 'activeCases';
  if (facts.follows) return 'following';
  if (facts.hasAccount) return 'account';
  return null;
}

/**
 * What replaces an anonymised citizen's address: unique (the column is), never deliverable
 * (`.invalid` is reserved by RFC 2606), never equal to a real address the intake could match.
 */
export function anonymousEmail(documentId: string): string {
  return `anonimo-${documentId.toLowerCase()}@anonymised.invalid`;
}
