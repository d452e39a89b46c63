import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { rateCase, ratingView } from '../../../lib/deadlines/ratings';
import { sendError } from '../../../lib/http-errors';
import { IntakeError } from '../../../lib/intake';
import { requestBody } from '../../../lib/public-controllers';

const NOT_FOUND = 'This link does not open any rating: check that it was copied whole.';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/ratings/:token — which case, and whether it can still be rated. */
  async show(ctx: Context) {
    const view = await ratingView(strapi, String(ctx.params.token ?? ''));
    if (!view) return sendError(ctx, 404, NOT_FOUND, 'token');
    ctx.body = { data: view };
  },

  /** POST /api/ratings/:token — { score: 1..5, comment? }; the link works once. */
  async rate(ctx: Context) {
    try {
      const rated = await rateCase(strapi, String(ctx.params.token ?? ''), requestBody(ctx));
      if (!rated) return sendError(ctx, 404, NOT_FOUND, 'token');
      ctx.status = 201;
      ctx.body = { data: rated };
    } catch (error) {
      if (error instanceof IntakeError)
        return sendError(ctx, error.status, error.message, error.field);
      throw error;
    }
  },
});
