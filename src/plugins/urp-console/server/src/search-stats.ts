/**
 * GET /urp-console/searches?from=&to=&locale=&limit= — what citizens searched in the catalogue
 * and what found nothing (src/lib/catalogue/search-stats.ts), by default over the last 30 days.
 */
import type { Core } from '@strapi/strapi';
import { searchStatsReport, type SearchStatsReport } from '../../../../lib/catalogue/search-stats';
import { CONTENT_LOCALES } from '../../../../lib/locales';
import { invalid } from './input';
import { parsePeriod } from './period';

export async function searchStats(
  strapi: Core.Strapi,
  query: Record<string, unknown>
): Promise<SearchStatsReport> {
  const period = parsePeriod(strapi, query, { defaultDaysBack: 29, maxDays: 366 });
  let locale: string | null = null;
  if (query.locale !== undefined && query.locale !== '') {
    if (!CONTENT_LOCALES.some((l) => l.code === query.locale)) {
      throw invalid('locale', `must be one of ${CONTENT_LOCALES.map((l) => l.code).join(', ')}`);
    }
    locale = String(query.locale);
  }
  let limit = 20;
  if (query.limit !== undefined && query.limit !== '') {
    limit = Number(query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw invalid('limit', 'must be a whole number from 1 to 100');
    }
  }
  return searchStatsReport(strapi, { from: period.from, to: period.to, locale, limit });
}
