/**
 * Page and channel ratings (src/domain/page-rating.ts): a service page's stars, any page of the
 * website's stars, a counter's or channel's emoticon, and their public aggregates. A rating is
 * anonymous: it keeps what was rated, the answer, an optional comment, the language and when;
 * never an IP, a session or anything else that could say who rated. The comment is private (the
 * admin reads it; the content API and the aggregates never return it), because free text may
 * hold personal data.
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  RATING_LOCALES,
  RatingInputError,
  normalisePageUrl,
  parseEmoticonRating,
  parseStarRating,
  summariseEmoticons,
  summariseStars,
  type Emoticon,
  type EmoticonSummary,
  type RatingLocale,
  type StarRating,
  type StarSummary,
  type Stars,
} from '../domain/page-rating';
import { clock } from './clock';
import { sendError } from './http-errors';
import { IntakeError } from './intake';
import { dbInstant, tableOf } from './raw-sql';
import type { RatingPeriod } from './rating-period';
import { settings } from './settings';

export const PAGE_RATING_UID = 'api::page-rating.page-rating';
const SERVICE_UID = 'api::service.service';

type Target = 'service' | 'page' | 'channel';

/** Runs a public action, answering our refusals (IntakeError, RatingInputError) as 4xx. */
export async function answeringRefusals(ctx: Context, action: () => Promise<void>) {
  try {
    await action();
  } catch (error) {
    if (error instanceof IntakeError) {
      return sendError(ctx, error.status, error.message, error.field);
    }
    if (error instanceof RatingInputError) return sendError(ctx, 400, error.message, error.field);
    throw error;
  }
}

export const ratingChannels = (strapi: Core.Strapi): string[] =>
  settings(strapi).channelRatings.channels;

export interface PublishedService {
  documentId: string;
  slug: string;
  /** The locale whose slug matched. */
  locale: RatingLocale;
}

/** The published service of a slug, in Italian or English (a slug may differ per locale). */
export async function findPublishedService(
  strapi: Core.Strapi,
  slug: string
): Promise<PublishedService | null> {
  if (!slug || slug.length > 200) return null;
  for (const locale of RATING_LOCALES) {
    const found = (await strapi.documents(SERVICE_UID).findFirst({
      filters: { slug },
      locale,
      status: 'published',
      fields: ['slug'],
    } as never)) as { documentId: string; slug: string } | null;
    if (found) return { documentId: found.documentId, slug: found.slug, locale };
  }
  return null;
}

interface Stored {
  target: Target;
  serviceDocumentId?: string;
  pageUrl?: string;
  channel?: string;
  stars?: Stars;
  emoticon?: Emoticon;
  reasons?: string[];
  comment: string | null;
  language: RatingLocale;
}

async function store(strapi: Core.Strapi, rating: Stored): Promise<void> {
  await strapi.documents(PAGE_RATING_UID).create({
    data: { ...rating, ratedAt: clock.now() } as never,
  });
}

const starData = (rating: StarRating) => ({
  stars: rating.stars,
  reasons: rating.reasons,
  comment: rating.comment,
  language: rating.locale,
});

/** POST /api/services/:slug/rating; the answer's language defaults to the slug's locale. */
export async function rateService(
  strapi: Core.Strapi,
  service: PublishedService,
  body: unknown
): Promise<{ target: 'service'; stars: Stars }> {
  const rating = parseStarRating(body, { defaultLocale: service.locale });
  await store(strapi, {
    target: 'service',
    serviceDocumentId: service.documentId,
    ...starData(rating),
  });
  return { target: 'service', stars: rating.stars };
}

/** POST /api/page-ratings: `{ url, stars, reasons?, comment?, locale? }`. */
export async function ratePage(
  strapi: Core.Strapi,
  body: unknown
): Promise<{ target: 'page'; stars: Stars }> {
  const rating = parseStarRating(body, { extraFields: ['url'] });
  const pageUrl = normalisePageUrl((body as Record<string, unknown>).url);
  await store(strapi, { target: 'page', pageUrl, ...starData(rating) });
  return { target: 'page', stars: rating.stars };
}

/** POST /api/channel-ratings: `{ channel, emoticon, comment?, locale? }`. */
export async function rateChannel(
  strapi: Core.Strapi,
  body: unknown
): Promise<{ target: 'channel'; channel: string; emoticon: Emoticon }> {
  const rating = parseEmoticonRating(body, ratingChannels(strapi));
  await store(strapi, {
    target: 'channel',
    channel: rating.channel,
    emoticon: rating.emoticon,
    comment: rating.comment,
    language: rating.locale,
  });
  return { target: 'channel', channel: rating.channel, emoticon: rating.emoticon };
}

// ---------------------------------------------------------------------------------------------
// Public aggregates: counts and averages only. The queries group alike ratings in the database
// (a handful of groups whatever the number of ratings) and never select the comment.
// ---------------------------------------------------------------------------------------------

/** A JSON column as either database returns it: parsed (PostgreSQL) or as text (SQLite). */
function asList(value: unknown): string[] {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const inPeriod = (strapi: Core.Strapi, period: RatingPeriod) =>
  [dbInstant(strapi, period.start), dbInstant(strapi, period.end)] as const;

export async function serviceSummary(
  strapi: Core.Strapi,
  serviceDocumentId: string,
  period: RatingPeriod
): Promise<StarSummary> {
  const rows: { stars: number; reasons: unknown; n: number | string }[] = await strapi.db
    .connection(tableOf(strapi, PAGE_RATING_UID))
    .select('stars', 'reasons')
    .count({ n: '*' })
    .where('service_document_id', serviceDocumentId)
    .whereBetween('rated_at', inPeriod(strapi, period))
    .groupBy('stars', 'reasons');
  return summariseStars(
    rows.map((r) => ({ stars: Number(r.stars), reasons: asList(r.reasons), count: Number(r.n) }))
  );
}

export interface ChannelSummaries {
  /** Over the channels asked for (one, or every configured channel). */
  all: EmoticonSummary;
  byChannel: { channel: string; summary: EmoticonSummary }[];
}

export async function channelSummaries(
  strapi: Core.Strapi,
  channels: readonly string[],
  period: RatingPeriod
): Promise<ChannelSummaries> {
  const rows: { channel: string; emoticon: string; n: number | string }[] = channels.length
    ? await strapi.db
        .connection(tableOf(strapi, PAGE_RATING_UID))
        .select('channel', 'emoticon')
        .count({ n: '*' })
        .whereIn('channel', [...channels])
        .whereBetween('rated_at', inPeriod(strapi, period))
        .groupBy('channel', 'emoticon')
    : [];
  const groups = rows.map((r) => ({ ...r, count: Number(r.n) }));
  return {
    all: summariseEmoticons(groups),
    byChannel: channels.map((channel) => ({
      channel,
      summary: summariseEmoticons(groups.filter((g) => g.channel === channel)),
    })),
  };
}
