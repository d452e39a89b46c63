/**
 * The quality report (issue "Listening tools"): requests and feedback over a period, against the
 * previous period of the same length. The server sums and groups in SQL (the raw figures below);
 * this module is what is not SQL: the previous period, changes, shares, the on-time share, the
 * ranking of complaint topics, the survey figures kept for the report, and the labels in the
 * reader's language. The HTML document is rendered by quality-report-html.ts.
 *
 * Rounding, as survey-stats.ts: shares and relative changes are fractions of 1 to 4 decimals,
 * hours and means to 2, NPS and net scores (points) to 1; a change keeps the precision of what it
 * compares. No data gives null, never NaN; a relative change is null when the previous is 0.
 */
import { addCalendarDays, daysBetween, parseLocalDate, toIsoDate } from './calendar';
import type { CaseKind } from './case-kind';
import { round } from './office-kpis';
import {
  CHANNEL_LABELS,
  KIND_LABELS,
  OUTCOME_LABELS,
  STATE_LABELS,
  TEXTS,
  type ReportLocale,
} from './quality-report-labels';
import {
  MEAN_DIGITS,
  POINTS_DIGITS,
  SHARE_DIGITS,
  compareStats,
  type QuestionStats,
  type SurveyStats,
} from './survey-stats';

export type { ReportLocale } from './quality-report-labels';

export const TOP_COMPLAINT_TOPICS = 5;
/** Scores up to this one (of 1–5) count as low ratings. */
export const LOW_RATING_UP_TO = 2;

/** A figure of the period and of the previous one. */
export interface Both<T> {
  current: T;
  previous: T;
}

export interface PeriodDates {
  from: string;
  to: string;
  /** Days from `from` to `to`, both included. */
  days: number;
}

/** The period just before, as many days long, ending the day before `from`. */
export function previousPeriod(from: string, to: string): PeriodDates {
  const start = parseLocalDate(from);
  const days = daysBetween(start, parseLocalDate(to)) + 1;
  if (days < 1) throw new RangeError('the period ends before it starts');
  return {
    from: toIsoDate(addCalendarDays(start, -days)),
    to: toIsoDate(addCalendarDays(start, -1)),
    days,
  };
}

export interface Comparison {
  current: number | null;
  previous: number | null;
  /** current − previous. */
  change: number | null;
  /** The change over the previous (its magnitude, so a fall from −20 reads as negative). */
  relativeChange: number | null;
}

export function compare(
  current: number | null,
  previous: number | null,
  digits: number = MEAN_DIGITS
): Comparison {
  const change = current == null || previous == null ? null : round(current - previous, digits);
  const relativeChange =
    change == null || !previous ? null : round(change / Math.abs(previous), SHARE_DIGITS);
  return { current, previous, change, relativeChange };
}

/** part / whole as a fraction of 1 (4 decimals), or null with no whole. */
export const shareOf = (part: number, whole: number): number | null =>
  whole > 0 ? round(part / whole, SHARE_DIGITS) : null;

/** Cases received in each period with one value of a dimension (a channel, a topic…). */
export interface RawCount {
  key: string | null;
  current: number;
  previous: number;
}

export interface CountRow {
  key: string | null;
  label: string;
  current: number;
  previous: number;
  change: number;
  relativeChange: number | null;
  /** Of all the cases the table counts in the period. */
  share: number | null;
}

/** Largest first, then by label, so that the order is the same on every database. */
const byCountThenLabel = (a: CountRow, b: CountRow) =>
  b.current - a.current ||
  b.previous - a.previous ||
  a.label.localeCompare(b.label, 'it') ||
  String(a.key).localeCompare(String(b.key));

/** The rows of a table: equal keys summed, labelled, with their share of the period's total. */
export function countRows(
  raw: readonly RawCount[],
  labelOf: (key: string | null) => string
): CountRow[] {
  const merged = new Map<string | null, Both<number>>();
  for (const r of raw) {
    const sum = merged.get(r.key) ?? { current: 0, previous: 0 };
    sum.current += r.current;
    sum.previous += r.previous;
    merged.set(r.key, sum);
  }
  const total = [...merged.values()].reduce((n, c) => n + c.current, 0);
  return [...merged]
    .filter(([, c]) => c.current > 0 || c.previous > 0)
    .map(([key, c]) => {
      const { change, relativeChange } = compare(c.current, c.previous, 0);
      return {
        key,
        label: labelOf(key),
        current: c.current,
        previous: c.previous,
        change: change ?? 0,
        relativeChange,
        share: shareOf(c.current, total),
      };
    })
    .sort(byCountThenLabel);
}

/** The `n` topics with most complaints in the period; ties broken by name. */
export function topTopics(rows: readonly CountRow[], n = TOP_COMPLAINT_TOPICS): CountRow[] {
  return rows
    .filter((r) => r.current > 0)
    .sort(
      (a, b) =>
        b.current - a.current ||
        a.label.localeCompare(b.label, 'it') ||
        String(a.key).localeCompare(String(b.key))
    )
    .slice(0, n);
}

export interface RawRatings {
  count: Both<number>;
  scoreSum: Both<number>;
  /** Scores of 1 or 2. */
  low: Both<number>;
}

export interface RatingFigures {
  count: Comparison;
  meanScore: Comparison;
  lowShare: Comparison;
}

export function ratingFigures(r: RawRatings): RatingFigures {
  const mean = (p: keyof Both<number>) =>
    r.count[p] > 0 ? round(r.scoreSum[p] / r.count[p], MEAN_DIGITS) : null;
  return {
    count: compare(r.count.current, r.count.previous, 0),
    meanScore: compare(mean('current'), mean('previous'), MEAN_DIGITS),
    lowShare: compare(
      shareOf(r.low.current, r.count.current),
      shareOf(r.low.previous, r.count.previous),
      SHARE_DIGITS
    ),
  };
}

const sumRatings = (list: readonly RawRatings[]): RawRatings => {
  const both = (pick: (r: RawRatings) => Both<number>) => ({
    current: list.reduce((n, r) => n + pick(r).current, 0),
    previous: list.reduce((n, r) => n + pick(r).previous, 0),
  });
  return {
    count: both((r) => r.count),
    scoreSum: both((r) => r.scoreSum),
    low: both((r) => r.low),
  };
};

export interface RawTimes {
  /** First responses given in the period (whenever the case came in). */
  firstResponses: Both<number>;
  medianFirstResponseHours: Both<number | null>;
  /** Cases resolved (reports) or answered (requests, complaints) in the period. */
  resolved: Both<number>;
  /** Of those, with a due date, and resolved by it. */
  resolvedWithDueDate: Both<number>;
  resolvedOnTime: Both<number>;
  medianResolutionHours: Both<number | null>;
}

export interface ResponseTimes {
  firstResponses: Comparison;
  medianFirstResponseHours: Comparison;
  resolved: Comparison;
  resolvedWithDueDate: Comparison;
  resolvedOnTime: Comparison;
  /** resolvedOnTime / resolvedWithDueDate: a case with no due date cannot be late or on time. */
  onTimeShare: Comparison;
  medianResolutionHours: Comparison;
}

export function responseTimes(t: RawTimes): ResponseTimes {
  const count = (b: Both<number>) => compare(b.current, b.previous, 0);
  const hours = (b: Both<number | null>) =>
    compare(round(b.current, MEAN_DIGITS), round(b.previous, MEAN_DIGITS), MEAN_DIGITS);
  return {
    firstResponses: count(t.firstResponses),
    medianFirstResponseHours: hours(t.medianFirstResponseHours),
    resolved: count(t.resolved),
    resolvedWithDueDate: count(t.resolvedWithDueDate),
    resolvedOnTime: count(t.resolvedOnTime),
    onTimeShare: compare(
      shareOf(t.resolvedOnTime.current, t.resolvedWithDueDate.current),
      shareOf(t.resolvedOnTime.previous, t.resolvedWithDueDate.previous),
      SHARE_DIGITS
    ),
    medianResolutionHours: hours(t.medianResolutionHours),
  };
}

export const DIMENSIONS = ['channel', 'topic', 'office', 'state', 'outcome'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** What SQL gives of one case kind. */
export interface RawKindFigures {
  kind: CaseKind;
  /** Cases received in each period, grouped by each dimension (outcome: complaints only). */
  groups: Record<Dimension, RawCount[]>;
  times: RawTimes;
  ratings: RawRatings;
}

/** One survey with responses in either period, with its figures in each. */
export interface RawSurvey {
  documentId: string;
  title: string;
  responses: Both<number>;
  /** Some responses were left out of the figures (too many to read). */
  truncated: boolean;
  stats: Both<SurveyStats>;
}

export interface QualityReportInput {
  locale: ReportLocale;
  from: string;
  to: string;
  generatedAt: string;
  /** The offices the report is limited to (a coordinator's, or the one asked); null: all. */
  offices: { documentId: string; name: string }[] | null;
  topicNames: ReadonlyMap<string, string>;
  officeNames: ReadonlyMap<string, string>;
  kinds: RawKindFigures[];
  surveys: RawSurvey[];
}

export interface KindReport {
  kind: CaseKind;
  label: string;
  received: Comparison;
  byChannel: CountRow[];
  byTopic: CountRow[];
  byOffice: CountRow[];
  byState: CountRow[];
  /** Complaints only: upheld, partly upheld, rejected (not specified while undecided). */
  byOutcome: CountRow[] | null;
  responseTimes: ResponseTimes;
  ratings: RatingFigures;
}

const KEPT_TYPES = ['scale', 'emoticon', 'nps'] as const;
type KeptType = (typeof KEPT_TYPES)[number];

export interface SurveyQuestionFigures {
  code: string;
  label: string;
  type: KeptType;
  answered: Comparison;
  /** Scale and NPS questions. */
  mean: Comparison | null;
  dissatisfiedShare: Comparison;
  /** NPS questions. */
  nps: Comparison | null;
  /** Emoticon questions: % positive − % negative. */
  netScore: Comparison | null;
}

export interface SurveyReport {
  documentId: string;
  title: string;
  responses: Comparison;
  truncated: boolean;
  questions: SurveyQuestionFigures[];
}

export interface QualityReport {
  locale: ReportLocale;
  period: PeriodDates;
  previousPeriod: PeriodDates;
  generatedAt: string;
  offices: { documentId: string; name: string }[] | null;
  received: { total: Comparison; byKind: CountRow[]; byChannel: CountRow[] };
  kinds: KindReport[];
  topComplaintTopics: CountRow[];
  satisfaction: { ratings: RatingFigures; surveys: SurveyReport[] };
}

type Figure = 'mean' | 'dissatisfiedShare' | 'nps' | 'netScore';
const figureOf = (s: QuestionStats | undefined, name: Figure): number | null =>
  s && name in s ? ((s as unknown as Record<Figure, number | null>)[name] ?? null) : null;

/**
 * The scale, emoticon and NPS questions of a survey (the figures a manager reads); a question
 * changed since the previous period in a way that makes it incomparable (survey-stats'
 * compareStats) gets no previous figures.
 */
export function surveyQuestionFigures(stats: Both<SurveyStats>): SurveyQuestionFigures[] {
  const before = new Map(stats.previous.questions.map((q) => [q.code, q]));
  const comparable = new Map(
    compareStats(stats.previous, stats.current).questions.map((q) => [q.code, q.comparable])
  );
  return stats.current.questions.flatMap((q): SurveyQuestionFigures[] => {
    if (!(KEPT_TYPES as readonly string[]).includes(q.type)) return [];
    const prev = comparable.get(q.code) ? before.get(q.code) : undefined;
    const pair = (name: Figure, digits: number) =>
      compare(figureOf(q, name), figureOf(prev, name), digits);
    return [
      {
        code: q.code,
        label: q.label,
        type: q.type as KeptType,
        answered: compare(q.answered, prev ? prev.answered : null, 0),
        mean: q.type === 'emoticon' ? null : pair('mean', MEAN_DIGITS),
        dissatisfiedShare: pair('dissatisfiedShare', SHARE_DIGITS),
        nps: q.type === 'nps' ? pair('nps', POINTS_DIGITS) : null,
        netScore: q.type === 'emoticon' ? pair('netScore', POINTS_DIGITS) : null,
      },
    ];
  });
}

/** The labels of one dimension's keys in the reader's language; a key with no name shows as is. */
function labeller(input: QualityReportInput, dimension: Dimension) {
  const { locale } = input;
  const own = (labels: Record<string, string>, key: string) =>
    Object.hasOwn(labels, key) ? labels[key] : undefined;
  const names: (key: string) => string | undefined = {
    channel: (key: string) => own(CHANNEL_LABELS[locale], key),
    topic: (key: string) => input.topicNames.get(key),
    office: (key: string) => input.officeNames.get(key),
    state: (key: string) => own(STATE_LABELS[locale], key),
    outcome: (key: string) => own(OUTCOME_LABELS[locale], key),
  }[dimension];
  return (key: string | null) => (key == null ? TEXTS[locale].notSpecified : (names(key) ?? key));
}

const sumOf = (rows: readonly CountRow[], p: keyof Both<number>) =>
  rows.reduce((n, r) => n + r[p], 0);

export function buildQualityReport(input: QualityReportInput): QualityReport {
  const period = previousPeriod(input.from, input.to);
  const rows = (k: RawKindFigures, d: Dimension) => countRows(k.groups[d], labeller(input, d));
  const kinds = input.kinds.map((k): KindReport => {
    // Every case has a channel (required): its rows add up to the cases received.
    const byChannel = rows(k, 'channel');
    const byTopic = rows(k, 'topic');
    return {
      kind: k.kind,
      label: KIND_LABELS[input.locale][k.kind],
      received: compare(sumOf(byChannel, 'current'), sumOf(byChannel, 'previous'), 0),
      byChannel,
      byTopic,
      byOffice: rows(k, 'office'),
      byState: rows(k, 'state'),
      byOutcome: k.kind === 'complaint' ? rows(k, 'outcome') : null,
      responseTimes: responseTimes(k.times),
      ratings: ratingFigures(k.ratings),
    };
  });
  const byKind = countRows(
    kinds.map((k) => ({
      key: k.kind,
      current: k.received.current ?? 0,
      previous: k.received.previous ?? 0,
    })),
    (key) => KIND_LABELS[input.locale][key as CaseKind] ?? String(key)
  );
  const complaints = kinds.find((k) => k.kind === 'complaint');
  const surveys = input.surveys
    .map(
      (s): SurveyReport => ({
        documentId: s.documentId,
        title: s.title,
        responses: compare(s.responses.current, s.responses.previous, 0),
        truncated: s.truncated,
        questions: surveyQuestionFigures(s.stats),
      })
    )
    .sort(
      (a, b) =>
        (b.responses.current ?? 0) - (a.responses.current ?? 0) ||
        a.title.localeCompare(b.title, 'it')
    );
  return {
    locale: input.locale,
    period: { from: input.from, to: input.to, days: period.days },
    previousPeriod: period,
    generatedAt: input.generatedAt,
    offices: input.offices,
    received: {
      total: compare(sumOf(byKind, 'current'), sumOf(byKind, 'previous'), 0),
      byKind,
      byChannel: countRows(
        input.kinds.flatMap((k) => k.groups.channel),
        labeller(input, 'channel')
      ),
    },
    kinds,
    topComplaintTopics: complaints ? topTopics(complaints.byTopic) : [],
    satisfaction: {
      ratings: ratingFigures(sumRatings(input.kinds.map((k) => k.ratings))),
      surveys,
    },
  };
}
