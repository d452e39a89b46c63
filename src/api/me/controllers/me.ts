import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sendError } from '../../../lib/http-errors';
import { citizenUserId } from '../../../lib/public-controllers';
import { citizenCases } from '../../../lib/public-views';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/me/cases — the signed-in citizen's own cases of all three types. */
  async cases(ctx: Context) {
    const userId = citizenUserId(ctx);
    if (userId === null) return sendError(ctx, 403, 'Sign in as a citizen to see your cases.');
    ctx.body = { data: await citizenCases(strapi, userId) };
  },
});
