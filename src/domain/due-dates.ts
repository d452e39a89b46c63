/**
 * Due dates of cases (service levels). Day-based deadlines end at the end of a local working
 * day; urgent reports run on hours around the clock. Suspensions stop the clock.
 */
import { daysBetween } from './calendar';
import type { WorkingCalendar } from './calendar';
import { isCaseKind } from './case-kind';
import type { CaseKind } from './case-kind';

export type { CaseKind } from './case-kind';

export interface ServiceLevel {
  resolutionDays?: number | null;
  urgentResolutionHours?: number | null;
}

export interface Suspension {
  from: Date;
  to?: Date | null;
}

export interface DueDateInput {
  kind: CaseKind;
  receivedAt: Date;
  serviceLevel?: ServiceLevel | null;
  /** Report declared/assessed urgent or emergency: the hour-based level applies. */
  urgent?: boolean;
  suspensions?: Suspension[];
}

/** Requests and complaints (and reports whose topic has no level), in calendar days. */
export const DEFAULT_ANSWER_DAYS = 30;

const HOUR_MS = 3_600_000;

interface Interval {
  from: number;
  to: number;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function assertDate(value: unknown, field: string): asserts value is Date {
  if (!isValidDate(value)) throw new RangeError(`${field} must be a valid Date`);
}

function assertNonNegative(value: number, field: string, integer: boolean): void {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= 0;
  if (!ok || (integer && !Number.isInteger(value))) {
    const what = integer ? 'a non-negative integer' : 'a non-negative number';
    throw new RangeError(`${field} must be ${what}, got ${String(value)}`);
  }
}

function validateInput(input: DueDateInput): void {
  if (!isCaseKind(input.kind)) {
    throw new RangeError(`kind must be report, request or complaint, got ${String(input.kind)}`);
  }
  assertDate(input.receivedAt, 'receivedAt');
  const level = input.serviceLevel ?? {};
  if (level.resolutionDays != null) {
    assertNonNegative(level.resolutionDays, 'serviceLevel.resolutionDays', true);
  }
  if (level.urgentResolutionHours != null) {
    assertNonNegative(level.urgentResolutionHours, 'serviceLevel.urgentResolutionHours', false);
  }
  (input.suspensions ?? []).forEach(validateSuspension);
}

function validateSuspension(s: Suspension, i: number): void {
  assertDate(s?.from, `suspensions[${i}].from`);
  if (s.to == null) return;
  assertDate(s.to, `suspensions[${i}].to`);
  if (s.to.getTime() < s.from.getTime()) {
    throw new RangeError(`suspensions[${i}].to must not be before suspensions[${i}].from`);
  }
}

// ---------------------------------------------------------------------------------------------
// Suspensions
// ---------------------------------------------------------------------------------------------

/**
 * Closed suspensions as merged intervals, so overlapping or touching periods count once. Time
 * before receipt is cut off: the clock was not running yet.
 */
function mergedSuspensions(suspensions: Suspension[], receivedAt: Date): Interval[] {
  const start = receivedAt.getTime();
  const intervals = suspensions
    .map((s) => ({ from: Math.max(s.from.getTime(), start), to: (s.to as Date).getTime() }))
    .filter((s) => s.to >= s.from)
    .sort((a, b) => a.from - b.from);

  const merged: Interval[] = [];
  for (const next of intervals) {
    const last = merged[merged.length - 1];
    if (last && next.from <= last.to) last.to = Math.max(last.to, next.to);
    else merged.push({ ...next });
  }
  return merged;
}

/** Whole local days an interval adds: local date difference, at least 1 when any time passed. */
function suspendedDays(interval: Interval, calendar: WorkingCalendar): number {
  if (interval.to === interval.from) return 0;
  const from = calendar.localDate(new Date(interval.from));
  const to = calendar.localDate(new Date(interval.to));
  return Math.max(1, daysBetween(from, to));
}

// ---------------------------------------------------------------------------------------------
// Due date
// ---------------------------------------------------------------------------------------------

function urgentHours(input: DueDateInput): number | null {
  // Only reports have an emergency track; requests and complaints always run on days.
  if (input.kind !== 'report' || !input.urgent) return null;
  return input.serviceLevel?.urgentResolutionHours ?? null;
}

function resolutionDays(input: DueDateInput): number {
  return input.serviceLevel?.resolutionDays ?? DEFAULT_ANSWER_DAYS;
}

/**
 * When the case is due, or null while a suspension is open (the clock is stopped, so there is
 * no deadline to meet until it resumes).
 */
export function computeDueAt(input: DueDateInput, calendar: WorkingCalendar): Date | null {
  validateInput(input);
  const suspensions = input.suspensions ?? [];
  if (suspensions.some((s) => s.to == null)) return null;
  const merged = mergedSuspensions(suspensions, input.receivedAt);

  const hours = urgentHours(input);
  if (hours != null) {
    // Urgent work runs around the clock: exact time, never moved for holidays.
    const stopped = merged.reduce((sum, s) => sum + (s.to - s.from), 0);
    return new Date(input.receivedAt.getTime() + hours * HOUR_MS + stopped);
  }

  const stoppedDays = merged.reduce((sum, s) => sum + suspendedDays(s, calendar), 0);
  const received = calendar.localDate(input.receivedAt);
  const due = calendar.addDays(received, resolutionDays(input) + stoppedDays);
  return calendar.endOfDay(calendar.nextWorkingDay(due));
}

export function isOverdue(dueAt: Date | null, now: Date): boolean {
  if (dueAt == null) return false;
  assertDate(dueAt, 'dueAt');
  assertDate(now, 'now');
  return now.getTime() > dueAt.getTime();
}

/**
 * Share of the service level already used: 0 at receipt, 1 at the deadline, above 1 when late.
 * A stopped clock (no due date) reports 0 so suspended cases do not climb in priority.
 */
export function elapsedFraction(receivedAt: Date, dueAt: Date | null, now: Date): number {
  assertDate(receivedAt, 'receivedAt');
  assertDate(now, 'now');
  if (dueAt == null) return 0;
  assertDate(dueAt, 'dueAt');
  const total = dueAt.getTime() - receivedAt.getTime();
  const elapsed = Math.max(0, now.getTime() - receivedAt.getTime());
  if (total <= 0) return now.getTime() > dueAt.getTime() ? Infinity : 0;
  return elapsed / total;
}
