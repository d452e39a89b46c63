/**
 * Indexes the queues and jobs need, which Strapi's schema.json cannot declare reliably. They are
 * created after Strapi's schema sync (database/migrations run before it, when the content-type
 * tables do not exist yet on a fresh database); `IF NOT EXISTS` makes the step idempotent and
 * Strapi's sync leaves indexes it did not create alone. Same SQL on SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';
import { OPEN_REPORT_STATES } from '../domain/lifecycle';

export interface IndexSpec {
  name: string;
  table: string;
  columns: string[];
  unique?: boolean;
  /** Partial index predicate (both databases support them). */
  where?: string;
}

/**
 * Cases closed and not anonymised yet: the retention job's candidates (src/jobs/retention.ts). The
 * partial index holds only them, so a run with nothing due reads nothing however many are stored.
 */
export const RETENTION_DUE_SQL = 'anonymised_at IS NULL AND closed_at IS NOT NULL';

/** Outbox rows that will not be sent again: the retention job deletes them once old. */
export const FINISHED_NOTIFICATIONS_SQL = "state IN ('sent', 'dead')";

const caseIndexes = (table: string, queueOrder: string): IndexSpec[] => [
  { name: `bc_${table}_reference_code_uq`, table, columns: ['reference_code'], unique: true },
  // The office queue: filter by state and office, order by priority (reports) or due date.
  { name: `bc_${table}_queue`, table, columns: ['state', 'office_key', queueOrder] },
  { name: `bc_${table}_team_queue`, table, columns: ['team_key', 'state'] },
  {
    name: `bc_${table}_next_action`,
    table,
    columns: ['next_action_at'],
    where: 'next_action_at IS NOT NULL',
  },
  { name: `bc_${table}_received`, table, columns: ['received_at'] },
  { name: `bc_${table}_retention_due`, table, columns: ['closed_at'], where: RETENTION_DUE_SQL },
];

/** The states of a case still waiting for the office: what the console's queues show by default. */
export const OPEN_STATES = {
  report: OPEN_REPORT_STATES,
  request: ['received', 'assigned', 'suspended'],
  complaint: ['received', 'assigned', 'suspended'],
} as const;

/**
 * The predicate of the open-case partial indexes. Queries repeat this exact text: SQLite uses a
 * partial index only when the query's WHERE contains the index's terms as written.
 */
export function openStatesSql(kind: keyof typeof OPEN_STATES): string {
  return `state IN (${OPEN_STATES[kind].map((s) => `'${s}'`).join(', ')})`;
}

/** Reports fixed (resolved or closed): a new report at the same place is a recurrence. */
export const FIXED_REPORTS_SQL = `state IN ('resolved', 'closed')`;
const OPEN_REPORTS_SQL = openStatesSql('report');

/** A queue of open cases, optionally narrowed by one key column, in the queue's order. */
const openQueue = (
  name: string,
  table: 'reports' | 'requests' | 'complaints',
  kind: keyof typeof OPEN_STATES,
  columns: string[]
): IndexSpec => ({ name, table, columns: [...columns, 'id'], where: openStatesSql(kind) });

/** The console's queues (open cases by office, by team or overall) and the digest's due ranges. */
const openQueueIndexes: IndexSpec[] = [
  openQueue('bc_reports_open_office_priority', 'reports', 'report', ['office_key', 'priority']),
  openQueue('bc_reports_open_team_priority', 'reports', 'report', ['team_key', 'priority']),
  openQueue('bc_reports_open_priority', 'reports', 'report', ['priority']),
  // The daily digest's overdue and due-soon ranges (requests and complaints have theirs above).
  openQueue('bc_reports_open_due', 'reports', 'report', ['due_at']),
  openQueue('bc_requests_open_office_due', 'requests', 'request', ['office_key', 'due_at']),
  openQueue('bc_requests_open_due', 'requests', 'request', ['due_at']),
  openQueue('bc_complaints_open_office_due', 'complaints', 'complaint', ['office_key', 'due_at']),
  openQueue('bc_complaints_open_due', 'complaints', 'complaint', ['due_at']),
  // The console map: open reports in a box of latitude and longitude (clusters or markers). The
  // state leads, redundant with the predicate, so that SQLite without statistics prefers this
  // index (state IN + a latitude range) to one that only matches the state. It also holds every
  // column the map's clusters and filters read, so a city-wide view of 300,000 open reports is an
  // index-only scan on PostgreSQL, not 300,000 visits to the table (docs/BENCHMARKS.md).
  openQueue('bc_reports_open_map', 'reports', 'report', [
    'state',
    'latitude',
    'longitude',
    'priority',
    'emergency',
    'due_at',
    'reference_code',
    'office_key',
    'team_key',
    'topic_key',
  ]),
];

export const INDEXES: IndexSpec[] = [
  ...caseIndexes('reports', 'priority'),
  ...caseIndexes('requests', 'due_at'),
  ...caseIndexes('complaints', 'due_at'),
  ...openQueueIndexes,
  // Duplicate lookups and the public map: a bounding box on coordinates.
  { name: 'bc_reports_position', table: 'reports', columns: ['latitude', 'longitude'] },
  { name: 'bc_reports_topic_status', table: 'reports', columns: ['topic_key', 'state'] },
  { name: 'bc_case_events_case', table: 'case_events', columns: ['case_code', 'at'] },
  // Open data (src/lib/open-data/reports.ts): a period's reports in keyset batches of (received_at,
  // id), each batch a range scan from where the last ended.
  { name: 'bc_reports_received_id', table: 'reports', columns: ['received_at', 'id'] },
  // Triage (src/lib/triage): duplicate and recurrence lookups by topic and position, restricted
  // to open or fixed reports; the priority refresh; untaken emergencies.
  {
    // received_at last: the window is checked in the index, so only reports of the window are read.
    name: 'bc_reports_open_nearby',
    table: 'reports',
    columns: ['topic_key', 'latitude', 'longitude', 'received_at'],
    where: OPEN_REPORTS_SQL,
  },
  {
    name: 'bc_reports_fixed_nearby',
    table: 'reports',
    columns: ['topic_key', 'latitude', 'longitude', 'resolved_at'],
    where: FIXED_REPORTS_SQL,
  },
  {
    name: 'bc_reports_priority_review',
    table: 'reports',
    columns: ['priority_review_at'],
    where: 'priority_review_at IS NOT NULL',
  },
  {
    name: 'bc_reports_emergencies',
    table: 'reports',
    columns: ['state', 'emergency', 'received_at'],
  },
  // Office KPIs: escalations and spent rating invitations of a period.
  { name: 'bc_escalations_escalated', table: 'escalations', columns: ['escalated_at'] },
  {
    name: 'bc_rating_invitations_used',
    table: 'rating_invitations',
    columns: ['used_at'],
    where: 'used_at IS NOT NULL',
  },
  // Public aggregates of page and channel ratings over a period (src/lib/page-ratings.ts); the
  // page index serves the staff's reading of one page's ratings.
  {
    name: 'bc_page_ratings_service',
    table: 'page_ratings',
    columns: ['service_document_id', 'rated_at'],
  },
  { name: 'bc_page_ratings_page', table: 'page_ratings', columns: ['page_url', 'rated_at'] },
  { name: 'bc_page_ratings_channel', table: 'page_ratings', columns: ['channel', 'rated_at'] },
  // Survey results, the quality report, open data and the KPIs' satisfaction: a survey's answers
  // (or invitations) of a period.
  {
    name: 'bc_survey_responses_survey',
    table: 'survey_responses',
    columns: ['survey_document_id', 'submitted_at'],
  },
  { name: 'bc_survey_responses_submitted', table: 'survey_responses', columns: ['submitted_at'] },
  {
    name: 'bc_survey_invitations_survey',
    table: 'survey_invitations',
    columns: ['survey_document_id', 'invited_at'],
  },
  { name: 'bc_citizens_email_uq', table: 'citizens', columns: ['email'], unique: true },
  {
    name: 'bc_notifications_dedupe_uq',
    table: 'notifications',
    columns: ['dedupe_key'],
    unique: true,
  },
  {
    name: 'bc_notifications_due',
    table: 'notifications',
    columns: ['state', 'next_attempt_at'],
    where: "state IN ('pending', 'failed')",
  },
  {
    name: 'bc_notifications_finished',
    table: 'notifications',
    columns: ['created_at'],
    where: FINISHED_NOTIFICATIONS_SQL,
  },
];

export function createIndexSql(spec: IndexSpec): string {
  const unique = spec.unique ? 'UNIQUE ' : '';
  const cols = spec.columns.map((c) => `"${c}"`).join(', ');
  const where = spec.where ? ` WHERE ${spec.where}` : '';
  return `CREATE ${unique}INDEX IF NOT EXISTS "${spec.name}" ON "${spec.table}" (${cols})${where}`;
}

/** Indexes an earlier version created that a newer one replaced: dropped at start-up. */
export const OBSOLETE_INDEXES = [
  // Replaced by bc_reports_open_map, which holds the same leading columns and more.
  'bc_reports_open_position',
];

export async function ensureIndexes(
  knex: Knex,
  specs: IndexSpec[] = INDEXES,
  obsolete: string[] = OBSOLETE_INDEXES
): Promise<void> {
  for (const name of obsolete) await knex.raw(`DROP INDEX IF EXISTS "${name}"`);
  for (const spec of specs) await knex.raw(createIndexSql(spec));
}
