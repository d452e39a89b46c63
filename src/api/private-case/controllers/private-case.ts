import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { confirmCase, replyToCase } from '../../../lib/citizen-replies';
import { sendError } from '../../../lib/http-errors';
import { IntakeError } from '../../../lib/intake';
import { caseByLink } from '../../../lib/private-links';
import { readFiles, requestBody } from '../../../lib/public-controllers';
import { allowIntakeAttempt } from '../../../lib/rate-limit';
import { privateCaseView } from '../../../lib/public-views';

const NOT_FOUND = 'This link does not open any case: check that it was copied whole.';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const linked = (ctx: Context) => caseByLink(strapi, String(ctx.params.token ?? ''));
  const refusal = (ctx: Context, error: unknown) => {
    if (error instanceof IntakeError)
      return sendError(ctx, error.status, error.message, error.field);
    throw error;
  };
  return {
    /** GET /api/private/:token — the case, the conversation, and whether a reply is possible. */
    async show(ctx: Context) {
      const found = await linked(ctx);
      if (!found) return sendError(ctx, 404, NOT_FOUND, 'token');
      const locale = ctx.query.locale === 'en' ? 'en' : 'it';
      ctx.body = { data: await privateCaseView(strapi, found, locale) };
    },

    /** POST /api/private/:token/replies — JSON { message } or multipart (data + photos). */
    async reply(ctx: Context) {
      // Replies spend the same per-IP budget as new cases.
      if (!(await allowIntakeAttempt(strapi, ctx))) return;
      const found = await linked(ctx);
      if (!found) return sendError(ctx, 404, NOT_FOUND, 'token');
      try {
        const body = requestBody(ctx);
        const result = await replyToCase(strapi, found, {
          message: body.message,
          website: body.website,
          files: await readFiles(ctx),
        });
        ctx.status = 201;
        ctx.body = { data: result };
      } catch (error) {
        return refusal(ctx, error);
      }
    },

    /** POST /api/private/:token/confirm — the citizen confirms a report from a new address. */
    async confirm(ctx: Context) {
      const found = await linked(ctx);
      if (!found) return sendError(ctx, 404, NOT_FOUND, 'token');
      ctx.body = { data: await confirmCase(strapi, found) };
    },
  };
};
