import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { rateOwnCase } from '../../../lib/deadlines/ratings';
import { sendError } from '../../../lib/http-errors';
import { IntakeError } from '../../../lib/intake';
import { citizenUserId, requestBody } from '../../../lib/public-controllers';
import { citizenCases } from '../../../lib/public-views';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/me/cases — the signed-in citizen's own cases of all three types. */
  async cases(ctx: Context) {
    const userId = citizenUserId(ctx);
    if (userId === null) return sendError(ctx, 403, 'Sign in as a citizen to see your cases.');
    ctx.body = { data: await citizenCases(strapi, userId) };
  },

  /** POST /api/me/cases/:code/rating — { score: 1..5, comment? }, once per case. */
  async rate(ctx: Context) {
    const userId = citizenUserId(ctx);
    if (userId === null) return sendError(ctx, 403, 'Sign in as a citizen to rate your cases.');
    try {
      const code = String(ctx.params.code ?? '');
      const rated = await rateOwnCase(strapi, userId, code, requestBody(ctx));
      if (!rated) return sendError(ctx, 404, 'None of your cases has this code.', 'code');
      ctx.status = 201;
      ctx.body = { data: rated };
    } catch (error) {
      if (error instanceof IntakeError) {
        return sendError(ctx, error.status, error.message, error.field);
      }
      throw error;
    }
  },
});
