/** Bad input is refused with a 400 naming the field, and nothing is stored. */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createOffice, createTopic, fullAccessToken } from '../helpers/fixtures';

let strapi: Core.Strapi;
let token: string;
let topic: { documentId: string };

beforeAll(async () => {
  strapi = await startStrapi();
  token = await fullAccessToken(strapi);
  const office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId);
});
afterAll(stopStrapi);

const valid = () => ({
  description: 'Lampione spento in via Santa Maria da una settimana',
  latitude: 43.718,
  longitude: 10.399,
  declaredUrgency: 2,
  topic: topic.documentId,
});

const counts = async () => ({
  reports: await strapi.db.query('api::report.report').count(),
  events: await strapi.db.query('api::case-event.case-event').count(),
});

describe('POST /api/reports with a staff token', () => {
  it('accepts a valid report', async () => {
    const res = await request(strapi.server.httpServer)
      .post('/api/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: valid() })
      .expect(201);
    expect(res.body.data.referenceCode).toMatch(/^SEG-\d{4}-\d{6}$/);
  });

  it.each([
    ['description', { description: undefined }],
    ['description', { description: 12345 }],
    ['description', { description: 'x'.repeat(4001) }],
    ['description', { description: 'corta' }],
    ['latitude', { latitude: 91 }],
    ['longitude', { longitude: -181 }],
    ['latitude', { latitude: 'nord' }],
    ['declaredUrgency', { declaredUrgency: 9 }],
    ['declaredUrgency', { declaredUrgency: 'alta' }],
    ['channel', { channel: 'carrier-pigeon' }],
    ['emergency', { emergency: 'forse' }],
    ['state', { state: 'closed' }],
    ['state', { state: 'bogus' }],
  ])('refuses a bad %s (%j) with 400 and stores nothing', async (field, patch) => {
    const before = await counts();
    const res = await request(strapi.server.httpServer)
      .post('/api/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { ...valid(), ...patch } })
      .expect(400);
    const named = JSON.stringify(res.body.error);
    expect(named).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown field by name', async () => {
    const before = await counts();
    const res = await request(strapi.server.httpServer)
      .post('/api/reports')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { ...valid(), colour: 'red' } })
      .expect(400);
    expect(JSON.stringify(res.body.error)).toContain('colour');
    expect(await counts()).toEqual(before);
  });

  it('refuses a request with an unknown kind, and an oversize subject', async () => {
    const before = await strapi.db.query('api::request.request').count();
    for (const data of [
      { subject: 'Domanda', description: 'Una domanda abbastanza lunga', kind: 'gossip' },
      {
        subject: 's'.repeat(201),
        description: 'Una domanda abbastanza lunga',
        kind: 'information',
      },
    ]) {
      const res = await request(strapi.server.httpServer)
        .post('/api/requests')
        .set('Authorization', `Bearer ${token}`)
        .send({ data })
        .expect(400);
      expect(JSON.stringify(res.body.error)).toMatch(/kind|subject/);
    }
    expect(await strapi.db.query('api::request.request').count()).toBe(before);
  });

  it('a citizen with a malformed email is refused by name', async () => {
    const res = await request(strapi.server.httpServer)
      .post('/api/citizens')
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { email: 'not-an-email' } })
      .expect(400);
    expect(JSON.stringify(res.body.error)).toContain('email');
  });
});
