/**
 * Survey statistics (DESIGN.md: "survey statistics" in the domain): per-question figures over a
 * survey's responses, the response rate of invitations, and the "before and after" comparison of
 * improvement plans.
 *
 * Counting. A response counts for a question when the question was shown to it (isShown on the
 * stored answers): shown = answered + skipped. A stored answer counts only if checkAnswer accepts
 * it against the question as defined now (the rule applied at submission); one it refuses (an
 * option removed since, a narrowed scale) counts as skipped, and an answer to a question not
 * shown is left out. Both are counted in `ignored`, so that an edited survey shows it.
 *
 * Rounding, one rule, applied to the figures returned and never in between: shares are fractions
 * of 1 to 4 decimals (0.3333); means and medians to 2 decimals; nps and netScore, percentage
 * points from -100 to 100, to 1 decimal; a delta keeps the precision of what it compares. No
 * answers give null, never NaN.
 */
import { median, round } from './office-kpis';
import {
  EMOTICONS,
  byCode,
  checkAnswer,
  isShown,
  scaleRange,
  type Answer,
  type Emoticon,
  type Question,
  type QuestionType,
} from './survey-questions';

export const SHARE_DIGITS = 4;
export const MEAN_DIGITS = 2;
export const POINTS_DIGITS = 1;
export const DEFAULT_MAX_TEXTS = 200;

/** NPS bands: promoters 9–10, passives 7–8, detractors 0–6. */
export const NPS_PROMOTER_FROM = 9;
export const NPS_PASSIVE_FROM = 7;

export interface SurveyResponseLike {
  answers: Readonly<Record<string, unknown>>;
}

export interface StatsOptions {
  /**
   * Scale answers strictly below this count as dissatisfied: one number for every scale, or one
   * per question code. Default the midpoint (min + max) / 2: 1–5 → 1, 2; 0–10 → 0 to 4.
   */
  dissatisfiedBelow?: number | Readonly<Record<string, number>>;
  /** At most this many free-text answers are returned per question (default 200). */
  maxTexts?: number;
  /** The survey's questions: questionStats needs them for a question shown on a condition. */
  questions?: readonly Question[];
}

interface Counts {
  code: string;
  label: string;
  type: QuestionType;
  /** Responses the question was shown to. */
  shown: number;
  /** Of those, with an answer counted here. */
  answered: number;
  /** shown − answered. */
  skipped: number;
  /** Stored answers not counted: to the question when not shown, or not fitting it any more. */
  ignored: number;
}

export interface Bucket {
  value: number;
  count: number;
  /** Of the answered. */
  share: number | null;
}

export interface ScaleStats extends Counts {
  type: 'scale';
  min: number;
  max: number;
  /** The threshold used: answers strictly below it are dissatisfied. */
  dissatisfiedBelow: number;
  distribution: Bucket[];
  mean: number | null;
  median: number | null;
  dissatisfiedShare: number | null;
}

export interface NpsStats extends Counts {
  type: 'nps';
  distribution: Bucket[];
  mean: number | null;
  median: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors. */
  nps: number | null;
  /** The detractors' share. */
  dissatisfiedShare: number | null;
}

export interface EmoticonStats extends Counts {
  type: 'emoticon';
  counts: Record<Emoticon, number>;
  shares: Record<Emoticon, number | null>;
  /** The negative share. */
  dissatisfiedShare: number | null;
  /** % positive − % negative. */
  netScore: number | null;
}

export interface OptionStats {
  key: string;
  label: string;
  count: number;
  /** Of those who answered the question: a multiple choice's shares can add up to over 1. */
  share: number | null;
}

export interface ChoiceStats extends Counts {
  type: 'single_choice' | 'multiple_choice';
  options: OptionStats[];
}

export interface FreeTextStats extends Counts {
  type: 'free_text';
  count: number;
  /** The answers in the responses' order, at most maxTexts of them. */
  texts: string[];
  truncated: boolean;
}

export type QuestionStats = ScaleStats | NpsStats | EmoticonStats | ChoiceStats | FreeTextStats;

export interface SurveyStats {
  responses: number;
  questions: QuestionStats[];
}

const shareOf = (part: number, whole: number) =>
  whole > 0 ? round(part / whole, SHARE_DIGITS) : null;
const pointsOf = (part: number, whole: number) =>
  whole > 0 ? round((100 * part) / whole, POINTS_DIGITS) : null;
const meanOf = (xs: readonly number[]) =>
  xs.length ? round(xs.reduce((a, b) => a + b, 0) / xs.length, MEAN_DIGITS) : null;

const answersOf = (r: SurveyResponseLike): Readonly<Record<string, unknown>> =>
  typeof r?.answers === 'object' && r.answers !== null && !Array.isArray(r.answers)
    ? r.answers
    : {};

function distribution(values: readonly number[], min: number, max: number): Bucket[] {
  const buckets: Bucket[] = [];
  for (let value = min; value <= max; value++) {
    const count = values.filter((v) => v === value).length;
    buckets.push({ value, count, share: shareOf(count, values.length) });
  }
  return buckets;
}

function threshold(question: Question, opts: StatsOptions, min: number, max: number): number {
  const given = opts.dissatisfiedBelow;
  const below =
    typeof given === 'object' && given !== null
      ? Object.hasOwn(given, question.code)
        ? given[question.code]
        : undefined
      : given;
  if (below === undefined) return (min + max) / 2;
  if (typeof below !== 'number' || !Number.isFinite(below)) {
    throw new RangeError(`dissatisfiedBelow for "${question.code}" must be a number`);
  }
  return below;
}

function statsOf(
  question: Question,
  responses: readonly SurveyResponseLike[],
  opts: StatsOptions,
  index: ReadonlyMap<string, Question>
): QuestionStats {
  let shown = 0;
  let ignored = 0;
  const values: Answer[] = [];
  for (const response of responses) {
    const answers = answersOf(response);
    const raw = Object.hasOwn(answers, question.code) ? answers[question.code] : undefined;
    const check = checkAnswer(question, raw);
    const given = !check.ok || check.value !== null;
    if (!isShown(question, answers, index)) {
      if (given) ignored++;
      continue;
    }
    shown++;
    if (check.ok && check.value !== null) values.push(check.value);
    else if (given) ignored++;
  }
  const answered = values.length;
  const counts = {
    code: question.code,
    label: question.label,
    shown,
    answered,
    skipped: shown - answered,
    ignored,
  };

  switch (question.type) {
    case 'scale': {
      const { min, max } = scaleRange(question)!;
      const nums = values as number[];
      const below = threshold(question, opts, min, max);
      return {
        ...counts,
        type: 'scale',
        min,
        max,
        dissatisfiedBelow: below,
        distribution: distribution(nums, min, max),
        mean: meanOf(nums),
        median: round(median(nums), MEAN_DIGITS),
        dissatisfiedShare: shareOf(nums.filter((v) => v < below).length, answered),
      };
    }
    case 'nps': {
      const { min, max } = scaleRange(question)!;
      const nums = values as number[];
      const promoters = nums.filter((v) => v >= NPS_PROMOTER_FROM).length;
      const detractors = nums.filter((v) => v < NPS_PASSIVE_FROM).length;
      return {
        ...counts,
        type: 'nps',
        distribution: distribution(nums, min, max),
        mean: meanOf(nums),
        median: round(median(nums), MEAN_DIGITS),
        promoters,
        passives: answered - promoters - detractors,
        detractors,
        nps: pointsOf(promoters - detractors, answered),
        dissatisfiedShare: shareOf(detractors, answered),
      };
    }
    case 'emoticon': {
      const count = (e: Emoticon) => values.filter((v) => v === e).length;
      const tally = Object.fromEntries(EMOTICONS.map((e) => [e, count(e)])) as Record<
        Emoticon,
        number
      >;
      return {
        ...counts,
        type: 'emoticon',
        counts: tally,
        shares: Object.fromEntries(
          EMOTICONS.map((e) => [e, shareOf(tally[e], answered)])
        ) as Record<Emoticon, number | null>,
        dissatisfiedShare: shareOf(tally.negative, answered),
        netScore: pointsOf(tally.positive - tally.negative, answered),
      };
    }
    case 'single_choice':
    case 'multiple_choice': {
      const chosen = (key: string) =>
        values.filter((v) => (Array.isArray(v) ? v.includes(key) : v === key)).length;
      return {
        ...counts,
        type: question.type,
        options: (question.options ?? []).map(({ key, label }) => {
          const count = chosen(key);
          return { key, label, count, share: shareOf(count, answered) };
        }),
      };
    }
    case 'free_text': {
      const max = opts.maxTexts ?? DEFAULT_MAX_TEXTS;
      if (!Number.isInteger(max) || max < 0) {
        throw new RangeError('maxTexts must be a non-negative integer');
      }
      return {
        ...counts,
        type: 'free_text',
        count: answered,
        texts: (values as string[]).slice(0, max),
        truncated: answered > max,
      };
    }
    default:
      throw new TypeError(`"${(question as Question).code}" has an unknown type`);
  }
}

/**
 * One question's figures over the responses. A question shown on a condition needs the survey's
 * questions in `opts.questions` to tell to whom it was shown.
 */
export function questionStats(
  question: Question,
  responses: readonly SurveyResponseLike[],
  opts: StatsOptions = {}
): QuestionStats {
  if (question.showIf && !opts.questions) {
    throw new TypeError(`"${question.code}" is shown on a condition: pass opts.questions`);
  }
  return statsOf(question, responses, opts, byCode(opts.questions ?? [question]));
}

/** Every question's figures, in the survey's order. */
export function surveyStats(
  questions: readonly Question[],
  responses: readonly SurveyResponseLike[],
  opts: StatsOptions = {}
): SurveyStats {
  const index = byCode(questions);
  return {
    responses: responses.length,
    questions: questions.map((q) => statsOf(q, responses, opts, index)),
  };
}

/**
 * Responses received through invitations over invitations sent; null when none were sent. Not
 * capped at 1: over 1 means responses were counted that no invitation accounts for.
 */
export function responseRate(responsesFromInvitations: number, invitationsSent: number) {
  for (const n of [responsesFromInvitations, invitationsSent]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('counts must be non-negative integers');
  }
  return shareOf(responsesFromInvitations, invitationsSent);
}

export interface QuestionComparison {
  code: string;
  type: QuestionType;
  /**
   * False when the question changed in a way that makes its figures incomparable: another type,
   * or a scale with another range or threshold. Its deltas are then all null.
   */
  comparable: boolean;
  answered: { before: number; after: number };
  /** after − before; null where the figure does not apply or is missing on either side. */
  mean: number | null;
  dissatisfiedShare: number | null;
  nps: number | null;
  netScore: number | null;
}

export interface StatsComparison {
  /** The codes in both, in the "after" survey's order. */
  questions: QuestionComparison[];
  onlyBefore: string[];
  onlyAfter: string[];
}

const field = (s: QuestionStats, name: 'mean' | 'dissatisfiedShare' | 'nps' | 'netScore') =>
  name in s ? ((s as unknown as Record<string, number | null>)[name] ?? null) : null;

/** The difference of two rounded figures, rounded again so that 0.3 − 0.1 reads 0.2. */
const delta = (before: number | null, after: number | null, digits: number) =>
  before === null || after === null ? null : round(after - before, digits);

function comparable(before: QuestionStats, after: QuestionStats): boolean {
  if (before.type !== after.type) return false;
  if (before.type === 'scale' && after.type === 'scale') {
    return (
      before.min === after.min &&
      before.max === after.max &&
      before.dissatisfiedBelow === after.dissatisfiedBelow
    );
  }
  return true;
}

/** The "before and after" of an improvement plan: how each question's figures moved. */
export function compareStats(before: SurveyStats, after: SurveyStats): StatsComparison {
  const earlier = new Map(before.questions.map((q) => [q.code, q]));
  const later = new Set(after.questions.map((q) => q.code));
  const questions = after.questions
    .filter((a) => earlier.has(a.code))
    .map((a): QuestionComparison => {
      const b = earlier.get(a.code)!;
      const ok = comparable(b, a);
      const d = (name: Parameters<typeof field>[1], digits: number) =>
        ok ? delta(field(b, name), field(a, name), digits) : null;
      return {
        code: a.code,
        type: a.type,
        comparable: ok,
        answered: { before: b.answered, after: a.answered },
        mean: d('mean', MEAN_DIGITS),
        dissatisfiedShare: d('dissatisfiedShare', SHARE_DIGITS),
        nps: d('nps', POINTS_DIGITS),
        netScore: d('netScore', POINTS_DIGITS),
      };
    });
  return {
    questions,
    onlyBefore: before.questions.filter((q) => !later.has(q.code)).map((q) => q.code),
    onlyAfter: after.questions.filter((q) => !earlier.has(q.code)).map((q) => q.code),
  };
}
