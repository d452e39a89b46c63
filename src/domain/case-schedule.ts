/**
 * Works out a case's due date and next action time from its stored state, so every write path
 * (and every job) derives them the same way.
 */
import type { WorkingCalendar } from './calendar';
import type { CaseKind } from './case-kind';
import { computeDueAt, type ServiceLevel } from './due-dates';
import { isClockRunning, type Suspension } from './lifecycle';
import { isUrgent, type UrgencyInput } from './urgency';

export interface CaseScheduleInput extends UrgencyInput {
  kind: CaseKind;
  state: string;
  receivedAt: Date;
  serviceLevel?: ServiceLevel | null;
  suspensions?: Suspension[] | null;
}

export interface CaseSchedule {
  dueAt: Date | null;
  /** When a job should look at the case next; null when its clock does not run. */
  nextActionAt: Date | null;
}

export function scheduleCase(input: CaseScheduleInput, calendar: WorkingCalendar): CaseSchedule {
  const dueAt = computeDueAt(
    {
      kind: input.kind,
      receivedAt: input.receivedAt,
      serviceLevel: input.serviceLevel,
      urgent: input.kind === 'report' && isUrgent(input),
      suspensions: (input.suspensions ?? []).map((s) => ({
        from: new Date(s.from),
        to: s.to ? new Date(s.to) : null,
      })),
    },
    calendar
  );
  const running = isClockRunning(input.kind, input.state);
  return { dueAt, nextActionAt: running ? dueAt : null };
}
