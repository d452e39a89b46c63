/**
 * Clusters of reports about the same problem: a master (the oldest open report) and its
 * duplicates, whose authors follow the master. Used by the case write gate on intake (automatic)
 * and on a staff merge (state → duplicate), and by splits.
 *
 * Concurrency: every change to a topic's clusters first takes a transaction-scoped advisory lock
 * on the topic (PostgreSQL), before the reference-code counter and any row lock, always in that
 * order, so fifty simultaneous reports of one pothole queue up and each sees the ones before it.
 * SQLite runs one writer at a time.
 */
import type { Core } from '@strapi/strapi';
import { FIXED_REPORTS_SQL, openStatesSql } from '../../database/indexes';
import { boxAround, pickMaster, pickRecurrence } from '../../domain/duplicates';
import type { Position } from '../../domain/geo';
import type { Actor } from '../actor';
import { appendCaseEvent } from '../case-events';
import { dbInstant, inCurrentTransaction } from '../raw-sql';
import { settings } from '../settings';
import { refreshPriority } from './priority';

const REPORT_UID = 'api::report.report';
/** The advisory lock namespace of report clusters ("BC" + 2). */
const CLUSTER_LOCK = 0x4243_0002;
const DAY_MS = 86_400_000;
const DEFAULT_RADIUS_M = 50;
const DEFAULT_WINDOW_DAYS = 30;

/** The predicates of the cluster partial indexes, written as they are (src/database/indexes.ts). */
const OPEN_REPORTS_SQL = openStatesSql('report');

export async function lockClusters(
  strapi: Core.Strapi,
  topicKeys: (string | null | undefined)[]
): Promise<void> {
  if (strapi.db.dialect.client !== 'postgres') return;
  const keys = [...new Set(topicKeys.filter((k): k is string => Boolean(k)))].sort();
  for (const key of keys) {
    await strapi.db.transaction(({ trx }) =>
      trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [CLUSTER_LOCK, key])
    );
  }
}

export interface ClusterRules {
  radiusMeters: number;
  windowDays: number;
}

export async function clusterRules(strapi: Core.Strapi, topicKey: string): Promise<ClusterRules> {
  // Raw: this runs on every intake, and the query engine costs more than the query.
  const topic = (await inCurrentTransaction(
    strapi,
    (db) =>
      db('topics')
        .first('duplicate_radius_meters', 'duplicate_window_days')
        .where({ document_id: topicKey })
        .orderByRaw('published_at IS NULL') // the published version's settings first
  )) as
    | { duplicate_radius_meters?: number | null; duplicate_window_days?: number | null }
    | undefined;
  return {
    radiusMeters: topic?.duplicate_radius_meters ?? DEFAULT_RADIUS_M,
    windowDays: topic?.duplicate_window_days ?? DEFAULT_WINDOW_DAYS,
  };
}

export interface ClusterRow {
  id: number;
  documentId: string;
  referenceCode: string;
  latitude: number;
  longitude: number;
  receivedAt: Date;
  teamKey: string | null;
  fixedAt: Date;
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string | number);
}

/** Reports of a topic inside the box around a position (index range scan), as cluster rows. */
async function reportsNear(
  strapi: Core.Strapi,
  probe: { topicKey: string; position: Position; excludeId?: number },
  radiusMeters: number,
  statesSql: string,
  since: { column: 'received_at' | 'resolved_at'; at: Date }
): Promise<ClusterRow[]> {
  const box = boxAround(probe.position, radiusMeters);
  const rows = (await inCurrentTransaction(strapi, (db) =>
    db('reports')
      .select(
        'id',
        'document_id',
        'reference_code',
        'latitude',
        'longitude',
        'received_at',
        'resolved_at',
        'team_key'
      )
      .where('topic_key', probe.topicKey)
      .whereRaw(statesSql)
      .whereBetween('latitude', [box.minLatitude, box.maxLatitude])
      .whereBetween('longitude', [box.minLongitude, box.maxLongitude])
      .where(since.column, '>=', dbInstant(strapi, since.at))
      .whereNot('id', probe.excludeId ?? -1)
      .where((q) => q.where('awaiting_confirmation', false).orWhereNull('awaiting_confirmation'))
      .limit(500)
  )) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: Number(r.id),
    documentId: String(r.document_id),
    referenceCode: String(r.reference_code),
    latitude: Number(r.latitude),
    longitude: Number(r.longitude),
    receivedAt: toDate(r.received_at),
    teamKey: (r.team_key as string | null) ?? null,
    fixedAt: toDate(r.resolved_at ?? r.received_at),
  }));
}

export interface Probe {
  topicKey: string;
  position: Position;
  excludeId?: number;
}

/** The master an incoming report joins: the oldest open report of its topic within reach. */
export async function findOpenMaster(
  strapi: Core.Strapi,
  probe: Probe,
  now: Date,
  rules?: ClusterRules
): Promise<ClusterRow | null> {
  rules ??= await clusterRules(strapi, probe.topicKey);
  const since = new Date(now.getTime() - rules.windowDays * DAY_MS);
  const near = await reportsNear(strapi, probe, rules.radiusMeters, OPEN_REPORTS_SQL, {
    column: 'received_at',
    at: since,
  });
  return pickMaster(probe.position, rules.radiusMeters, near);
}

/** The earlier fixed report a new one repeats (same topic, same place, fixed recently). */
export async function findRecurrence(
  strapi: Core.Strapi,
  probe: Probe,
  now: Date,
  rules?: ClusterRules
): Promise<ClusterRow | null> {
  rules ??= await clusterRules(strapi, probe.topicKey);
  const since = new Date(now.getTime() - settings(strapi).triage.recurrenceDays * DAY_MS);
  const near = await reportsNear(strapi, probe, rules.radiusMeters, FIXED_REPORTS_SQL, {
    column: 'resolved_at',
    at: since,
  });
  return pickRecurrence(probe.position, rules.radiusMeters, near);
}

interface ClusterMember {
  id: number;
  documentId: string;
  referenceCode: string;
}

/** Citizens following a report, and its author. */
async function peopleOf(strapi: Core.Strapi, reportId: number) {
  const row = (await strapi.db.query(REPORT_UID).findOne({
    where: { id: reportId },
    select: ['id'],
    populate: { citizen: { select: ['id'] }, followers: { select: ['id'] } },
  })) as { citizen?: { id: number } | null; followers?: { id: number }[] } | null;
  return {
    author: row?.citizen?.id ?? null,
    followers: (row?.followers ?? []).map((f) => f.id),
  };
}

/** Duplicate count from the truth (the reports pointing at the master), priority refreshed. */
export async function recountCluster(strapi: Core.Strapi, masterId: number, now: Date) {
  const duplicateCount = await strapi.db
    .query(REPORT_UID)
    .count({ where: { duplicateOf: { id: masterId } } });
  await strapi.db.query(REPORT_UID).update({ where: { id: masterId }, data: { duplicateCount } });
  await refreshPriority(strapi, { id: masterId }, now);
  return duplicateCount;
}

export interface Absorbed {
  followersAdded: number[];
  duplicatesMoved: number[];
  duplicateCount: number;
}

/**
 * Makes `target` the master of `source`'s people and duplicates (the source itself must already
 * point at the target): its author and followers follow the target, its own duplicates now point
 * at the target, counts are recomputed, and both timelines say so. What moved is recorded in the
 * source's `merged` event, so a split can undo exactly that.
 */
export async function absorbInto(
  strapi: Core.Strapi,
  source: ClusterMember,
  target: ClusterMember,
  context: { actor: Actor; at: Date; fromState: string; automatic: boolean; reason?: string }
): Promise<Absorbed> {
  const reports = strapi.db.query(REPORT_UID);
  const sourcePeople = await peopleOf(strapi, source.id);
  const targetPeople = await peopleOf(strapi, target.id);
  const already = new Set([targetPeople.author, ...targetPeople.followers]);
  const followersAdded = [sourcePeople.author, ...sourcePeople.followers].filter(
    (id): id is number => id != null && !already.has(id)
  );
  const uniqueAdded = [...new Set(followersAdded)];
  if (uniqueAdded.length) {
    await reports.update({
      where: { id: target.id },
      data: { followers: { connect: uniqueAdded.map((id) => ({ id })) } },
    });
  }
  const moved = (await reports.findMany({
    where: { duplicateOf: { id: source.id } },
    select: ['id'],
  })) as { id: number }[];
  for (const { id } of moved) {
    await reports.update({ where: { id }, data: { duplicateOf: target.id } });
  }
  await reports.update({ where: { id: source.id }, data: { duplicateCount: 0 } });
  const duplicateCount = await recountCluster(strapi, target.id, context.at);

  const absorbed = {
    followersAdded: uniqueAdded,
    duplicatesMoved: moved.map((m) => m.id),
    duplicateCount,
  };
  await appendCaseEvent(strapi, 'report', source, {
    type: 'merged',
    visibility: 'internal',
    actor: context.actor,
    at: context.at,
    text: context.reason,
    data: {
      into: target.referenceCode,
      fromState: context.fromState,
      automatic: context.automatic,
      followersAdded: absorbed.followersAdded,
      duplicatesMoved: absorbed.duplicatesMoved,
    },
  });
  await appendCaseEvent(strapi, 'report', target, {
    type: 'merged',
    visibility: 'internal',
    actor: context.actor,
    at: context.at,
    text: context.reason,
    data: { from: source.referenceCode, automatic: context.automatic, duplicateCount },
  });
  return absorbed;
}
