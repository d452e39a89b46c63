/**
 * Bulk generator of synthetic cases for the demo and for benchmarks: plain multi-row INSERTs
 * through knex (one round trip per batch, not one API call per row), with table and column names
 * read from Strapi's metadata. Histories are walked through the domain lifecycle and due dates
 * come from the same schedule as live cases, so generated data obeys the same rules.
 */
import type { Core } from '@strapi/strapi';
import type { WorkingCalendar } from '../domain/calendar';
import type { CaseKind } from '../domain/case-kind';
import type { DeadlinePolicy } from '../domain/deadlines';
import { priorityOf } from '../domain/priority';
import { mulberry32 } from '../domain/random';
import { scheduleCase } from '../domain/case-schedule';
import { isOpenReport, planTransition, type LifecycleStamps } from '../domain/lifecycle';
import { documentId, insertRows, linkSpec, links, type LinkSpec } from '../lib/bulk-insert';
import { CASE_EVENT_UID, CASE_UIDS } from '../lib/case-types';
import { allocateReferenceCodes } from '../lib/reference-codes';
import { citizenNames, streets } from './data';

export interface TopicRef {
  /** Row ids of the topic's Italian draft and published versions (Strapi links a case to both). */
  rowIds: number[];
  documentId: string;
  kinds: CaseKind[];
  resolutionDays: number;
  urgentResolutionHours: number | null;
  /** The topic's first-response target in working days (null: the settings' default). */
  firstResponseDays?: number | null;
  officeRowIds: number[];
  officeDocumentId: string | null;
  descriptions: string[];
}
export interface TeamRef {
  id: number;
  documentId: string;
  officeDocumentId: string | null;
}

export interface BulkOptions {
  counts: Partial<Record<CaseKind, number>>;
  now: Date;
  daysBack: number;
  topics: TopicRef[];
  teams: TeamRef[];
  calendar: WorkingCalendar;
  /** The deadline policy of the settings (default: the built-in one). */
  policy?: DeadlinePolicy;
  seed?: number;
  withEvents?: boolean;
  batchSize?: number;
  onProgress?: (kind: CaseKind, done: number, total: number) => void;
}

// Paths from "received" to each reachable status (the generator replays them step by step).
const REPORT_PATHS: string[][] = [
  [],
  ['triaged'],
  ['triaged', 'assigned'],
  ['triaged', 'assigned', 'in_progress'],
  ['triaged', 'assigned', 'in_progress', 'resolved'],
  ['triaged', 'assigned', 'in_progress', 'resolved', 'closed'],
  ['triaged', 'rejected'],
  ['duplicate'],
];
const ANSWERABLE_PATHS: string[][] = [
  [],
  ['assigned'],
  ['assigned', 'suspended'],
  ['assigned', 'suspended', 'assigned'],
  ['assigned', 'answered'],
  ['assigned', 'answered', 'closed'],
  ['rejected'],
];

/** A small pool of synthetic citizens (addresses on the reserved example.org domain). */
export async function insertCitizens(
  strapi: Core.Strapi,
  count: number,
  now: Date,
  random = mulberry32(7)
) {
  const table = strapi.db.metadata.get('api::citizen.citizen').tableName;
  const at = now;
  const stamp = Date.now().toString(36);
  const rows = Array.from({ length: count }, (_, i) => {
    const first = citizenNames.first[Math.floor(random() * citizenNames.first.length)];
    const last = citizenNames.last[Math.floor(random() * citizenNames.last.length)];
    return {
      document_id: documentId(),
      email: `${first}.${last}.${stamp}${i}@example.org`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
      name: `${first} ${last}`,
      phone: random() < 0.5 ? `+39 3${Math.floor(100000000 + random() * 899999999)}` : null,
      verified: random() < 0.7,
      blocked: false,
      reputation: 0.5,
      reports_total: 0,
      reports_accurate: 0,
      reports_inaccurate: 0,
      reports_fake: 0,
      privacy_consent_at: at,
      language: random() < 0.85 ? 'it' : 'en',
      created_at: at,
      updated_at: at,
      published_at: at,
    };
  });
  return insertRows(strapi.db.connection, table, rows, true);
}

interface Generated {
  row: Record<string, unknown>;
  citizenId: number;
  topic: TopicRef;
  team: TeamRef | null;
  events: Record<string, unknown>[];
}

function generateCase(
  kind: CaseKind,
  code: string,
  opts: BulkOptions,
  random: () => number,
  citizenIds: number[],
  kindTopics: TopicRef[]
): Generated {
  const { now, daysBack, calendar } = opts;
  const topic = kindTopics[Math.floor(random() * kindTopics.length)];
  const ageMs = Math.pow(random(), 0.8) * daysBack * 86_400_000;
  const receivedAt = new Date(now.getTime() - ageMs);
  const paths = kind === 'report' ? REPORT_PATHS : ANSWERABLE_PATHS;
  // Older cases are further along their lifecycle.
  const progress = Math.min(
    paths.length - 1,
    Math.floor((random() * 0.6 + (ageMs / (daysBack * 86_400_000)) * 0.6) * paths.length)
  );
  const path = paths[progress];

  const declaredUrgency = 1 + Math.floor(random() * 5);
  const emergency = kind === 'report' && random() < 0.01;
  const street = streets[Math.floor(random() * streets.length)];
  const base: Record<string, unknown> = {
    document_id: documentId(),
    reference_code: code,
    channel: ['web', 'app', 'phone', 'email', 'counter'][Math.floor(random() ** 2 * 5)],
    escalation_level: 0,
    received_at: receivedAt,
    office_key: topic.officeDocumentId,
    topic_key: topic.documentId,
    team_key: null,
  };
  const description = topic.descriptions[Math.floor(random() * topic.descriptions.length)];
  if (kind === 'report') {
    Object.assign(base, {
      description: `${description} (${street.name})`,
      latitude: street.latitude + (random() - 0.5) * 0.002,
      longitude: street.longitude + (random() - 0.5) * 0.003,
      address: `${street.name}, ${1 + Math.floor(random() * 120)}, Pisa`,
      declared_urgency: declaredUrgency,
      emergency,
      duplicate_count: 0,
    });
  } else {
    Object.assign(base, {
      subject: description.slice(0, 120),
      description,
      ...(kind === 'request'
        ? { kind: ['information', 'verification', 'suggestion'][Math.floor(random() * 3)] }
        : {}),
    });
  }

  // Replay the lifecycle with increasing timestamps between reception and now.
  let status = 'received';
  let stamps: LifecycleStamps = {};
  let at = receivedAt;
  const events: Record<string, unknown>[] = [
    { type: 'created', visibility: 'public', to_status: 'received', at: receivedAt },
  ];
  const span = now.getTime() - receivedAt.getTime();
  for (const next of path) {
    at = new Date(at.getTime() + random() * (span / (path.length + 1)));
    const plan = planTransition(kind, status, next, at, stamps);
    stamps = { ...stamps, ...plan.patch };
    events.push({
      type: 'status_changed',
      visibility: 'public',
      from_status: status,
      to_status: next,
      at,
    });
    status = next;
  }
  const team =
    kind === 'report' && ['assigned', 'in_progress', 'resolved', 'closed'].includes(status)
      ? (opts.teams.find((t) => t.officeDocumentId === topic.officeDocumentId) ?? null)
      : null;
  if (team) base.team_key = team.documentId;

  const instant = (v: string | null | undefined) => (v ? new Date(v) : null);
  // As if the deadline engine had kept up: every step up to the seeding instant counts as
  // handled, so the next action is the case's first step after `now` (not a year of backlog).
  const schedule = scheduleCase(
    {
      kind,
      state: status,
      receivedAt,
      serviceLevel: topic,
      suspensions: stamps.suspensions,
      emergency,
      declaredUrgency,
      firstResponseAt: instant(stamps.firstResponseAt),
      resolvedAt: instant(stamps.resolvedAt),
      stepsDoneUntil: now,
    },
    calendar,
    opts.policy
  );
  if (kind === 'report') {
    // The triage engine's score (src/domain/priority.ts) as of the seeding instant.
    const score = priorityOf(
      { emergency, declaredUrgency, reporters: 1, receivedAt, dueAt: schedule.dueAt },
      now
    );
    base.priority = score.score;
    base.priority_review_at = isOpenReport(status) ? score.reviewAt : null;
  }
  if (kind === 'report' && status === 'closed') {
    base.rating_score = 1 + Math.floor(random() * 5);
    base.qualification = random() < 0.85 ? 'accurate' : 'partly_accurate';
  }
  if (kind !== 'report' && ['answered', 'closed'].includes(status)) {
    base.answer =
      'Gentile cittadino, la sua richiesta è stata esaminata e accolta. Cordiali saluti, URP.';
    if (kind === 'complaint')
      base.outcome = ['upheld', 'partly_upheld', 'rejected'][Math.floor(random() * 3)];
  }
  Object.assign(base, {
    state: status,
    first_response_at: instant(stamps.firstResponseAt),
    resolved_at: instant(stamps.resolvedAt),
    closed_at: instant(stamps.closedAt),
    due_at: schedule.dueAt,
    first_response_due_at: schedule.firstResponseDueAt,
    next_action_at: schedule.nextActionAt,
    steps_done_until: now,
    created_at: receivedAt,
    updated_at: at,
    published_at: receivedAt,
  });
  if (kind !== 'report')
    base.suspensions = stamps.suspensions ? JSON.stringify(stamps.suspensions) : null;

  return {
    row: base,
    citizenId: citizenIds[Math.floor(random() * citizenIds.length)],
    topic,
    team,
    events: events.map((e) => ({
      ...e,
      case_kind: kind,
      case_code: code,
      actor_type: e.type === 'created' ? 'citizen' : 'staff',
    })),
  };
}

/** Generates and inserts the requested cases; returns how many of each kind were written. */
export async function generateCases(strapi: Core.Strapi, citizenIds: number[], opts: BulkOptions) {
  const random = mulberry32(opts.seed ?? 42);
  const db = strapi.db.connection;
  const batchSize = opts.batchSize ?? 2000;
  const eventTable = strapi.db.metadata.get(CASE_EVENT_UID).tableName;
  const written: Partial<Record<CaseKind, number>> = {};

  for (const kind of Object.keys(opts.counts) as CaseKind[]) {
    const total = opts.counts[kind] ?? 0;
    const uid = CASE_UIDS[kind];
    const table = strapi.db.metadata.get(uid).tableName;
    // Each relation of a generated case and the target rows it links to.
    const relations: [LinkSpec, (c: Generated) => number[]][] = [
      [linkSpec(strapi, uid, 'citizen'), (c) => [c.citizenId]],
      [linkSpec(strapi, uid, 'office'), (c) => c.topic.officeRowIds],
      [linkSpec(strapi, uid, 'topic'), (c) => c.topic.rowIds],
      [linkSpec(strapi, uid, 'team'), (c) => (c.team ? [c.team.id] : [])],
    ];
    const eventLink = linkSpec(strapi, CASE_EVENT_UID, kind);
    const kindTopics = opts.topics.filter((t) => t.kinds.includes(kind));
    if (!kindTopics.length) throw new Error(`No topic accepts ${kind}s: seed the catalogue first`);

    for (let done = 0; done < total; ) {
      const n = Math.min(batchSize, total - done);
      await db.transaction(async (trx) => {
        const year = opts.calendar.localDate(opts.now).year;
        const codes = await allocateReferenceCodes(trx, kind, year, n);
        const cases = codes.map((code) =>
          generateCase(kind, code, opts, random, citizenIds, kindTopics)
        );
        const ids = await insertRows(
          trx,
          table,
          cases.map((c) => c.row),
          true
        );
        for (const [spec, targets] of relations) {
          const pairs = cases.flatMap((c, i) =>
            targets(c).map((to) => [ids[i], to] as [number, number])
          );
          await insertRows(trx, spec.table, links(spec, pairs));
        }

        if (opts.withEvents !== false) {
          const events = cases.flatMap((c, i) => c.events.map((e) => ({ e, caseId: ids[i] })));
          const eventIds = await insertRows(
            trx,
            eventTable,
            events.map(({ e }) => ({
              document_id: documentId(),
              ...e,
              created_at: e.at,
              updated_at: e.at,
              published_at: e.at,
            })),
            true
          );
          await insertRows(
            trx,
            eventLink.table,
            links(
              eventLink,
              events.map(({ caseId }, i) => [eventIds[i], caseId])
            )
          );
        }
      });
      done += n;
      opts.onProgress?.(kind, done, total);
    }
    written[kind] = total;
  }
  return written;
}
