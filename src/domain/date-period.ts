/**
 * A period of city dates asked in a query (`from`, `to` as YYYY-MM-DD, both days included), as
 * the console's figures, the public rating aggregates and the open-data exports take it. One rule
 * for all: each end parsed strictly, a default for what is not given, `from` not after `to`, at
 * most `maxDays` days. The answer names the field at fault; callers turn it into their 400.
 */
import { addCalendarDays, daysBetween, parseLocalDate, type LocalDate } from './calendar';

export interface DatePeriod {
  from: LocalDate;
  to: LocalDate;
}

export type DatePeriodCheck =
  | { ok: true; period: DatePeriod }
  | { ok: false; field: 'from' | 'to'; message: string };

const given = (v: unknown) => v !== undefined && v !== null && v !== '';

/** One end of the period: a date as YYYY-MM-DD that exists in the calendar, or why not. */
export function dateParam(field: string, raw: unknown): LocalDate | string {
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    return `${field} must be a date as YYYY-MM-DD`;
  }
  try {
    return parseLocalDate(raw);
  } catch {
    return `${field} is not a calendar date`;
  }
}

export interface PeriodRules {
  today: LocalDate;
  /** How many days a period has when `from` is not given (it ends at `to`, by default today). */
  defaultDays: number;
  maxDays: number;
}

export function checkDatePeriod(
  query: { from?: unknown; to?: unknown },
  rules: PeriodRules
): DatePeriodCheck {
  let to = rules.today;
  if (given(query.to)) {
    const parsed = dateParam('to', query.to);
    if (typeof parsed === 'string') return { ok: false, field: 'to', message: parsed };
    to = parsed;
  }
  let from = addCalendarDays(to, 1 - rules.defaultDays);
  if (given(query.from)) {
    const parsed = dateParam('from', query.from);
    if (typeof parsed === 'string') return { ok: false, field: 'from', message: parsed };
    from = parsed;
  }
  return checkLength({ from, to }, rules.maxDays);
}

/** A period's ends in order and its length within the maximum. */
export function checkLength(period: DatePeriod, maxDays: number): DatePeriodCheck {
  const days = daysBetween(period.from, period.to) + 1;
  if (days < 1) return { ok: false, field: 'from', message: 'from must not be after to' };
  if (days > maxDays) {
    return { ok: false, field: 'to', message: `a period is at most ${maxDays} days` };
  }
  return { ok: true, period };
}
