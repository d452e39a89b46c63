/** The deadline policy from the settings, and a stored case as the schedule's input. */
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../../domain/case-kind';
import type { CaseScheduleInput } from '../../domain/case-schedule';
import type { DeadlinePolicy } from '../../domain/deadlines';
import type { Suspension } from '../../domain/lifecycle';
import { settings } from '../settings';

export function deadlinePolicy(strapi: Core.Strapi): DeadlinePolicy {
  const { deadlines, followUp } = settings(strapi);
  return {
    firstResponseDays: deadlines.firstResponseDays,
    reminderDays: deadlines.reminderDays,
    urgentReminderHours: deadlines.urgentReminderHours,
    reminderHour: deadlines.reminderHour,
    secondEscalationDays: deadlines.secondEscalationDays,
    satisfactionDelayDays: followUp.satisfactionDelayDays,
  };
}

type Instant = string | Date | null | undefined;

/** A case as read through Strapi's query engine (camelCase attributes, topic populated). */
export interface ScheduledCaseRow {
  state: string;
  receivedAt: string | Date;
  suspensions?: Suspension[] | null;
  emergency?: boolean | null;
  declaredUrgency?: number | null;
  assessedUrgency?: number | null;
  firstResponseAt?: Instant;
  resolvedAt?: Instant;
  escalationLevel?: number | null;
  ratingInvitedAt?: Instant;
  stepsDoneUntil?: Instant;
  topic?: {
    resolutionDays?: number | null;
    urgentResolutionHours?: number | null;
    firstResponseDays?: number | null;
  } | null;
}

const instant = (value: Instant) => (value ? new Date(value) : null);

export function caseScheduleInput(kind: CaseKind, row: ScheduledCaseRow): CaseScheduleInput {
  return {
    kind,
    state: row.state,
    receivedAt: new Date(row.receivedAt),
    serviceLevel: row.topic ?? null,
    suspensions: row.suspensions,
    emergency: row.emergency,
    declaredUrgency: row.declaredUrgency,
    assessedUrgency: row.assessedUrgency,
    firstResponseAt: instant(row.firstResponseAt),
    resolvedAt: instant(row.resolvedAt),
    escalationLevel: row.escalationLevel ?? 0,
    ratingInvitedAt: instant(row.ratingInvitedAt),
    stepsDoneUntil: instant(row.stepsDoneUntil),
  };
}
