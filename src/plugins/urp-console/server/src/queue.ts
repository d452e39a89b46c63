/**
 * The triage queue: one raw query on the case table, filtered on the scalar queue keys
 * (officeKey, teamKey, topicKey) the write gate maintains, never through Strapi's relation
 * filters, whose joins on link tables are what makes the generic list slow. Open cases are read
 * through the partial indexes of src/database/indexes.ts, whose predicate the query repeats word
 * for word. Emergencies come first on their own: their score starts at 50 000.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { CASE_KINDS, type CaseKind } from '../../../../domain/case-kind';
import { statusesOf } from '../../../../domain/lifecycle';
import { PRIORITY_BANDS, bandOf, bandRange } from '../../../../domain/priority';
import type { ReadScope } from '../../../../domain/staff-scope';
import { OPEN_STATES, openStatesSql } from '../../../../database/indexes';
import { CASE_UIDS } from '../../../../lib/case-types';
import { clock } from '../../../../lib/clock';
import { invalid, parseInput } from './input';
import {
  applyCursor,
  decodeCursor,
  encodeCursor,
  orderBySql,
  type SortKey,
  type SortSpec,
} from './keyset';
import {
  dbInstant,
  fromDb,
  isPostgres,
  isoOrNull,
  joinTableOf,
  likeLiteral,
  tableOf,
  truthy,
} from '../../../../lib/raw-sql';

const BY_PRIORITY: SortSpec = {
  name: 'priority',
  desc: true,
  keys: [{ column: 'priority', nulls: 'natural' }, { column: 'id' }],
};
const BY_RECEPTION: SortSpec = {
  name: 'receivedAt',
  desc: false,
  keys: [{ column: 'received_at', instant: true }, { column: 'id' }],
};
const BY_DUE_DATE: SortSpec = {
  name: 'dueAt',
  desc: false,
  keys: [{ column: 'due_at', instant: true, nulls: 'last' }, { column: 'id' }],
};
/** Requests and complaints: the soonest deadline, then the oldest (issue 4); suspended cases
 * have no deadline and come last. */
const BY_DEADLINE_THEN_AGE: SortSpec = {
  name: 'dueAt',
  desc: false,
  keys: [
    { column: 'due_at', instant: true, nulls: 'last' },
    { column: 'received_at', instant: true },
    { column: 'id' },
  ],
};
const ANSWERABLE_SORTS = { dueAt: BY_DEADLINE_THEN_AGE, receivedAt: BY_RECEPTION };
const SORTS: Record<CaseKind, Record<string, SortSpec>> = {
  report: { priority: BY_PRIORITY, receivedAt: BY_RECEPTION, dueAt: BY_DUE_DATE },
  request: ANSWERABLE_SORTS,
  complaint: ANSWERABLE_SORTS,
};
const DEFAULT_SORT: Record<CaseKind, string> = {
  report: 'priority',
  request: 'dueAt',
  complaint: 'dueAt',
};

const documentId = z.string().trim().min(1).max(40);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The filters of the queue, its counts and the map: one schema, one parser, one query builder. */
export const caseFiltersSchema = z.object({
  kind: z.enum(CASE_KINDS).default('report'),
  office: documentId.optional(),
  team: documentId.optional(),
  topic: documentId.optional(),
  status: z.string().trim().min(1).max(200).optional(),
  band: z.enum(PRIORITY_BANDS).optional(),
  overdue: flag.optional(),
  emergency: flag.optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

const queueQuerySchema = caseFiltersSchema.extend({
  sort: z.string().trim().optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().trim().min(1).max(500).optional(),
});

export interface CaseFilters {
  kind: CaseKind;
  office?: string;
  team?: string;
  topic?: string;
  statuses: string[];
  band?: (typeof PRIORITY_BANDS)[number];
  overdue: boolean;
  emergency: boolean;
  q?: string;
}

export interface QueueQuery extends CaseFilters {
  sort: SortSpec;
  pageSize: number;
  cursor?: string;
}

function parseStatuses(kind: CaseKind, raw: string | undefined): string[] {
  if (!raw) return [...OPEN_STATES[kind]];
  const known = statusesOf(kind) as readonly string[];
  const asked = [...new Set(raw.split(',').map((s) => s.trim()))].filter(Boolean);
  const unknown = asked.filter((s) => !known.includes(s));
  if (!asked.length || unknown.length) {
    throw invalid('status', `statuses of a ${kind} are: ${known.join(', ')}`);
  }
  return asked;
}

/** The filters of a query string already parsed with caseFiltersSchema (or a schema extending it). */
export function caseFilters(input: z.infer<typeof caseFiltersSchema>): CaseFilters {
  const { kind } = input;
  if (kind !== 'report' && input.band) throw invalid('band', 'only reports have a priority band');
  if (kind !== 'report' && input.emergency) {
    throw invalid('emergency', 'only reports are flagged as emergencies');
  }
  return {
    kind,
    office: input.office,
    team: input.team,
    topic: input.topic,
    statuses: parseStatuses(kind, input.status),
    band: input.band,
    overdue: input.overdue ?? false,
    emergency: input.emergency ?? false,
    q: input.q,
  };
}

export function parseQueueQuery(raw: unknown): QueueQuery {
  const input = parseInput(queueQuerySchema, raw);
  const filters = caseFilters(input);
  const { kind } = filters;
  const sortName = input.sort ?? DEFAULT_SORT[kind];
  const sort = SORTS[kind][sortName];
  if (!sort) {
    throw invalid('sort', `a ${kind} queue sorts by ${Object.keys(SORTS[kind]).join(', ')}`);
  }
  return { ...filters, sort, pageSize: input.pageSize, cursor: input.cursor };
}

/** Only the cases the staff member may read; the scope is part of the query, not a filter after. */
function applyScope(strapi: Core.Strapi, query: Knex.QueryBuilder, kind: CaseKind, s: ReadScope) {
  if (s.all) return;
  const assignee = joinTableOf(strapi, CASE_UIDS[kind], 'assignee');
  query.where((w) => {
    w.whereRaw('1 = 0'); // no reach at all: nothing
    if (s.offices.length) w.orWhereIn('office_key', s.offices);
    if (s.teams.length) w.orWhereIn('team_key', s.teams);
    if (s.assigneeId != null) {
      w.orWhereIn(
        'id',
        strapi.db
          .connection(assignee.name)
          .select(assignee.ownerColumn)
          .where(assignee.targetColumn, s.assigneeId)
      );
    }
  });
}

/** The filters shared by the queue page, its counts and the map, within the reader's scope. */
export function filteredCases(
  strapi: Core.Strapi,
  q: CaseFilters,
  scope: ReadScope
): Knex.QueryBuilder {
  const db = strapi.db.connection;
  const query = db(strapi.db.metadata.get(CASE_UIDS[q.kind]).tableName);
  const open = OPEN_STATES[q.kind] as readonly string[];
  const onlyOpen = q.statuses.every((s) => open.includes(s));
  // Open cases only: say so in the partial indexes' own words, then narrow down if asked.
  if (onlyOpen) query.whereRaw(openStatesSql(q.kind));
  if (!onlyOpen || q.statuses.length < open.length) query.whereIn('state', q.statuses);
  if (q.office) query.where('office_key', q.office);
  if (q.team) query.where('team_key', q.team);
  if (q.topic) query.where('topic_key', q.topic);
  if (q.band) {
    const { min, max } = bandRange(q.band);
    query.where('priority', '>=', min);
    if (max != null) query.where('priority', '<', max);
  }
  if (q.overdue) query.where('due_at', '<', dbInstant(strapi, clock.now()) as Knex.Value);
  if (q.emergency) query.where('emergency', true);
  if (q.q) {
    const code = `${likeLiteral(q.q.toUpperCase())}%`;
    const words = `%${likeLiteral(q.q.toLowerCase())}%`;
    query.where((w) => {
      w.whereRaw(`reference_code LIKE ? ESCAPE '\\'`, [code]);
      w.orWhereRaw(`LOWER(description) LIKE ? ESCAPE '\\'`, [words]);
      if (q.kind !== 'report') w.orWhereRaw(`LOWER(subject) LIKE ? ESCAPE '\\'`, [words]);
    });
  }
  applyScope(strapi, query, q.kind, scope);
  return query;
}

const EXCERPT = 200;

function queueColumns(kind: CaseKind): string[] {
  const common = [
    'id',
    'document_id',
    'reference_code',
    'state',
    'due_at',
    'received_at',
    'office_key',
    'team_key',
    'topic_key',
  ];
  if (kind !== 'report') return [...common, 'subject'];
  return [
    ...common,
    'priority',
    'emergency',
    'duplicate_count',
    'supporter_count',
    'address',
    'latitude',
    'longitude',
  ];
}

type Row = Record<string, unknown>;

function cursorValue(key: SortKey, row: Row): number | string | null {
  const value = row[key.column];
  if (value == null) return null;
  if (key.instant) return (fromDb(value) as Date).getTime();
  return typeof value === 'number' ? value : Number(value);
}

/** Admin user ids assigned to the page's cases (a lookup by case id in the assignee link). */
/** The assignee as a column of the page's own query: one round trip, not two. */
function assigneeColumn(strapi: Core.Strapi, kind: CaseKind, table: string) {
  const link = joinTableOf(strapi, CASE_UIDS[kind], 'assignee');
  return strapi.db.connection.raw(
    `(SELECT ?? FROM ?? WHERE ?? = ??.id ORDER BY ?? LIMIT 1) AS assignee_id`,
    [link.targetColumn, link.name, link.ownerColumn, table, link.targetColumn]
  );
}

function toQueueRow(kind: CaseKind, r: Row, assigneeId: number | null, now: Date) {
  const dueAt = fromDb(r.due_at);
  const base = {
    code: r.reference_code as string,
    documentId: r.document_id as string,
    kind,
    state: r.state as string,
    dueAt: dueAt?.toISOString() ?? null,
    overdue: Boolean(dueAt && dueAt.getTime() < now.getTime()),
    receivedAt: isoOrNull(r.received_at),
    officeKey: (r.office_key as string | null) ?? null,
    teamKey: (r.team_key as string | null) ?? null,
    topicKey: (r.topic_key as string | null) ?? null,
    assigneeId,
    excerpt: (r.excerpt as string | null) ?? '',
  };
  if (kind !== 'report') return { ...base, subject: r.subject as string };
  const priority = r.priority == null ? null : Number(r.priority);
  return {
    ...base,
    priority,
    band: priority == null ? null : bandOf(priority),
    emergency: truthy(r.emergency),
    duplicateCount: Number(r.duplicate_count ?? 0),
    supporterCount: Number(r.supporter_count ?? 0),
    address: (r.address as string | null) ?? null,
    latitude: r.latitude == null ? null : Number(r.latitude),
    longitude: r.longitude == null ? null : Number(r.longitude),
  };
}

/**
 * Sorted by reception or deadline, a report queue still shows its emergencies first: they leave
 * the sorted list and are pinned above its first page (by priority, they lead it anyway).
 */
function pinsEmergencies(q: QueueQuery): boolean {
  return q.kind === 'report' && q.sort.name !== 'priority' && !q.emergency;
}

function withColumns(strapi: Core.Strapi, q: QueueQuery, query: Knex.QueryBuilder) {
  return query
    .select(queueColumns(q.kind))
    .select(strapi.db.connection.raw(`SUBSTR(description, 1, ${EXCERPT}) AS excerpt`))
    .select(assigneeColumn(strapi, q.kind, tableOf(strapi, CASE_UIDS[q.kind])));
}

/** The page's query, built but not run (tests ask the planner about it). */
export function queueQuery(strapi: Core.Strapi, q: QueueQuery, scope: ReadScope) {
  const postgres = isPostgres(strapi);
  const query = withColumns(strapi, q, filteredCases(strapi, q, scope));
  if (pinsEmergencies(q)) {
    query.where((w) => w.where('emergency', false).orWhereNull('emergency'));
  }
  if (q.cursor) {
    applyCursor(query, q.sort, decodeCursor(q.sort, q.cursor), postgres, (key, value) =>
      key.instant && value != null ? dbInstant(strapi, new Date(value)) : value
    );
  }
  return query.orderByRaw(orderBySql(q.sort, postgres)).limit(q.pageSize + 1);
}

const MAX_PINNED = 100;

export async function queuePage(strapi: Core.Strapi, q: QueueQuery, scope: ReadScope) {
  const rows = (await queueQuery(strapi, q, scope)) as Row[];
  const page = rows.slice(0, q.pageSize);
  const pinned =
    pinsEmergencies(q) && !q.cursor
      ? ((await withColumns(strapi, q, filteredCases(strapi, q, scope))
          .where('emergency', true)
          .orderBy([
            { column: 'priority', order: 'desc' },
            { column: 'id', order: 'asc' },
          ])
          .limit(MAX_PINNED)) as Row[])
      : [];
  const now = clock.now();
  const last = page[page.length - 1];
  const view = (r: Row) =>
    toQueueRow(q.kind, r, r.assignee_id == null ? null : Number(r.assignee_id), now);
  return {
    data: [...pinned.map((r) => ({ ...view(r), pinned: true })), ...page.map(view)],
    meta: {
      kind: q.kind,
      sort: q.sort.name,
      pageSize: q.pageSize,
      pinned: pinned.length,
      nextCursor:
        rows.length > q.pageSize && last
          ? encodeCursor(
              q.sort,
              q.sort.keys.map((k) => cursorValue(k, last))
            )
          : null,
    },
  };
}

/** Badges: cases per status within scope and filters, and how many are overdue or emergencies. */
export async function queueCounts(strapi: Core.Strapi, q: QueueQuery, scope: ReadScope) {
  const byState = (await filteredCases(strapi, q, scope)
    .select('state')
    .count({ n: '*' })
    .groupBy('state')) as { state: string; n: number | string }[];
  const now = dbInstant(strapi, clock.now()) as Knex.Value;
  const [{ n: overdue }] = (await filteredCases(strapi, q, scope)
    .where('due_at', '<', now)
    .count({ n: '*' })) as { n: number | string }[];
  let emergency = 0;
  if (q.kind === 'report') {
    const [row] = (await filteredCases(strapi, q, scope)
      .where('emergency', true)
      .count({ n: '*' })) as { n: number | string }[];
    emergency = Number(row.n);
  }
  const statuses = Object.fromEntries(q.statuses.map((s) => [s, 0]));
  for (const r of byState) statuses[r.state] = Number(r.n);
  return {
    data: {
      kind: q.kind,
      statuses,
      total: Object.values(statuses).reduce((a, b) => a + b, 0),
      overdue: Number(overdue),
      emergency,
    },
  };
}
