/**
 * Office KPIs (DESIGN.md: the control body and management "read the office KPIs to see which
 * offices are undersized or badly organised"): the pure parts — the chart's buckets, medians and
 * shares, the city-wide reference, and the rule that says an office stands out.
 *
 * The rule (also in docs/ARCHITECTURE.md, "Office KPIs"). An office stands out, with a reason per
 * clause, when its backlog at the end of the period is at least MIN_BACKLOG (5) cases, so that a
 * couple of late cases in a quiet office do not raise a flag, and either:
 *
 *   overdue_share      its overdue share of the backlog is at least OVERDUE_FLOOR (25 %) AND at
 *                      least OVERDUE_MARGIN (15 points) above the city-wide share (all offices'
 *                      overdue cases over all offices' backlog): late in absolute terms and worse
 *                      than the city, so a city-wide crisis does not flag every office;
 *   backlog_per_staff  it has staff and its backlog per staff member is above STAFF_LOAD_FACTOR
 *                      (1.5) times the city median of backlog per staff member, the median taken
 *                      over the offices with staff and with work in the period (cases received or
 *                      a backlog), and only when at least MIN_PEERS (3) offices make that median:
 *                      an undersized office.
 *
 * The reference is always the whole city, whatever offices the reader sees or filters: a
 * coordinator's office is judged against the same yardstick as in the control body's view.
 */
import { addCalendarDays, daysBetween, isoWeekday, type LocalDate } from './calendar';

export interface StandsOutRule {
  minBacklog: number;
  overdueFloor: number;
  overdueMargin: number;
  staffLoadFactor: number;
  minPeers: number;
}

export const STANDS_OUT_RULE: StandsOutRule = {
  minBacklog: 5,
  overdueFloor: 0.25,
  overdueMargin: 0.15,
  staffLoadFactor: 1.5,
  minPeers: 3,
};

/** The chart's buckets: weeks (Monday to Sunday) up to 13 weeks, calendar months beyond. */
export const WEEKLY_UP_TO_DAYS = 91;

export type Granularity = 'week' | 'month';

export interface Bucket {
  from: LocalDate;
  to: LocalDate;
}

/**
 * The buckets of a period, in order, clipped to it: the first and last may be partial weeks or
 * months. Weeks when the period is at most 13 weeks (91 days) long, months otherwise.
 */
export function periodBuckets(
  from: LocalDate,
  to: LocalDate
): { granularity: Granularity; buckets: Bucket[] } {
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw new RangeError('the period ends before it starts');
  const granularity: Granularity = days <= WEEKLY_UP_TO_DAYS ? 'week' : 'month';
  const buckets: Bucket[] = [];
  let start = from;
  while (daysBetween(start, to) >= 0) {
    const natural =
      granularity === 'week'
        ? addCalendarDays(start, 7 - isoWeekday(start))
        : lastDayOfMonth(start.year, start.month);
    const end = daysBetween(natural, to) < 0 ? to : natural;
    buckets.push({ from: start, to: end });
    start = addCalendarDays(end, 1);
  }
  return { granularity, buckets };
}

function lastDayOfMonth(year: number, month: number): LocalDate {
  const next =
    month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  return addCalendarDays(next, -1);
}

/** The median (the mean of the two middle values for an even count); null for no values. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** part / whole, or null when there is no whole. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export const round = (x: number | null | undefined, digits = 2): number | null =>
  x == null || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** What the rule needs of an office over the period. */
export interface OfficeLoad {
  /** Cases received in the period. */
  casesIn: number;
  /** Cases open at the end of the period. */
  backlog: number;
  /** Of those, past their due date then. */
  overdue: number;
  /** Staff profiles listing the office. */
  staff: number;
}

export interface CityReference {
  backlog: number;
  overdue: number;
  /** All offices' overdue over all offices' backlog; null with no backlog anywhere. */
  overdueShare: number | null;
  /** The median backlog per staff member of the offices with staff and work; null if too few. */
  medianBacklogPerStaff: number | null;
  /** How many offices that median is taken over. */
  officesWithStaff: number;
}

export function cityReference(
  offices: readonly OfficeLoad[],
  rule: StandsOutRule = STANDS_OUT_RULE
): CityReference {
  const backlog = offices.reduce((n, o) => n + o.backlog, 0);
  const overdue = offices.reduce((n, o) => n + o.overdue, 0);
  const loads = offices
    .filter((o) => o.staff > 0 && (o.casesIn > 0 || o.backlog > 0))
    .map((o) => o.backlog / o.staff);
  return {
    backlog,
    overdue,
    overdueShare: share(overdue, backlog),
    medianBacklogPerStaff: loads.length >= rule.minPeers ? median(loads) : null,
    officesWithStaff: loads.length,
  };
}

export type StandsOutCode = 'overdue_share' | 'backlog_per_staff';

export interface StandsOutReason {
  code: StandsOutCode;
  /** The office's figure (a share, or cases per staff member). */
  value: number;
  /** The city-wide figure it was compared with. */
  reference: number;
  message: string;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;
/** Shares and ratios are compared with a hair of tolerance: 0.25 + 0.15 is not exactly 0.4. */
const EPSILON = 1e-9;

/** The reasons an office stands out under the rule; none when it does not. */
export function standsOut(
  office: OfficeLoad,
  city: CityReference,
  rule: StandsOutRule = STANDS_OUT_RULE
): StandsOutReason[] {
  const reasons: StandsOutReason[] = [];
  if (office.backlog < rule.minBacklog) return reasons;
  const overdueShare = office.overdue / office.backlog;
  if (
    city.overdueShare != null &&
    overdueShare + EPSILON >= rule.overdueFloor &&
    overdueShare + EPSILON >= city.overdueShare + rule.overdueMargin
  ) {
    reasons.push({
      code: 'overdue_share',
      value: overdueShare,
      reference: city.overdueShare,
      message: `${percent(overdueShare)} of the backlog is overdue, against ${percent(city.overdueShare)} city-wide`,
    });
  }
  if (office.staff > 0 && city.medianBacklogPerStaff != null) {
    const load = office.backlog / office.staff;
    if (load > rule.staffLoadFactor * city.medianBacklogPerStaff + EPSILON) {
      reasons.push({
        code: 'backlog_per_staff',
        value: load,
        reference: city.medianBacklogPerStaff,
        message: `${round(load, 1)} open cases per staff member, over ${rule.staffLoadFactor}× the city median of ${round(city.medianBacklogPerStaff, 1)}`,
      });
    }
  }
  return reasons;
}
