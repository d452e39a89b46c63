/**
 * The digest's four sections for every office at once: one windowed query per table and section,
 * so the work follows what is due (overdue, due soon, emergencies, new arrivals), not how many
 * cases are stored. Each query has a range of an index to read: the open-case partial indexes on
 * `due_at` (their predicate repeated word for word, as SQLite needs), the emergencies index, the
 * reception index. PostgreSQL takes them; SQLite does once it has statistics (ANALYZE), and
 * before that seeks the open states of the queue index: open cases at worst, never every case.
 * Counts are complete (COUNT over the office), lists hold each office's most urgent few
 * (ROW_NUMBER over the office), merged across the tables by the domain.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { CaseKind } from '../../domain/case-kind';
import {
  DIGEST_LIST_LIMIT,
  emptyDigest,
  mergeSection,
  type DigestItem,
  type DigestPeriod,
  type DigestSection,
  type DigestSectionName,
  type OfficeDigest,
} from '../../domain/digest';
import { openStatesSql } from '../../database/indexes';
import { CASE_UIDS } from '../case-types';
import { dbInstant, fromDb } from '../raw-sql';

/** Most urgent first: the order of compareUrgency() in src/domain/digest.ts. */
const urgencyOrder = (kind: CaseKind) =>
  [
    kind === 'report' ? 'CASE WHEN emergency THEN 0 ELSE 1 END' : null,
    'CASE WHEN due_at IS NULL THEN 1 ELSE 0 END',
    'due_at',
    'received_at',
    'reference_code',
  ]
    .filter(Boolean)
    .join(', ');

type Filter = (query: Knex.QueryBuilder) => void;

export interface SectionFilter {
  section: DigestSectionName;
  kinds: CaseKind[];
  filter: Filter;
}

export function sectionFilters(
  strapi: Core.Strapi,
  period: DigestPeriod,
  now: Date
): SectionFilter[] {
  const at = (d: Date) => dbInstant(strapi, d) as Knex.Value;
  const all: CaseKind[] = ['report', 'request', 'complaint'];
  return [
    { section: 'emergencies', kinds: ['report'], filter: (q) => q.where('emergency', true) },
    { section: 'overdue', kinds: all, filter: (q) => q.where('due_at', '<', at(now)) },
    {
      section: 'dueSoon',
      kinds: all,
      filter: (q) =>
        q.where('due_at', '>=', at(now)).where('due_at', '<=', at(period.dueSoonUntil)),
    },
    {
      section: 'new',
      kinds: all,
      filter: (q) =>
        q.where('received_at', '>=', at(period.since)).where('received_at', '<', at(period.until)),
    },
  ];
}

interface Row {
  office_key: string;
  reference_code: string;
  document_id: string;
  due_at: unknown;
  received_at: unknown;
  emergency: unknown;
  office_total: number | string;
}

/** One table's part of one section, every office's count and most urgent few (built, not run). */
export function sectionQuery(
  strapi: Core.Strapi,
  kind: CaseKind,
  filter: Filter,
  limit: number
): Knex.QueryBuilder {
  const db = strapi.db.connection;
  const table = strapi.db.metadata.get(CASE_UIDS[kind]).tableName;
  const order = urgencyOrder(kind);
  const ranked = db(table)
    .select('office_key', 'reference_code', 'document_id', 'due_at', 'received_at')
    .select(db.raw(kind === 'report' ? 'emergency' : 'NULL AS emergency'))
    .select(db.raw(`ROW_NUMBER() OVER (PARTITION BY office_key ORDER BY ${order}) AS office_rank`))
    .select(db.raw('COUNT(*) OVER (PARTITION BY office_key) AS office_total'))
    // Open cases, in the partial indexes' own words; only cases routed to an office.
    .whereRaw(openStatesSql(kind))
    .whereNotNull('office_key');
  // A report waiting for its author's confirmation has not reached the offices yet.
  if (kind === 'report') {
    ranked.where((q) =>
      q.whereNull('awaiting_confirmation').orWhere('awaiting_confirmation', false)
    );
  }
  filter(ranked);
  return db.select('*').from(ranked.as('ranked')).where('office_rank', '<=', limit);
}

async function sectionPart(
  strapi: Core.Strapi,
  kind: CaseKind,
  filter: Filter,
  limit: number
): Promise<Map<string, DigestSection>> {
  const rows = (await sectionQuery(strapi, kind, filter, limit)) as Row[];
  const byOffice = new Map<string, DigestSection>();
  for (const row of rows) {
    let part = byOffice.get(row.office_key);
    if (!part) {
      part = { count: Number(row.office_total), items: [] };
      byOffice.set(row.office_key, part);
    }
    part.items.push(toItem(kind, row));
  }
  return byOffice;
}

function toItem(kind: CaseKind, row: Row): DigestItem {
  return {
    code: row.reference_code,
    kind,
    documentId: row.document_id,
    dueAt: fromDb(row.due_at),
    receivedAt: fromDb(row.received_at),
    emergency: row.emergency === true || row.emergency === 1 || row.emergency === '1',
  };
}

/** Every office with at least one case in a section, with its four sections. */
export async function gatherDigests(
  strapi: Core.Strapi,
  period: DigestPeriod,
  now: Date,
  limit = DIGEST_LIST_LIMIT
): Promise<Map<string, OfficeDigest>> {
  const digests = new Map<string, OfficeDigest>();
  for (const { section, kinds, filter } of sectionFilters(strapi, period, now)) {
    const parts = new Map<string, DigestSection[]>();
    for (const kind of kinds) {
      for (const [office, part] of await sectionPart(strapi, kind, filter, limit)) {
        parts.set(office, [...(parts.get(office) ?? []), part]);
      }
    }
    for (const [office, officeParts] of parts) {
      const digest = digests.get(office) ?? emptyDigest();
      digest[section] = mergeSection(officeParts, limit);
      digests.set(office, digest);
    }
  }
  return digests;
}
