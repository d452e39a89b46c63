/**
 * Italian working calendar. Dates are plain local calendar dates (no time, no zone); instants are
 * only produced at the edges (startOfDay/endOfDay) using the zone offsets reported by
 * Intl.DateTimeFormat, so DST is handled by the platform's tz database rather than by hand.
 */

export interface LocalDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export interface CalendarOptions {
  timeZone?: string;
  /** Recurring 'MM-DD', e.g. the patron saint '06-17'. */
  localHolidays?: string[];
  /** One-off 'YYYY-MM-DD' closures of the offices. */
  closures?: string[];
  /** ISO weekdays 1=Mon..7=Sun; default Monday to Friday. */
  workingWeekdays?: number[];
}

export interface WorkingCalendar {
  readonly timeZone: string;
  localDate(instant: Date): LocalDate;
  isHoliday(d: LocalDate): boolean;
  isWorkingDay(d: LocalDate): boolean;
  nextWorkingDay(d: LocalDate): LocalDate;
  addDays(d: LocalDate, n: number): LocalDate;
  startOfDay(d: LocalDate): Date;
  endOfDay(d: LocalDate): Date;
  /** The instant a local wall-clock time occurs on a local date (DST changes honoured). */
  atLocalTime(d: LocalDate, hour: number, minute?: number): Date;
  addWorkingDays(d: LocalDate, n: number): LocalDate;
  toIso(d: LocalDate): string;
}

export const DEFAULT_TIME_ZONE = 'Europe/Rome';
const DAY_MS = 86_400_000;
// Law 151/2025 made San Francesco (4 Oct) a national holiday again starting from 2026.
const SAN_FRANCESCO_FROM_YEAR = 2026;
// Enough to cross any realistic run of closures; beyond it the configuration is broken.
const MAX_SCAN_DAYS = 3660;

// ---------------------------------------------------------------------------------------------
// Plain date arithmetic (UTC is used only as a zone-free day counter)
// ---------------------------------------------------------------------------------------------

/** Milliseconds of UTC midnight; setUTCFullYear avoids Date.UTC mapping years 0-99 to 19xx. */
function utcMidnight(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function fromUtcMidnight(ms: number): LocalDate {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function isValidLocalDate(d: LocalDate): boolean {
  if (![d.year, d.month, d.day].every(Number.isInteger)) return false;
  const back = fromUtcMidnight(utcMidnight(d.year, d.month, d.day));
  return back.year === d.year && back.month === d.month && back.day === d.day;
}

function assertLocalDate(d: LocalDate, name = 'date'): void {
  if (!d || typeof d !== 'object' || !isValidLocalDate(d)) {
    throw new RangeError(`${name} is not a valid calendar date: ${JSON.stringify(d)}`);
  }
}

function assertInteger(n: number, name: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer, got ${n}`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function toIsoDate(d: LocalDate): string {
  assertLocalDate(d);
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** Parses 'YYYY-MM-DD' into a LocalDate; throws on malformed or impossible dates (e.g. 02-30). */
export function parseLocalDate(iso: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso).trim());
  const d = match ? { year: +match[1], month: +match[2], day: +match[3] } : null;
  if (!d || !isValidLocalDate(d)) {
    throw new RangeError(`Invalid date "${iso}": expected an existing date as YYYY-MM-DD`);
  }
  return d;
}

export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return utcMidnight(a.year, a.month, a.day) - utcMidnight(b.year, b.month, b.day);
}

/** Whole calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round(compareLocalDates(b, a) / DAY_MS);
}

export function addCalendarDays(d: LocalDate, n: number): LocalDate {
  assertLocalDate(d);
  assertInteger(n, 'days');
  return fromUtcMidnight(utcMidnight(d.year, d.month, d.day) + n * DAY_MS);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(d: LocalDate): number {
  return new Date(utcMidnight(d.year, d.month, d.day)).getUTCDay() || 7;
}

// ---------------------------------------------------------------------------------------------
// Holidays
// ---------------------------------------------------------------------------------------------

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  if (!Number.isInteger(year) || year < 1583) {
    throw new RangeError(`easterSunday: year must be an integer >= 1583, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

const FIXED_NATIONAL_HOLIDAYS: ReadonlyArray<[number, number]> = [
  [1, 1], // Capodanno
  [1, 6], // Epifania
  [4, 25], // Liberazione
  [5, 1], // Festa del lavoro
  [6, 2], // Festa della Repubblica
  [8, 15], // Ferragosto
  [11, 1], // Ognissanti
  [12, 8], // Immacolata
  [12, 25], // Natale
  [12, 26], // Santo Stefano
];

/** National holidays under current law (not a historical record), sorted by date. */
export function italianNationalHolidays(year: number): LocalDate[] {
  const easter = easterSunday(year);
  const days: LocalDate[] = FIXED_NATIONAL_HOLIDAYS.map(([month, day]) => ({ year, month, day }));
  days.push(easter, addCalendarDays(easter, 1));
  if (year >= SAN_FRANCESCO_FROM_YEAR) days.push({ year, month: 10, day: 4 });
  return days.sort(compareLocalDates);
}

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

interface ResolvedOptions {
  timeZone: string;
  localHolidays: Set<string>; // 'MM-DD'
  closures: Set<string>; // 'YYYY-MM-DD'
  workingWeekdays: Set<number>;
}

function resolveTimeZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new RangeError(`Invalid calendar timeZone "${timeZone}": expected an IANA zone`);
  }
}

function parseMonthDay(value: string): string {
  const match = /^(\d{2})-(\d{2})$/.exec(String(value).trim());
  // 2000 is a leap year, so '02-29' is accepted (it simply does not occur in other years).
  if (!match || !isValidLocalDate({ year: 2000, month: +match[1], day: +match[2] })) {
    throw new RangeError(`Invalid local holiday "${value}": expected a recurring date as MM-DD`);
  }
  return `${match[1]}-${match[2]}`;
}

function parseClosure(value: string): string {
  try {
    return toIsoDate(parseLocalDate(value));
  } catch {
    throw new RangeError(`Invalid closure "${value}": expected a one-off date as YYYY-MM-DD`);
  }
}

function parseWeekdays(values: number[]): Set<number> {
  const bad = values.filter((v) => !Number.isInteger(v) || v < 1 || v > 7);
  if (bad.length || values.length === 0) {
    throw new RangeError(
      `Invalid workingWeekdays ${JSON.stringify(values)}: expected a non-empty list of ISO ` +
        'weekdays 1 (Monday) to 7 (Sunday)'
    );
  }
  return new Set(values);
}

function resolveOptions(opts: CalendarOptions): ResolvedOptions {
  return {
    timeZone: resolveTimeZone(opts.timeZone ?? DEFAULT_TIME_ZONE),
    localHolidays: new Set((opts.localHolidays ?? []).map(parseMonthDay)),
    closures: new Set((opts.closures ?? []).map(parseClosure)),
    workingWeekdays: parseWeekdays(opts.workingWeekdays ?? [1, 2, 3, 4, 5]),
  };
}

// ---------------------------------------------------------------------------------------------
// Time zone conversion
// ---------------------------------------------------------------------------------------------

type ZoneParts = LocalDate & { hour: number; minute: number; second: number };

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

function zoneParts(formatter: Intl.DateTimeFormat, ms: number): ZoneParts {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year, month, day, hour, minute, second } = parts;
  return { year, month, day, hour, minute, second };
}

/** Zone offset (local minus UTC, ms) in force at the given instant. */
function offsetAt(formatter: Intl.DateTimeFormat, ms: number): number {
  const p = zoneParts(formatter, ms);
  const wall =
    utcMidnight(p.year, p.month, p.day) + ((p.hour * 60 + p.minute) * 60 + p.second) * 1000;
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/**
 * First instant of a local day. The offsets in force a day before and after are both tried so a
 * DST change near midnight is handled: the earliest candidate that still falls on `d` wins
 * (in a gap at midnight that is the transition instant itself).
 */
function startOfLocalDay(formatter: Intl.DateTimeFormat, d: LocalDate): number {
  const wall = utcMidnight(d.year, d.month, d.day);
  const offsets = new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => offsetAt(formatter, t)));
  const candidates = [...offsets].map((o) => wall - o).sort((a, b) => a - b);
  const onDay = candidates.find((t) => compareLocalDates(zoneParts(formatter, t), d) === 0);
  return onDay ?? candidates[0];
}

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------

function monthDay(d: LocalDate): string {
  return `${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

export function createCalendar(opts: CalendarOptions = {}): WorkingCalendar {
  const options = resolveOptions(opts);
  const formatter = zoneFormatter(options.timeZone);
  const nationalByYear = new Map<number, Set<string>>();

  const nationalHolidays = (year: number): Set<string> => {
    let set = nationalByYear.get(year);
    if (!set) {
      set = new Set(italianNationalHolidays(year).map(monthDay));
      nationalByYear.set(year, set);
    }
    return set;
  };

  const isHoliday = (d: LocalDate): boolean => {
    assertLocalDate(d);
    const md = monthDay(d);
    return (
      nationalHolidays(d.year).has(md) ||
      options.localHolidays.has(md) ||
      options.closures.has(toIsoDate(d))
    );
  };

  const isWorkingDay = (d: LocalDate): boolean =>
    !isHoliday(d) && options.workingWeekdays.has(isoWeekday(d));

  // Walks day by day; the cap turns a calendar with no working days into an error, not a hang.
  const scan = (from: LocalDate, step: 1 | -1, accept: (d: LocalDate) => boolean): LocalDate => {
    let d = from;
    for (let i = 0; i <= MAX_SCAN_DAYS; i++, d = addCalendarDays(d, step)) {
      if (accept(d)) return d;
    }
    throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days of ${toIsoDate(from)}`);
  };

  const nextWorkingDay = (d: LocalDate): LocalDate => {
    assertLocalDate(d);
    return scan(d, 1, isWorkingDay);
  };

  const addWorkingDays = (d: LocalDate, n: number): LocalDate => {
    assertLocalDate(d);
    assertInteger(n, 'working days');
    const step = n < 0 ? -1 : 1;
    let current = d;
    for (let left = Math.abs(n); left > 0; left--) {
      current = scan(addCalendarDays(current, step), step, isWorkingDay);
    }
    return current;
  };

  const startOfDay = (d: LocalDate): Date => {
    assertLocalDate(d);
    return new Date(startOfLocalDay(formatter, d));
  };

  // Last millisecond before the next local day starts: right on both 23- and 25-hour days.
  const endOfDay = (d: LocalDate): Date =>
    new Date(startOfLocalDay(formatter, addCalendarDays(d, 1)) - 1);

  // Counted from the start of the day and corrected by the change of offset since then, so a
  // DST change in the night is honoured.
  const atLocalTime = (d: LocalDate, hour: number, minute = 0): Date => {
    assertLocalDate(d);
    const start = startOfLocalDay(formatter, d);
    const naive = start + (hour * 60 + minute) * 60_000;
    return new Date(naive + offsetAt(formatter, start) - offsetAt(formatter, naive));
  };

  const localDate = (instant: Date): LocalDate => {
    const ms = instant instanceof Date ? instant.getTime() : NaN;
    if (Number.isNaN(ms)) throw new RangeError(`localDate: invalid instant ${String(instant)}`);
    const { year, month, day } = zoneParts(formatter, ms);
    return { year, month, day };
  };

  return {
    timeZone: options.timeZone,
    localDate,
    isHoliday,
    isWorkingDay,
    nextWorkingDay,
    addDays: addCalendarDays,
    startOfDay,
    endOfDay,
    addWorkingDays,
    atLocalTime,
    toIso: toIsoDate,
  };
}
