/**
 * Indexes the queues and jobs need, which Strapi's schema.json cannot declare reliably. They are
 * created after Strapi's schema sync (database/migrations run before it, when the content-type
 * tables do not exist yet on a fresh database); `IF NOT EXISTS` makes the step idempotent and
 * Strapi's sync leaves indexes it did not create alone. Same SQL on SQLite and PostgreSQL.
 */
import type { Knex } from 'knex';

export interface IndexSpec {
  name: string;
  table: string;
  columns: string[];
  unique?: boolean;
  /** Partial index predicate (both databases support them). */
  where?: string;
}

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
];

export const INDEXES: IndexSpec[] = [
  ...caseIndexes('reports', 'priority'),
  ...caseIndexes('requests', 'due_at'),
  ...caseIndexes('complaints', 'due_at'),
  // Duplicate lookups and the public map: a bounding box on coordinates.
  { name: 'bc_reports_position', table: 'reports', columns: ['latitude', 'longitude'] },
  { name: 'bc_reports_topic_status', table: 'reports', columns: ['topic_key', 'state'] },
  { name: 'bc_case_events_case', table: 'case_events', columns: ['case_code', 'at'] },
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
];

export function createIndexSql(spec: IndexSpec): string {
  const unique = spec.unique ? 'UNIQUE ' : '';
  const cols = spec.columns.map((c) => `"${c}"`).join(', ');
  const where = spec.where ? ` WHERE ${spec.where}` : '';
  return `CREATE ${unique}INDEX IF NOT EXISTS "${spec.name}" ON "${spec.table}" (${cols})${where}`;
}

export async function ensureIndexes(knex: Knex, specs: IndexSpec[] = INDEXES): Promise<void> {
  for (const spec of specs) await knex.raw(createIndexSql(spec));
}
