import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  answeringRefusals,
  findPublishedService,
  rateService,
  serviceSummary,
} from '../../../lib/page-ratings';
import { requestBody } from '../../../lib/public-controllers';
import { allowIntakeAttempt } from '../../../lib/rate-limit';
import { parseRatingPeriod } from '../../../lib/rating-period';
import { IntakeError } from '../../../lib/intake';

const notFound = () => new IntakeError(404, 'No published service has this address.', 'slug');

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/services/:slug/rating — { stars, reasons?, comment?, locale? }. */
  async rate(ctx: Context) {
    // The intake's limiter: per client IP, as a SHA-256 digest kept in memory (SQLite) or in
    // bc_rate_limits until its window expires (PostgreSQL); the rating itself stores no IP.
    if (!(await allowIntakeAttempt(strapi, ctx))) return;
    await answeringRefusals(ctx, async () => {
      const service = await findPublishedService(strapi, String(ctx.params.slug ?? ''));
      if (!service) throw notFound();
      ctx.status = 201;
      ctx.body = { data: await rateService(strapi, service, requestBody(ctx)) };
    });
  },

  /** GET /api/services/:slug/ratings?from=&to= — counts, mean, distribution, reason counts. */
  async summary(ctx: Context) {
    await answeringRefusals(ctx, async () => {
      const service = await findPublishedService(strapi, String(ctx.params.slug ?? ''));
      if (!service) throw notFound();
      const period = parseRatingPeriod(strapi, ctx.query);
      ctx.body = {
        data: {
          service: { documentId: service.documentId, slug: service.slug },
          period: { from: period.from, to: period.to },
          ...(await serviceSummary(strapi, service.documentId, period)),
        },
      };
    });
  },
});
