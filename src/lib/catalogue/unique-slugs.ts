/**
 * Slugs are the catalogue's addresses on the website (/servizi/<slug>): a second service, office,
 * topic or survey with a slug already taken in the same locale is refused on every write path
 * (content manager, API, seeds), naming the field. Strapi's `uid` type only suggests a free slug
 * in the admin, and its `unique` flag is not checked by the Document Service, so the rule is a
 * Document Service middleware. Two editors saving the same new slug in the same instant could
 * still both pass; the admin's availability check makes that unlikely enough to leave there.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

export const SLUGGED_TYPES: Record<string, string> = {
  'api::service.service': 'service',
  'api::office.office': 'office',
  'api::topic.topic': 'topic',
  'api::survey.survey': 'survey',
};

interface DocumentContext {
  uid: string;
  action: string;
  params: { data?: Record<string, unknown>; locale?: string; documentId?: string };
}

export function registerUniqueSlugs(strapi: Core.Strapi): void {
  strapi.documents.use((async (ctx: DocumentContext, next: () => Promise<unknown>) => {
    const kind = SLUGGED_TYPES[ctx.uid];
    const slug = ctx.params.data?.slug;
    if (kind && (ctx.action === 'create' || ctx.action === 'update') && typeof slug === 'string') {
      const locale =
        ctx.params.locale ??
        ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string);
      const { documentId } = ctx.params;
      const taken = await strapi.db.query(ctx.uid as never).findOne({
        where: { slug, locale, ...(documentId ? { documentId: { $ne: documentId } } : {}) },
        select: ['documentId'],
      });
      if (taken) {
        const message = `"${slug}" is already the address of another ${kind}`;
        throw new errors.ValidationError(`slug: ${message}`, {
          errors: [{ path: ['slug'], message, name: 'ValidationError' }],
        });
      }
    }
    return next();
  }) as unknown as Parameters<Core.Strapi['documents']['use']>[0]);
}
