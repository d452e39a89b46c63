/**
 * Our report lifecycle seen through Open311: the spec's two statuses (open, closed) for service
 * requests, and mySociety's finer ones for service request updates (what FixMyStreet reads:
 * it lower-cases them and maps `fixed`, `closed`, `duplicate`... onto its own states).
 */

export type Open311Status = 'open' | 'closed';

export type MySocietyStatus =
  | 'open'
  | 'investigating'
  | 'action_scheduled'
  | 'in_progress'
  | 'fixed'
  | 'closed'
  | 'duplicate'
  | 'no_further_action'
  | 'not_councils_responsibility'
  | 'internal_referral';

/**
 * Report state → Open311 status. `resolved` is closed: the work is done (it may reopen, and then
 * the request is open again). `duplicate` is closed: the master carries the work.
 */
const OPEN311_STATUS: Record<string, Open311Status> = {
  received: 'open',
  triaged: 'open',
  assigned: 'open',
  in_progress: 'open',
  resolved: 'closed',
  closed: 'closed',
  rejected: 'closed',
  duplicate: 'closed',
};

export function open311Status(state: string): Open311Status {
  return OPEN311_STATUS[state] ?? 'open';
}

/** The report states that a status filter (`status=open,closed`) selects. */
export function statesFor(statuses: readonly Open311Status[]): string[] {
  return Object.entries(OPEN311_STATUS)
    .filter(([, status]) => statuses.includes(status))
    .map(([state]) => state);
}

const MYSOCIETY_STATUS: Record<string, MySocietyStatus> = {
  received: 'open',
  triaged: 'investigating',
  assigned: 'action_scheduled',
  in_progress: 'in_progress',
  resolved: 'fixed',
  // A report closed after its fix is fixed; `closed` straight from another state is closed.
  closed: 'closed',
  // Rejected: the office will not act on it (not a problem, out of scope).
  rejected: 'no_further_action',
  duplicate: 'duplicate',
};

/**
 * Report state → mySociety status. `closed` reads as `fixed` when the report had been resolved
 * first (FixMyStreet shows "fixed" rather than a bare "closed").
 */
export function mySocietyStatus(state: string, wasResolved = false): MySocietyStatus {
  if (state === 'closed' && wasResolved) return 'fixed';
  return MYSOCIETY_STATUS[state] ?? 'open';
}

const CLOSING = new Set([
  'FIXED',
  'CLOSED',
  'DUPLICATE',
  'NO_FURTHER_ACTION',
  'NOT_COUNCILS_RESPONSIBILITY',
  'INTERNAL_REFERRAL',
]);
const KNOWN = new Set([...CLOSING, 'OPEN', 'INVESTIGATING', 'ACTION_SCHEDULED', 'IN_PROGRESS']);

/**
 * A status a client sends with its update, upper-cased; null when it is no known status. The
 * client's word is recorded, never applied: staff decide the case's state.
 */
export function clientStatus(value: string): { status: string; closing: boolean } | null {
  const status = value.trim().toUpperCase().replace(/ /g, '_');
  if (!KNOWN.has(status)) return null;
  return { status, closing: CLOSING.has(status) };
}
