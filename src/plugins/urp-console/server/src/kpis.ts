/**
 * Office KPIs (GET /urp-console/kpis, /kpis.csv): per office over a period, the cases received,
 * the backlog open at its end and the overdue share of it, the median hours to a first response
 * and to a resolution, escalations, citizens' ratings, staff and cases per staff member, whether
 * the office stands out (the rule is src/domain/office-kpis.ts), and the same figures per week or
 * month for the chart (`series`, summed over the offices shown).
 *
 * Aggregates only, all grouped in SQL by office: one pass over each case table sums every figure
 * of the period and of each bucket with conditional SUMs; medians use window functions
 * (ROW_NUMBER and COUNT over the group: the mean of the middle one or two values, which is what
 * PostgreSQL's percentile_cont(0.5) gives, with one SQL text for both databases, as team-stats.ts).
 *
 * "Open at an instant T" is read from the timestamps, so past weeks can be charted: received by T,
 * and neither resolved (resolved_at: a report resolved, a request or complaint answered) nor closed
 * (closed_at: closed, rejected, merged) by T. A reopened report loses its resolved_at and so counts
 * as open over the days it had been resolved. Overdue at T: open at T with a due date before T
 * (the current due date; a suspension that moved it since is not replayed).
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { z } from 'zod';
import { CASE_KINDS, type CaseKind } from '../../../../domain/case-kind';
import { compareLocalDates, toIsoDate } from '../../../../domain/calendar';
import {
  STANDS_OUT_RULE,
  cityReference,
  periodBuckets,
  round,
  share,
  standsOut,
  type CityReference,
  type Granularity,
  type StandsOutReason,
} from '../../../../domain/office-kpis';
import { officeScope, type StaffMember } from '../../../../domain/staff-scope';
import { CASE_UIDS } from '../../../../lib/case-types';
import { clock } from '../../../../lib/clock';
import { csvDocument } from '../../../../lib/csv';
import { dbInstant, isPostgres, joinTableOf, tableOf } from '../../../../lib/raw-sql';
import { cityCalendar } from '../../../../lib/settings';
import { invalid, parseInput } from './input';
import { publishedNames } from './names';
import { officeSatisfaction } from './kpi-satisfaction';
import { parsePeriod, type Period } from './period';

const MAX_DAYS = 366;
const DEFAULT_DAYS_BACK = 90;
export const KPI_KINDS = [...CASE_KINDS, 'all'] as const;
export type KpiKind = (typeof KPI_KINDS)[number];

const kpiQuerySchema = z.object({
  kind: z.enum(KPI_KINDS).default('all'),
  office: z.string().trim().min(1).max(40).optional(),
  locale: z.enum(['it', 'en']).default('it'),
});

/** A stretch of time the figures are summed over, and the instant its backlog is read at. */
interface Window {
  from: string;
  to: string;
  start: Date;
  end: Date;
  asOf: Date;
}

interface KpiQuery {
  period: Period;
  kind: KpiKind;
  office?: string;
  locale: 'it' | 'en';
  granularity: Granularity;
  /** [0] is the whole period, [1..] the chart's buckets. */
  windows: Window[];
}

export function parseKpiQuery(strapi: Core.Strapi, raw: unknown): KpiQuery {
  const input = parseInput(kpiQuerySchema, raw);
  const period = parsePeriod(strapi, raw, {
    defaultDaysBack: DEFAULT_DAYS_BACK,
    maxDays: MAX_DAYS,
  });
  const calendar = cityCalendar(strapi);
  const now = clock.now();
  if (compareLocalDates(period.toDate, calendar.localDate(now)) > 0) {
    throw invalid('to', 'the period cannot end after today: its backlog is not known yet');
  }
  const asOf = (end: Date) => (end.getTime() < now.getTime() ? end : now);
  const { granularity, buckets } = periodBuckets(period.fromDate, period.toDate);
  const windows: Window[] = [
    {
      from: period.from,
      to: period.to,
      start: period.start,
      end: period.end,
      asOf: asOf(period.end),
    },
    ...buckets.map((b) => {
      const end = calendar.endOfDay(b.to);
      return {
        from: toIsoDate(b.from),
        to: toIsoDate(b.to),
        start: calendar.startOfDay(b.from),
        end,
        asOf: asOf(end),
      };
    }),
  ];
  return {
    period,
    kind: input.kind,
    office: input.office,
    locale: input.locale,
    granularity,
    windows,
  };
}

/** Counts of one office in one window (summed over the case kinds asked). */
interface Counts {
  casesIn: number;
  backlog: number;
  overdue: number;
  firstResponses: number;
  resolved: number;
  escalations: number;
  ratings: number;
  ratingSum: number;
}

const zero = (): Counts => ({
  casesIn: 0,
  backlog: 0,
  overdue: 0,
  firstResponses: 0,
  resolved: 0,
  escalations: 0,
  ratings: 0,
  ratingSum: 0,
});

type Row = Record<string, unknown>;
const rowsOf = (res: unknown) =>
  (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Row[];

/** Conditional sums, one column per window: `SUM(CASE WHEN cond THEN value ELSE 0 END)`. */
class Sums {
  readonly columns: string[] = [];
  readonly bindings: Knex.Value[] = [];
  add(alias: string, cond: string, bindings: Knex.Value[], value = '1') {
    this.columns.push(`SUM(CASE WHEN ${cond} THEN ${value} ELSE 0 END) AS ${alias}`);
    this.bindings.push(...bindings);
  }
}

class KpiReader {
  private readonly db: Knex;
  private readonly kinds: CaseKind[];
  /** Figures per office key, per window. */
  readonly counts = new Map<string, Counts[]>();

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly q: KpiQuery
  ) {
    this.db = strapi.db.connection;
    this.kinds = q.kind === 'all' ? [...CASE_KINDS] : [q.kind];
  }

  private at(d: Date): Knex.Value {
    return dbInstant(this.strapi, d) as Knex.Value;
  }

  private entry(office: string): Counts[] {
    let list = this.counts.get(office);
    if (!list) {
      list = this.q.windows.map(zero);
      this.counts.set(office, list);
    }
    return list;
  }

  private collect(rows: Row[], fields: Record<string, keyof Counts>) {
    for (const r of rows) {
      const list = this.entry(String(r.office));
      this.q.windows.forEach((_, k) => {
        for (const [prefix, field] of Object.entries(fields)) {
          list[k][field] += Number(r[`${prefix}_${k}`] ?? 0);
        }
      });
    }
  }

  /** Received, open, overdue, first responses and resolutions: one pass per case table. */
  async caseCounts(): Promise<void> {
    const { windows } = this.q;
    const period = windows[0];
    const open =
      'received_at <= ? AND (resolved_at IS NULL OR resolved_at > ?) AND (closed_at IS NULL OR closed_at > ?)';
    for (const kind of this.kinds) {
      const sums = new Sums();
      windows.forEach((w, k) => {
        const [start, end, asOf] = [this.at(w.start), this.at(w.end), this.at(w.asOf)];
        sums.add(`in_${k}`, 'received_at >= ? AND received_at <= ?', [start, end]);
        sums.add(`open_${k}`, open, [asOf, asOf, asOf]);
        sums.add(`late_${k}`, `${open} AND due_at < ?`, [asOf, asOf, asOf, asOf]);
        sums.add(`first_${k}`, 'first_response_at >= ? AND first_response_at <= ?', [start, end]);
        sums.add(`done_${k}`, 'resolved_at >= ? AND resolved_at <= ?', [start, end]);
      });
      // Cases finished before the period play no part in it: leave them out early.
      const start = this.at(period.start);
      const res = await this.db.raw(
        `SELECT office_key AS office, ${sums.columns.join(', ')}
         FROM "${tableOf(this.strapi, CASE_UIDS[kind])}"
         WHERE office_key IS NOT NULL AND received_at <= ?
           AND (resolved_at IS NULL OR resolved_at >= ?) AND (closed_at IS NULL OR closed_at >= ?)
         GROUP BY office_key`,
        [...sums.bindings, this.at(period.end), start, start]
      );
      this.collect(rowsOf(res), {
        in: 'casesIn',
        open: 'backlog',
        late: 'overdue',
        first: 'firstResponses',
        done: 'resolved',
      });
    }
  }

  /** Rows of api::escalation.escalation per office in each window. */
  async escalations(): Promise<void> {
    const { windows } = this.q;
    const sums = new Sums();
    windows.forEach((w, k) =>
      sums.add(`esc_${k}`, 'escalated_at >= ? AND escalated_at <= ?', [
        this.at(w.start),
        this.at(w.end),
      ])
    );
    const kindFilter = this.q.kind === 'all' ? '' : 'AND case_kind = ?';
    const res = await this.db.raw(
      `SELECT office_key AS office, ${sums.columns.join(', ')}
       FROM "${tableOf(this.strapi, 'api::escalation.escalation')}"
       WHERE office_key IS NOT NULL AND escalated_at >= ? AND escalated_at <= ? ${kindFilter}
       GROUP BY office_key`,
      [
        ...sums.bindings,
        this.at(windows[0].start),
        this.at(windows[0].end),
        ...(this.q.kind === 'all' ? [] : [this.q.kind]),
      ]
    );
    this.collect(rowsOf(res), { esc: 'escalations' });
  }

  /**
   * Ratings given in each window: the spent rating invitations (the case's citizen and its
   * followers each rate once), joined to their case for its office.
   */
  async ratings(): Promise<void> {
    const { windows } = this.q;
    const invitations = tableOf(this.strapi, 'api::rating-invitation.rating-invitation');
    for (const kind of this.kinds) {
      const sums = new Sums();
      windows.forEach((w, k) => {
        const range = [this.at(w.start), this.at(w.end)];
        sums.add(`rn_${k}`, 'r.used_at >= ? AND r.used_at <= ?', range);
        sums.add(`rs_${k}`, 'r.used_at >= ? AND r.used_at <= ?', range, 'r.score');
      });
      const res = await this.db.raw(
        `SELECT c.office_key AS office, ${sums.columns.join(', ')}
         FROM "${invitations}" r
         JOIN "${tableOf(this.strapi, CASE_UIDS[kind])}" c ON c.reference_code = r.case_code
         WHERE r.case_kind = ? AND r.score IS NOT NULL AND r.used_at >= ? AND r.used_at <= ?
           AND c.office_key IS NOT NULL
         GROUP BY c.office_key`,
        [...sums.bindings, kind, this.at(windows[0].start), this.at(windows[0].end)]
      );
      this.collect(rowsOf(res), { rn: 'ratings', rs: 'ratingSum' });
    }
  }

  /**
   * Hours from reception to `column` for the cases whose `column` falls in the period, with the
   * chart bucket it falls in (1-based, as the windows), over the case kinds asked.
   */
  private durations(column: 'first_response_at' | 'resolved_at') {
    const { windows } = this.q;
    const hours = isPostgres(this.strapi)
      ? `EXTRACT(EPOCH FROM (${column} - received_at)) / 3600.0`
      : `(${column} - received_at) / 3600000.0`;
    const buckets = windows.slice(1);
    const bucketOf = `CASE ${buckets.map((_, i) => `WHEN ${column} <= ? THEN ${i + 1}`).join(' ')} END`;
    const parts: string[] = [];
    const bindings: Knex.Value[] = [];
    for (const kind of this.kinds) {
      parts.push(
        `SELECT office_key AS office, ${bucketOf} AS bucket, ${hours} AS h
         FROM "${tableOf(this.strapi, CASE_UIDS[kind])}"
         WHERE office_key IS NOT NULL AND ${column} >= ? AND ${column} <= ?`
      );
      bindings.push(
        ...buckets.map((b) => this.at(b.end)),
        this.at(windows[0].start),
        this.at(windows[0].end)
      );
    }
    return { sql: parts.join(' UNION ALL '), bindings };
  }

  /** The median of `h` per group: the mean of the middle one or two values. */
  private async medians(sql: string, bindings: Knex.Value[]): Promise<Map<string, number>> {
    const res = await this.db.raw(
      `SELECT grp, AVG(h) AS median_h FROM (
         SELECT grp, h, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY h) AS rn,
                COUNT(*) OVER (PARTITION BY grp) AS n
         FROM (${sql}) g
       ) m WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY grp`,
      bindings
    );
    return new Map(rowsOf(res).map((r) => [String(r.grp), Number(r.median_h)]));
  }

  /**
   * Medians of the offices shown: per office over the period, or per chart bucket over all of
   * them together.
   */
  medianBy(
    group: 'office' | 'bucket',
    column: 'first_response_at' | 'resolved_at',
    offices: string[]
  ): Promise<Map<string, number>> {
    if (!offices.length) return Promise.resolve(new Map());
    const d = this.durations(column);
    const among = offices.map(() => '?').join(', ');
    return this.medians(`SELECT ${group} AS grp, h FROM (${d.sql}) d WHERE office IN (${among})`, [
      ...d.bindings,
      ...offices,
    ]);
  }

  /** Staff profiles per office (its documentId: a profile may link the draft or the published row). */
  async staff(): Promise<Map<string, number>> {
    const link = joinTableOf(this.strapi, 'api::staff-profile.staff-profile', 'offices');
    const res = await this.db.raw(
      `SELECT o.document_id AS office, COUNT(DISTINCT l.${link.ownerColumn}) AS n
       FROM "${link.name}" l JOIN "${tableOf(this.strapi, 'api::office.office')}" o
         ON o.id = l.${link.targetColumn}
       GROUP BY o.document_id`
    );
    return new Map(rowsOf(res).map((r) => [String(r.office), Number(r.n)]));
  }
}

export interface OfficeKpi {
  documentId: string;
  name: string;
  casesIn: number;
  backlog: number;
  overdue: number;
  overdueShare: number | null;
  firstResponses: number;
  medianFirstResponseHours: number | null;
  resolved: number;
  medianResolutionHours: number | null;
  escalations: number;
  ratings: number;
  meanRating: number | null;
  /** Survey responses attributed to the office in the period (kpi-satisfaction.ts). */
  surveyResponses: number;
  /** The share of its scale, NPS and face answers that are not dissatisfied. */
  satisfaction: number | null;
  staff: number;
  casesPerStaff: number | null;
  backlogPerStaff: number | null;
  standsOut: boolean;
  reasons: StandsOutReason[];
}

const hasWork = (c: Counts) =>
  c.casesIn + c.backlog + c.firstResponses + c.resolved + c.escalations + c.ratings > 0;

const perStaff = (n: number, staff: number) => (staff > 0 ? round(n / staff) : null);

export async function officeKpis(strapi: Core.Strapi, staffMember: StaffMember, raw: unknown) {
  const scope = officeScope(staffMember);
  if (!scope) {
    throw new errors.ForbiddenError(
      'Office KPIs are for operators, coordinators and the control body.'
    );
  }
  const q = parseKpiQuery(strapi, raw);
  const names = await publishedNames(strapi, 'api::office.office', q.locale);
  if (q.office) {
    if (!names.has(q.office)) throw invalid('office', 'no published office has this documentId');
    if (!scope.all && !scope.offices.includes(q.office)) {
      throw new errors.ForbiddenError("You may read your own offices' KPIs only.");
    }
  }

  const reader = new KpiReader(strapi, q);
  await reader.caseCounts();
  await reader.escalations();
  await reader.ratings();
  const staff = await reader.staff();
  const satisfaction = await officeSatisfaction(strapi, q.period.start, q.period.end);
  const countsOf = (office: string) => reader.counts.get(office) ?? q.windows.map(zero);

  // The yardstick: every office of the city with work in the period, whoever is asking.
  const city = cityReference(
    [...reader.counts].map(([office, list]) => ({ ...list[0], staff: staff.get(office) ?? 0 }))
  );

  // The rows: the office asked; else the reader's offices; else every office with work.
  let shown: string[];
  if (q.office) shown = [q.office];
  else if (!scope.all) shown = scope.offices.filter((o) => names.has(o));
  else shown = [...names.keys()].filter((o) => hasWork(countsOf(o)[0]));
  shown.sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'it'));
  const firstByOffice = await reader.medianBy('office', 'first_response_at', shown);
  const resolvedByOffice = await reader.medianBy('office', 'resolved_at', shown);
  const firstByBucket = await reader.medianBy('bucket', 'first_response_at', shown);
  const resolvedByBucket = await reader.medianBy('bucket', 'resolved_at', shown);

  const offices: OfficeKpi[] = shown.map((documentId) => {
    const c = countsOf(documentId)[0];
    const n = staff.get(documentId) ?? 0;
    const reasons = standsOut({ ...c, staff: n }, city);
    const said = satisfaction.get(documentId);
    return {
      documentId,
      name: names.get(documentId) ?? documentId,
      casesIn: c.casesIn,
      backlog: c.backlog,
      overdue: c.overdue,
      overdueShare: round(share(c.overdue, c.backlog), 4),
      firstResponses: c.firstResponses,
      medianFirstResponseHours: round(firstByOffice.get(documentId)),
      resolved: c.resolved,
      medianResolutionHours: round(resolvedByOffice.get(documentId)),
      escalations: c.escalations,
      ratings: c.ratings,
      meanRating: round(share(c.ratingSum, c.ratings)),
      surveyResponses: said?.responses ?? 0,
      satisfaction: said ? round(share(said.judged - said.dissatisfied, said.judged), 4) : null,
      staff: n,
      casesPerStaff: perStaff(c.casesIn, n),
      backlogPerStaff: perStaff(c.backlog, n),
      standsOut: reasons.length > 0,
      reasons: reasons.map((r) => ({
        ...r,
        value: round(r.value, 4) as number,
        reference: round(r.reference, 4) as number,
      })),
    };
  });

  const series = q.windows.slice(1).map((w, i) => {
    const k = i + 1;
    const sum = zero();
    for (const office of shown) {
      const c = countsOf(office)[k];
      for (const key of Object.keys(sum) as (keyof Counts)[]) sum[key] += c[key];
    }
    return {
      from: w.from,
      to: w.to,
      asOf: w.asOf.toISOString(),
      casesIn: sum.casesIn,
      backlog: sum.backlog,
      overdue: sum.overdue,
      overdueShare: round(share(sum.overdue, sum.backlog), 4),
      firstResponses: sum.firstResponses,
      medianFirstResponseHours: round(firstByBucket.get(String(k))),
      resolved: sum.resolved,
      medianResolutionHours: round(resolvedByBucket.get(String(k))),
      escalations: sum.escalations,
      ratings: sum.ratings,
      meanRating: round(share(sum.ratingSum, sum.ratings)),
    };
  });

  return {
    data: {
      from: q.period.from,
      to: q.period.to,
      kind: q.kind,
      asOf: q.windows[0].asOf.toISOString(),
      granularity: q.granularity,
      offices,
      series,
    },
    meta: { city: roundCity(city), rule: STANDS_OUT_RULE },
  };
}

const roundCity = (c: CityReference): CityReference => ({
  ...c,
  overdueShare: round(c.overdueShare, 4),
  medianBacklogPerStaff: round(c.medianBacklogPerStaff, 4),
});

export const CSV_COLUMNS: (keyof OfficeKpi)[] = [
  'documentId',
  'name',
  'casesIn',
  'backlog',
  'overdue',
  'overdueShare',
  'firstResponses',
  'medianFirstResponseHours',
  'resolved',
  'medianResolutionHours',
  'escalations',
  'ratings',
  'meanRating',
  'surveyResponses',
  'satisfaction',
  'staff',
  'casesPerStaff',
  'backlogPerStaff',
  'standsOut',
  'reasons',
];

/** The offices' table as CSV: a header row, then one row per office (UTF-8 with a BOM for Excel). */
export function kpisCsv(result: Awaited<ReturnType<typeof officeKpis>>): {
  fileName: string;
  body: string;
} {
  const { from, to, kind, offices } = result.data;
  const rows = offices.map((o) => [
    from,
    to,
    kind,
    ...CSV_COLUMNS.map((c) => (c === 'reasons' ? o.reasons.map((r) => r.code).join(' ') : o[c])),
  ]);
  return {
    fileName: `office-kpis-${kind}-${from}-${to}.csv`,
    body: csvDocument(['from', 'to', 'kind', ...CSV_COLUMNS], rows),
  };
}
