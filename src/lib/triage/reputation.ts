/**
 * Keeps citizens' reputations (src/domain/reputation.ts) in step with the technicians'
 * qualifications, from the truth: all of the citizen's qualified reports are re-read each time.
 * A changed reputation moves the priority of the citizen's open reports.
 */
import type { Core } from '@strapi/strapi';
import { isAccuracy, reputationOf, type QualifiedReport } from '../../domain/reputation';
import { settings } from '../settings';
import { OPEN_REPORT_STATES } from '../../domain/lifecycle';
import { refreshPriority } from './priority';

const REPORT_UID = 'api::report.report';
const CITIZEN_UID = 'api::citizen.citizen';
/** Open reports re-scored after a reputation change (the job catches up on any others). */
const RESCORE_LIMIT = 200;

export async function recomputeReputation(
  strapi: Core.Strapi,
  citizenId: number,
  now: Date
): Promise<void> {
  const rows = (await strapi.db.query(REPORT_UID).findMany({
    where: { citizen: { id: citizenId }, qualification: { $notNull: true } },
    // With `id`: filtering on a relation makes the query DISTINCT, which would fold equal rows.
    select: ['id', 'qualification', 'declaredUrgency', 'assessedUrgency'],
  })) as { qualification: string; declaredUrgency?: number; assessedUrgency?: number }[];
  const qualified: QualifiedReport[] = rows
    .filter((r) => isAccuracy(r.qualification))
    .map((r) => ({
      accuracy: r.qualification as QualifiedReport['accuracy'],
      declaredUrgency: r.declaredUrgency,
      assessedUrgency: r.assessedUrgency,
    }));
  const result = reputationOf(qualified, settings(strapi).triage.reputation);
  const before = (await strapi.db
    .query(CITIZEN_UID)
    .findOne({ where: { id: citizenId }, select: ['reputation'] })) as {
    reputation?: number | null;
  } | null;
  await strapi.db.query(CITIZEN_UID).update({
    where: { id: citizenId },
    data: {
      reputation: result.score,
      reportsTotal: result.counts.total,
      reportsAccurate: result.counts.accurate,
      reportsPartlyAccurate: result.counts.partly_accurate,
      reportsInaccurate: result.counts.inaccurate,
      reportsFake: result.counts.fake,
      // Flagged for a person to look at, never blocked or dropped automatically.
      moderationFlag: result.flagged,
    },
  });
  if (before?.reputation === result.score) return;
  const open = (await strapi.db.query(REPORT_UID).findMany({
    where: {
      state: { $in: [...OPEN_REPORT_STATES] },
      $or: [{ citizen: { id: citizenId } }, { followers: { id: citizenId } }],
    },
    select: ['id'],
    limit: RESCORE_LIMIT,
  })) as { id: number }[];
  for (const { id } of open) await refreshPriority(strapi, { id }, now);
}
