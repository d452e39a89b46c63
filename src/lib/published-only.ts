/**
 * The public reads published content only. Strapi's generic `find`/`findOne` take a `status`
 * parameter (`?status=draft`, GraphQL `status: DRAFT`) and would hand drafts, and the unpublished
 * edits of published entries, to anyone allowed to read the type. For the published types the
 * public reads (catalogue, organisation, topics, surveys) the parameter is forced to `published`
 * on the content API, except for staff integrations holding an API token (a website's preview).
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { isStaffIntegration } from './rate-limit';

/** The published types the public reads, by their REST and GraphQL collection names. */
export const PUBLIC_PUBLISHED = [
  { uid: 'api::service.service', plural: 'services', singular: 'service' },
  { uid: 'api::office.office', plural: 'offices', singular: 'office' },
  { uid: 'api::topic.topic', plural: 'topics', singular: 'topic' },
  { uid: 'api::survey.survey', plural: 'surveys', singular: 'survey' },
] as const;

/** Route middleware of the public types' `find` and `findOne` (after authentication). */
export async function publishedOnly(ctx: Context, next: Next): Promise<unknown> {
  if (!isStaffIntegration(ctx)) {
    // Strapi's query parser caches the parsed object per query string: edit it in place.
    const query = ctx.query as Record<string, unknown>;
    if ('status' in query) query.status = 'published';
  }
  return next();
}

type Resolver = (parent: unknown, args: Record<string, unknown>, ...rest: unknown[]) => unknown;

/** The same for GraphQL: the public types' queries always read the published versions. */
export function publishedOnlyInGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const forcePublished = (
    next: Resolver,
    parent: unknown,
    args: Record<string, unknown>,
    ...rest: unknown[]
  ) => next(parent, { ...args, status: 'published' }, ...rest);
  const resolversConfig: Record<string, { middlewares: unknown[] }> = {};
  for (const t of PUBLIC_PUBLISHED) {
    for (const field of [t.plural, t.singular, `${t.plural}_connection`]) {
      resolversConfig[`Query.${field}`] = { middlewares: [forcePublished] };
    }
  }
  graphql.service('extension').use(() => ({ resolversConfig }));
}
