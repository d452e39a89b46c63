import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { MAX_QUERY_LENGTH } from '../../../domain/catalogue-search';
import { contentLocale } from '../../../lib/catalogue/locale';
import { recordSearch } from '../../../lib/catalogue/search-stats';
import { searchServices } from '../../../lib/catalogue/service-search';
import { IntakeError } from '../../../lib/intake';
import { answeringRefusals } from '../../../lib/page-ratings';

const MAX_LIMIT = 50;

function integerParam(raw: unknown, field: string, fallback: number, min: number, max: number) {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(n) || n < min || n > max) {
    throw new IntakeError(400, `${field} must be a whole number from ${min} to ${max}.`, field);
  }
  return n;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/services/search?q=&locale=&start=&limit= — ranked published services. */
  async search(ctx: Context) {
    await answeringRefusals(ctx, async () => {
      const q = ctx.query.q;
      if (typeof q !== 'string' || q.trim().length < 2) {
        throw new IntakeError(400, 'q must be a text of at least 2 characters.', 'q');
      }
      if (q.length > MAX_QUERY_LENGTH) {
        throw new IntakeError(400, `q must be at most ${MAX_QUERY_LENGTH} characters.`, 'q');
      }
      const locale = contentLocale(ctx.query.locale);
      const start = integerParam(ctx.query.start, 'start', 0, 0, 10_000);
      const limit = integerParam(ctx.query.limit, 'limit', 10, 1, MAX_LIMIT);
      const result = await searchServices(strapi, { query: q, locale, start, limit });
      // Counted once per query, not once per page of its results.
      if (start === 0) await recordSearch(strapi, { query: q, locale, results: result.total });
      ctx.body = {
        data: result.hits,
        meta: { query: q, locale, terms: result.terms, total: result.total, start, limit },
      };
    });
  },
});
