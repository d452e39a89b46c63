/**
 * GET discovery, GET services and GET services/{code}: the published, active topics that accept
 * reports, in the asked language (`locale=it|en`, Italian by default).
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { serviceDefinition, type AttributeDefinition } from '../../domain/open311/attributes';
import { Open311Error } from '../../domain/open311/errors';
import { settings } from '../settings';
import { baseUrl, textParam } from './http';

/** When this server's Open311 interface last changed (discovery's `changeset`). */
export const OPEN311_CHANGESET = '2026-12-06T00:00:00Z';

export const TOPIC_UID = 'api::topic.topic';

export interface ServiceTopic {
  documentId: string;
  code: string;
  name: string;
  description: string | null;
  attributes: AttributeDefinition[];
  office: string | null;
}

/**
 * One row per document among rows of several locales: the asked locale's, else the Italian one,
 * else whichever came first (a document not translated yet still answers).
 */
export function inLocale<T extends { documentId: string; locale: string }>(
  rows: readonly T[],
  locale: string
): T[] {
  const byDocument = new Map<string, T>();
  for (const row of rows) {
    const seen = byDocument.get(row.documentId);
    if (!seen || row.locale === locale || (seen.locale !== locale && row.locale === 'it'))
      byDocument.set(row.documentId, row);
  }
  return [...byDocument.values()];
}

export function localeOf(params: Record<string, unknown>): 'it' | 'en' {
  return textParam(params, 'locale') === 'en' ? 'en' : 'it';
}

/** Topics open to reports, one row per topic in the locale (Italian when not translated). */
export async function serviceTopics(
  strapi: Core.Strapi,
  locale: 'it' | 'en',
  code?: string
): Promise<ServiceTopic[]> {
  const rows = (await strapi.db.query(TOPIC_UID).findMany({
    where: {
      publishedAt: { $notNull: true },
      active: true,
      acceptsReports: true,
      ...(code ? { code: code.toUpperCase() } : {}),
    },
    populate: { attributes: true, defaultOffice: { select: ['name'] } },
    orderBy: [{ code: 'asc' }],
  })) as {
    documentId: string;
    code: string;
    locale: string;
    name: string;
    description?: string | null;
    attributes?: AttributeDefinition[];
    defaultOffice?: { name: string } | null;
  }[];
  return inLocale(rows, locale).map((row) => ({
    documentId: row.documentId,
    code: row.code,
    name: row.name,
    description: row.description ?? null,
    attributes: row.attributes ?? [],
    office: row.defaultOffice?.name ?? null,
  }));
}

export function serviceView(topic: ServiceTopic) {
  return {
    service_code: topic.code,
    service_name: topic.name,
    description: topic.description ?? '',
    metadata: topic.attributes.length > 0,
    type: 'realtime',
    // FixMyStreet reads some keywords (private, inactive...) as switches: none are sent.
    keywords: '',
    group: topic.office ?? '',
  };
}

export async function serviceList(strapi: Core.Strapi, params: Record<string, unknown>) {
  return (await serviceTopics(strapi, localeOf(params))).map(serviceView);
}

export async function findService(
  strapi: Core.Strapi,
  code: string,
  locale: 'it' | 'en'
): Promise<ServiceTopic | null> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/.test(code)) return null;
  const [topic] = await serviceTopics(strapi, locale, code);
  return topic ?? null;
}

export async function definitionOf(
  strapi: Core.Strapi,
  code: string,
  params: Record<string, unknown>
) {
  const topic = await findService(strapi, code, localeOf(params));
  if (!topic) throw Open311Error.of(404, `There is no service_code "${code}"`);
  return serviceDefinition(topic.code, topic.attributes);
}

export function discovery(strapi: Core.Strapi, ctx: Context) {
  const { contact, keyService } = settings(strapi).open311;
  return {
    changeset: OPEN311_CHANGESET,
    contact,
    key_service: keyService,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${baseUrl(strapi, ctx)}/open311/v2`,
        changeset: OPEN311_CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
