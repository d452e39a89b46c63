/**
 * Works out a case's due date, first-response target and next action time from its stored state,
 * so every write path (and every job) derives them the same way.
 */
import type { WorkingCalendar } from './calendar';
import type { CaseKind } from './case-kind';
import {
  DEFAULT_DEADLINE_POLICY,
  deadlineSteps,
  firstResponseDueAt,
  nextActionAt,
  type DeadlinePolicy,
  type DeadlineStep,
} from './deadlines';
import { computeDueAt, type ServiceLevel } from './due-dates';
import { isClockRunning, type Suspension } from './lifecycle';
import { isUrgent, type UrgencyInput } from './urgency';

export interface CaseScheduleInput extends UrgencyInput {
  kind: CaseKind;
  state: string;
  receivedAt: Date;
  serviceLevel?: (ServiceLevel & { firstResponseDays?: number | null }) | null;
  suspensions?: Suspension[] | null;
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
  escalationLevel?: number | null;
  ratingInvitedAt?: Date | null;
  /** The deadline sweep has handled every step up to this instant. */
  stepsDoneUntil?: Date | null;
}

export interface CaseSchedule {
  dueAt: Date | null;
  /** When a first response is expected; null once given or while the clock does not run. */
  firstResponseDueAt: Date | null;
  /** When the deadline sweep should look at the case next; null when nothing is left to do. */
  nextActionAt: Date | null;
  steps: DeadlineStep[];
}

export function scheduleCase(
  input: CaseScheduleInput,
  calendar: WorkingCalendar,
  policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY
): CaseSchedule {
  const urgent = input.kind === 'report' && isUrgent(input);
  const dueAt = computeDueAt(
    {
      kind: input.kind,
      receivedAt: input.receivedAt,
      serviceLevel: input.serviceLevel,
      urgent,
      suspensions: (input.suspensions ?? []).map((s) => ({
        from: new Date(s.from),
        to: s.to ? new Date(s.to) : null,
      })),
    },
    calendar
  );
  const firstResponseDays = input.serviceLevel?.firstResponseDays ?? policy.firstResponseDays;
  const steps = deadlineSteps(
    {
      kind: input.kind,
      state: input.state,
      receivedAt: input.receivedAt,
      dueAt,
      urgent,
      firstResponseAt: input.firstResponseAt ?? null,
      firstResponseDays,
      resolvedAt: input.resolvedAt ?? null,
      escalationLevel: input.escalationLevel ?? 0,
      ratingInvitedAt: input.ratingInvitedAt ?? null,
    },
    policy,
    calendar
  );
  const waitingForFirstResponse =
    isClockRunning(input.kind, input.state) && input.firstResponseAt == null;
  return {
    dueAt,
    firstResponseDueAt: waitingForFirstResponse
      ? firstResponseDueAt(input.receivedAt, firstResponseDays, calendar)
      : null,
    nextActionAt: nextActionAt(steps, input.stepsDoneUntil ?? null),
    steps,
  };
}
