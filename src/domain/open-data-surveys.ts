/**
 * Open data of surveys: per published survey and question, the aggregates of one calendar year
 * (src/domain/survey-stats.ts), never a single response nor a free-text answer.
 *
 * Small counts can identify people (the only respondent at a small office's counter that week),
 * so a survey or a question with fewer than MIN_ANSWERS answers in the year is left out. Only
 * whole, ended calendar years are published: aggregates of overlapping periods (a year and the
 * same year but one day, or today's file and tomorrow's) could be subtracted from each other to
 * give back the answers of the one person in between.
 */
import type { Bilingual, Cell, Column } from './open-data';
import type { Question } from './survey-questions';
import { surveyStats, type QuestionStats, type SurveyResponseLike } from './survey-stats';

/** Fewer answers than this and a survey or question is suppressed. */
export const MIN_ANSWERS = 5;

const SHARE: Bilingual = { en: 'share of answered, 0 to 1', it: 'quota delle risposte, da 0 a 1' };
const POINTS: Bilingual = {
  en: 'percentage points, −100 to 100',
  it: 'punti percentuali, da −100 a 100',
};
const ANSWERS: Bilingual = { en: 'answers', it: 'risposte' };

const column = <N extends string>(
  name: N,
  type: Column['type'],
  unit: Bilingual | null,
  en: string,
  it: string
) => ({ name, type, unit, description: { en, it } });

const TYPE_VALUES = [
  {
    value: 'scale',
    label: {
      en: 'a score on a scale (scale_min to scale_max)',
      it: 'un voto su una scala (da scale_min a scale_max)',
    },
  },
  {
    value: 'nps',
    label: {
      en: 'Net Promoter Score question (0 to 10)',
      it: 'domanda Net Promoter Score (da 0 a 10)',
    },
  },
  {
    value: 'emoticon',
    label: {
      en: 'positive, neutral or negative face ("Mettiamoci la faccia")',
      it: 'faccina positiva, neutra o negativa ("Mettiamoci la faccia")',
    },
  },
  { value: 'single_choice', label: { en: 'one option of a list', it: "un'opzione di un elenco" } },
  {
    value: 'multiple_choice',
    label: { en: 'any options of a list', it: 'più opzioni di un elenco' },
  },
];

export const SURVEY_COLUMNS = [
  column(
    'year',
    'integer',
    null,
    'Calendar year the answers were given in.',
    'Anno in cui sono state date le risposte.'
  ),
  column(
    'survey_slug',
    'string',
    null,
    'Identifier of the survey.',
    'Identificativo del questionario.'
  ),
  column(
    'survey_title',
    'string',
    null,
    'Title of the survey, in Italian.',
    'Titolo del questionario.'
  ),
  column(
    'survey_responses',
    'integer',
    ANSWERS,
    'Responses to the survey in the year.',
    "Risposte al questionario nell'anno."
  ),
  column(
    'question_code',
    'string',
    null,
    'Identifier of the question within its survey.',
    'Identificativo della domanda nel questionario.'
  ),
  column(
    'question_label',
    'string',
    null,
    'Text of the question, in Italian.',
    'Testo della domanda.'
  ),
  {
    ...column('question_type', 'string', null, 'Kind of question.', 'Tipo di domanda.'),
    values: TYPE_VALUES,
  },
  column(
    'answered',
    'integer',
    ANSWERS,
    'Responses that answered the question (at least 5, or the question is left out).',
    'Risposte che hanno risposto alla domanda (almeno 5, altrimenti la domanda è omessa).'
  ),
  column(
    'scale_min',
    'integer',
    null,
    'Lowest score (scale and nps).',
    'Voto minimo (scale e nps).'
  ),
  column(
    'scale_max',
    'integer',
    null,
    'Highest score (scale and nps).',
    'Voto massimo (scale e nps).'
  ),
  column(
    'mean',
    'number',
    null,
    'Mean score, 2 decimals (scale and nps).',
    'Voto medio, 2 decimali (scale e nps).'
  ),
  column('median', 'number', null, 'Median score (scale and nps).', 'Voto mediano (scale e nps).'),
  column(
    'dissatisfied_below',
    'number',
    null,
    'Scores below this count as dissatisfied (scale).',
    'I voti inferiori a questo contano come insoddisfatti (scale).'
  ),
  column(
    'dissatisfied_share',
    'number',
    SHARE,
    'Dissatisfied: scores under dissatisfied_below (scale), 0 to 6 (nps), negative faces (emoticon).',
    'Insoddisfatti: voti sotto dissatisfied_below (scale), da 0 a 6 (nps), faccine negative (emoticon).'
  ),
  column(
    'nps',
    'number',
    POINTS,
    'Net Promoter Score: % of 9–10 minus % of 0–6.',
    'Net Promoter Score: % di 9–10 meno % di 0–6.'
  ),
  column(
    'positive_share',
    'number',
    SHARE,
    'Positive faces (emoticon).',
    'Faccine positive (emoticon).'
  ),
  column(
    'neutral_share',
    'number',
    SHARE,
    'Neutral faces (emoticon).',
    'Faccine neutre (emoticon).'
  ),
  column(
    'negative_share',
    'number',
    SHARE,
    'Negative faces (emoticon).',
    'Faccine negative (emoticon).'
  ),
  column(
    'net_score',
    'number',
    POINTS,
    '% positive minus % negative (emoticon).',
    '% positive meno % negative (emoticon).'
  ),
  column(
    'option_key',
    'string',
    null,
    'Option of a choice question: such questions have one row per option, repeating the question columns.',
    'Opzione di una domanda a scelta: queste domande hanno una riga per opzione, che ripete le colonne della domanda.'
  ),
  column('option_label', 'string', null, 'Text of the option, in Italian.', "Testo dell'opzione."),
  column(
    'option_count',
    'integer',
    ANSWERS,
    'Answers that chose the option.',
    "Risposte che hanno scelto l'opzione."
  ),
  column(
    'option_share',
    'number',
    SHARE,
    'option_count over answered (multiple choice shares may add up to more than 1).',
    'option_count su answered (con la scelta multipla la somma può superare 1).'
  ),
] as const satisfies readonly Column[];

export type SurveyColumnName = (typeof SURVEY_COLUMNS)[number]['name'];
export type SurveyRow = Record<SurveyColumnName, Cell>;

export interface SurveyRecord {
  slug: string;
  title: string;
  questions: readonly Question[];
  /** The survey's own threshold of dissatisfaction on scales, if it sets one. */
  dissatisfiedBelow?: number | null;
}

export interface SurveyAggregates {
  rows: SurveyRow[];
  /** The survey had fewer than MIN_ANSWERS responses: no row at all. */
  surveySuppressed: boolean;
  /** Questions left out for fewer than MIN_ANSWERS answers. */
  questionsSuppressed: number;
}

const EMPTY: SurveyRow = Object.fromEntries(SURVEY_COLUMNS.map((c) => [c.name, null])) as SurveyRow;

/** The rows of one question's figures; free text is never published. */
function questionRows(base: SurveyRow, s: QuestionStats): SurveyRow[] {
  const row: SurveyRow = {
    ...base,
    question_code: s.code,
    question_label: s.label,
    question_type: s.type,
    answered: s.answered,
  };
  switch (s.type) {
    case 'scale':
      return [
        {
          ...row,
          scale_min: s.min,
          scale_max: s.max,
          mean: s.mean,
          median: s.median,
          dissatisfied_below: s.dissatisfiedBelow,
          dissatisfied_share: s.dissatisfiedShare,
        },
      ];
    case 'nps':
      return [
        {
          ...row,
          scale_min: s.distribution[0]?.value ?? 0,
          scale_max: s.distribution[s.distribution.length - 1]?.value ?? 10,
          mean: s.mean,
          median: s.median,
          dissatisfied_share: s.dissatisfiedShare,
          nps: s.nps,
        },
      ];
    case 'emoticon':
      return [
        {
          ...row,
          dissatisfied_share: s.dissatisfiedShare,
          positive_share: s.shares.positive,
          neutral_share: s.shares.neutral,
          negative_share: s.shares.negative,
          net_score: s.netScore,
        },
      ];
    case 'single_choice':
    case 'multiple_choice':
      return s.options.map((o) => ({
        ...row,
        option_key: o.key,
        option_label: o.label,
        option_count: o.count,
        option_share: o.share,
      }));
    case 'free_text':
      return [];
  }
}

/** The published rows of one survey's responses of `year`. */
export function surveyAggregates(
  year: number,
  survey: SurveyRecord,
  responses: readonly SurveyResponseLike[]
): SurveyAggregates {
  if (responses.length < MIN_ANSWERS) {
    return { rows: [], surveySuppressed: true, questionsSuppressed: 0 };
  }
  const stats = surveyStats(survey.questions, responses, {
    dissatisfiedBelow: survey.dissatisfiedBelow ?? undefined,
  });
  const base: SurveyRow = {
    ...EMPTY,
    year,
    survey_slug: survey.slug,
    survey_title: survey.title,
    survey_responses: stats.responses,
  };
  const rows: SurveyRow[] = [];
  let questionsSuppressed = 0;
  for (const s of stats.questions) {
    if (s.type === 'free_text') continue;
    if (s.answered < MIN_ANSWERS) questionsSuppressed++;
    else rows.push(...questionRows(base, s));
  }
  return { rows, surveySuppressed: false, questionsSuppressed };
}

export type YearCheck = { ok: true; year: number } | { ok: false; field: 'year'; message: string };

/** `year`: a calendar year that has ended by `currentYear`; by default the last one. */
export function checkSurveyYear(raw: unknown, currentYear: number): YearCheck {
  if (raw === undefined || raw === '') return { ok: true, year: currentYear - 1 };
  const year = typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(year))
    return { ok: false, field: 'year', message: 'year must be a year as YYYY' };
  if (year >= currentYear) {
    return { ok: false, field: 'year', message: 'year must be a calendar year that has ended' };
  }
  return { ok: true, year };
}
