/**
 * Bad input to the public intake is refused with a 400 naming the field, and nothing is stored:
 * no case, no citizen, no case event, no notification, no uploaded file.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createOffice, createTopic } from '../helpers/fixtures';
import { complaintBody, counts, reportBody, requestBody } from '../helpers/intake';

let strapi: Core.Strapi;
let topic: { code: string };

beforeAll(async () => {
  strapi = await startStrapi();
  const office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId);
});
afterAll(stopStrapi);

const post = (type: string, body: unknown) =>
  request(strapi.server.httpServer)
    .post(`/api/${type}`)
    .send(body as object);

/** The fields the 400 names, as dotted paths. */
const namedFields = (body: { error: { details?: { errors?: { path: string[] }[] } } }): string[] =>
  (body.error.details?.errors ?? []).map((e) => e.path.join('.'));

async function expectRefused(type: string, body: unknown, field: string) {
  const before = await counts(strapi);
  const res = await post(type, body).expect(400);
  expect(res.body.error.name).toBe('ValidationError');
  expect(namedFields(res.body)).toContain(field);
  expect(res.body.error.message).toContain(field);
  expect(await counts(strapi)).toEqual(before);
}

describe('POST /api/reports from the public', () => {
  it('accepts a valid report (the baseline the refusals differ from)', async () => {
    const before = await counts(strapi);
    const res = await post('reports', reportBody(topic.code)).expect(201);
    expect(res.body.data.code).toMatch(/^SEG-\d{4}-\d{6}$/);
    const after = await counts(strapi);
    expect(after.reports).toBe(before.reports + 1);
    expect(after.citizens).toBe(before.citizens + 1);
  });

  it.each([
    ['description', { description: undefined }],
    ['description', { description: 12345 }],
    ['description', { description: 'x'.repeat(4001) }],
    ['description', { description: 'corta' }],
    ['description', { description: '          ' }],
    ['topic', { topic: undefined }],
    ['topic', { topic: '' }],
    ['latitude', { latitude: 91 }],
    ['latitude', { latitude: 'nord' }],
    ['longitude', { longitude: -181 }],
    ['longitude', { longitude: undefined }],
    ['declaredUrgency', { declaredUrgency: 9 }],
    ['declaredUrgency', { declaredUrgency: 'alta' }],
    ['declaredUrgency', { declaredUrgency: 2.5 }],
    ['channel', { channel: 'carrier-pigeon' }],
    ['channel', { channel: 'phone' }],
    ['emergency', { emergency: 'forse' }],
    ['address', { address: 'via '.repeat(100) }],
    ['attributes', { attributes: ['not', 'a', 'record'] }],
    ['attributes.depth', { attributes: { depth: { nested: true } } }],
    ['privacyConsent', { privacyConsent: undefined }],
    ['privacyConsent', { privacyConsent: false }],
    ['privacyConsent', { privacyConsent: 'maybe' }],
    ['locale', { locale: 'fr' }],
    ['contact', { contact: 'maria@example.org' }],
    ['contact.email', { contact: { email: 'not-an-email' } }],
    ['contact.email', { contact: { email: `${'a'.repeat(250)}@example.org` } }],
    ['contact.phone', { contact: { email: 'maria@example.org', phone: 'call me maybe' } }],
    ['contact.name', { contact: { email: 'maria@example.org', name: 'n'.repeat(201) } }],
    ['contact.fiscalCode', { contact: { email: 'maria@example.org', fiscalCode: 'RSSMRA' } }],
    ['website', { website: 42 }],
    ['colour', { colour: 'red' }],
  ])('refuses a bad %s (%j) with 400 and stores nothing', async (field, patch) => {
    await expectRefused('reports', { ...reportBody(topic.code), ...patch }, field);
  });

  it('refuses a body that is not a JSON object', async () => {
    const before = await counts(strapi);
    const res = await request(strapi.server.httpServer)
      .post('/api/reports')
      .field('data', '{not json')
      .expect(400);
    expect(namedFields(res.body)).toContain('data');
    expect(await counts(strapi)).toEqual(before);
  });

  it('names every bad field at once', async () => {
    const res = await post('reports', {
      ...reportBody(topic.code),
      description: 'corta',
      declaredUrgency: 0,
    }).expect(400);
    expect(namedFields(res.body)).toEqual(
      expect.arrayContaining(['description', 'declaredUrgency'])
    );
  });
});

describe('POST /api/requests and /api/complaints from the public', () => {
  it.each([
    ['kind', { kind: 'gossip' }],
    ['subject', { subject: 's'.repeat(201) }],
    ['subject', { subject: undefined }],
    ['description', { description: 'breve' }],
    ['topic', { topic: 't'.repeat(61) }],
    ['privacyConsent', { privacyConsent: 'no' }],
    ['contact.email', { contact: { email: 'maria@' } }],
    ['latitude', { latitude: 43.7 }],
    ['state', { state: 'answered' }],
    ['answer', { answer: 'Risposta che si scrive da sola' }],
  ])('a request with a bad %s (%j) is refused with 400', async (field, patch) => {
    await expectRefused('requests', { ...requestBody(), ...patch }, field);
  });

  it.each([
    ['subject', { subject: 'no' }],
    ['description', { description: undefined }],
    ['service', { service: '' }],
    ['office', { office: 'o'.repeat(201) }],
    ['kind', { kind: 'information' }],
    ['outcome', { outcome: 'upheld' }],
    ['remedy', { remedy: 'Un rimborso, grazie' }],
  ])('a complaint with a bad %s (%j) is refused with 400', async (field, patch) => {
    await expectRefused('complaints', { ...complaintBody(), ...patch }, field);
  });

  it('photos go with reports only', async () => {
    const before = await counts(strapi);
    const res = await request(strapi.server.httpServer)
      .post('/api/requests')
      .field('data', JSON.stringify(requestBody()))
      .attach('photos', Buffer.from('not even a photo'), 'a.jpg')
      .expect(400);
    expect(namedFields(res.body)).toEqual(['photos']);
    expect(await counts(strapi)).toEqual(before);
  });
});
