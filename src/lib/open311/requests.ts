/**
 * GET requests, GET requests/{id} and GET tokens/{token}: public reports only
 * (`publicReportsOnly`: never one waiting for its author's confirmation, never a private one),
 * newest first, at most MAX_RESULTS.
 */
import type { Core } from '@strapi/strapi';
import { Open311Error } from '../../domain/open311/errors';
import type { RequestQuery } from '../../domain/open311/query';
import { statesFor } from '../../domain/open311/status';
import { requestView, type PublicReport } from '../../domain/open311/views';
import { publicPosition } from '../../domain/geo';
import { parseReferenceCode } from '../../domain/reference-code';
import { CASE_EVENT_UID, CASE_UIDS } from '../case-types';
import { publicPhotoFiles, type PublicPhotoFile } from '../photo-moderation';
import { isPublicReport, publicReportsOnly } from '../public-views';
import { dbInstant, fromDb, tableOf } from '../raw-sql';
import { settings } from '../settings';
import { TOPIC_UID, inLocale } from './services';

interface ReportRow {
  id: number;
  referenceCode: string;
  state: string;
  topicKey: string | null;
  officeKey: string | null;
  description: string | null;
  publicText: string | null;
  latitude: number | null;
  longitude: number | null;
  receivedAt: string;
  updatedAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  mediaUrl: string | null;
  photoModeration: unknown;
  photos?: PublicPhotoFile[];
  duplicateOf?: { referenceCode: string; isPrivate?: boolean | null } | null;
}

/** Ids of the public reports a query selects, in the answer's order. */
async function selectIds(strapi: Core.Strapi, q: RequestQuery): Promise<number[]> {
  const db = strapi.db.connection;
  let query = db(tableOf(strapi, CASE_UIDS.report)).select('id');
  query = publicReportsOnly(query);
  if (q.ids) {
    query = query.whereIn('reference_code', q.ids);
  } else {
    if (q.window) {
      query = query.whereBetween('received_at', [
        dbInstant(strapi, q.window.from),
        dbInstant(strapi, q.window.to),
      ]);
    }
    if (q.statuses.length) query = query.whereIn('state', statesFor(q.statuses));
    if (q.serviceCodes.length) {
      const topics = (await strapi.db.query(TOPIC_UID).findMany({
        where: { code: { $in: q.serviceCodes.map((c) => c.toUpperCase()) } },
        select: ['documentId'],
      })) as { documentId: string }[];
      query = query.whereIn('topic_key', [...new Set(topics.map((t) => t.documentId))]);
    }
  }
  const rows = (await query
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)) as { id: number }[];
  return rows.map((r) => Number(r.id));
}

async function namesByDocumentId(
  strapi: Core.Strapi,
  uid: 'api::topic.topic' | 'api::office.office',
  keys: string[],
  locale: 'it' | 'en'
): Promise<Map<string, { name: string; code?: string }>> {
  if (!keys.length) return new Map();
  const rows = (await strapi.db.query(uid).findMany({
    where: { documentId: { $in: keys }, publishedAt: { $notNull: true } },
    select:
      uid === TOPIC_UID
        ? ['documentId', 'name', 'locale', 'code']
        : ['documentId', 'name', 'locale'],
  })) as { documentId: string; name: string; locale: string; code?: string }[];
  return new Map(inLocale(rows, locale).map((row) => [row.documentId, row]));
}

/** Public reports by id, as Open311 service requests. */
async function loadViews(
  strapi: Core.Strapi,
  ids: number[],
  options: { baseUrl: string; locale: 'it' | 'en' }
) {
  if (!ids.length) return [];
  const rows = (await strapi.db.query(CASE_UIDS.report).findMany({
    where: { id: { $in: ids } },
    populate: {
      photos: { select: ['id', 'url', 'width', 'height', 'formats'] },
      duplicateOf: { select: ['referenceCode', 'isPrivate'] },
    },
  })) as ReportRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = ids.map((id) => byId.get(id)).filter((r): r is ReportRow => Boolean(r));
  const codes = ordered.map((r) => r.referenceCode);
  const events = (await strapi.db.query(CASE_EVENT_UID).findMany({
    where: { caseCode: { $in: codes }, visibility: 'public' },
    select: ['caseCode', 'type', 'text', 'at'],
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  })) as { caseCode: string; type: string; text: string | null; at: string }[];
  const lastEventAt = new Map<string, Date>();
  const lastMessage = new Map<string, string>();
  for (const e of events) {
    const at = fromDb(e.at);
    if (at) lastEventAt.set(e.caseCode, at);
    if (e.type === 'message_to_citizen' && e.text) lastMessage.set(e.caseCode, e.text);
  }
  const topics = await namesByDocumentId(
    strapi,
    TOPIC_UID,
    [...new Set(ordered.map((r) => r.topicKey).filter((k): k is string => Boolean(k)))],
    options.locale
  );
  const offices = await namesByDocumentId(
    strapi,
    'api::office.office',
    [...new Set(ordered.map((r) => r.officeKey).filter((k): k is string => Boolean(k)))],
    options.locale
  );
  const timeZone = settings(strapi).city.timeZone;
  const views = [];
  for (const r of ordered) {
    const topic = r.topicKey ? topics.get(r.topicKey) : undefined;
    const master = r.state === 'duplicate' && !r.duplicateOf?.isPrivate ? r.duplicateOf : null;
    const requestedAt = fromDb(r.receivedAt) as Date;
    const report: PublicReport = {
      code: r.referenceCode,
      state: r.state,
      wasResolved: r.resolvedAt != null,
      serviceCode: topic?.code ?? null,
      serviceName: topic?.name ?? null,
      agency: r.officeKey ? (offices.get(r.officeKey)?.name ?? null) : null,
      description: r.publicText ?? r.description,
      latestMessage: lastMessage.get(r.referenceCode) ?? null,
      duplicateOf: master?.referenceCode ?? null,
      requestedAt,
      updatedAt: lastEventAt.get(r.referenceCode) ?? requestedAt,
      expectedAt: fromDb(r.dueAt),
      position:
        typeof r.latitude === 'number' && typeof r.longitude === 'number'
          ? publicPosition({ latitude: r.latitude, longitude: r.longitude })
          : null,
      mediaUrl: await mediaUrlOf(strapi, r, options.baseUrl),
    };
    views.push(requestView(report, timeZone));
  }
  return views;
}

/** The client's own picture link, else our first public photo (EXIF-free, moderation applied). */
async function mediaUrlOf(strapi: Core.Strapi, r: ReportRow, base: string): Promise<string | null> {
  if (r.mediaUrl) return r.mediaUrl;
  if (!r.photos?.length) return null;
  const [photo] = await publicPhotoFiles(strapi, r.photos, r.photoModeration);
  if (!photo) return null;
  return /^https?:\/\//.test(photo.url) ? photo.url : `${base}${photo.url}`;
}

export async function listRequests(
  strapi: Core.Strapi,
  q: RequestQuery,
  options: { baseUrl: string; locale: 'it' | 'en' }
) {
  return loadViews(strapi, await selectIds(strapi, q), options);
}

/** One public report as a one-element list; 404 when unknown, not a report, or not public. */
export async function oneRequest(
  strapi: Core.Strapi,
  id: string,
  options: { baseUrl: string; locale: 'it' | 'en' }
) {
  const parsed = parseReferenceCode(id);
  const code = id.trim().toUpperCase();
  const views =
    parsed?.kind === 'report'
      ? await listRequests(
          strapi,
          { ids: [code], serviceCodes: [], statuses: [], limit: 1 },
          options
        )
      : [];
  if (!views.length) throw Open311Error.of(404, `There is no service request "${id}"`);
  return views;
}

/**
 * GET tokens/{token}: reports are created synchronously, so POST already answers the id; a token
 * is a report's own code, and names the request that carries the work (a duplicate's master).
 */
export async function tokenRequest(strapi: Core.Strapi, token: string) {
  const code = token.trim().toUpperCase();
  const found =
    parseReferenceCode(code)?.kind === 'report'
      ? ((await strapi.db.query(CASE_UIDS.report).findOne({
          where: { referenceCode: code },
          select: ['referenceCode', 'state', 'awaitingConfirmation', 'isPrivate'],
          populate: { duplicateOf: { select: ['referenceCode', 'isPrivate'] } },
        })) as
          | (Pick<ReportRow, 'referenceCode' | 'state' | 'duplicateOf'> & {
              awaitingConfirmation?: boolean | null;
              isPrivate?: boolean | null;
            })
          | null)
      : null;
  if (!found || !isPublicReport(found)) throw Open311Error.of(404, `There is no token "${token}"`);
  const master =
    found.state === 'duplicate' && found.duplicateOf && !found.duplicateOf.isPrivate
      ? found.duplicateOf.referenceCode
      : null;
  return [{ service_request_id: master ?? found.referenceCode, token: found.referenceCode }];
}
