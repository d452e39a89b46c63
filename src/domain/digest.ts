/**
 * The daily digest of an office: which period it covers and how its lists are ordered and cut.
 * Pure: the job (src/jobs/digest.ts) reads the database and asks here.
 *
 * A working day's digest covers the cases received since the previous working day's digest time,
 * both taken from the city calendar rather than from a record of the last run: Monday's covers
 * the weekend, the day after a holiday covers the holiday, and consecutive windows meet exactly,
 * so each case is "new" in one digest however late (or how often) the job runs.
 */
import { addCalendarDays, toIsoDate, type LocalDate, type WorkingCalendar } from './calendar';
import type { CaseKind } from './case-kind';

export const DIGEST_SECTIONS = ['emergencies', 'overdue', 'dueSoon', 'new'] as const;
export type DigestSectionName = (typeof DIGEST_SECTIONS)[number];

/** Codes listed per section; the counts are always complete. */
export const DIGEST_LIST_LIMIT = 10;

export interface TimeOfDay {
  hour: number;
  minute: number;
}

/**
 * The time of day a cron expression fires at, when it names a single one ('0 7 * * 1-5' → 07:00;
 * an optional leading seconds field is ignored). Null for anything else ('*\/30 7-9 * * *').
 */
export function digestTimeOfDay(cron: string): TimeOfDay | null {
  const fields = String(cron).trim().split(/\s+/);
  if (fields.length < 5 || fields.length > 6) return null;
  const [minute, hour] = fields.slice(fields.length - 5);
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour)) return null;
  const time = { hour: Number(hour), minute: Number(minute) };
  return time.hour < 24 && time.minute < 60 ? time : null;
}

/** The instant a time of day occurs on a local date of the city. */
export function atLocalTime(calendar: WorkingCalendar, day: LocalDate, time: TimeOfDay): Date {
  return calendar.atLocalTime(day, time.hour, time.minute);
}

export interface DigestPeriod {
  /** The local date of the digest, 'YYYY-MM-DD': part of its dedupe key. */
  date: string;
  /** "New" means received in [since, until): previous working day's digest time to today's. */
  since: Date;
  until: Date;
  /** "Due soon" means due from now until the end of the local day `dueSoonDays` from today. */
  dueSoonUntil: Date;
}

export interface DigestPeriodOptions {
  /** When the digest goes out; null (a cron with no single time) means local midnight. */
  time: TimeOfDay | null;
  dueSoonDays: number;
}

/**
 * The digest due at `now`, or null on a day the offices are closed (weekend, holiday, closure):
 * the next working day's digest then covers it. A run before today's digest time (only by hand:
 * the schedule fires at it) still belongs to today.
 */
export function digestPeriod(
  calendar: WorkingCalendar,
  now: Date,
  options: DigestPeriodOptions
): DigestPeriod | null {
  const today = calendar.localDate(now);
  if (!calendar.isWorkingDay(today)) return null;
  const time = options.time ?? { hour: 0, minute: 0 };
  const previous = calendar.addWorkingDays(today, -1);
  const days = Math.max(0, Math.floor(options.dueSoonDays));
  return {
    date: toIsoDate(today),
    since: atLocalTime(calendar, previous, time),
    until: atLocalTime(calendar, today, time),
    dueSoonUntil: calendar.endOfDay(addCalendarDays(today, days)),
  };
}

/** One case as the digest lists it. */
export interface DigestItem {
  code: string;
  kind: CaseKind;
  documentId: string;
  dueAt: Date | null;
  receivedAt: Date | null;
  emergency: boolean;
}

export interface DigestSection {
  count: number;
  items: DigestItem[];
}

export type OfficeDigest = Record<DigestSectionName, DigestSection>;

const time = (d: Date | null): number => (d ? d.getTime() : Number.POSITIVE_INFINITY);

/**
 * Most urgent first, the same in every section: emergencies, then the earliest due date (none
 * last), then the longest waiting. The SQL ranks each table the same way (URGENCY_ORDER_SQL).
 */
export function compareUrgency(a: DigestItem, b: DigestItem): number {
  return (
    Number(b.emergency) - Number(a.emergency) ||
    time(a.dueAt) - time(b.dueAt) ||
    time(a.receivedAt) - time(b.receivedAt) ||
    a.code.localeCompare(b.code)
  );
}

/**
 * Merges one section's parts from the three case tables: counts add up, the lists (each already
 * its table's most urgent) are merged and cut to `limit`.
 */
export function mergeSection(parts: DigestSection[], limit = DIGEST_LIST_LIMIT): DigestSection {
  return {
    count: parts.reduce((sum, p) => sum + p.count, 0),
    items: parts
      .flatMap((p) => p.items)
      .sort(compareUrgency)
      .slice(0, limit),
  };
}

export function emptyDigest(): OfficeDigest {
  return {
    emergencies: { count: 0, items: [] },
    overdue: { count: 0, items: [] },
    dueSoon: { count: 0, items: [] },
    new: { count: 0, items: [] },
  };
}

/** Offices with all four sections empty get no digest. */
export function hasNews(digest: OfficeDigest): boolean {
  return DIGEST_SECTIONS.some((name) => digest[name].count > 0);
}
