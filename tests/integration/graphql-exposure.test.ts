/**
 * GraphQL serves published content only: cases and citizens are not in its schema, so a signed-in
 * citizen cannot read other people's cases there (the REST controllers scope them; GraphQL's generic
 * resolvers would not).
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { STAFF_ONLY_TYPES } from '../../src/lib/graphql-exposure';
import { citizenSession, createCitizen, createReport } from '../helpers/fixtures';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(stopStrapi);

it.each([
  '{ reports { description address } }',
  '{ requests { subject } }',
  '{ complaints { subject } }',
  '{ citizens { email name } }',
  '{ caseEvents { text } }',
  '{ notifications { recipient } }',
  '{ pageRatings { comment } }',
])('a signed-in citizen cannot query %s', async (query) => {
  const me = await citizenSession(strapi);
  const other = await createCitizen(strapi, { name: 'Paola Gialli' });
  await createReport(strapi, {
    citizen: other.documentId,
    description: 'Segnalazione riservata di Paola in via Roma 3',
  });
  const res = await request(strapi.server.httpServer)
    .post('/graphql')
    .set('Authorization', `Bearer ${me.jwt}`)
    .send({ query });
  const body = JSON.stringify(res.body);
  expect(body).toMatch(/Cannot query field/);
  expect(body).not.toContain('Paola');
  expect(body).not.toContain(other.email);
});

it('still serves the published catalogue to the public', async () => {
  const res = await request(strapi.server.httpServer)
    .post('/graphql')
    .send({ query: '{ services { title } offices { name } topics { name } }' })
    .expect(200);
  expect(res.body.errors).toBeUndefined();
  expect(Array.isArray(res.body.data.services)).toBe(true);
});

it('has no query for any staff-only type', async () => {
  const res = await request(strapi.server.httpServer)
    .post('/graphql')
    .send({ query: '{ __schema { queryType { fields { name } } } }' })
    .expect(200);
  const queries = new Set(
    res.body.data.__schema.queryType.fields.map((f: { name: string }) => f.name)
  );
  const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  for (const uid of STAFF_ONLY_TYPES) {
    const { singularName, pluralName } = strapi.contentType(uid).info;
    for (const name of [
      camel(singularName),
      camel(pluralName),
      `${camel(pluralName)}_connection`,
    ]) {
      expect({ uid, exposed: queries.has(name) }).toEqual({ uid, exposed: false });
    }
  }
  // The check would see them if they were there.
  expect(queries.has('services')).toBe(true);
});
