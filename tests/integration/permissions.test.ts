/**
 * Who can read what: the public reads published content only; citizens read their own cases;
 * nobody outside the staff reads citizens, events or notifications; personal data never leaks.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import {
  citizenSession,
  createCitizen,
  createOffice,
  createReport,
  createTopic,
} from '../helpers/fixtures';
import { counts, reportBody } from '../helpers/intake';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let office: { documentId: string };
let topic: { code: string };

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  office = await createOffice(strapi, {
    managerName: 'Dott.ssa Anna Bianchi',
    phone: '050 910111',
  });
  topic = await createTopic(strapi, office.documentId);
});
afterAll(stopStrapi);

describe('the public role', () => {
  it.each(['services', 'offices', 'topics', 'surveys'])('reads published %s', async (type) => {
    const res = await request(strapi.server.httpServer).get(`/api/${type}`).expect(200);
    expect(Array.isArray(res.body.data)).toBe(true);
  });

  it('sees published offices only, in the asked locale', async () => {
    const draft = await strapi.documents('api::office.office').create({
      locale: 'it',
      data: { name: 'Ufficio in bozza', slug: `bozza-${Date.now()}`, kind: 'office' } as never,
    });
    const res = await http.get('/api/offices').query({ 'pagination[pageSize]': 100 }).expect(200);
    const ids = res.body.data.map((o: { documentId: string }) => o.documentId);
    expect(ids).toContain(office.documentId);
    expect(ids).not.toContain(draft.documentId);
  });

  it.each([
    'reports',
    'requests',
    'complaints',
    'citizens',
    'case-events',
    'notifications',
    'survey-responses',
    'teams',
  ])('cannot list %s (403)', async (type) => {
    await request(strapi.server.httpServer).get(`/api/${type}`).expect(403);
  });

  // Reports, requests and complaints are filed through the public intake (tests/integration/intake*).
  it.each(['citizens', 'offices', 'services'])('cannot create %s (403)', async (type) => {
    await request(strapi.server.httpServer).post(`/api/${type}`).send({ data: {} }).expect(403);
  });

  it.each([
    ['state', 'closed'],
    ['priority', 100000],
    ['office', 'any-office'],
    ['team', 'any-team'],
    ['assignee', 1],
    ['qualification', 'accurate'],
    ['qualificationNote', 'Segnalatore affidabile'],
    ['internalNotes', 'Nota interna'],
    ['referenceCode', 'SEG-2026-000001'],
    ['citizen', 'someone-else'],
    ['receivedAt', '2020-01-01T00:00:00Z'],
    ['followers', ['someone-else']],
  ])(
    'cannot set the staff field %s through the public intake (400, nothing stored)',
    async (key, value) => {
      const before = await counts(strapi);
      const res = await http
        .post('/api/reports')
        .send({ ...reportBody(topic.code), [key]: value })
        .expect(400);
      expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path)).toEqual([[key]]);
      expect(res.body.error.message).toContain(key);
      expect(await counts(strapi)).toEqual(before);
    }
  );

  it('cannot read a case by its id either', async () => {
    const report = await createReport(strapi, {});
    await http.get(`/api/reports/${report.documentId}`).expect(403);
  });

  it('GraphQL exposes no case and no citizen to the public', async () => {
    const citizen = await createCitizen(strapi, { name: 'Giuseppe Verdi' });
    await createReport(strapi, { citizen: citizen.documentId });
    const res = await http
      .post('/graphql')
      .send({ query: '{ reports { referenceCode } citizens { email name } }' });
    const body = JSON.stringify(res.body);
    expect(body).toMatch(/Forbidden|Cannot query field/);
    expect(body).not.toContain(citizen.email);
    expect(body).not.toContain('Giuseppe Verdi');
  });
});

describe('a signed-in citizen', () => {
  it('lists only their own cases, in the citizen view', async () => {
    const me = await citizenSession(strapi);
    const other = await createCitizen(strapi);
    const mine = await createReport(strapi, { citizen: me.citizen.documentId });
    const theirs = await createReport(strapi, { citizen: other.documentId });
    const res = await http.get('/api/reports').set('Authorization', `Bearer ${me.jwt}`).expect(200);
    const codes = res.body.data.map((r: { referenceCode: string }) => r.referenceCode);
    expect(codes).toEqual([mine.referenceCode]);
    expect(codes).not.toContain(theirs.referenceCode);
    expect(res.body.data[0]).not.toHaveProperty('priority');
    expect(res.body.data[0]).not.toHaveProperty('officeKey');
    expect(res.body.meta.pagination.total).toBe(1);
  });

  it("reads their own case, and gets 404 for someone else's", async () => {
    const me = await citizenSession(strapi);
    const other = await createCitizen(strapi);
    const mine = await createReport(strapi, { citizen: me.citizen.documentId });
    const theirs = await createReport(strapi, { citizen: other.documentId });
    const ok = await http
      .get(`/api/reports/${mine.documentId}`)
      .set('Authorization', `Bearer ${me.jwt}`)
      .expect(200);
    expect(ok.body.data.referenceCode).toBe(mine.referenceCode);
    await http
      .get(`/api/reports/${theirs.documentId}`)
      .set('Authorization', `Bearer ${me.jwt}`)
      .expect(404);
  });

  it('sees their own requests and complaints too', async () => {
    const me = await citizenSession(strapi);
    const req = await strapi.documents('api::request.request').create({
      data: {
        subject: 'Info',
        description: 'Quali documenti servono?',
        citizen: me.citizen.documentId,
      } as never,
    });
    const res = await http
      .get('/api/requests')
      .set('Authorization', `Bearer ${me.jwt}`)
      .expect(200);
    expect(res.body.data.map((r: { documentId: string }) => r.documentId)).toEqual([
      req.documentId,
    ]);
    const none = await http
      .get('/api/complaints')
      .set('Authorization', `Bearer ${me.jwt}`)
      .expect(200);
    expect(none.body.data).toEqual([]);
  });

  it.each(['citizens', 'case-events', 'notifications'])('cannot read %s (403)', async (type) => {
    const me = await citizenSession(strapi);
    await http.get(`/api/${type}`).set('Authorization', `Bearer ${me.jwt}`).expect(403);
  });

  it('cannot change a case (403)', async () => {
    const me = await citizenSession(strapi);
    const mine = await createReport(strapi, { citizen: me.citizen.documentId });
    await http
      .put(`/api/reports/${mine.documentId}`)
      .set('Authorization', `Bearer ${me.jwt}`)
      .send({ data: { state: 'triaged' } })
      .expect(403);
  });
});

describe('personal data in public content', () => {
  it('an office answer carries its public contacts but no citizen data', async () => {
    const res = await http.get(`/api/offices/${office.documentId}`).expect(200);
    expect(res.body.data.phone).toBe('050 910111');
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.org/);
  });

  it('populating relations from public content does not reach cases or citizens', async () => {
    const topicOffice = await createOffice(strapi);
    const topic = await createTopic(strapi, topicOffice.documentId);
    const citizen = await createCitizen(strapi);
    await createReport(strapi, { topic: topic.documentId, citizen: citizen.documentId });
    const res = await http
      .get(`/api/topics/${topic.documentId}`)
      .query({ populate: '*' })
      .expect(200);
    expect(JSON.stringify(res.body)).not.toContain(citizen.email);
  });
});
