/**
 * mySociety's service request updates (what FixMyStreet exchanges both ways):
 * - GET: the public status changes and messages to the citizen of public reports, in a window;
 * - POST: a citizen's update from the client, recorded on the case as a `message_from_citizen`
 *   event and told to whoever handles the case (as a reply through the private link is). A status
 *   the client sends (FIXED, CLOSED...) is recorded with it, never applied: the lifecycle stays
 *   with staff. Idempotent by the client's update id.
 */
import type { Core } from '@strapi/strapi';
import { Open311Error, type Open311ErrorItem } from '../../domain/open311/errors';
import { parseW3c } from '../../domain/open311/datetime';
import { MAX_RESULTS, dateWindow } from '../../domain/open311/query';
import { clientStatus } from '../../domain/open311/status';
import { updateViews, type TimelineEvent } from '../../domain/open311/views';
import { parseReferenceCode } from '../../domain/reference-code';
import { runAs } from '../actor';
import { appendCaseEvent } from '../case-events';
import { CASE_EVENT_UID, CASE_UIDS } from '../case-types';
import { clock } from '../clock';
import { enqueue } from '../outbox';
import { publicReportsOnly } from '../public-views';
import { dbInstant, fromDb, inCurrentTransaction, isPostgres, tableOf } from '../raw-sql';
import { settings } from '../settings';
import { OPEN311_WRITE_ACTIONS, authorizeApiKey } from './api-key';
import { textParam } from './http';
import { checkJurisdiction } from './jurisdiction';

const UPDATE_TYPES = ['status_changed', 'message_to_citizen'];
const MAX_DESCRIPTION = 4000;

export async function listUpdates(strapi: Core.Strapi, params: Record<string, unknown>) {
  checkJurisdiction(strapi, params);
  const timeZone = settings(strapi).city.timeZone;
  const errors: Open311ErrorItem[] = [];
  const window = dateWindow(params, clock.now(), timeZone, errors);
  if (!window) throw new Open311Error(400, errors);

  const db = strapi.db.connection;
  const events = tableOf(strapi, CASE_EVENT_UID);
  const reports = tableOf(strapi, CASE_UIDS.report);
  // The newest MAX_RESULTS events of public reports in the window (answered oldest first).
  let query = db(`${events} as e`)
    .join(`${reports} as r`, 'r.reference_code', 'e.case_code')
    .select(
      'e.id',
      'e.document_id',
      'e.case_code',
      'e.type',
      'e.from_status',
      'e.to_status',
      'e.text',
      'e.data',
      'e.at',
      'r.resolved_at'
    )
    .where('e.case_kind', 'report')
    .where('e.visibility', 'public')
    .whereIn('e.type', UPDATE_TYPES)
    .whereBetween('e.at', [dbInstant(strapi, window.from), dbInstant(strapi, window.to)]);
  query = publicReportsOnly(query);
  const rows = (await query
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(MAX_RESULTS)) as Record<string, unknown>[];

  const codes = [...new Set(rows.map((r) => String(r.case_code)))];
  const stateAt = await statesOverTime(strapi, codes);
  const masters = await publicMasters(strapi, rows);
  const timeline: TimelineEvent[] = rows.map((r) => {
    const at = fromDb(r.at) as Date;
    const code = String(r.case_code);
    const data = readJson(r.data) as { duplicateOf?: string } | null;
    const stateThen = stateAt(code, at, Number(r.id));
    return {
      id: String(r.document_id),
      caseCode: code,
      type: r.type as TimelineEvent['type'],
      toStatus: (r.to_status as string | null) ?? null,
      text: (r.text as string | null) ?? null,
      at,
      stateThen,
      wasResolved:
        r.type === 'status_changed' ? r.from_status === 'resolved' : r.resolved_at != null,
      duplicateOf: data?.duplicateOf && masters.has(data.duplicateOf) ? data.duplicateOf : null,
    };
  });
  return updateViews(timeline, timeZone);
}

function readJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/** The state of each report at any instant, from its status changes (a message carries it). */
async function statesOverTime(strapi: Core.Strapi, codes: string[]) {
  const changes = codes.length
    ? ((await strapi.db.query(CASE_EVENT_UID).findMany({
        where: { caseCode: { $in: codes }, type: { $in: ['created', 'status_changed'] } },
        select: ['id', 'caseCode', 'toStatus', 'at'],
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      })) as { id: number; caseCode: string; toStatus: string | null; at: string }[])
    : [];
  // Each case's changes once, in order: each event then walks its own case's few changes only.
  const byCase = new Map<string, { id: number; toStatus: string | null; at: number }[]>();
  for (const c of changes) {
    const list = byCase.get(c.caseCode) ?? [];
    list.push({ id: c.id, toStatus: c.toStatus, at: (fromDb(c.at) as Date).getTime() });
    byCase.set(c.caseCode, list);
  }
  return (code: string, at: Date, id: number): string => {
    let state = 'received';
    for (const c of byCase.get(code) ?? []) {
      if (c.at > at.getTime() || (c.at === at.getTime() && c.id > id)) break;
      if (c.toStatus) state = c.toStatus;
    }
    return state;
  };
}

/** The masters named by merge events that the public may see. */
async function publicMasters(strapi: Core.Strapi, rows: Record<string, unknown>[]) {
  const named = [
    ...new Set(
      rows
        .map((r) => (readJson(r.data) as { duplicateOf?: string } | null)?.duplicateOf)
        .filter((c): c is string => typeof c === 'string')
    ),
  ];
  if (!named.length) return new Set<string>();
  let query = strapi.db
    .connection(tableOf(strapi, CASE_UIDS.report))
    .select('reference_code')
    .whereIn('reference_code', named);
  query = publicReportsOnly(query);
  return new Set(((await query) as { reference_code: string }[]).map((r) => r.reference_code));
}

interface UpdateData {
  open311: {
    client: number;
    clientUpdateId: string;
    status: string;
    closing: boolean;
    updatedAt: string;
    mediaUrl?: string;
  };
}

/** POST servicerequestupdates: records the citizen's update once per client update id. */
export async function postUpdate(strapi: Core.Strapi, params: Record<string, unknown>) {
  checkJurisdiction(strapi, params);
  const client = await authorizeApiKey(strapi, params, OPEN311_WRITE_ACTIONS.postUpdate);
  const timeZone = settings(strapi).city.timeZone;

  const errors: Open311ErrorItem[] = [];
  const requestId = textParam(params, 'service_request_id');
  if (!requestId) errors.push({ code: 400, description: 'service_request_id is required' });
  // FixMyStreet sends its comment id as update_id_ext; other clients as update_id.
  const clientUpdateId = textParam(params, 'update_id_ext') ?? textParam(params, 'update_id');
  if (!clientUpdateId)
    errors.push({ code: 400, description: 'update_id (or update_id_ext) is required' });
  else if (clientUpdateId.length > 100)
    errors.push({ code: 400, description: 'update_id is longer than 100 characters' });
  const statusText = textParam(params, 'status');
  const status = statusText ? clientStatus(statusText) : null;
  if (!statusText) errors.push({ code: 400, description: 'status is required' });
  else if (!status) errors.push({ code: 400, description: `status "${statusText}" is unknown` });
  const updatedText = textParam(params, 'updated_datetime');
  const updatedAt = updatedText ? parseW3c(updatedText, timeZone) : clock.now();
  if (!updatedAt)
    errors.push({ code: 400, description: 'updated_datetime must be a W3C date-time' });
  const description = textParam(params, 'description') ?? '';
  if (description.length > MAX_DESCRIPTION)
    errors.push({ code: 400, description: `description is longer than ${MAX_DESCRIPTION}` });
  const media = textParam(params, 'media_url');
  if (media && !/^https?:\/\/\S+$/i.test(media))
    errors.push({ code: 400, description: 'media_url must be an http(s) URL' });
  if (errors.length) throw new Open311Error(400, errors);

  const code = (requestId as string).toUpperCase();
  const notFound = () => Open311Error.of(404, `There is no service request "${requestId}"`);
  if (parseReferenceCode(code)?.kind !== 'report') throw notFound();

  const updateId = await runAs({ type: 'citizen', id: null, name: null }, () =>
    strapi.db.transaction(async () => {
      const report = (await strapi.db.query(CASE_UIDS.report).findOne({
        where: { referenceCode: code },
        select: ['id', 'documentId', 'referenceCode', 'state', 'dueAt'],
        populate: { assignee: { select: ['email'] }, office: { select: ['email', 'name'] } },
      })) as HandledReport | null;
      if (!report) throw notFound();
      // Two deliveries of one update at once: the second waits here and then finds the first.
      if (isPostgres(strapi)) {
        await inCurrentTransaction(strapi, (db) =>
          db(tableOf(strapi, CASE_UIDS.report)).where('id', report.id).forUpdate().select('id')
        );
      }
      const earlier = (await strapi.db.query(CASE_EVENT_UID).findMany({
        where: { caseCode: code, type: 'message_from_citizen' },
        select: ['documentId', 'data'],
      })) as { documentId: string; data: UpdateData | null }[];
      const same = earlier.find(
        (e) =>
          e.data?.open311?.client === client.id && e.data.open311.clientUpdateId === clientUpdateId
      );
      if (same) return same.documentId;
      const data: UpdateData = {
        open311: {
          client: client.id,
          clientUpdateId: clientUpdateId as string,
          status: status!.status,
          closing: status!.closing,
          updatedAt: (updatedAt as Date).toISOString(),
          ...(media ? { mediaUrl: media } : {}),
        },
      };
      // No name, email or phone is kept: the words are the update. Internal, as every message
      // from a citizen is (their words may carry personal data): no public view shows it.
      const text = description || `[${status!.status}]`;
      const event = (await appendCaseEvent(strapi, 'report', report, {
        type: 'message_from_citizen',
        visibility: 'internal',
        actor: { type: 'citizen', id: null, name: null },
        at: clock.now(),
        text,
        data: data as unknown as Record<string, unknown>,
      })) as unknown as { id: number; documentId: string };
      await notifyHandler(strapi, report, event.id, `[Open311 ${status!.status}] ${text}`);
      return event.documentId;
    })
  );
  return [{ update_id: updateId }];
}

interface HandledReport {
  id: number;
  documentId: string;
  referenceCode: string;
  state: string;
  dueAt: string | null;
  assignee?: { email: string | null } | null;
  office?: { email: string | null; name: string } | null;
}

/** The assignee's, else the office's mailbox hears of the update (through the outbox). */
async function notifyHandler(
  strapi: Core.Strapi,
  report: HandledReport,
  eventId: number,
  message: string
) {
  const email = report.assignee?.email ?? report.office?.email ?? null;
  if (!email) return;
  const config = settings(strapi);
  await enqueue(strapi, [
    {
      channel: 'email',
      recipient: email,
      template: 'assignee_notice',
      language: 'it',
      payload: {
        code: report.referenceCode,
        kind: 'report',
        cityName: config.city.name,
        officeName: report.office?.name ?? undefined,
        status: report.state,
        dueAt: report.dueAt ? new Date(report.dueAt).toISOString() : undefined,
        message,
        event: 'citizen_replied',
        adminUrl: config.links.admin,
      },
      dedupeKey: `case:${report.referenceCode}:event:${eventId}:assignee_notice:${email}`,
      caseCode: report.referenceCode,
    },
  ]);
}
