/**
 * Whoever newly receives a case hears of it by email (when `triage.notifyAssignees` is on): the
 * new office's mailbox, the new team's mailbox, the new technician. Queued in the outbox within
 * the assigning transaction, deduplicated per assignment event and address.
 */
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../../domain/case-kind';
import { enqueue, type OutgoingMessage } from '../outbox';
import { settings } from '../settings';

interface Assignable {
  referenceCode: string;
  state: string;
  dueAt?: string | null;
  office?: { id: number } | null;
  team?: { id: number } | null;
  assignee?: { id: number } | null;
}

async function emailOf(
  strapi: Core.Strapi,
  uid: 'api::office.office' | 'api::team.team' | 'admin::user',
  id: number
): Promise<{ email: string; language: 'it' | 'en'; name?: string } | null> {
  const row = (await strapi.db.query(uid).findOne({ where: { id } })) as {
    email?: string | null;
    name?: string | null;
    preferedLanguage?: string | null;
    isActive?: boolean | null;
  } | null;
  if (!row?.email || row.isActive === false) return null;
  return {
    email: row.email.toLowerCase(),
    language: row.preferedLanguage === 'en' ? 'en' : 'it',
    name: row.name ?? undefined,
  };
}

export async function notifyAssignees(
  strapi: Core.Strapi,
  kind: CaseKind,
  before: Assignable,
  after: Assignable,
  eventId: number | string
): Promise<number> {
  const config = settings(strapi);
  if (!config.triage.notifyAssignees) return 0;
  const targets: { uid: 'api::office.office' | 'api::team.team' | 'admin::user'; id: number }[] =
    [];
  if (after.office && after.office.id !== before.office?.id)
    targets.push({ uid: 'api::office.office', id: after.office.id });
  if (after.team && after.team.id !== before.team?.id)
    targets.push({ uid: 'api::team.team', id: after.team.id });
  if (after.assignee && after.assignee.id !== before.assignee?.id)
    targets.push({ uid: 'admin::user', id: after.assignee.id });
  if (!targets.length) return 0;

  const office = after.office ? await emailOf(strapi, 'api::office.office', after.office.id) : null;
  const messages: OutgoingMessage[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const to =
      target.uid === 'api::office.office' ? office : await emailOf(strapi, target.uid, target.id);
    if (!to || seen.has(to.email)) continue;
    seen.add(to.email);
    messages.push({
      channel: 'email',
      recipient: to.email,
      template: 'assignee_notice',
      language: to.language,
      payload: {
        code: after.referenceCode,
        kind,
        cityName: config.city.name,
        officeName: office?.name,
        status: after.state,
        dueAt: after.dueAt ?? undefined,
        event: 'assigned',
        adminUrl: config.links.admin,
      },
      dedupeKey: `case:${after.referenceCode}:event:${eventId}:assignee_notice:${to.email}`,
      caseCode: after.referenceCode,
    });
  }
  return enqueue(strapi, messages);
}
