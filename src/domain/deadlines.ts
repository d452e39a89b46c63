/**
 * The deadline engine's schedule (DESIGN.md: sollecito, escalation): every step a case's deadlines
 * call for, worked out from its stored state alone. The sweep (src/lib/deadlines) records only
 * the instant up to which it has handled a case's steps (`stepsDoneUntil`), so running it late,
 * twice or in two places does each step once and misses none.
 */
import type { LocalDate, WorkingCalendar } from './calendar';
import type { CaseKind } from './case-kind';
import { isClockRunning } from './lifecycle';

export type StepKind = 'first_response' | 'reminder' | 'escalation' | 'satisfaction';

export interface DeadlineStep {
  kind: StepKind;
  at: Date;
  /** Names the step among the case's steps; part of the dedupe key of what it sends. */
  key: string;
  /** Escalations: the level the case rises to (1 control body, 2 management). */
  level?: number;
}

export interface DeadlinePolicy {
  /** Working days to a first response when the topic does not say. */
  firstResponseDays: number;
  /** Reminders before the due date, in calendar days (sent at `reminderHour` on a working day). */
  reminderDays: number[];
  /** Reminders before the due date of urgent reports (on hours, around the clock). */
  urgentReminderHours: number[];
  /** Local hour at which day-based reminders go out. */
  reminderHour: number;
  /** Calendar days from escalation level 1 (at the due date) to level 2. */
  secondEscalationDays: number;
  /** Days after resolution when the citizen is invited to rate the work. */
  satisfactionDelayDays: number;
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  firstResponseDays: 3,
  reminderDays: [10, 3],
  urgentReminderHours: [24],
  reminderHour: 8,
  secondEscalationDays: 7,
  satisfactionDelayDays: 3,
};

export interface DeadlineCase {
  kind: CaseKind;
  state: string;
  receivedAt: Date;
  /** Null while the clock is stopped (an open suspension). */
  dueAt: Date | null;
  /** Urgent reports run on hours: their reminders too. */
  urgent: boolean;
  firstResponseAt: Date | null;
  /** The topic's first-response target in working days, when it has one. */
  firstResponseDays?: number | null;
  resolvedAt: Date | null;
  escalationLevel: number;
  ratingInvitedAt: Date | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const MAX_ESCALATION_LEVEL = 2;

/** When a case received at `receivedAt` should have had a first response: end of the Nth working day. */
export function firstResponseDueAt(
  receivedAt: Date,
  workingDays: number,
  calendar: WorkingCalendar
): Date {
  const day = calendar.addWorkingDays(calendar.localDate(receivedAt), workingDays);
  return calendar.endOfDay(day);
}

function lastWorkingDayOnOrBefore(day: LocalDate, calendar: WorkingCalendar): LocalDate {
  let current = day;
  // A calendar with no working days at all is a broken configuration; stop after a year.
  for (let i = 0; i < 366 && !calendar.isWorkingDay(current); i++) {
    current = calendar.addDays(current, -1);
  }
  return current;
}

function reminders(
  c: DeadlineCase,
  dueAt: Date,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar
) {
  const dueDay = calendar.toIso(calendar.localDate(dueAt));
  const steps: DeadlineStep[] = [];
  if (c.urgent) {
    for (const hours of policy.urgentReminderHours) {
      const at = new Date(dueAt.getTime() - hours * HOUR_MS);
      steps.push({ kind: 'reminder', at, key: `reminder:PT${hours}H:${dueDay}` });
    }
  } else {
    for (const days of policy.reminderDays) {
      const day = lastWorkingDayOnOrBefore(
        calendar.addDays(calendar.localDate(dueAt), -days),
        calendar
      );
      const at = calendar.atLocalTime(day, policy.reminderHour);
      steps.push({ kind: 'reminder', at, key: `reminder:P${days}D:${dueDay}` });
    }
  }
  // A reminder that would have gone out before the case existed (a short deadline) is no step.
  return steps.filter((s) => s.at > c.receivedAt && s.at < dueAt);
}

function isRateable(c: DeadlineCase): boolean {
  const done = c.kind === 'report' ? ['resolved', 'closed'] : ['answered', 'closed'];
  return done.includes(c.state) && c.resolvedAt != null && c.ratingInvitedAt == null;
}

/** Every step of the case in its current state, in time order. */
export function deadlineSteps(
  c: DeadlineCase,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar
): DeadlineStep[] {
  const steps: DeadlineStep[] = [];
  if (isClockRunning(c.kind, c.state)) {
    if (c.firstResponseAt == null) {
      const days = c.firstResponseDays ?? policy.firstResponseDays;
      const at = firstResponseDueAt(c.receivedAt, days, calendar);
      steps.push({ kind: 'first_response', at, key: 'first_response' });
    }
    if (c.dueAt) {
      steps.push(...reminders(c, c.dueAt, policy, calendar));
      const escalations = [
        { level: 1, at: c.dueAt },
        { level: 2, at: new Date(c.dueAt.getTime() + policy.secondEscalationDays * DAY_MS) },
      ];
      for (const e of escalations) {
        if (e.level > c.escalationLevel) {
          steps.push({
            kind: 'escalation',
            at: e.at,
            key: `escalation:${e.level}`,
            level: e.level,
          });
        }
      }
    }
  } else if (isRateable(c)) {
    const at = new Date((c.resolvedAt as Date).getTime() + policy.satisfactionDelayDays * DAY_MS);
    steps.push({ kind: 'satisfaction', at, key: 'satisfaction' });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Steps not yet handled: after the instant the sweep has handled the case up to. */
function pending(steps: DeadlineStep[], doneUntil: Date | null): DeadlineStep[] {
  return doneUntil ? steps.filter((s) => s.at > doneUntil) : steps;
}

/** When the sweep should look at the case next (the first step not yet handled), or null. */
export function nextActionAt(steps: DeadlineStep[], doneUntil: Date | null): Date | null {
  return pending(steps, doneUntil)[0]?.at ?? null;
}

export interface DueSteps {
  /** What to do now, in time order. */
  perform: DeadlineStep[];
  /** Due, but overtaken by a later step due at the same time: recorded, not sent. */
  superseded: DeadlineStep[];
}

/**
 * The steps a sweep at `now` must handle. Escalations and invitations are each performed; of the
 * notices to the office (first-response and due-date reminders) only the latest is sent, and none
 * once the case is overdue: a sweep catching up after days down sends the current word, not every
 * reminder it missed.
 */
export function dueSteps(steps: DeadlineStep[], doneUntil: Date | null, now: Date): DueSteps {
  const due = pending(steps, doneUntil).filter((s) => s.at <= now);
  const notices = due.filter((s) => s.kind === 'first_response' || s.kind === 'reminder');
  const escalating = due.some((s) => s.kind === 'escalation');
  const latestNotice = escalating ? null : notices[notices.length - 1];
  const superseded = notices.filter((s) => s !== latestNotice);
  return { perform: due.filter((s) => !superseded.includes(s)), superseded };
}
