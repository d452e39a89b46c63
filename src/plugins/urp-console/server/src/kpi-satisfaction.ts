/**
 * The citizens' satisfaction of each office in the KPIs, from the surveys: over the answers given
 * in the period to responses attributed to the office (by the invitation's case, or a survey of
 * that office alone), the share of scale, NPS and face answers that are not dissatisfied, each
 * question judged by its own survey's threshold (src/domain/survey-stats.ts). Surveys are not
 * about one kind of case, so the figure does not follow the KPIs' `kind`.
 */
import type { Core } from '@strapi/strapi';
import { surveyStats } from '../../../../domain/survey-stats';
import { SURVEY_RESPONSE_UID } from '../../../../lib/surveys/public-survey';
import { questionsOf } from '../../../../lib/surveys/questions';
import { loadSurvey, storedAnswers, surveyThreshold } from './survey-access';

/** Responses read for one KPI answer at most. */
const MAX_RESPONSES = 100_000;

export interface OfficeSatisfaction {
  responses: number;
  /** Scale, NPS and face answers. */
  judged: number;
  dissatisfied: number;
}

interface Row {
  surveyDocumentId: string;
  officeKey: string;
  answers: unknown;
}

export async function officeSatisfaction(
  strapi: Core.Strapi,
  start: Date,
  end: Date
): Promise<Map<string, OfficeSatisfaction>> {
  const rows = (await strapi.db.query(SURVEY_RESPONSE_UID).findMany({
    where: { submittedAt: { $gte: start, $lte: end }, officeKey: { $notNull: true } },
    select: ['surveyDocumentId', 'officeKey', 'answers'],
    // The latest answers first, should a period ever hold more than the cap.
    orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
    limit: MAX_RESPONSES,
  })) as Row[];
  const bySurvey = new Map<string, Map<string, Row[]>>();
  for (const r of rows) {
    let offices = bySurvey.get(r.surveyDocumentId);
    if (!offices) bySurvey.set(r.surveyDocumentId, (offices = new Map()));
    let list = offices.get(r.officeKey);
    if (!list) offices.set(r.officeKey, (list = []));
    list.push(r);
  }
  const result = new Map<string, OfficeSatisfaction>();
  for (const [surveyId, offices] of bySurvey) {
    const survey = await loadSurvey(strapi, surveyId).catch(() => null);
    if (!survey) continue; // deleted since: its answers cannot be judged
    const questions = questionsOf(survey);
    for (const [office, responses] of offices) {
      const stats = surveyStats(
        questions,
        responses.map((r) => ({ answers: storedAnswers(r.answers) })),
        { dissatisfiedBelow: surveyThreshold(survey) }
      );
      const sum = result.get(office) ?? { responses: 0, judged: 0, dissatisfied: 0 };
      sum.responses += responses.length;
      for (const q of stats.questions) {
        if (!('dissatisfiedShare' in q) || q.dissatisfiedShare == null) continue;
        sum.judged += q.answered;
        sum.dissatisfied += Math.round(q.dissatisfiedShare * q.answered);
      }
      result.set(office, sum);
    }
  }
  return result;
}
