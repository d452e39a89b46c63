/**
 * Who reads an office's digest: the office's own mailbox (in Italian), and the office coordinators
 * whose staff profile lists the office and who still take email (`notifyByEmail`, active, not
 * blocked), each in the admin language they chose. An address appears once per office.
 */
import type { Core } from '@strapi/strapi';
import { STAFF_ROLES } from '../../domain/staff-scope';
import type { Locale } from '../../notifications/templates';

export interface DigestOffice {
  documentId: string;
  email: string | null;
  /** The office's name by locale (Italian always, English when translated). */
  names: Partial<Record<Locale, string>>;
}

export interface DigestRecipient {
  email: string;
  language: Locale;
}

/** The published offices among `keys` (cases carry the office's documentId as office_key). */
export async function loadOffices(
  strapi: Core.Strapi,
  keys: string[]
): Promise<Map<string, DigestOffice>> {
  const offices = new Map<string, DigestOffice>();
  if (!keys.length) return offices;
  const rows = (await strapi.db.query('api::office.office').findMany({
    where: { documentId: { $in: keys }, publishedAt: { $notNull: true } },
    select: ['documentId', 'name', 'email', 'locale'],
  })) as { documentId: string; name: string; email: string | null; locale: string }[];
  for (const row of rows) {
    const office = offices.get(row.documentId) ?? {
      documentId: row.documentId,
      email: null,
      names: {},
    };
    // The email is not localised, so every locale's row holds the same one.
    office.email ??= row.email ? row.email.trim().toLowerCase() : null;
    if (row.locale === 'it' || row.locale === 'en') office.names[row.locale] = row.name;
    offices.set(row.documentId, office);
  }
  return offices;
}

interface ProfileRow {
  notifyByEmail: boolean | null;
  user: {
    email: string | null;
    preferedLanguage: string | null;
    isActive: boolean | null;
    blocked: boolean | null;
    roles?: { code: string }[];
  } | null;
  offices?: { documentId: string }[];
}

/** Coordinators' addresses by office documentId, for the offices among `keys`. */
export async function coordinatorsByOffice(
  strapi: Core.Strapi,
  keys: string[]
): Promise<Map<string, DigestRecipient[]>> {
  const byOffice = new Map<string, DigestRecipient[]>();
  if (!keys.length) return byOffice;
  const profiles = (await strapi.db.query('api::staff-profile.staff-profile').findMany({
    where: {
      offices: { documentId: { $in: keys } },
      user: { roles: { code: STAFF_ROLES.coordinator } },
    },
    populate: {
      user: {
        select: ['email', 'preferedLanguage', 'isActive', 'blocked'],
        populate: { roles: { select: ['code'] } },
      },
      offices: { select: ['documentId'] },
    },
  })) as ProfileRow[];
  const wanted = new Set(keys);
  for (const profile of profiles) {
    const user = profile.user;
    if (profile.notifyByEmail === false || !user?.email) continue;
    if (user.isActive === false || user.blocked === true) continue;
    // The filter above matched the role; checked again so a populate quirk can never widen it.
    if (!(user.roles ?? []).some((r) => r.code === STAFF_ROLES.coordinator)) continue;
    const recipient: DigestRecipient = {
      email: user.email.trim().toLowerCase(),
      language: user.preferedLanguage === 'en' ? 'en' : 'it',
    };
    // An office is linked through its draft and its published row: count it once.
    for (const documentId of new Set((profile.offices ?? []).map((o) => o.documentId))) {
      if (!wanted.has(documentId)) continue;
      byOffice.set(documentId, [...(byOffice.get(documentId) ?? []), recipient]);
    }
  }
  return byOffice;
}

/** The office's mailbox first, then its coordinators; each address once. */
export function digestRecipients(
  office: DigestOffice,
  coordinators: DigestRecipient[]
): DigestRecipient[] {
  const seen = new Set<string>();
  const all: DigestRecipient[] = [];
  const candidates = [
    ...(office.email ? [{ email: office.email, language: 'it' as const }] : []),
    ...coordinators,
  ];
  for (const recipient of candidates) {
    if (seen.has(recipient.email)) continue;
    seen.add(recipient.email);
    all.push(recipient);
  }
  return all;
}
