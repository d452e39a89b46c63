/**
 * Slugs are the catalogue's addresses on the website (/servizi/<slug>): two cards, offices, topics
 * or surveys with one slug would make one of them unreachable, so a second one is refused.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { adminJwt, unique } from '../helpers/fixtures';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(stopStrapi);

const data = {
  'api::service.service': (slug: string) => ({ title: 'Scheda', slug, summary: 'Riassunto.' }),
  'api::office.office': (slug: string) => ({ name: 'Ufficio', slug, kind: 'office' }),
  'api::topic.topic': (slug: string) => ({
    name: 'Argomento',
    slug,
    code: unique('C').toUpperCase(),
  }),
  'api::survey.survey': (slug: string) => ({ title: 'Questionario', slug }),
} as const;

it.each(Object.keys(data) as (keyof typeof data)[])(
  '%s refuses a second document with the same slug, naming the field',
  async (uid) => {
    const slug = unique('doppio');
    const docs = strapi.documents(uid);
    const first = await docs.create({ locale: 'it', data: data[uid](slug) as never });
    await docs.publish({ documentId: first.documentId, locale: 'it' });
    await expect(
      docs.create({ locale: 'it', data: data[uid](slug) as never })
    ).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: ['slug'] })] },
    });
    // The same document's own draft, its publication and its other locale keep the slug.
    await docs.update({ documentId: first.documentId, locale: 'it', data: { slug } as never });
    await docs.publish({ documentId: first.documentId, locale: 'it' });
    await docs.update({
      documentId: first.documentId,
      locale: 'en',
      data: data[uid](slug) as never,
    });
  }
);

it('an editor saving a card with a taken slug in the admin gets a 400 naming the field', async () => {
  const slug = unique('preso');
  await strapi
    .documents('api::service.service')
    .create({ locale: 'it', data: { title: 'Prima', slug, summary: 'Riassunto.' } as never });
  const res = await request(strapi.server.httpServer)
    .post('/content-manager/collection-types/api::service.service')
    .set('Authorization', `Bearer ${await adminJwt(strapi)}`)
    .send({ title: 'Seconda', slug, summary: 'Riassunto.' })
    .expect(400);
  expect(res.body.error.details.errors[0].path).toEqual(['slug']);
  expect(await strapi.db.query('api::service.service').count({ where: { slug } })).toBe(1);
});
