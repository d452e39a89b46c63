/**
 * What a case tells its citizens, queued in the outbox inside the same transaction as the change:
 * an acknowledgement when it is created, and a message at each status change (an answer, a
 * request for more information, the closure with an invitation to rate). A report's followers
 * (citizens whose duplicates were merged into it) get the same messages, once per address.
 */
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../domain/case-kind';
import type { TemplateData, TemplateName } from '../notifications/templates';
import { CASE_UIDS } from './case-types';
import { enqueue, type OutgoingMessage } from './outbox';
import { privateUrl } from './private-links';
import { settings } from './settings';

interface Person {
  email: string | null;
  language: 'it' | 'en' | null;
  anonymisedAt?: string | null;
  blocked?: boolean | null;
}

interface CaseForMessage {
  documentId: string;
  referenceCode: string;
  state: string;
  dueAt: string | null;
  answer?: string | null;
  resolutionNote?: string | null;
  awaitingConfirmation?: boolean | null;
  citizen?: Person | null;
  followers?: Person[];
  topic?: { documentId: string } | null;
  office?: { documentId: string } | null;
  duplicateOf?: { referenceCode: string } | null;
}

function templateOf(
  type: 'created' | 'status_changed' | 'confirmed' | 'message_to_citizen',
  found: CaseForMessage
): TemplateName {
  if (type === 'created') return found.awaitingConfirmation ? 'case_confirm' : 'case_received';
  if (type === 'confirmed') return 'case_received';
  return templateFor(found.state);
}

function templateFor(state: string): TemplateName {
  if (state === 'answered') return 'case_answered';
  if (state === 'suspended') return 'case_more_info';
  if (state === 'closed') return 'case_closed';
  return 'case_status_changed';
}

export async function localizedName(
  strapi: Core.Strapi,
  uid: 'api::topic.topic' | 'api::office.office',
  documentId: string | undefined,
  language: 'it' | 'en'
): Promise<string | undefined> {
  if (!documentId) return undefined;
  const rows = (await strapi.db
    .query(uid)
    .findMany({ where: { documentId }, select: ['name', 'locale'] })) as {
    name: string;
    locale: string;
  }[];
  return (rows.find((r) => r.locale === language) ?? rows.find((r) => r.locale === 'it') ?? rows[0])
    ?.name;
}

function recipients(c: CaseForMessage): { email: string; language: 'it' | 'en' }[] {
  const seen = new Set<string>();
  const out: { email: string; language: 'it' | 'en' }[] = [];
  for (const person of [c.citizen, ...(c.followers ?? [])]) {
    if (!person?.email || person.anonymisedAt) continue;
    const email = person.email.toLowerCase();
    if (seen.has(email)) continue;
    seen.add(email);
    out.push({ email, language: person.language === 'en' ? 'en' : 'it' });
  }
  return out;
}

/**
 * Queues the messages of a case event. `eventKey` identifies the event (its id), so the same event
 * never queues twice for the same address, whoever calls this again.
 */
export async function notifyCaseEvent(
  strapi: Core.Strapi,
  kind: CaseKind,
  documentId: string,
  event: {
    key: string | number;
    type: 'created' | 'status_changed' | 'confirmed' | 'message_to_citizen';
    fromStatus?: string;
    /** What staff wrote to the citizen with this event (a question, an explanation). */
    message?: string;
  }
): Promise<number> {
  const populate: Record<string, unknown> = {
    citizen: { select: ['email', 'language', 'anonymisedAt'] },
    topic: { select: ['documentId'] },
    office: { select: ['documentId'] },
  };
  if (kind === 'report') {
    populate.followers = { select: ['email', 'language', 'anonymisedAt'] };
    populate.duplicateOf = { select: ['referenceCode'] };
  }
  const found = (await strapi.db
    .query(CASE_UIDS[kind])
    .findOne({ where: { documentId }, populate })) as CaseForMessage | null;
  if (!found) return 0;

  const config = settings(strapi);
  const template = templateOf(event.type, found);
  // A report waiting for confirmation tells nothing to its followers, only asks its author.
  const people = found.awaitingConfirmation ? { ...found, followers: [] } : found;
  const messages: OutgoingMessage[] = [];
  const replyUrl = privateUrl(strapi, found.referenceCode, found.documentId);
  // Topic and office names are looked up once per language, not once per recipient.
  const names = new Map<'it' | 'en', { topicName?: string; officeName?: string }>();
  const namesIn = async (language: 'it' | 'en') => {
    let known = names.get(language);
    if (!known) {
      // One after the other: inside the caller's transaction both use its single connection.
      const topicName = await localizedName(
        strapi,
        'api::topic.topic',
        found.topic?.documentId,
        language
      );
      const officeName = await localizedName(
        strapi,
        'api::office.office',
        found.office?.documentId,
        language
      );
      known = { topicName, officeName };
      names.set(language, known);
    }
    return known;
  };
  for (const to of recipients(people)) {
    const data: TemplateData = {
      code: found.referenceCode,
      kind,
      cityName: config.city.name,
      trackingUrl: config.links.tracking.replace('{code}', encodeURIComponent(found.referenceCode)),
      replyUrl,
      // The invitation to rate opens the private page, where the rating form lands (surveys issue).
      ratingUrl: template === 'case_closed' ? `${replyUrl}#valuta` : undefined,
      ...(await namesIn(to.language)),
      status: found.state,
      previousStatus: event.fromStatus,
      dueAt: found.dueAt ?? undefined,
      answer: found.answer ?? found.resolutionNote ?? undefined,
      message: event.message,
      masterCode: found.state === 'duplicate' ? found.duplicateOf?.referenceCode : undefined,
    };
    messages.push({
      channel: 'email',
      recipient: to.email,
      template,
      language: to.language,
      payload: data as unknown as Record<string, unknown>,
      dedupeKey: `case:${found.referenceCode}:event:${event.key}:${template}:${to.email}`,
      caseCode: found.referenceCode,
    });
  }
  return enqueue(strapi, messages);
}
