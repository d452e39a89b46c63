/**
 * One case as the staff see it in the console's drawer: the whole timeline (public and internal),
 * the citizen's contact, duplicates and followers, photos, and what the user may do next.
 */
import type { Core } from '@strapi/strapi';
import { allowedNextStatuses } from '../../../../domain/lifecycle';
import { bandOf } from '../../../../domain/priority';
import { allowedActions, type StaffMember } from '../../../../domain/staff-scope';
import { CASE_EVENT_UID, CASE_UIDS } from '../../../../lib/case-types';
import type { FoundCase } from './cases';
import { isoOrNull } from '../../../../lib/raw-sql';
import { moderationView } from './moderation';

type Locale = 'it' | 'en';
type Row = Record<string, unknown>;

export const CASE_VIEW_POPULATE = {
  citizen: {
    select: [
      'documentId',
      'name',
      'email',
      'phone',
      'reputation',
      'reportsTotal',
      'moderationFlag',
    ],
  },
  assignee: { select: ['id', 'firstname', 'lastname', 'email'] },
};

async function nameOf(
  strapi: Core.Strapi,
  uid: 'api::office.office' | 'api::topic.topic' | 'api::team.team',
  documentId: unknown,
  locale: Locale
) {
  if (typeof documentId !== 'string' || !documentId) return null;
  const rows = (await strapi.db.query(uid).findMany({
    where: { documentId },
    select: uid === 'api::team.team' ? ['name'] : ['name', 'locale'],
  })) as { name: string; locale?: string }[];
  const row =
    rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === 'it') ?? rows[0];
  return row ? { documentId, name: row.name } : null;
}

async function timeline(strapi: Core.Strapi, code: string) {
  const events = (await strapi.db.query(CASE_EVENT_UID).findMany({
    where: { caseCode: code },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  })) as Row[];
  return events.map((e) => ({
    id: e.id,
    type: e.type,
    visibility: e.visibility,
    at: isoOrNull(e.at),
    actor: { type: e.actorType, id: e.actorId ?? null, name: e.actorName ?? null },
    from: e.fromStatus ?? null,
    to: e.toStatus ?? null,
    text: e.text ?? null,
    data: e.data ?? null,
  }));
}

async function reportExtras(strapi: Core.Strapi, row: Row) {
  const reports = strapi.db.query(CASE_UIDS.report);
  const [withLinks, duplicates, followers] = await Promise.all([
    reports.findOne({
      where: { id: row.id },
      select: ['id'],
      populate: {
        photos: { select: ['id', 'url', 'formats'] },
        duplicateOf: { select: ['referenceCode'] },
        recurrenceOf: { select: ['referenceCode'] },
      },
    }) as Promise<Row>,
    reports.findMany({
      where: { duplicateOf: { id: row.id } },
      select: ['referenceCode'],
      orderBy: { id: 'asc' },
    }) as Promise<{ referenceCode: string }[]>,
    strapi.db.query('api::citizen.citizen').count({ where: { followedReports: { id: row.id } } }),
  ]);
  const photos =
    (withLinks.photos as { id: number; url: string; formats?: Row | null }[] | null) ?? [];
  const priority = row.priority == null ? null : Number(row.priority);
  return {
    priority,
    band: priority == null ? null : bandOf(priority),
    emergency: Boolean(row.emergency),
    declaredUrgency: row.declaredUrgency ?? null,
    assessedUrgency: row.assessedUrgency ?? null,
    qualification: row.qualification ?? null,
    qualificationNote: row.qualificationNote ?? null,
    resolutionNote: row.resolutionNote ?? null,
    rating: row.ratingScore ?? null,
    address: row.address ?? null,
    latitude: row.latitude ?? null,
    longitude: row.longitude ?? null,
    photos: photos.map((p) => ({
      id: p.id,
      url: p.url,
      small:
        (p.formats as { small?: { url: string } } | null)?.small?.url ??
        (p.formats as { thumbnail?: { url: string } } | null)?.thumbnail?.url ??
        p.url,
    })),
    duplicateOf: (withLinks.duplicateOf as { referenceCode: string } | null)?.referenceCode ?? null,
    recurrenceOf:
      (withLinks.recurrenceOf as { referenceCode: string } | null)?.referenceCode ?? null,
    duplicates: duplicates.map((d) => d.referenceCode),
    duplicateCount: Number(row.duplicateCount ?? 0),
    supporterCount: Number(row.supporterCount ?? 0),
    followers,
    // What the public sees (POST /urp-console/cases/:code/moderate); `description` is the citizen's.
    moderation: await moderationView(strapi, row, photos),
  };
}

export async function caseView(
  strapi: Core.Strapi,
  found: FoundCase,
  staff: StaffMember,
  locale: Locale
) {
  const { kind, row } = found;
  const citizen = row.citizen as Row | null | undefined;
  const assignee = row.assignee as Row | null | undefined;
  const view: Row = {
    code: row.referenceCode,
    documentId: row.documentId,
    kind,
    state: row.state,
    channel: row.channel ?? null,
    description: row.description ?? null,
    receivedAt: isoOrNull(row.receivedAt),
    dueAt: isoOrNull(row.dueAt),
    firstResponseAt: isoOrNull(row.firstResponseAt),
    resolvedAt: isoOrNull(row.resolvedAt),
    closedAt: isoOrNull(row.closedAt),
    escalationLevel: row.escalationLevel ?? 0,
    // The deadline engine (src/lib/deadlines): first-response target, whether it was missed, and
    // when the sweep looks at the case next.
    firstResponseDueAt: isoOrNull(row.firstResponseDueAt),
    firstResponseLate: Boolean(row.firstResponseLate),
    nextActionAt: isoOrNull(row.nextActionAt),
    ratingScore: row.ratingScore ?? null,
    office: await nameOf(strapi, 'api::office.office', row.officeKey, locale),
    team: await nameOf(strapi, 'api::team.team', row.teamKey, locale),
    topic: await nameOf(strapi, 'api::topic.topic', row.topicKey, locale),
    assignee: assignee
      ? {
          id: assignee.id,
          name: [assignee.firstname, assignee.lastname].filter(Boolean).join(' ') || null,
          email: assignee.email ?? null,
        }
      : null,
    // Staff only: the console is behind the admin sign-in and the scope rules.
    citizen: citizen
      ? {
          documentId: citizen.documentId,
          name: citizen.name ?? null,
          email: citizen.email ?? null,
          phone: citizen.phone ?? null,
          reputation: citizen.reputation ?? null,
          reportsTotal: citizen.reportsTotal ?? 0,
          moderationFlag: Boolean(citizen.moderationFlag),
        }
      : null,
    timeline: await timeline(strapi, row.referenceCode),
    allowedNextStatuses: allowedNextStatuses(kind, row.state),
    can: allowedActions(staff, found.keys),
  };
  if (kind === 'report') Object.assign(view, await reportExtras(strapi, row));
  else {
    Object.assign(view, {
      subject: row.subject ?? null,
      answer: row.answer ?? null,
      suspensions: row.suspensions ?? [],
      ...(kind === 'request'
        ? { requestKind: row.kind ?? null }
        : { outcome: row.outcome ?? null }),
    });
  }
  return view;
}
