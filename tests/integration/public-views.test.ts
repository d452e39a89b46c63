/**
 * What the public and a signed-in citizen see of cases filed through the intake: the tracking
 * page (GET /api/track/:code), the map (GET /api/reports/map), their own list (GET /api/me/cases)
 * and GraphQL. None of them shows the citizen's identity or the staff's internal notes.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { appActor } from '../helpers/app';
import {
  citizenSession,
  createOffice,
  createTopic,
  fullAccessToken,
  unique,
} from '../helpers/fixtures';
import {
  complaintBody,
  newEmail,
  plainJpeg,
  reportBody,
  requestBody,
  uploadsCleaner,
} from '../helpers/intake';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let office: { documentId: string; slug: string };
let topic: { documentId: string; code: string; slug: string };
const removeStoredFiles = uploadsCleaner();

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  office = await createOffice(strapi);
  topic = (await createTopic(strapi, office.documentId)) as unknown as typeof topic;
});
afterAll(async () => {
  await stopStrapi();
  removeStoredFiles();
});

const staff = { type: 'staff' as const, id: '1', name: 'Giulia Operatrice' };

type Uid = 'api::report.report' | 'api::request.request' | 'api::complaint.complaint';

async function staffUpdate(uid: Uid, code: string, data: Record<string, unknown>) {
  const found = await strapi.db.query(uid).findOne({ where: { referenceCode: code } });
  await appActor.runAs(staff, () =>
    strapi.documents(uid).update({ documentId: found.documentId, data: data as never })
  );
}

/** A citizen's identity, unique per test so it can be searched for in whole answers. */
function identity() {
  const tag = unique('id');
  return {
    email: newEmail(tag),
    name: `Nome ${tag}`,
    phone: `+39 333 ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
  };
}

async function fileReport(extra: Record<string, unknown> = {}) {
  const res = await http.post('/api/reports').send(reportBody(topic.code, extra)).expect(201);
  return res.body.data.code as string;
}

describe('GET /api/track/:code', () => {
  it('shows status, topic, office, dates, public timeline, rounded position and photos', async () => {
    const contact = identity();
    const res = await http
      .post('/api/reports')
      .field(
        'data',
        JSON.stringify(reportBody(topic.code, { contact, latitude: 43.71934, longitude: 10.39871 }))
      )
      .attach('photos', await plainJpeg(), { filename: 'a.jpg', contentType: 'image/jpeg' })
      .expect(201);
    const code = res.body.data.code as string;
    await staffUpdate('api::report.report', code, {
      state: 'triaged',
      qualificationNote: 'NOTA-INTERNA segnalatore già noto',
      priority: 42,
    });
    await appActor.runAs(staff, async () => {
      const report = await strapi.db
        .query('api::report.report')
        .findOne({ where: { referenceCode: code } });
      await strapi.documents('api::case-event.case-event').create({
        data: {
          type: 'internal_note',
          visibility: 'internal',
          caseKind: 'report',
          caseCode: code,
          report: report.documentId,
          actorType: 'staff',
          text: 'EVENTO-INTERNO da non mostrare',
          at: new Date().toISOString(),
        } as never,
      });
    });

    const view = (await http.get(`/api/track/${code}`).expect(200)).body.data;
    expect(view).toMatchObject({
      code,
      kind: 'report',
      state: 'triaged',
      topic: { slug: topic.slug },
      office: { slug: office.slug },
      position: { latitude: 43.719, longitude: 10.399 },
      resolvedAt: null,
      closedAt: null,
    });
    expect(view.topic.name).toMatch(/^Argomento /);
    expect(view.office.name).toMatch(/^Ufficio /);
    expect(new Date(view.receivedAt).getTime()).not.toBeNaN();
    expect(new Date(view.dueAt).getTime()).toBeGreaterThan(new Date(view.receivedAt).getTime());
    expect(view.timeline.map((e: { type: string; from: string; to: string }) => e)).toEqual([
      expect.objectContaining({ type: 'created', from: null, to: 'received' }),
      expect.objectContaining({ type: 'status_changed', from: 'received', to: 'triaged' }),
    ]);
    expect(view.photos).toHaveLength(1);
    expect(view.photos[0].url).toMatch(/^\/uploads\/segnalazione-?.*\.jpg$/);
    expect(view.photos[0]).toMatchObject({ width: 64, height: 48 });

    const whole = JSON.stringify(view);
    for (const secret of [
      contact.email,
      contact.name,
      contact.phone,
      'NOTA-INTERNA',
      'EVENTO-INTERNO',
      'Giulia Operatrice',
      '43.71934',
      '10.39871',
      'priority',
      'qualification',
      'citizen',
      'officeKey',
    ]) {
      expect(whole).not.toContain(secret);
    }
    // Codes typed over the phone: case and spacing do not matter.
    const lower = await http.get(`/api/track/${encodeURIComponent(` ${code.toLowerCase()} `)}`);
    expect(lower.status).toBe(200);
    expect(lower.body.data.code).toBe(code);
  });

  it('shows a request’s subject and, once answered, its answer', async () => {
    const contact = identity();
    const res = await http
      .post('/api/requests')
      .send(requestBody({ contact, topic: topic.code }))
      .expect(201);
    const code = res.body.data.code as string;
    await staffUpdate('api::request.request', code, { state: 'assigned' });
    await staffUpdate('api::request.request', code, {
      state: 'answered',
      answer: 'La biblioteca apre alle 9.',
    });
    const view = (await http.get(`/api/track/${code}`).expect(200)).body.data;
    expect(view).toMatchObject({
      code,
      kind: 'request',
      state: 'answered',
      subject: 'Orari della biblioteca',
      answer: 'La biblioteca apre alle 9.',
    });
    expect(view.timeline.map((e: { to: string }) => e.to)).toEqual([
      'received',
      'assigned',
      'answered',
    ]);
    expect(view).not.toHaveProperty('position');
    expect(JSON.stringify(view)).not.toContain(contact.email);
  });

  it('answers the same 404 to an unknown code of each type and to a malformed one', async () => {
    const year = new Date().getFullYear();
    const bodies = [];
    for (const code of [
      `SEG-${year}-999999`,
      `RIC-${year}-999999`,
      `REC-${year}-999999`,
      `XYZ-${year}-000001`,
      'not-a-code',
      `SEG-${year}-1`,
      "SEG-2026-000001' OR 1=1 --",
    ]) {
      const res = await http.get(`/api/track/${encodeURIComponent(code)}`).expect(404);
      bodies.push(res.body);
    }
    expect(bodies[0].error).toMatchObject({ status: 404, name: 'NotFoundError' });
    for (const body of bodies) expect(body).toEqual(bodies[0]);
  });
});

describe('GET /api/reports/map', () => {
  // A corner of the municipality no other suite files reports in (east of the centre).
  const BBOX = '10.440,43.690,10.446,43.696';
  let mapTopic: { code: string };
  let otherTopic: { code: string };
  const codes: Record<string, string> = {};
  let contact: ReturnType<typeof identity>;

  beforeAll(async () => {
    mapTopic = await createTopic(strapi, office.documentId);
    otherTopic = await createTopic(strapi, office.documentId);
    contact = identity();
    const file = async (name: string, t: { code: string }, lat: number, lon: number) => {
      const res = await http
        .post('/api/reports')
        .send(reportBody(t.code, { contact, latitude: lat, longitude: lon }))
        .expect(201);
      codes[name] = res.body.data.code;
    };
    await file('a', mapTopic, 43.69123, 10.44187);
    await file('b', mapTopic, 43.6921, 10.4432);
    await file('c', mapTopic, 43.6933, 10.4449);
    await file('rejected', mapTopic, 43.6944, 10.4411);
    await file('otherTopic', otherTopic, 43.6925, 10.4425);
    await file('outside', mapTopic, 43.7, 10.45);
    await staffUpdate('api::report.report', codes.b, { state: 'triaged' });
    await staffUpdate('api::report.report', codes.rejected, { state: 'rejected' });
  });

  const map = (query: Record<string, unknown>) => http.get('/api/reports/map').query(query);
  const codesOf = (body: { features: { properties: { code: string } }[] }) =>
    body.features.map((f) => f.properties.code);

  it('answers GeoJSON of the public reports in the box, newest first, without personal data', async () => {
    const res = await map({ bbox: BBOX }).expect(200);
    expect(res.body.type).toBe('FeatureCollection');
    const found = codesOf(res.body);
    expect(found).toEqual(expect.arrayContaining([codes.a, codes.b, codes.c, codes.otherTopic]));
    expect(found).not.toContain(codes.outside);
    expect(found).not.toContain(codes.rejected);
    const mine = res.body.features.filter((f: { properties: { code: string } }) =>
      Object.values(codes).includes(f.properties.code)
    );
    expect(mine.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([
      codes.otherTopic,
      codes.c,
      codes.b,
      codes.a,
    ]);
    const a = mine.find((f: { properties: { code: string } }) => f.properties.code === codes.a);
    expect(a).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [10.442, 43.691] },
      properties: {
        code: codes.a,
        state: 'received',
        topic: mapTopic.code,
        receivedAt: expect.any(String),
        reporters: 1,
      },
    });
    const whole = JSON.stringify(res.body);
    for (const secret of [contact.email, contact.name, contact.phone, 'Lampione', '43.69123'])
      expect(whole).not.toContain(secret);
  });

  it('filters by topic and by state', async () => {
    const byTopic = await map({ bbox: BBOX, topic: mapTopic.code }).expect(200);
    expect(codesOf(byTopic.body)).toEqual([codes.c, codes.b, codes.a]);
    const triaged = await map({ bbox: BBOX, topic: mapTopic.code, state: 'triaged' }).expect(200);
    expect(codesOf(triaged.body)).toEqual([codes.b]);
    const two = await map({ bbox: BBOX, topic: mapTopic.code, state: 'received,triaged' });
    expect(codesOf(two.body)).toEqual([codes.c, codes.b, codes.a]);
    const byStatus = await map({ bbox: BBOX, topic: mapTopic.code, status: 'triaged' });
    expect(codesOf(byStatus.body)).toEqual([codes.b]);
  });

  it('paginates', async () => {
    const first = await map({ bbox: BBOX, topic: mapTopic.code, pageSize: 2 }).expect(200);
    expect(codesOf(first.body)).toEqual([codes.c, codes.b]);
    expect(first.body.meta).toEqual({ page: 1, pageSize: 2, hasMore: true });
    const second = await map({ bbox: BBOX, topic: mapTopic.code, pageSize: 2, page: 2 });
    expect(codesOf(second.body)).toEqual([codes.a]);
    expect(second.body.meta).toEqual({ page: 2, pageSize: 2, hasMore: false });
  });

  it.each([
    ['bbox', {}],
    ['bbox', { bbox: '10.44,43.69,10.45' }],
    ['bbox', { bbox: 'a,b,c,d' }],
    ['bbox', { bbox: '10.45,43.69,10.44,43.70' }],
    ['bbox', { bbox: '10.44,-91,10.45,43.70' }],
    ['pageSize', { bbox: BBOX, pageSize: 501 }],
    ['pageSize', { bbox: BBOX, pageSize: 0 }],
    ['pageSize', { bbox: BBOX, pageSize: 'all' }],
    ['page', { bbox: BBOX, page: 0 }],
    ['state', { bbox: BBOX, state: 'rejected' }],
    ['state', { bbox: BBOX, state: 'bogus' }],
    ['topic', { bbox: BBOX, topic: 'NO-SUCH-TOPIC' }],
  ])('refuses a bad %s (%j) with 400', async (field, query) => {
    const res = await map(query).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });
});

describe('GET /api/me/cases', () => {
  it('lists the signed-in citizen’s own cases of all three kinds, and no one else’s', async () => {
    const me = await citizenSession(strapi);
    const auth = { Authorization: `Bearer ${me.jwt}` };
    const mine: string[] = [];
    for (const [type, body] of [
      ['reports', reportBody(topic.code)],
      ['requests', requestBody()],
      ['complaints', complaintBody()],
    ] as const) {
      const { contact: _omit, ...withoutContact } = body;
      const res = await http.post(`/api/${type}`).set(auth).send(withoutContact).expect(201);
      mine.push(res.body.data.code);
    }
    // Filed while signed out, with the account's email: the same citizen.
    const signedOut = await http
      .post('/api/requests')
      .send(requestBody({ contact: { email: me.citizen.email.toUpperCase() } }))
      .expect(201);
    mine.push(signedOut.body.data.code);
    const someoneElse = await fileReport({ contact: identity() });

    const res = await http.get('/api/me/cases').set(auth).expect(200);
    const list = res.body.data as { code: string; kind: string; state: string; title: string }[];
    expect(list.map((c) => c.code).sort()).toEqual([...mine].sort());
    expect(list.map((c) => c.code)).not.toContain(someoneElse);
    expect(list.map((c) => c.kind).sort()).toEqual(['complaint', 'report', 'request', 'request']);
    expect(list.every((c) => c.state === 'received')).toBe(true);
    expect(list.find((c) => c.kind === 'complaint')?.title).toBe('Sportello chiuso');
    expect(JSON.stringify(res.body)).not.toContain(me.citizen.email);
  });

  it('is 403 without a citizen’s JWT', async () => {
    await http.get('/api/me/cases').expect(403);
    const token = await fullAccessToken(strapi);
    await http.get('/api/me/cases').set('Authorization', `Bearer ${token}`).expect(403);
  });

  it('is 401 with a forged JWT', async () => {
    await http.get('/api/me/cases').set('Authorization', 'Bearer not.a.jwt').expect(401);
  });
});

describe('GraphQL', () => {
  it('the public cannot read reports or citizens, and sees no citizen data', async () => {
    const contact = identity();
    await fileReport({ contact });
    for (const query of [
      '{ reports { referenceCode description } }',
      '{ citizens { email name phone } }',
      '{ reports { referenceCode citizen { email name } } }',
      '{ report(documentId: "x") { referenceCode } }',
    ]) {
      const res = await http.post('/graphql').send({ query });
      const body = JSON.stringify(res.body);
      expect(body).toMatch(/Forbidden|Cannot query field/);
      expect(res.body.data?.reports ?? res.body.data?.citizens ?? null).toBeNull();
      expect(body).not.toContain(contact.email);
      expect(body).not.toContain(contact.name);
    }
  });

  it('a signed-in citizen reads no case through GraphQL (their own are at /api/me/cases)', async () => {
    const me = await citizenSession(strapi);
    const { contact: _omit, ...body } = reportBody(topic.code);
    const mine = (
      await http
        .post('/api/reports')
        .set('Authorization', `Bearer ${me.jwt}`)
        .send(body)
        .expect(201)
    ).body.data.code;
    const contact = identity();
    const theirs = await fileReport({ contact });
    for (const query of [
      `{ reports { referenceCode description qualificationNote } }`,
      `{ reports(filters: { referenceCode: { eq: "${theirs}" } }) { referenceCode } }`,
      `{ reports_connection { nodes { referenceCode } } }`,
      `{ requests { referenceCode subject } complaints { referenceCode subject } }`,
    ]) {
      const res = await http
        .post('/graphql')
        .set('Authorization', `Bearer ${me.jwt}`)
        .send({ query });
      const text = JSON.stringify(res.body);
      // Cases are not in the GraphQL schema at all (src/lib/graphql-exposure.ts).
      expect(text).toMatch(/Cannot query field/);
      expect(text).not.toContain(theirs);
      expect(text).not.toContain(mine);
    }
  });
});
