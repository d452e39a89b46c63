/**
 * The daily digest (issue 5): on each working day, every office with something to say (new cases,
 * cases due soon, overdue cases, open emergencies) gets one email, as do its coordinators.
 *
 * Everything is worked out from stored state and the calendar: the period from the city calendar
 * and the digest's schedule (src/domain/digest.ts), the sections from the case tables, and
 * "already sent" from the outbox, whose dedupe key `digest:<office>:<local date>:email:<address>`
 * makes a run twice, late, or in two instances at once queue each digest once.
 */
import type { Core } from '@strapi/strapi';
import {
  DIGEST_SECTIONS,
  digestPeriod,
  digestTimeOfDay,
  hasNews,
  type DigestItem,
  type DigestPeriod,
  type OfficeDigest,
} from '../domain/digest';
import type { CaseKind } from '../domain/case-kind';
import { CASE_UIDS } from '../lib/case-types';
import { clock } from '../lib/clock';
import { gatherDigests } from '../lib/digest/sections';
import {
  coordinatorsByOffice,
  digestRecipients,
  loadOffices,
  type DigestOffice,
  type DigestRecipient,
} from '../lib/digest/recipients';
import { enqueue, type OutgoingMessage } from '../lib/outbox';
import { cityCalendar, settings } from '../lib/settings';
import type { OfficeDigestData, OfficeDigestItem } from '../notifications/templates';

export interface DigestRun {
  /** The digest's local date; null when the offices are closed today (nothing to do). */
  date: string | null;
  /** Offices that had something to say and someone to tell. */
  offices: number;
  /** Messages newly queued: 0 when this day's digests were already queued. */
  queued: number;
}

/** The case in the admin's content manager (the console's pages come with issue 6). */
export function caseAdminUrl(adminUrl: string, kind: CaseKind, documentId: string): string {
  return `${adminUrl.replace(/\/+$/, '')}/content-manager/collection-types/${CASE_UIDS[kind]}/${documentId}`;
}

export function digestDedupeKey(officeKey: string, date: string, email: string): string {
  return `digest:${officeKey}:${date}:email:${email}`;
}

function payloadOf(
  strapi: Core.Strapi,
  office: DigestOffice,
  digest: OfficeDigest,
  period: DigestPeriod,
  language: 'it' | 'en'
): OfficeDigestData {
  const { city, links, digest: options } = settings(strapi);
  const item = (c: DigestItem): OfficeDigestItem => ({
    code: c.code,
    kind: c.kind,
    dueAt: c.dueAt?.toISOString() ?? null,
    emergency: c.emergency,
    url: caseAdminUrl(links.admin, c.kind, c.documentId),
  });
  const sections: OfficeDigestData['sections'] = {};
  for (const name of DIGEST_SECTIONS) {
    sections[name] = { count: digest[name].count, items: digest[name].items.map(item) };
  }
  return {
    cityName: city.name,
    officeName: office.names[language] ?? office.names.it,
    date: period.date,
    since: period.since.toISOString(),
    dueSoonDays: options.dueSoonDays,
    adminUrl: links.admin,
    sections,
  };
}

function messagesFor(
  strapi: Core.Strapi,
  office: DigestOffice,
  digest: OfficeDigest,
  period: DigestPeriod,
  recipients: DigestRecipient[]
): OutgoingMessage[] {
  return recipients.map((to) => ({
    channel: 'email',
    recipient: to.email,
    template: 'office_digest',
    language: to.language,
    payload: payloadOf(strapi, office, digest, period, to.language) as unknown as Record<
      string,
      unknown
    >,
    dedupeKey: digestDedupeKey(office.documentId, period.date, to.email),
    caseCode: null,
  }));
}

export async function runDigestJob(
  strapi: Core.Strapi,
  now: Date = clock.now()
): Promise<DigestRun> {
  const config = settings(strapi);
  const period = digestPeriod(cityCalendar(strapi), now, {
    time: digestTimeOfDay(config.jobs.schedules.digest.cron),
    dueSoonDays: config.digest.dueSoonDays,
  });
  if (!period) return { date: null, offices: 0, queued: 0 };

  const digests = [...(await gatherDigests(strapi, period, now))].filter(([, d]) => hasNews(d));
  const keys = digests.map(([key]) => key);
  const offices = await loadOffices(strapi, keys);
  const coordinators = await coordinatorsByOffice(strapi, keys);

  let addressed = 0;
  let queued = 0;
  for (const [key, digest] of digests) {
    const office = offices.get(key);
    if (!office) continue; // an office no longer published: its cases show in the URP's queue
    const recipients = digestRecipients(office, coordinators.get(key) ?? []);
    if (!recipients.length) continue;
    addressed += 1;
    // One office at a time: a crash halfway leaves the rest to the next run, which skips the
    // offices already queued by their dedupe keys.
    queued += await enqueue(strapi, messagesFor(strapi, office, digest, period, recipients));
  }
  return { date: period.date, offices: addressed, queued };
}
