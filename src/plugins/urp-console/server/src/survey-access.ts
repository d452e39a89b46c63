/** What the console's survey pages share: who may read them, the survey, its stored answers. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { officeScope, type OfficeScope, type StaffMember } from '../../../../domain/staff-scope';
import type { Answers } from '../../../../domain/survey-questions';
import { SURVEY_UID } from '../../../../lib/surveys/definition';
import type { StoredSurvey } from '../../../../lib/surveys/questions';

/** Operators and the control body read every office's; coordinators their own; others nothing. */
export function surveyScope(staff: StaffMember, what: string): OfficeScope {
  const scope = officeScope(staff);
  if (!scope) {
    throw new errors.ForbiddenError(
      `${what} are for operators, coordinators and the control body.`
    );
  }
  return scope;
}

/** The survey as published (or its draft, never published yet), in the locale or in Italian. */
export async function loadSurvey(
  strapi: Core.Strapi,
  documentId: string,
  locale: string = 'it'
): Promise<StoredSurvey> {
  const docs = strapi.documents(SURVEY_UID);
  for (const status of ['published', 'draft'] as const) {
    for (const l of new Set([locale, 'it'])) {
      const found = (await docs.findOne({
        documentId,
        locale: l,
        status,
        populate: { questions: true, services: { fields: ['documentId', 'slug', 'title'] } },
      } as never)) as unknown as StoredSurvey | null;
      if (found) return found;
    }
  }
  throw new errors.NotFoundError('No survey has this documentId.');
}

/** A response's answers as stored: a JSON column, text on SQLite. */
export const storedAnswers = (value: unknown): Answers =>
  (typeof value === 'string' ? JSON.parse(value) : value) as Answers;

/** The survey's own dissatisfaction threshold, if its editors set one. */
export const surveyThreshold = (survey: StoredSurvey): number | undefined =>
  survey.dissatisfiedBelow != null ? Number(survey.dissatisfiedBelow) : undefined;
