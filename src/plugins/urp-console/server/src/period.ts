/**
 * The period of the console's figures (team stats, office KPIs): `from` and `to` as local dates
 * of the city (YYYY-MM-DD), `to` by default today by the injected clock, `from` by default so
 * many days before; 400 naming the field for a malformed, reversed or too long period.
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import {
  addCalendarDays,
  daysBetween,
  parseLocalDate,
  toIsoDate,
  type LocalDate,
} from '../../../../domain/calendar';
import { clock } from '../../../../lib/clock';
import { cityCalendar } from '../../../../lib/settings';
import { invalid, parseInput } from './input';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const periodSchema = z.object({ from: isoDate.optional(), to: isoDate.optional() });

export interface Period {
  from: string;
  to: string;
  fromDate: LocalDate;
  toDate: LocalDate;
  /** The first instant of `from` and the last of `to`, in the city's time zone. */
  start: Date;
  end: Date;
}

function localDay(field: string, value: string) {
  try {
    return parseLocalDate(value);
  } catch {
    throw invalid(field, 'not a calendar date');
  }
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
  const q = parseInput(periodSchema, query);
  const calendar = cityCalendar(strapi);
  const toDate = q.to ? localDay('to', q.to) : calendar.localDate(clock.now());
  const fromDate = q.from
    ? localDay('from', q.from)
    : addCalendarDays(toDate, -opts.defaultDaysBack);
  const days = daysBetween(fromDate, toDate);
  if (days < 0) throw invalid('from', 'the period starts after it ends');
  if (days >= opts.maxDays) throw invalid('to', `a period is at most ${opts.maxDays} days`);
  return {
    from: toIsoDate(fromDate),
    to: toIsoDate(toDate),
    fromDate,
    toDate,
    start: calendar.startOfDay(fromDate),
    end: calendar.endOfDay(toDate),
  };
}
