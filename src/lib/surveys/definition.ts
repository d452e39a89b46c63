/**
 * What an editor saves is checked before it is stored: the component's schema says each field's
 * type, src/domain/survey-questions.ts what it cannot (unique codes, sound scales and options,
 * conditions on earlier questions). A refusal is a 400 naming the question's field, in the admin
 * as over the content API.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { validateQuestions, type FieldError } from '../../domain/survey-questions';

export const SURVEY_UID = 'api::survey.survey';

export function surveyDefinitionError(problems: FieldError[]): errors.ValidationError {
  const message = problems.map((p) => `${p.field} ${p.message}`).join('; ');
  return new errors.ValidationError(message, {
    errors: problems.map((p) => ({
      path: p.field.replace(/\[(\d+)\]/g, '.$1').split('.'),
      message: p.message,
      name: 'ValidationError',
    })),
  });
}

/** The questions as the document service receives them, without the admin's own keys. */
function questionsOf(data: Record<string, unknown>): unknown[] | null {
  if (!Array.isArray(data.questions)) return null;
  return data.questions.map((q) => {
    if (!q || typeof q !== 'object') return q;
    const rest = { ...(q as Record<string, unknown>) };
    for (const key of ['id', '__temp_key__', '__component', 'documentId']) delete rest[key];
    // The admin's form sends an emptied text field as ''.
    for (const [key, value] of Object.entries(rest)) if (value === '') rest[key] = null;
    return rest;
  });
}

/**
 * A translation asks the same questions: answers are counted by code across languages, so the
 * English version must keep the Italian one's codes, in order, with their types and option keys.
 */
async function translationProblems(
  strapi: Core.Strapi,
  documentId: string,
  questions: unknown[]
): Promise<FieldError[]> {
  const italian = (await strapi.db.query(SURVEY_UID).findOne({
    where: { documentId, locale: 'it', publishedAt: { $null: true } },
    populate: { questions: true },
  })) as { questions?: Record<string, unknown>[] } | null;
  if (!italian?.questions) return [];
  const shape = (q: unknown) => {
    const o = (q ?? {}) as Record<string, unknown>;
    const keys = Array.isArray(o.options)
      ? (o.options as { key?: unknown }[]).map((x) => x?.key).join('|')
      : '';
    return `${String(o.code)}:${String(o.type)}:${keys}`;
  };
  const expected = italian.questions.map(shape);
  const given = questions.map(shape);
  if (expected.join(',') === given.join(',')) return [];
  return [
    {
      field: 'questions',
      message: `must ask what the Italian version asks, in the same order (codes ${italian.questions
        .map((q) => String(q.code))
        .join(', ')}, with the same types and option keys): answers are counted by code`,
    },
  ];
}

export function registerSurveyDefinitionCheck(strapi: Core.Strapi): void {
  strapi.documents.use((async (
    ctx: {
      uid: string;
      action: string;
      params: { data?: Record<string, unknown>; locale?: string; documentId?: string };
    },
    next: () => Promise<unknown>
  ) => {
    if (ctx.uid === SURVEY_UID && ['create', 'update'].includes(ctx.action) && ctx.params.data) {
      const questions = questionsOf(ctx.params.data);
      if (questions) {
        const problems = validateQuestions(questions);
        const { locale, documentId } = ctx.params;
        if (!problems.length && locale && locale !== 'it' && documentId) {
          problems.push(...(await translationProblems(strapi, documentId, questions)));
        }
        if (problems.length) throw surveyDefinitionError(problems);
      }
      const { opensAt, closesAt } = ctx.params.data;
      if (opensAt && closesAt && new Date(String(closesAt)) <= new Date(String(opensAt))) {
        throw surveyDefinitionError([{ field: 'closesAt', message: 'must be after opensAt' }]);
      }
    }
    return next();
  }) as unknown as Parameters<Core.Strapi['documents']['use']>[0]);
}
