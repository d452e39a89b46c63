/**
 * Case lifecycles (DESIGN.md "Lifecycles"): the single source of the transition rules for reports,
 * requests and complaints. Every write path asks this module before a status changes.
 */
import type { CaseKind } from './case-kind';

export const REPORT_STATUSES = [
  'received',
  'triaged',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
  'rejected',
  'duplicate',
] as const;
export const ANSWERABLE_STATUSES = [
  'received',
  'assigned',
  'suspended',
  'answered',
  'closed',
  'rejected',
] as const;

export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type AnswerableStatus = (typeof ANSWERABLE_STATUSES)[number];
export type CaseStatus = ReportStatus | AnswerableStatus;

const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  received: ['triaged', 'rejected', 'duplicate'],
  triaged: ['assigned', 'rejected', 'duplicate'],
  // A crew can find that its report repeats another: it is merged (DESIGN.md allowed it only
  // before assignment; see docs/ARCHITECTURE.md).
  assigned: ['in_progress', 'duplicate'],
  in_progress: ['resolved', 'duplicate'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  rejected: [],
  duplicate: [],
};

// Requests and complaints share one lifecycle; "suspended" stops the clock (sospensione dei termini).
const ANSWERABLE_TRANSITIONS: Record<AnswerableStatus, readonly AnswerableStatus[]> = {
  received: ['assigned', 'suspended', 'rejected'],
  assigned: ['answered', 'suspended', 'rejected'],
  suspended: ['assigned', 'rejected'],
  answered: ['closed'],
  closed: [],
  rejected: [],
};

export const INITIAL_STATUS = 'received' as const;

/** Reports still to be worked: they can take duplicates and followers, and carry a priority. */
export const OPEN_REPORT_STATES = ['received', 'triaged', 'assigned', 'in_progress'] as const;

export function isOpenReport(state: string): boolean {
  return (OPEN_REPORT_STATES as readonly string[]).includes(state);
}

export function statusesOf(kind: CaseKind): readonly CaseStatus[] {
  return kind === 'report' ? REPORT_STATUSES : ANSWERABLE_STATUSES;
}

export function allowedNextStatuses(kind: CaseKind, from: string): readonly CaseStatus[] {
  const table: Record<string, readonly CaseStatus[]> =
    kind === 'report' ? REPORT_TRANSITIONS : ANSWERABLE_TRANSITIONS;
  return table[from] ?? [];
}

export function isKnownStatus(kind: CaseKind, status: string): status is CaseStatus {
  return (statusesOf(kind) as readonly string[]).includes(status);
}

/** Terminal statuses: nothing more happens to the case and no deadline runs. */
export function isTerminal(kind: CaseKind, status: string): boolean {
  return allowedNextStatuses(kind, status).length === 0;
}

/** Statuses whose deadline clock is running (the jobs of the deadline engine watch these). */
export function isClockRunning(kind: CaseKind, status: string): boolean {
  if (isTerminal(kind, status) || status === 'suspended') return false;
  return kind === 'report' ? status !== 'resolved' : status !== 'answered';
}

export class IllegalTransitionError extends Error {
  readonly kind: CaseKind;
  readonly from: string;
  readonly to: string;

  constructor(kind: CaseKind, from: string, to: string, reason?: string) {
    const allowed = allowedNextStatuses(kind, from);
    super(
      reason ??
        `A ${kind} cannot go from status "${from}" to "${to}"; ` +
          (allowed.length
            ? `from "${from}" it can go to: ${allowed.map((s) => `"${s}"`).join(', ')}.`
            : `"${from}" is final.`)
    );
    this.name = 'IllegalTransitionError';
    this.kind = kind;
    this.from = from;
    this.to = to;
  }
}

export interface Suspension {
  from: string; // ISO instants: this is stored as JSON on the case
  to?: string | null;
}

/** The lifecycle timestamps a transition may set; the case's current values are passed in. */
export interface LifecycleStamps {
  firstResponseAt?: string | null;
  resolvedAt?: string | null;
  closedAt?: string | null;
  suspensions?: Suspension[] | null;
}

export interface TransitionPlan {
  from: string;
  to: CaseStatus;
  /** Fields to write together with the new status. */
  patch: LifecycleStamps;
}

/**
 * Checks a status change and works out the timestamps it sets. Throws IllegalTransitionError
 * when the lifecycle does not allow it; `from === to` is not a transition and is refused here
 * (callers skip unchanged statuses before asking).
 */
export function planTransition(
  kind: CaseKind,
  from: string,
  to: string,
  at: Date,
  current: LifecycleStamps = {}
): TransitionPlan {
  if (!isKnownStatus(kind, to)) {
    throw new IllegalTransitionError(
      kind,
      from,
      to,
      `"${to}" is not a status of a ${kind}; statuses are: ${statusesOf(kind).join(', ')}.`
    );
  }
  if (!allowedNextStatuses(kind, from).includes(to)) {
    throw new IllegalTransitionError(kind, from, to);
  }

  const iso = at.toISOString();
  const patch: LifecycleStamps = {};

  if (from === INITIAL_STATUS && !current.firstResponseAt) patch.firstResponseAt = iso;
  if (to === 'resolved' || to === 'answered') patch.resolvedAt = iso;
  if (kind === 'report' && from === 'resolved' && to === 'in_progress') patch.resolvedAt = null;
  if (isTerminal(kind, to)) patch.closedAt = iso;

  const suspensions = current.suspensions ?? [];
  if (to === 'suspended') patch.suspensions = [...suspensions, { from: iso, to: null }];
  if (from === 'suspended') {
    patch.suspensions = suspensions.map((s) => (s.to ? s : { ...s, to: iso }));
  }

  return { from, to, patch };
}
