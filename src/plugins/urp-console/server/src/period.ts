/**
 * The period of the console's figures (team stats, office KPIs): `from` and `to` as local dates
 * of the city (YYYY-MM-DD), `to` by default today by the injected clock, `from` by default so
 * many days before; 400 naming the field for a malformed, reversed or too long period.
 */
import type { Core } from '@strapi/strapi';
import { toIsoDate, type LocalDate } from '../../../../domain/calendar';
import { checkDatePeriod } from '../../../../domain/date-period';
import { clock } from '../../../../lib/clock';
import { cityCalendar } from '../../../../lib/settings';
import { invalid } from './input';

export interface Period {
  from: string;
  to: string;
  fromDate: LocalDate;
  toDate: LocalDate;
  /** The first instant of `from` and the last of `to`, in the city's time zone. */
  start: Date;
  end: Date;
}

/**
 * `defaultDaysBack`: how many days before `to` the period starts when `from` is not given;
 * `maxDays`: the longest period, in days between `from` and `to`, plus one.
 */
export function parsePeriod(
  strapi: Core.Strapi,
  query: unknown,
  opts: { defaultDaysBack: number; maxDays: number }
): Period {
  const q = (query ?? {}) as { from?: unknown; to?: unknown };
  const calendar = cityCalendar(strapi);
  const check = checkDatePeriod(q, {
    today: calendar.localDate(clock.now()),
    defaultDays: opts.defaultDaysBack + 1,
    maxDays: opts.maxDays,
  });
  if (!check.ok) throw invalid(check.field, check.message);
  const { from: fromDate, to: toDate } = check.period;
  return {
    from: toIsoDate(fromDate),
    to: toIsoDate(toDate),
    fromDate,
    toDate,
    start: calendar.startOfDay(fromDate),
    end: calendar.endOfDay(toDate),
  };
}
