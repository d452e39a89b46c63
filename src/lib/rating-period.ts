/**
 * The period of a public rating aggregate: `from` and `to` as local dates of the city
 * (YYYY-MM-DD); by default the last 90 days up to today by the injected clock; at most 366 days.
 * A malformed, impossible or reversed date is a 400 naming its field.
 */
import type { Core } from '@strapi/strapi';
import {
  addCalendarDays,
  daysBetween,
  parseLocalDate,
  toIsoDate,
  type LocalDate,
} from '../domain/calendar';
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

function localDay(query: Record<string, unknown>, field: 'from' | 'to'): LocalDate | null {
  const raw = query[field];
  if (raw == null || raw === '') return null;
  const refuse = () => new IntakeError(400, `${field} must be a date as YYYY-MM-DD.`, field);
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw refuse();
  try {
    return parseLocalDate(raw);
  } catch {
    throw refuse();
  }
}

export function parseRatingPeriod(
  strapi: Core.Strapi,
  query: Record<string, unknown>
): RatingPeriod {
  const calendar = cityCalendar(strapi);
  const toDate = localDay(query, 'to') ?? calendar.localDate(clock.now());
  const fromDate = localDay(query, 'from') ?? addCalendarDays(toDate, 1 - DEFAULT_PERIOD_DAYS);
  const days = daysBetween(fromDate, toDate) + 1;
  if (days < 1) throw new IntakeError(400, 'from must not be after to.', 'from');
  if (days > MAX_PERIOD_DAYS) {
    throw new IntakeError(400, `A period is at most ${MAX_PERIOD_DAYS} days.`, 'to');
  }
  return {
    from: toIsoDate(fromDate),
    to: toIsoDate(toDate),
    start: calendar.startOfDay(fromDate),
    end: calendar.endOfDay(toDate),
  };
}
