/**
 * The survey aggregates of an open data export: every published survey's responses of one
 * calendar year (src/domain/open-data-surveys.ts). Responses are read in keyset batches of their
 * answers only; the statistics need them together (medians), one survey at a time.
 */
import type { Core } from '@strapi/strapi';
import { surveyAggregates, type SurveyRow } from '../../domain/open-data-surveys';
import type { SurveyResponseLike } from '../../domain/survey-stats';
import { cityCalendar } from '../settings';
import { SURVEY_UID } from '../surveys/definition';
import { SURVEY_LOCALES, SURVEY_RESPONSE_UID } from '../surveys/public-survey';
import { questionsOf, type StoredSurvey } from '../surveys/questions';

const RESPONSE_BATCH_SIZE = 5000;
const MAX_SURVEYS = 1000;

/** Published surveys, in Italian when translated, by slug. */
async function publishedSurveys(strapi: Core.Strapi): Promise<StoredSurvey[]> {
  const byDocument = new Map<string, StoredSurvey>();
  for (const locale of SURVEY_LOCALES) {
    const found = (await strapi.documents(SURVEY_UID).findMany({
      locale,
      status: 'published',
      fields: ['documentId', 'title', 'slug', 'dissatisfiedBelow'],
      populate: { questions: true },
      limit: MAX_SURVEYS,
    } as never)) as unknown as StoredSurvey[];
    for (const s of found) if (!byDocument.has(s.documentId)) byDocument.set(s.documentId, s);
  }
  return [...byDocument.values()].sort((a, b) => a.slug.localeCompare(b.slug));
}

async function responsesOf(
  strapi: Core.Strapi,
  surveyDocumentId: string,
  start: Date,
  end: Date
): Promise<SurveyResponseLike[]> {
  const responses: SurveyResponseLike[] = [];
  let afterId = 0;
  for (;;) {
    const batch = (await strapi.db.query(SURVEY_RESPONSE_UID).findMany({
      where: { surveyDocumentId, submittedAt: { $gte: start, $lte: end }, id: { $gt: afterId } },
      select: ['id', 'answers'],
      orderBy: { id: 'asc' },
      limit: RESPONSE_BATCH_SIZE,
    })) as { id: number; answers: unknown }[];
    for (const r of batch) {
      const answers = typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers;
      responses.push({ answers: (answers ?? {}) as SurveyResponseLike['answers'] });
    }
    if (batch.length < RESPONSE_BATCH_SIZE) return responses;
    afterId = batch[batch.length - 1].id;
  }
}

export interface SurveyExport {
  rows: SurveyRow[];
  surveysSuppressed: number;
  questionsSuppressed: number;
}

export async function surveyExport(strapi: Core.Strapi, year: number): Promise<SurveyExport> {
  const calendar = cityCalendar(strapi);
  const start = calendar.startOfDay({ year, month: 1, day: 1 });
  const end = calendar.endOfDay({ year, month: 12, day: 31 });
  const out: SurveyExport = { rows: [], surveysSuppressed: 0, questionsSuppressed: 0 };
  for (const survey of await publishedSurveys(strapi)) {
    const responses = await responsesOf(strapi, survey.documentId, start, end);
    const dissatisfiedBelow =
      survey.dissatisfiedBelow != null ? Number(survey.dissatisfiedBelow) : null;
    const aggregates = surveyAggregates(
      year,
      { slug: survey.slug, title: survey.title, questions: questionsOf(survey), dissatisfiedBelow },
      responses
    );
    out.rows.push(...aggregates.rows);
    if (aggregates.surveySuppressed) out.surveysSuppressed++;
    out.questionsSuppressed += aggregates.questionsSuppressed;
  }
  return out;
}
