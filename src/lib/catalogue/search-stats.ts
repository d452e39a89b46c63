/**
 * Anonymised statistics of the catalogue search, for editors to see what citizens look for and do
 * not find: per city day, locale and query text (folded, contacts redacted: src/domain/
 * catalogue-search.ts `statisticsText`), how many searches and how many found nothing. Never an
 * IP, a session or a person. One row per day and query, counted by an upsert, so several
 * instances add up without reading first.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { toIsoDate } from '../../domain/calendar';
import { statisticsText } from '../../domain/catalogue-search';
import { clock } from '../clock';
import { cityCalendar } from '../settings';

export const SEARCH_STATS_TABLE = 'bc_search_stats';

/** The statistics table in Strapi's schema, as a query builder. */
export const searchStatsTable = (strapi: Core.Strapi, db: Knex = strapi.db.connection) => {
  const schema = strapi.db.getSchemaName();
  return schema ? db.withSchema(schema).table(SEARCH_STATS_TABLE) : db.table(SEARCH_STATS_TABLE);
};

/** Creates the table at bootstrap; on PostgreSQL under an advisory lock (instances start together). */
export async function ensureSearchStatsTable(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const schema = strapi.db.getSchemaName() || undefined;
  await knex.transaction(async (trx) => {
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [SEARCH_STATS_TABLE]);
    }
    const builder = schema ? trx.schema.withSchema(schema) : trx.schema;
    if (await builder.hasTable(SEARCH_STATS_TABLE)) return;
    await builder.createTable(SEARCH_STATS_TABLE, (t) => {
      t.string('day', 10).notNullable();
      t.string('locale', 10).notNullable();
      t.string('query', 100).notNullable();
      t.integer('searches').notNullable().defaultTo(0);
      t.integer('zero_results').notNullable().defaultTo(0);
      t.integer('results_total').notNullable().defaultTo(0);
      t.primary(['day', 'locale', 'query']);
    });
  });
}

/** Counts one search; a failure is logged, never passed on to the citizen searching. */
export async function recordSearch(
  strapi: Core.Strapi,
  search: { query: string; locale: string; results: number }
): Promise<void> {
  const query = statisticsText(search.query);
  if (!query) return;
  const day = toIsoDate(cityCalendar(strapi).localDate(clock.now()));
  const knex = strapi.db.connection;
  try {
    await searchStatsTable(strapi)
      .insert({
        day,
        locale: search.locale,
        query,
        searches: 1,
        zero_results: search.results ? 0 : 1,
        results_total: search.results,
      })
      .onConflict(['day', 'locale', 'query'])
      .merge({
        searches: knex.raw('??.searches + 1', [SEARCH_STATS_TABLE]),
        zero_results: knex.raw('??.zero_results + ?', [SEARCH_STATS_TABLE, search.results ? 0 : 1]),
        results_total: knex.raw('??.results_total + ?', [SEARCH_STATS_TABLE, search.results]),
      });
  } catch (error) {
    strapi.log.warn(`search statistics: ${(error as Error).message}`);
  }
}

export interface SearchStatRow {
  query: string;
  searches: number;
  /** Searches of this text that found nothing. */
  withoutResults: number;
  averageResults: number;
}

export interface SearchStatsReport {
  from: string;
  to: string;
  locale: string | null;
  totals: { searches: number; withoutResults: number; distinctQueries: number };
  top: SearchStatRow[];
  notFound: SearchStatRow[];
}

const toRow = (r: Record<string, unknown>): SearchStatRow => {
  const searches = Number(r.searches);
  return {
    query: String(r.query),
    searches,
    withoutResults: Number(r.zero_results),
    averageResults: searches ? Math.round((Number(r.results_total) / searches) * 10) / 10 : 0,
  };
};

/** The most frequent searches, and those that found nothing, over days `from`..`to`. */
export async function searchStatsReport(
  strapi: Core.Strapi,
  opts: { from: string; to: string; locale: string | null; limit: number }
): Promise<SearchStatsReport> {
  const scoped = () => {
    const q = searchStatsTable(strapi).whereBetween('day', [opts.from, opts.to]);
    return opts.locale ? q.andWhere('locale', opts.locale) : q;
  };
  const grouped = () =>
    scoped()
      .select('query')
      .sum({ searches: 'searches', zero_results: 'zero_results', results_total: 'results_total' })
      .groupBy('query');
  const [top, notFound, [totals]] = await Promise.all([
    grouped()
      .orderBy([
        { column: 'searches', order: 'desc' },
        { column: 'query', order: 'asc' },
      ])
      .limit(opts.limit),
    grouped()
      .havingRaw('sum(zero_results) > 0')
      .orderBy([
        { column: 'zero_results', order: 'desc' },
        { column: 'query', order: 'asc' },
      ])
      .limit(opts.limit),
    scoped()
      .sum({ searches: 'searches', zero_results: 'zero_results' })
      .countDistinct({ queries: 'query' }),
  ]);
  return {
    from: opts.from,
    to: opts.to,
    locale: opts.locale,
    totals: {
      searches: Number(totals?.searches ?? 0),
      withoutResults: Number(totals?.zero_results ?? 0),
      distinctQueries: Number(totals?.queries ?? 0),
    },
    top: (top as Record<string, unknown>[]).map(toRow),
    notFound: (notFound as Record<string, unknown>[]).map(toRow),
  };
}
