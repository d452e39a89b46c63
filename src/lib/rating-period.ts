/**
 * The period of a public rating aggregate: `from` and `to` as local dates of the city
 * (YYYY-MM-DD); by default the last 90 days up to today by the injected clock; at most 366 days.
 * A malformed, impossible or reversed date is a 400 naming its field (src/domain/date-period.ts).
 */
import type { Core } from '@strapi/strapi';
import { toIsoDate } from '../domain/calendar';
import { checkDatePeriod } from '../domain/date-period';
import { clock } from './clock';
import { IntakeError } from './intake';
import { cityCalendar } from './settings';

export const DEFAULT_PERIOD_DAYS = 90;
export const MAX_PERIOD_DAYS = 366;

export interface RatingPeriod {
  from: string;
  to: string;
  /** The first instant of `from` and the last of `to`, in the city's time zone. */
  start: Date;
  end: Date;
}

export function parseRatingPeriod(
  strapi: Core.Strapi,
  query: Record<string, unknown>
): RatingPeriod {
  const calendar = cityCalendar(strapi);
  const check = checkDatePeriod(query, {
    today: calendar.localDate(clock.now()),
    defaultDays: DEFAULT_PERIOD_DAYS,
    maxDays: MAX_PERIOD_DAYS,
  });
  if (!check.ok) throw new IntakeError(400, `${check.message}.`, check.field);
  const { from, to } = check.period;
  return {
    from: toIsoDate(from),
    to: toIsoDate(to),
    start: calendar.startOfDay(from),
    end: calendar.endOfDay(to),
  };
}
