/** Names of published offices and topics by documentId, in the reader's language if there is one. */
import type { Core } from '@strapi/strapi';

export type Locale = 'it' | 'en';

/** At most so many rows are read (two locales of each published document). */
const MAX_ROWS = 4000;

export async function publishedNames(
  strapi: Core.Strapi,
  uid: 'api::office.office' | 'api::topic.topic',
  locale: Locale,
  documentIds?: readonly string[]
): Promise<Map<string, string>> {
  const where: Record<string, unknown> = { publishedAt: { $notNull: true } };
  if (documentIds) where.documentId = { $in: [...documentIds] };
  const rows = (await strapi.db.query(uid).findMany({
    where,
    select: ['documentId', 'name', 'locale'],
    limit: MAX_ROWS,
  })) as { documentId: string; name: string; locale: string }[];
  const names = new Map<string, string>();
  for (const pass of [locale, 'it', null]) {
    for (const r of rows) {
      if (!names.has(r.documentId) && (pass == null || r.locale === pass)) {
        names.set(r.documentId, r.name);
      }
    }
  }
  return names;
}

/** [documentId, name] pairs sorted by name, as the dropdowns list them. */
export const byName = (names: Map<string, string>) =>
  [...names]
    .map(([documentId, name]) => ({ documentId, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
