/**
 * The retention job (issue 5): personal data on cases closed more than `retention.months` ago is
 * anonymised, keeping what the statistics need, and old outbox rows are deleted (rules and
 * choices: docs/ARCHITECTURE.md "Retention"). What is due is read from stored state (`closed_at`,
 * `anonymised_at`) through partial indexes, batch by batch, each batch one transaction: a run
 * twice, late, after a crash or in two instances at once repeats nothing and misses nothing, and
 * its cost follows what is due, not what is stored.
 */
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../domain/case-kind';
import { retentionCutoff, type KeptReason } from '../domain/retention';
import { clock } from '../lib/clock';
import { CASE_UIDS } from '../lib/case-types';
import { anonymiseCaseBatch, deleteOldNotifications, type CitizenLedger } from '../lib/retention';
import { settings } from '../lib/settings';

/** What a run did. Counts only: the log line must hold no personal data. */
export interface RetentionReport {
  cutoff: string;
  casesAnonymised: Record<CaseKind, number>;
  eventsRedacted: number;
  citizensAnonymised: number;
  /** Citizens of the run's cases who keep their data for now, by reason. */
  citizensKept: Record<KeptReason, number>;
  notificationsDeleted: number;
}

export async function runRetentionJob(strapi: Core.Strapi): Promise<RetentionReport> {
  const { months, batchSize } = settings(strapi).retention;
  const limit = Math.max(1, batchSize);
  const now = clock.now();
  const cutoff = retentionCutoff(now, months);
  const report: RetentionReport = {
    cutoff: cutoff.toISOString(),
    casesAnonymised: { report: 0, request: 0, complaint: 0 },
    eventsRedacted: 0,
    citizensAnonymised: 0,
    citizensKept: { activeCases: 0, following: 0, account: 0 },
    notificationsDeleted: 0,
  };

  // Ids of the citizens looked at, as many as the cases due: a citizen kept in one batch may be
  // freed by a later one, and is counted once, by how the run left them.
  const ledger: CitizenLedger = new Map();
  for (const kind of Object.keys(CASE_UIDS) as CaseKind[]) {
    for (;;) {
      const batch = await anonymiseCaseBatch(strapi, kind, cutoff, now, limit, ledger);
      report.casesAnonymised[kind] += batch.cases;
      report.eventsRedacted += batch.eventsRedacted;
      // A short batch means nothing more is due (or another instance holds the rest).
      if (batch.cases < limit) break;
    }
  }
  for (const outcome of ledger.values()) {
    if (outcome === 'anonymised') report.citizensAnonymised++;
    else report.citizensKept[outcome]++;
  }

  for (;;) {
    const deleted = await deleteOldNotifications(strapi, cutoff, limit);
    report.notificationsDeleted += deleted;
    if (deleted < limit) break;
  }

  strapi.log.info(`[retention] ${JSON.stringify(report)}`);
  return report;
}
