import { factories } from '@strapi/strapi';
import type { Context } from 'koa';
import { clock } from '../../../lib/clock';
import { sendError, sendFieldErrors } from '../../../lib/http-errors';
import { IntakeError } from '../../../lib/intake';
import { requestBody } from '../../../lib/public-controllers';
import { allowIntakeAttempt } from '../../../lib/rate-limit';
import {
  SurveyAnswerError,
  findPublishedSurvey,
  parseLocale,
  publicSurvey,
  submitSurveyResponse,
} from '../../../lib/surveys/public-survey';

const NOT_FOUND = 'No published survey has this address.';

/** Our refusals as Strapi-shaped errors; anything else is a fault for Strapi to answer. */
function answerError(ctx: Context, error: unknown) {
  if (error instanceof SurveyAnswerError) {
    return sendFieldErrors(ctx, 400, 'Some answers are not valid.', error.problems);
  }
  if (error instanceof IntakeError) return sendError(ctx, error.status, error.message, error.field);
  throw error;
}

export default factories.createCoreController('api::survey.survey', ({ strapi }) => ({
  /** GET /api/surveys/:slug?locale=it|en — the questionnaire, and whether it takes answers now. */
  async show(ctx: Context) {
    try {
      const locale = parseLocale(ctx.query.locale);
      const survey = await findPublishedSurvey(strapi, String(ctx.params.slug ?? ''), locale);
      if (!survey) return sendError(ctx, 404, NOT_FOUND, 'slug');
      ctx.body = { data: publicSurvey(survey, clock.now()) };
    } catch (error) {
      return answerError(ctx, error);
    }
  },

  /** POST /api/surveys/:slug/responses — { answers, token?, channel?, service? }. */
  async respond(ctx: Context) {
    // The intake's limiter (a digest of the client's address, kept until its window ends, never
    // linked to the answers): a script cannot flood a survey that takes answers without invitation.
    if (!(await allowIntakeAttempt(strapi, ctx))) return;
    try {
      const locale = parseLocale(ctx.query.locale);
      const body = requestBody(ctx);
      const result = await submitSurveyResponse(
        strapi,
        String(ctx.params.slug ?? ''),
        locale,
        body
      );
      if (!result) return sendError(ctx, 404, NOT_FOUND, 'slug');
      ctx.status = 201;
      ctx.body = { data: result };
    } catch (error) {
      return answerError(ctx, error);
    }
  },
}));
