/**
 * The quality report (GET /urp-console/quality-report and /quality-report.html): for a period and
 * the previous one of the same length, each case kind's cases received by channel, topic, office,
 * current state and (complaints) outcome; response and resolution times with the share on time;
 * citizens' ratings; the satisfaction surveys' figures. The arithmetic that is not SQL and the
 * HTML document are in src/domain/quality-report*.ts.
 *
 * Everything about cases is summed in SQL, never by loading rows: per case table, one query
 * groups the cases received over both periods by every dimension (UNION ALL), one sums the times,
 * one takes the medians (window functions, as kpis.ts: one text for SQLite and PostgreSQL), one
 * the ratings. The two periods are adjacent, so each query reads from the previous period's start
 * to this one's end and splits at this one's start. Survey figures need the answers themselves
 * (survey-stats.ts): responses are counted in SQL, then read per survey and period, at most
 * MAX_RESPONSES each, the answers column only.
 *
 * Coordinators read their own offices only (officeScope, as the KPIs); cases and survey responses
 * are filtered on their office key.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { z } from 'zod';
import { CASE_KINDS, type CaseKind } from '../../../../domain/case-kind';
import { compareLocalDates, parseLocalDate } from '../../../../domain/calendar';
import {
  DIMENSIONS,
  LOW_RATING_UP_TO,
  buildQualityReport,
  previousPeriod,
  type Both,
  type Dimension,
  type QualityReport,
  type RawCount,
  type RawKindFigures,
  type RawSurvey,
} from '../../../../domain/quality-report';
import { renderQualityReportHtml } from '../../../../domain/quality-report-html';
import { officeScope, type StaffMember } from '../../../../domain/staff-scope';
import { surveyStats, type SurveyStats } from '../../../../domain/survey-stats';
import type { Answers } from '../../../../domain/survey-questions';
import { CASE_UIDS } from '../../../../lib/case-types';
import { clock } from '../../../../lib/clock';
import { dbInstant, isPostgres, tableOf } from '../../../../lib/raw-sql';
import { cityCalendar } from '../../../../lib/settings';
import { SURVEY_UID } from '../../../../lib/surveys/definition';
import { SURVEY_RESPONSE_UID } from '../../../../lib/surveys/public-survey';
import { questionsOf, type StoredSurvey } from '../../../../lib/surveys/questions';
import { invalid, parseInput } from './input';
import { publishedNames } from './names';
import { parsePeriod } from './period';
import { MAX_RESPONSES } from './survey-analytics';

const MAX_DAYS = 366;
const DEFAULT_DAYS_BACK = 90;
/** The surveys with most responses in the period are listed, at most so many. */
const MAX_SURVEYS = 50;

const querySchema = z.object({
  office: z.string().trim().min(1).max(40).optional(),
  locale: z.enum(['it', 'en']).default('it'),
});

/** A period as instants: `start` the first of its first day, `end` the last of its last. */
interface Span {
  start: Date;
  end: Date;
}

interface ReportQuery {
  locale: 'it' | 'en';
  from: string;
  to: string;
  current: Span;
  previous: Span;
  /** The office keys the figures are limited to; null: every case, with an office or not. */
  offices: string[] | null;
}

type Row = Record<string, unknown>;
const rowsOf = (res: unknown) =>
  (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Row[];
const num = (v: unknown) => Number(v ?? 0);
const keyOf = (v: unknown) => (v == null ? null : String(v));

/** `AND column IN (…)` for a limited report; nothing for the whole city. */
function officeFilter(
  column: string,
  offices: string[] | null
): { sql: string; bindings: string[] } {
  if (offices == null) return { sql: '', bindings: [] };
  if (!offices.length) return { sql: 'AND 1 = 0', bindings: [] };
  return { sql: `AND ${column} IN (${offices.map(() => '?').join(', ')})`, bindings: offices };
}

class CaseFigures {
  private readonly db: Knex;

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly q: ReportQuery,
    private readonly kind: CaseKind
  ) {
    this.db = strapi.db.connection;
  }

  private at(d: Date): Knex.Value {
    return dbInstant(this.strapi, d) as Knex.Value;
  }

  private get table() {
    return tableOf(this.strapi, CASE_UIDS[this.kind]);
  }

  /** `column` within both periods: bindings for the "… >= ? AND … <= ?" of the whole span. */
  private get span(): Knex.Value[] {
    return [this.at(this.q.previous.start), this.at(this.q.current.end)];
  }

  private get split(): Knex.Value {
    return this.at(this.q.current.start);
  }

  /** Cases received in each period by every dimension, in one pass per dimension. */
  async groups(): Promise<Record<Dimension, RawCount[]>> {
    const scope = officeFilter('office_key', this.q.offices);
    const columns: Record<Dimension, string | null> = {
      channel: 'channel',
      topic: 'topic_key',
      office: 'office_key',
      state: 'state',
      outcome: this.kind === 'complaint' ? 'outcome' : null,
    };
    const parts: string[] = [];
    const bindings: Knex.Value[] = [];
    for (const dim of DIMENSIONS) {
      const column = columns[dim];
      if (!column) continue;
      parts.push(
        `SELECT '${dim}' AS dim, ${column} AS k,
                SUM(CASE WHEN received_at >= ? THEN 1 ELSE 0 END) AS cur,
                SUM(CASE WHEN received_at < ? THEN 1 ELSE 0 END) AS prev
         FROM "${this.table}"
         WHERE received_at >= ? AND received_at <= ? ${scope.sql}
         GROUP BY ${column}`
      );
      bindings.push(this.split, this.split, ...this.span, ...scope.bindings);
    }
    const res = await this.db.raw(parts.join(' UNION ALL '), bindings);
    const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as RawCount[]])) as Record<
      Dimension,
      RawCount[]
    >;
    for (const r of rowsOf(res)) {
      groups[r.dim as Dimension].push({
        key: keyOf(r.k),
        current: num(r.cur),
        previous: num(r.prev),
      });
    }
    return groups;
  }

  /** First responses and resolutions in each period, and the resolutions by the due date. */
  async times() {
    const scope = officeFilter('office_key', this.q.offices);
    const sums: string[] = [];
    const bindings: Knex.Value[] = [];
    const windows = { cur: this.q.current, prev: this.q.previous };
    for (const [name, w] of Object.entries(windows)) {
      const range = [this.at(w.start), this.at(w.end)];
      const add = (alias: string, cond: string) => {
        sums.push(`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${alias}_${name}`);
        bindings.push(...range);
      };
      add('first', 'first_response_at >= ? AND first_response_at <= ?');
      add('done', 'resolved_at >= ? AND resolved_at <= ?');
      add('due', 'resolved_at >= ? AND resolved_at <= ? AND due_at IS NOT NULL');
      add('ontime', 'resolved_at >= ? AND resolved_at <= ? AND resolved_at <= due_at');
    }
    const res = await this.db.raw(
      `SELECT ${sums.join(', ')} FROM "${this.table}"
       WHERE ((first_response_at >= ? AND first_response_at <= ?)
           OR (resolved_at >= ? AND resolved_at <= ?)) ${scope.sql}`,
      [...bindings, ...this.span, ...this.span, ...scope.bindings]
    );
    const r = rowsOf(res)[0] ?? {};
    const both = (alias: string): Both<number> => ({
      current: num(r[`${alias}_cur`]),
      previous: num(r[`${alias}_prev`]),
    });
    return {
      firstResponses: both('first'),
      resolved: both('done'),
      resolvedWithDueDate: both('due'),
      resolvedOnTime: both('ontime'),
    };
  }

  /**
   * Median hours from reception to the first response and to the resolution, per period: the
   * mean of the middle one or two values (PostgreSQL's percentile_cont(0.5)).
   */
  async medians() {
    const scope = officeFilter('office_key', this.q.offices);
    const hours = (column: string) =>
      isPostgres(this.strapi)
        ? `EXTRACT(EPOCH FROM (${column} - received_at)) / 3600.0`
        : `(${column} - received_at) / 3600000.0`;
    const durations = (column: string, name: string) =>
      `SELECT CASE WHEN ${column} >= ? THEN '${name}_cur' ELSE '${name}_prev' END AS grp,
              ${hours(column)} AS h
       FROM "${this.table}"
       WHERE ${column} >= ? AND ${column} <= ? AND received_at IS NOT NULL ${scope.sql}`;
    const part = [this.split, ...this.span, ...scope.bindings];
    const res = await this.db.raw(
      `SELECT grp, AVG(h) AS median_h FROM (
         SELECT grp, h, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY h) AS rn,
                COUNT(*) OVER (PARTITION BY grp) AS n
         FROM (${durations('first_response_at', 'first')}
               UNION ALL ${durations('resolved_at', 'done')}) g
       ) m WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY grp`,
      [...part, ...part]
    );
    const medians = new Map(rowsOf(res).map((r) => [String(r.grp), Number(r.median_h)]));
    const both = (name: string): Both<number | null> => ({
      current: medians.get(`${name}_cur`) ?? null,
      previous: medians.get(`${name}_prev`) ?? null,
    });
    return { medianFirstResponseHours: both('first'), medianResolutionHours: both('done') };
  }

  /** Ratings given in each period: the spent rating invitations, joined to their case. */
  async ratings() {
    const scope = officeFilter('c.office_key', this.q.offices);
    const invitations = tableOf(this.strapi, 'api::rating-invitation.rating-invitation');
    const res = await this.db.raw(
      `SELECT SUM(CASE WHEN r.used_at >= ? THEN 1 ELSE 0 END) AS n_cur,
              SUM(CASE WHEN r.used_at < ? THEN 1 ELSE 0 END) AS n_prev,
              SUM(CASE WHEN r.used_at >= ? THEN r.score ELSE 0 END) AS s_cur,
              SUM(CASE WHEN r.used_at < ? THEN r.score ELSE 0 END) AS s_prev,
              SUM(CASE WHEN r.used_at >= ? AND r.score <= ? THEN 1 ELSE 0 END) AS low_cur,
              SUM(CASE WHEN r.used_at < ? AND r.score <= ? THEN 1 ELSE 0 END) AS low_prev
       FROM "${invitations}" r
       JOIN "${this.table}" c ON c.reference_code = r.case_code
       WHERE r.case_kind = ? AND r.score IS NOT NULL AND r.used_at >= ? AND r.used_at <= ?
         ${scope.sql}`,
      [
        ...[this.split, this.split, this.split, this.split],
        ...[this.split, LOW_RATING_UP_TO, this.split, LOW_RATING_UP_TO],
        this.kind,
        ...this.span,
        ...scope.bindings,
      ]
    );
    const r = rowsOf(res)[0] ?? {};
    const both = (alias: string): Both<number> => ({
      current: num(r[`${alias}_cur`]),
      previous: num(r[`${alias}_prev`]),
    });
    return { count: both('n'), scoreSum: both('s'), low: both('low') };
  }

  async all(): Promise<RawKindFigures> {
    const groups = await this.groups();
    const times = { ...(await this.times()), ...(await this.medians()) };
    return { kind: this.kind, groups, times, ratings: await this.ratings() };
  }
}

/** The survey as citizens answered it: published (else its draft), in the locale, else Italian. */
async function loadSurvey(strapi: Core.Strapi, documentId: string, locale: string) {
  for (const status of ['published', 'draft'] as const) {
    for (const l of [locale, 'it']) {
      const found = (await strapi.documents(SURVEY_UID).findOne({
        documentId,
        locale: l,
        status,
        populate: { questions: true },
      } as never)) as unknown as StoredSurvey | null;
      if (found) return found;
    }
  }
  return null;
}

class SurveyFigures {
  constructor(
    private readonly strapi: Core.Strapi,
    private readonly q: ReportQuery
  ) {}

  private scope(): Record<string, unknown>[] {
    return this.q.offices == null ? [] : [{ officeKey: { $in: this.q.offices } }];
  }

  /** Responses per survey in each period, most answered first. */
  private async counts(): Promise<{ id: string; counts: Both<number> }[]> {
    const at = (d: Date) => dbInstant(this.strapi, d) as Knex.Value;
    const scope = officeFilter('office_key', this.q.offices);
    const split = at(this.q.current.start);
    const res = await this.strapi.db.connection.raw(
      `SELECT survey_document_id AS id,
              SUM(CASE WHEN submitted_at >= ? THEN 1 ELSE 0 END) AS cur,
              SUM(CASE WHEN submitted_at < ? THEN 1 ELSE 0 END) AS prev
       FROM "${tableOf(this.strapi, SURVEY_RESPONSE_UID)}"
       WHERE submitted_at >= ? AND submitted_at <= ? ${scope.sql}
       GROUP BY survey_document_id`,
      [split, split, at(this.q.previous.start), at(this.q.current.end), ...scope.bindings]
    );
    return rowsOf(res)
      .map((r) => ({ id: String(r.id), counts: { current: num(r.cur), previous: num(r.prev) } }))
      .sort((a, b) => b.counts.current - a.counts.current || b.counts.previous - a.counts.previous)
      .slice(0, MAX_SURVEYS);
  }

  private async answers(documentId: string, span: Span) {
    const rows = (await this.strapi.db.query(SURVEY_RESPONSE_UID).findMany({
      where: {
        $and: [
          { surveyDocumentId: documentId },
          { submittedAt: { $gte: span.start, $lte: span.end } },
          ...this.scope(),
        ],
      },
      select: ['answers'],
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
      limit: MAX_RESPONSES + 1,
    })) as { answers: Answers | string }[];
    return {
      truncated: rows.length > MAX_RESPONSES,
      rows: rows.slice(0, MAX_RESPONSES).map((r) => ({
        answers: (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Answers,
      })),
    };
  }

  async all(): Promise<RawSurvey[]> {
    const surveys: RawSurvey[] = [];
    for (const { id, counts } of await this.counts()) {
      const survey = await loadSurvey(this.strapi, id, this.q.locale);
      const questions = survey ? questionsOf(survey) : [];
      const threshold =
        survey?.dissatisfiedBelow != null ? Number(survey.dissatisfiedBelow) : undefined;
      const stats = async (span: Span): Promise<[SurveyStats, boolean]> => {
        const { rows, truncated } = await this.answers(id, span);
        return [surveyStats(questions, rows, { dissatisfiedBelow: threshold }), truncated];
      };
      const [current, cutNow] = await stats(this.q.current);
      const [previous, cutBefore] = await stats(this.q.previous);
      surveys.push({
        documentId: id,
        title: survey?.title ?? id,
        responses: counts,
        truncated: cutNow || cutBefore,
        stats: { current, previous },
      });
    }
    return surveys;
  }
}

function parseReportQuery(strapi: Core.Strapi, raw: unknown) {
  const input = parseInput(querySchema, raw);
  const period = parsePeriod(strapi, raw, {
    defaultDaysBack: DEFAULT_DAYS_BACK,
    maxDays: MAX_DAYS,
  });
  const calendar = cityCalendar(strapi);
  if (compareLocalDates(period.toDate, calendar.localDate(clock.now())) > 0) {
    throw invalid('to', 'the period cannot end after today');
  }
  const before = previousPeriod(period.from, period.to);
  return {
    input,
    period,
    current: { start: period.start, end: period.end },
    previous: {
      start: calendar.startOfDay(parseLocalDate(before.from)),
      end: calendar.endOfDay(parseLocalDate(before.to)),
    },
  };
}

export async function qualityReport(
  strapi: Core.Strapi,
  staff: StaffMember,
  raw: unknown
): Promise<QualityReport> {
  const scope = officeScope(staff);
  if (!scope) {
    throw new errors.ForbiddenError(
      'The quality report is for operators, coordinators and the control body.'
    );
  }
  const { input, period, current, previous } = parseReportQuery(strapi, raw);
  const officeNames = await publishedNames(strapi, 'api::office.office', input.locale);
  if (input.office) {
    if (!officeNames.has(input.office)) {
      throw invalid('office', 'no published office has this documentId');
    }
    if (!scope.all && !scope.offices.includes(input.office)) {
      throw new errors.ForbiddenError("You may read your own offices' report only.");
    }
  }
  const offices = input.office ? [input.office] : scope.all ? null : [...scope.offices];
  const q: ReportQuery = {
    locale: input.locale,
    from: period.from,
    to: period.to,
    current,
    previous,
    offices,
  };

  const kinds: RawKindFigures[] = [];
  for (const kind of CASE_KINDS) kinds.push(await new CaseFigures(strapi, q, kind).all());
  const topicKeys = [
    ...new Set(kinds.flatMap((k) => k.groups.topic.flatMap((g) => (g.key ? [g.key] : [])))),
  ];
  const topicNames = topicKeys.length
    ? await publishedNames(strapi, 'api::topic.topic', input.locale, topicKeys)
    : new Map<string, string>();

  return buildQualityReport({
    locale: input.locale,
    from: period.from,
    to: period.to,
    generatedAt: clock.now().toISOString(),
    offices:
      offices?.map((documentId) => ({
        documentId,
        name: officeNames.get(documentId) ?? documentId,
      })) ?? null,
    topicNames,
    officeNames,
    kinds,
    surveys: await new SurveyFigures(strapi, q).all(),
  });
}

/** The report as a downloadable HTML document, named after its period. */
export async function qualityReportHtml(strapi: Core.Strapi, staff: StaffMember, raw: unknown) {
  const report = await qualityReport(strapi, staff, raw);
  const { from, to } = report.period;
  return {
    fileName: `quality-report-${from}-${to}-${report.locale}.html`,
    body: renderQualityReportHtml(report, cityCalendar(strapi).timeZone),
  };
}
