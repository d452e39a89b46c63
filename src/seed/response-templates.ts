/** Seeds the demo response templates (src/seed/data/response-templates.ts); skips names present. */
import type { Core } from '@strapi/strapi';
import { responseTemplates } from './data/response-templates';

const UID = 'api::response-template.response-template';

export async function seedResponseTemplates(strapi: Core.Strapi): Promise<number> {
  let created = 0;
  for (const t of responseTemplates) {
    if (await strapi.db.query(UID).findOne({ where: { name: t.name }, select: ['id'] })) continue;
    let topic: string | undefined;
    if (t.topicSlug) {
      const found = await strapi.db
        .query('api::topic.topic')
        .findOne({ where: { slug: t.topicSlug }, select: ['documentId'] });
      if (!found) continue; // the topic is not in this database: the template would not fit
      topic = found.documentId as string;
    }
    await strapi.documents(UID).create({
      data: {
        name: t.name,
        kind: t.kind,
        state: t.state ?? null,
        bodyIt: t.body.it,
        bodyEn: t.body.en,
        active: true,
        ...(topic ? { topic: { connect: [{ documentId: topic, locale: 'it' }] } } : {}),
      } as never,
    });
    created++;
  }
  return created;
}
