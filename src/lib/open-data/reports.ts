/**
 * The reports of an open data export, read in keyset batches of (received_at, id) on the index
 * bc_reports_received_id: a year of a big city streams out batch by batch, never held in memory
 * whole, and each batch costs the same however far into the period it is.
 */
import type { Core } from '@strapi/strapi';
import { reportRow, type ReportRow } from '../../domain/open-data';
import { CASE_UIDS } from '../case-types';
import { publicReportsOnly } from '../public-views';
import { dbInstant, fromDb, tableOf } from '../raw-sql';
import { cityCalendar } from '../settings';

export const REPORT_BATCH_SIZE = 5000;

const TOPIC_UID = 'api::topic.topic';
const OFFICE_UID = 'api::office.office';

/** Only these columns are read: what a row may hold, and the keys to name topic and office. */
const COLUMNS = [
  'id',
  'reference_code',
  'state',
  'channel',
  'received_at',
  'due_at',
  'first_response_at',
  'resolved_at',
  'closed_at',
  'latitude',
  'longitude',
  'topic_key',
  'office_key',
];

interface Named {
  documentId: string;
  locale: string;
  name: string;
  code?: string;
}

/** Published topics or offices by documentId, in Italian when translated (small tables). */
async function publishedByDocument(
  strapi: Core.Strapi,
  uid: typeof TOPIC_UID | typeof OFFICE_UID,
  fields: string[]
): Promise<Map<string, Named>> {
  const rows = (await strapi.db.query(uid).findMany({
    where: { publishedAt: { $notNull: true } },
    select: ['documentId', 'locale', ...fields],
  })) as Named[];
  const byDocument = new Map<string, Named>();
  for (const row of rows) {
    if (!byDocument.has(row.documentId) || row.locale === 'it') byDocument.set(row.documentId, row);
  }
  return byDocument;
}

/** The documentId of the published topic with this code, if any. */
export async function topicKeyOfCode(strapi: Core.Strapi, code: string): Promise<string | null> {
  const found = (await strapi.db.query(TOPIC_UID).findOne({
    where: { code, publishedAt: { $notNull: true } },
    select: ['documentId'],
  })) as { documentId: string } | null;
  return found?.documentId ?? null;
}

const numberOrNull = (v: unknown) => (v == null || v === '' ? null : Number(v));

export interface ReportQuery {
  /** First and last instant of the period, by received time. */
  start: Date;
  end: Date;
  topicKey: string | null;
}

/** The open data rows of the public reports received in the period, oldest first. */
export async function* publicReportRows(
  strapi: Core.Strapi,
  q: ReportQuery,
  batchSize = REPORT_BATCH_SIZE
): AsyncGenerator<ReportRow> {
  const topics = await publishedByDocument(strapi, TOPIC_UID, ['name', 'code']);
  const offices = await publishedByDocument(strapi, OFFICE_UID, ['name']);
  const calendar = cityCalendar(strapi);
  const table = tableOf(strapi, CASE_UIDS.report);
  let after: { receivedAt: unknown; id: number } | null = null;
  for (;;) {
    let query = strapi.db
      .connection(table)
      .select(COLUMNS)
      .where('received_at', '>=', dbInstant(strapi, q.start))
      .andWhere('received_at', '<=', dbInstant(strapi, q.end));
    query = publicReportsOnly(query);
    if (q.topicKey) query = query.andWhere('topic_key', q.topicKey);
    // The stored value goes back as read, so the cursor compares exactly on either database.
    if (after)
      query = query.andWhereRaw('(received_at, id) > (?, ?)', [after.receivedAt, after.id]);
    const batch = (await query.orderBy('received_at').orderBy('id').limit(batchSize)) as Record<
      string,
      unknown
    >[];
    for (const r of batch) {
      const topic = topics.get(r.topic_key as string);
      yield reportRow(
        {
          referenceCode: String(r.reference_code),
          state: String(r.state),
          channel: (r.channel as string | null) ?? null,
          receivedAt: fromDb(r.received_at),
          dueAt: fromDb(r.due_at),
          firstResponseAt: fromDb(r.first_response_at),
          resolvedAt: fromDb(r.resolved_at),
          closedAt: fromDb(r.closed_at),
          latitude: numberOrNull(r.latitude),
          longitude: numberOrNull(r.longitude),
          topic: topic ? { code: topic.code ?? null, name: topic.name } : null,
          officeName: offices.get(r.office_key as string)?.name ?? null,
        },
        (at) => calendar.localDate(at)
      );
    }
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1];
    after = { receivedAt: last.received_at, id: Number(last.id) };
  }
}
