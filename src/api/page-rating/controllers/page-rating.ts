import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseRatingLocale, ratingForm } from '../../../domain/page-rating';
import {
  answeringRefusals,
  channelSummaries,
  rateChannel,
  ratePage,
  ratingChannels,
} from '../../../lib/page-ratings';
import { requestBody } from '../../../lib/public-controllers';
import { allowIntakeAttempt } from '../../../lib/rate-limit';
import { parseRatingPeriod } from '../../../lib/rating-period';
import { IntakeError } from '../../../lib/intake';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/page-ratings/form?locale=it|en — the widgets' questions, keys and labels. */
  async form(ctx: Context) {
    await answeringRefusals(ctx, async () => {
      const locale = parseRatingLocale(ctx.query.locale);
      ctx.body = { data: { ...ratingForm(locale), channels: ratingChannels(strapi) } };
    });
  },

  /** POST /api/page-ratings — { url, stars, reasons?, comment?, locale? }. */
  async ratePage(ctx: Context) {
    // The intake's limiter: per client IP, as a SHA-256 digest kept in memory (SQLite) or in
    // bc_rate_limits until its window expires (PostgreSQL); the rating itself stores no IP.
    if (!(await allowIntakeAttempt(strapi, ctx))) return;
    await answeringRefusals(ctx, async () => {
      ctx.status = 201;
      ctx.body = { data: await ratePage(strapi, requestBody(ctx)) };
    });
  },

  /** POST /api/channel-ratings — { channel, emoticon, comment?, locale? }. */
  async rateChannel(ctx: Context) {
    if (!(await allowIntakeAttempt(strapi, ctx))) return;
    await answeringRefusals(ctx, async () => {
      ctx.status = 201;
      ctx.body = { data: await rateChannel(strapi, requestBody(ctx)) };
    });
  },

  /** GET /api/channel-ratings/summary?channel=&from=&to= — emoticon counts and shares. */
  async channelSummary(ctx: Context) {
    await answeringRefusals(ctx, async () => {
      const configured = ratingChannels(strapi);
      const channel = ctx.query.channel;
      if (channel != null && channel !== '' && !configured.includes(channel as string)) {
        throw new IntakeError(400, `channel must be one of ${configured.join(', ')}.`, 'channel');
      }
      const period = parseRatingPeriod(strapi, ctx.query);
      const asked = channel ? [channel as string] : configured;
      const { all, byChannel } = await channelSummaries(strapi, asked, period);
      ctx.body = {
        data: {
          period: { from: period.from, to: period.to },
          channel: channel || null,
          ...all,
          channels: byChannel.map((c) => ({ channel: c.channel, ...c.summary })),
        },
      };
    });
  },
});
