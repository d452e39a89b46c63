/**
 * What the public and a signed-in citizen may see of cases. Built field by field from an allow
 * list, never by removing fields from a full record: no citizen identity, no internal notes, no
 * staff fields, report positions rounded, photos only as their EXIF-free stored files.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { CaseKind } from '../domain/case-kind';
import { publicPosition, type BBox } from '../domain/geo';
import { parseReferenceCode } from '../domain/reference-code';
import { CASE_EVENT_UID, CASE_UIDS } from './case-types';
import { publicPhotoFiles, type PublicPhotoFile } from './photo-moderation';

type Locale = 'it' | 'en';

async function nameIn(
  strapi: Core.Strapi,
  uid: 'api::topic.topic' | 'api::office.office',
  documentId: string | null | undefined,
  locale: Locale
) {
  if (!documentId) return null;
  const rows = (await strapi.db.query(uid).findMany({
    where: { documentId, publishedAt: { $notNull: true } },
    select: ['name', 'locale', 'slug'],
  })) as { name: string; locale: string; slug: string }[];
  const row =
    rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === 'it') ?? rows[0];
  return row ? { name: row.name, slug: row.slug } : null;
}

type PhotoFile = PublicPhotoFile;

const photoView = (p: PhotoFile) => ({
  url: p.url,
  width: p.width ?? null,
  height: p.height ?? null,
  small: p.formats?.small?.url ?? p.formats?.thumbnail?.url ?? p.url,
});

/**
 * Whether the public may see a report at all: not while it waits for its author's confirmation,
 * never once staff made it private (moderation). Every public read path of reports applies it; the
 * SQL form is `publicReportsOnly`.
 */
export function isPublicReport(row: {
  awaitingConfirmation?: unknown;
  isPrivate?: unknown;
}): boolean {
  return !row.awaitingConfirmation && !row.isPrivate;
}

/** The same rule for knex queries on the reports table. */
export function publicReportsOnly(query: Knex.QueryBuilder): Knex.QueryBuilder {
  return query
    .andWhere((w) => w.whereNull('awaiting_confirmation').orWhere('awaiting_confirmation', false))
    .andWhere((w) => w.whereNull('is_private').orWhere('is_private', false));
}

/**
 * The public page data of a case; null when no case has this code (whatever its type), and for a
 * report the public may not see (its author's private page passes the options).
 */
export async function trackCase(
  strapi: Core.Strapi,
  code: string,
  locale: Locale,
  options: { includeUnconfirmed?: boolean; includePrivate?: boolean } = {}
) {
  const parsed = parseReferenceCode(code);
  if (!parsed) return null;
  const kind: CaseKind = parsed.kind;
  const populate: Record<string, unknown> = {};
  if (kind === 'report') {
    populate.photos = { select: ['id', 'url', 'width', 'height', 'formats'] };
    populate.duplicateOf = { select: ['referenceCode', 'isPrivate'] };
  }
  const found = (await strapi.db.query(CASE_UIDS[kind]).findOne({
    where: { referenceCode: code.trim().toUpperCase() },
    populate,
  })) as Record<string, unknown> | null;
  if (!found) return null;
  // A report waiting for its author's confirmation is not public yet.
  if (found.awaitingConfirmation && !options.includeUnconfirmed) return null;
  // A report staff made private is gone from every public view.
  if (found.isPrivate && !options.includePrivate) return null;

  const events = (await strapi.db.query(CASE_EVENT_UID).findMany({
    where: { caseCode: found.referenceCode, visibility: 'public' },
    select: ['type', 'fromStatus', 'toStatus', 'text', 'at'],
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  })) as Record<string, unknown>[];

  const view: Record<string, unknown> = {
    code: found.referenceCode,
    kind,
    state: found.state,
    topic: await nameIn(strapi, 'api::topic.topic', found.topicKey as string, locale),
    office: await nameIn(strapi, 'api::office.office', found.officeKey as string, locale),
    receivedAt: found.receivedAt,
    dueAt: found.dueAt,
    resolvedAt: found.resolvedAt,
    closedAt: found.closedAt,
    timeline: events.map((e) => ({
      type: e.type,
      from: e.fromStatus ?? null,
      to: e.toStatus ?? null,
      text: e.type === 'message_to_citizen' ? e.text : null,
      at: e.at,
    })),
  };
  if (kind === 'report') {
    const hasPosition = typeof found.latitude === 'number' && typeof found.longitude === 'number';
    view.position = hasPosition
      ? publicPosition({ latitude: found.latitude as number, longitude: found.longitude as number })
      : null;
    // Moderation: hidden photos left out, blurred ones replaced by their public copy.
    view.photos = (
      await publicPhotoFiles(
        strapi,
        (found.photos as PhotoFile[] | undefined) ?? [],
        found.photoModeration
      )
    ).map(photoView);
    view.answer = found.resolutionNote ?? null;
    // The text staff edited for the public, when they did; the citizen's own stays for staff.
    view.description = found.publicText ?? found.description;
    // How many citizens stand behind it (no one named), and the case a duplicate was merged into.
    view.reporters = reportersOf(found);
    const master = found.duplicateOf as { referenceCode?: string; isPrivate?: boolean } | null;
    view.duplicateOf =
      found.state === 'duplicate' && !master?.isPrivate ? (master?.referenceCode ?? null) : null;
  } else {
    view.subject = found.subject;
    view.answer = found.answer ?? null;
    if (kind === 'complaint') view.outcome = found.outcome ?? null;
  }
  return view;
}

/** The author, the authors of its duplicates and its supporters. */
function reportersOf(r: { duplicateCount?: unknown; supporterCount?: unknown }): number {
  return 1 + (Number(r.duplicateCount) || 0) + (Number(r.supporterCount) || 0);
}

export const MAP_STATES = ['received', 'triaged', 'assigned', 'in_progress', 'resolved', 'closed'];

/** GeoJSON of public report data in a bounding box, paginated (stable order: newest first). */
export async function mapReports(
  strapi: Core.Strapi,
  q: { bbox: BBox; states: string[]; topicKey?: string | null; page: number; pageSize: number }
) {
  const db = strapi.db.connection;
  const table = strapi.db.metadata.get(CASE_UIDS.report).tableName;
  let query = db(table)
    .select(
      'reference_code',
      'state',
      'latitude',
      'longitude',
      'topic_key',
      'received_at',
      'duplicate_count',
      'supporter_count'
    )
    .whereBetween('latitude', [q.bbox.minLatitude, q.bbox.maxLatitude])
    .andWhereBetween('longitude', [q.bbox.minLongitude, q.bbox.maxLongitude])
    .whereIn('state', q.states);
  query = publicReportsOnly(query);
  if (q.topicKey) query = query.andWhere('topic_key', q.topicKey);
  const rows = (await query
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .offset((q.page - 1) * q.pageSize)
    .limit(q.pageSize + 1)) as Record<string, unknown>[];
  const hasMore = rows.length > q.pageSize;
  const topicCodes = new Map<string, string>();
  const keys = [...new Set(rows.map((r) => r.topic_key as string).filter(Boolean))];
  if (keys.length) {
    const topics = (await strapi.db.query('api::topic.topic').findMany({
      where: { documentId: { $in: keys } },
      select: ['documentId', 'code'],
    })) as { documentId: string; code: string }[];
    for (const t of topics) topicCodes.set(t.documentId, t.code);
  }
  return {
    type: 'FeatureCollection',
    features: rows.slice(0, q.pageSize).map((r) => {
      const p = publicPosition({ latitude: Number(r.latitude), longitude: Number(r.longitude) });
      const receivedAt =
        r.received_at instanceof Date ? r.received_at : new Date(r.received_at as string | number);
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
        properties: {
          code: r.reference_code,
          state: r.state,
          topic: topicCodes.get(r.topic_key as string) ?? null,
          receivedAt: receivedAt.toISOString(),
          reporters: reportersOf({
            duplicateCount: r.duplicate_count,
            supporterCount: r.supporter_count,
          }),
        },
      };
    }),
    meta: { page: q.page, pageSize: q.pageSize, hasMore },
  };
}

/** A signed-in citizen's own cases of all three types, newest first. */
export async function citizenCases(strapi: Core.Strapi, userId: number) {
  const all = [];
  for (const [kind, uid] of Object.entries(CASE_UIDS) as [CaseKind, string][]) {
    const rows = (await strapi.db.query(uid as never).findMany({
      where: { citizen: { user: { id: userId } } },
      select: [
        'referenceCode',
        'state',
        'receivedAt',
        'dueAt',
        'closedAt',
        kind === 'report' ? 'description' : 'subject',
      ],
      orderBy: { receivedAt: 'desc' },
      limit: 500,
    })) as Record<string, unknown>[];
    for (const r of rows) {
      all.push({
        code: r.referenceCode,
        kind,
        state: r.state,
        title: String(r.subject ?? r.description ?? '').slice(0, 120),
        receivedAt: r.receivedAt,
        dueAt: r.dueAt,
        closedAt: r.closedAt,
      });
    }
  }
  return all.sort((a, b) => String(b.receivedAt).localeCompare(String(a.receivedAt)));
}

/**
 * The citizen's private page (opened by the signed link of their emails): the public page, plus
 * the conversation with the office and what they can do now. Still no identity: a link can be
 * forwarded.
 */
export async function privateCaseView(
  strapi: Core.Strapi,
  linked: { kind: CaseKind; referenceCode: string },
  locale: Locale
) {
  // The author's own page: it stays reachable when staff make the report private, and shows what
  // the public sees of it (a link can be forwarded).
  const view = await trackCase(strapi, linked.referenceCode, locale, {
    includeUnconfirmed: true,
    includePrivate: true,
  });
  if (!view) return null;
  const found = (await strapi.db.query(CASE_UIDS[linked.kind]).findOne({
    where: { referenceCode: linked.referenceCode },
    select: linked.kind === 'report' ? ['awaitingConfirmation'] : ['id'],
  })) as { awaitingConfirmation?: boolean | null };
  const messages = (await strapi.db.query(CASE_EVENT_UID).findMany({
    where: {
      caseCode: linked.referenceCode,
      type: { $in: ['message_to_citizen', 'message_from_citizen'] },
    },
    select: ['type', 'text', 'at'],
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  })) as { type: string; text: string | null; at: string }[];
  const terminal = ['closed', 'rejected', 'duplicate'].includes(String(view.state));
  const awaitingConfirmation = Boolean(found?.awaitingConfirmation);
  return {
    ...view,
    awaitingConfirmation,
    awaitingReply: view.state === 'suspended',
    canReply: !terminal && !awaitingConfirmation,
    conversation: messages.map((m) => ({
      from: m.type === 'message_to_citizen' ? 'office' : 'citizen',
      text: m.text,
      at: m.at,
    })),
  };
}
