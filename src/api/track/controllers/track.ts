import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sendError } from '../../../lib/http-errors';
import { trackCase } from '../../../lib/public-views';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/track/:code — the public page data of a case. */
  async show(ctx: Context) {
    const locale = ctx.query.locale === 'en' ? 'en' : 'it';
    const view = await trackCase(strapi, String(ctx.params.code ?? ''), locale);
    // One answer for any unknown code, so it reveals nothing about other types' codes.
    if (!view) return sendError(ctx, 404, 'No case has this reference code.', 'code');
    ctx.body = { data: view };
  },
});
