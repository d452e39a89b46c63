/**
 * Stores each open report's priority score (src/domain/priority.ts) with the instant it next
 * changes (`priorityReviewAt`), so the refresh job only touches what moved a step.
 */
import type { Core } from '@strapi/strapi';
import { isOpenReport } from '../../domain/lifecycle';
import { priorityOf } from '../../domain/priority';
import { clock } from '../clock';
import { dbInstant } from '../raw-sql';

const REPORT_UID = 'api::report.report';

interface ReportForScore {
  id: number;
  state: string;
  emergency?: boolean | null;
  declaredUrgency?: number | null;
  assessedUrgency?: number | null;
  duplicateCount?: number | null;
  supporterCount?: number | null;
  receivedAt: string;
  dueAt?: string | null;
  priority?: number | null;
  citizen?: { reputation?: number | null } | null;
  followers?: { reputation?: number | null }[];
}

/** Mean reputation of the citizens behind a report: its author and its followers. */
function meanReputation(report: ReportForScore): number {
  const values = [report.citizen, ...(report.followers ?? [])]
    .map((c) => c?.reputation)
    .filter((r): r is number => typeof r === 'number');
  return values.length ? values.reduce((s, r) => s + r, 0) / values.length : 0.5;
}

/** Recomputes and stores the score of one report; returns the stored score (null if not open). */
export async function refreshPriority(
  strapi: Core.Strapi,
  where: { id: number } | { documentId: string },
  now: Date = clock.now()
): Promise<number | null> {
  const report = (await strapi.db.query(REPORT_UID).findOne({
    where,
    select: [
      'id',
      'state',
      'emergency',
      'declaredUrgency',
      'assessedUrgency',
      'duplicateCount',
      'supporterCount',
      'receivedAt',
      'dueAt',
      'priority',
    ],
    populate: { citizen: { select: ['reputation'] }, followers: { select: ['reputation'] } },
  })) as ReportForScore | null;
  if (!report) return null;
  if (!isOpenReport(report.state)) {
    await strapi.db
      .query(REPORT_UID)
      .update({ where: { id: report.id }, data: { priorityReviewAt: null } });
    return null;
  }
  const { score, reviewAt } = priorityOf(
    {
      emergency: report.emergency,
      declaredUrgency: report.declaredUrgency,
      assessedUrgency: report.assessedUrgency,
      reporters: 1 + (report.duplicateCount ?? 0) + (report.supporterCount ?? 0),
      reputation: meanReputation(report),
      receivedAt: new Date(report.receivedAt),
      dueAt: report.dueAt ? new Date(report.dueAt) : null,
    },
    now
  );
  await strapi.db.query(REPORT_UID).update({
    where: { id: report.id },
    data: { priority: score, priorityReviewAt: reviewAt ? reviewAt.toISOString() : null },
  });
  return score;
}

/**
 * The refresh job's step: reports whose review time has come, oldest first, in batches. Each
 * report is scored and gets its next review time, so a run twice in a row finds nothing.
 */
export async function refreshDuePriorities(
  strapi: Core.Strapi,
  now: Date = clock.now(),
  batchSize = 500
): Promise<number> {
  let done = 0;
  for (;;) {
    const due = (await strapi.db
      .connection('reports')
      .select('id')
      .where('priority_review_at', '<=', dbInstant(strapi, now))
      .whereNotNull('priority_review_at')
      .orderBy('priority_review_at')
      .limit(batchSize)) as { id: number }[];
    if (!due.length) return done;
    for (const { id } of due) {
      await strapi.db.transaction(() => refreshPriority(strapi, { id }, now));
      done += 1;
    }
    if (due.length < batchSize) return done;
  }
}
