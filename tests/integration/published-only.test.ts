/**
 * The public reads published content only: asking Strapi's generic routes or GraphQL for
 * `status=draft` gives the published versions, never a draft nor the unpublished edits.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { createOffice, unique } from '../helpers/fixtures';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const secret = unique('Bozza riservata');
let draftOffice: { documentId: string };

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  const surveys = strapi.documents('api::survey.survey');
  // Never published, and a published one with an unpublished edit.
  await surveys.create({ locale: 'it', data: { title: secret, slug: unique('bozza') } as never });
  const live = await surveys.create({
    locale: 'it',
    data: { title: 'Questionario pubblicato', slug: unique('pubblico') } as never,
  });
  await surveys.publish({ documentId: live.documentId, locale: 'it' });
  await surveys.update({
    documentId: live.documentId,
    locale: 'it',
    data: { title: `${secret} (modifica)` } as never,
  });
  const offices = strapi.documents('api::office.office');
  draftOffice = await offices.create({
    locale: 'it',
    data: { name: `${secret} ufficio`, slug: unique('ufficio-bozza'), kind: 'office' } as never,
  });
  await createOffice(strapi);
});
afterAll(stopStrapi);

it.each(['surveys', 'offices', 'services', 'topics'])(
  'GET /api/%s?status=draft gives published entries only',
  async (type) => {
    const res = await http.get(`/api/${type}`).query({ status: 'draft' }).expect(200);
    expect(Array.isArray(res.body.data)).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(secret);
    for (const entry of res.body.data) expect(entry.publishedAt).not.toBeNull();
  }
);

it('a published survey read with status=draft shows its published title, not the edit', async () => {
  const res = await http.get('/api/surveys').query({ status: 'draft' }).expect(200);
  const titles = res.body.data.map((s: { title: string }) => s.title);
  expect(titles).toContain('Questionario pubblicato');
});

it('GET /api/offices/:documentId?status=draft does not open a draft', async () => {
  await http.get(`/api/offices/${draftOffice.documentId}`).query({ status: 'draft' }).expect(404);
});

it.each([
  '{ surveys(status: DRAFT) { title } }',
  '{ offices(status: DRAFT) { name } }',
  '{ surveys_connection(status: DRAFT) { nodes { title } } }',
])('GraphQL %s gives published entries only', async (query) => {
  const res = await http.post('/graphql').send({ query });
  expect(res.body.errors).toBeUndefined();
  expect(JSON.stringify(res.body)).not.toContain(secret);
});
