/**
 * A month of the website's catalogue searches for the demo, so the editors' "Website searches"
 * page has something to show: what citizens typically type, some finding cards, some not (the
 * pages the municipality still has to write). Each query is run through the real search, so the
 * result counts are the ones a citizen would have had.
 */
import type { Core } from '@strapi/strapi';
import { addCalendarDays, toIsoDate } from '../domain/calendar';
import { statisticsText } from '../domain/catalogue-search';
import { searchStatsTable } from '../lib/catalogue/search-stats';
import { searchServices } from '../lib/catalogue/service-search';
import { cityCalendar } from '../lib/settings';

/** [query, locale, searches a day on average] */
const DEMO_SEARCHES: [string, string, number][] = [
  ["carta d'identità", 'it', 9],
  ['cambio residenza', 'it', 6],
  ['certificato anagrafico', 'it', 4],
  ['tari', 'it', 5],
  ['mensa scolastica', 'it', 4],
  ['permesso ztl', 'it', 3],
  ['passo carrabile', 'it', 2],
  ['ingombranti', 'it', 3],
  ['reclamo', 'it', 1],
  ['bonus affitto', 'it', 3],
  ['cimitero lampade votive', 'it', 2],
  ['matrimonio civile', 'it', 2],
  ['identity card', 'en', 2],
  ['parking permit', 'en', 1],
  ['wedding', 'en', 1],
];

export async function seedSearchStats(strapi: Core.Strapi, now: Date): Promise<void> {
  const calendar = cityCalendar(strapi);
  const today = calendar.localDate(now);
  const rows: Record<string, unknown>[] = [];
  for (const [query, locale, perDay] of DEMO_SEARCHES) {
    const { total } = await searchServices(strapi, { query, locale, start: 0, limit: 1 });
    for (let back = 0; back < 30; back++) {
      // A weekly rhythm: more on Mondays, fewer at weekends; deterministic.
      const day = addCalendarDays(today, -back);
      const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
      const searches = Math.max(0, Math.round(perDay * [0.4, 1.5, 1.2, 1, 1, 0.9, 0.5][weekday]));
      if (!searches) continue;
      rows.push({
        day: toIsoDate(day),
        locale,
        query: statisticsText(query),
        searches,
        zero_results: total ? 0 : searches,
        results_total: total * searches,
      });
    }
  }
  await searchStatsTable(strapi).insert(rows).onConflict(['day', 'locale', 'query']).ignore();
}
