/**
 * The public intake (POST /api/reports|requests|complaints): what it accepts, whom it files the
 * case for, and every refusal, each leaving nothing stored. Photos: intake-photos.test.ts.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import {
  citizenSession,
  createCitizen,
  createOffice,
  createService,
  createTopic,
  unique,
} from '../helpers/fixtures';
import { complaintBody, counts, newEmail, reportBody, requestBody } from '../helpers/intake';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let office: { documentId: string; slug: string };
let topic: { documentId: string; code: string };

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId, { resolutionDays: 10 });
});
afterAll(stopStrapi);

const TRACKING = 'https://www.comune.pisa.example/segnalazioni/';

type Uid = 'api::report.report' | 'api::request.request' | 'api::complaint.complaint';
const UIDS: Record<string, Uid> = {
  reports: 'api::report.report',
  requests: 'api::request.request',
  complaints: 'api::complaint.complaint',
};

function stored(type: string, code: string, populate: Record<string, unknown> = {}) {
  return strapi.db.query(UIDS[type]).findOne({
    where: { referenceCode: code },
    populate: { citizen: true, office: true, topic: true, ...populate },
  });
}

async function expectRefused(
  type: string,
  body: object,
  status: number,
  field: string,
  headers: Record<string, string> = {}
) {
  const before = await counts(strapi);
  const res = await http.post(`/api/${type}`).set(headers).send(body).expect(status);
  expect(res.body.data).toBeNull();
  expect(res.body.error.status).toBe(status);
  expect(res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'))).toContain(
    field
  );
  expect(await counts(strapi)).toEqual(before);
  return res.body.error as { name: string; message: string };
}

describe('filing a case', () => {
  it.each([
    ['reports', 'SEG', () => reportBody(topic.code)],
    ['requests', 'RIC', () => requestBody({ topic: topic.code })],
    ['complaints', 'REC', () => complaintBody({ topic: topic.code })],
  ])('POST /api/%s answers 201 with the code and tracking URL', async (type, prefix, body) => {
    const sent = body();
    const before = await counts(strapi);
    const res = await http.post(`/api/${type}`).send(sent).expect(201);
    const { code, trackingUrl, state, receivedAt, dueAt } = res.body.data;
    expect(code).toMatch(new RegExp(`^${prefix}-\\d{4}-\\d{6}$`));
    expect(trackingUrl).toBe(`${TRACKING}${code}`);
    expect(state).toBe('received');
    expect(new Date(receivedAt).getTime()).not.toBeNaN();
    expect(new Date(dueAt).getTime()).toBeGreaterThan(new Date(receivedAt).getTime());

    const saved = await stored(type, code);
    expect(saved).toMatchObject({ state: 'received', channel: 'web' });
    expect(saved.citizen.email).toBe(sent.contact.email);
    expect(saved.topic.documentId).toBe(topic.documentId);
    // Routed to the topic's default office by the case write gate.
    expect(saved.office.documentId).toBe(office.documentId);

    const after = await counts(strapi);
    expect(after[type as 'reports']).toBe(before[type as 'reports'] + 1);
    expect(after.citizens).toBe(before.citizens + 1);
    const events = await strapi.db
      .query('api::case-event.case-event')
      .findMany({ where: { caseCode: code } });
    expect(events.map((e: { type: string; actorType: string }) => [e.type, e.actorType])).toEqual([
      ['created', 'citizen'],
    ]);
    const queued = await strapi.db
      .query('api::notification.notification')
      .findMany({ where: { caseCode: code } });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      template: 'case_received',
      recipient: sent.contact.email,
      state: 'pending',
    });
  });

  it('keeps the citizen’s name, phone and language, and the report’s fields', async () => {
    const body = reportBody(topic.code, {
      locale: 'en',
      address: 'Via Santa Maria 12',
      declaredUrgency: 4,
      attributes: { depth: 20 },
      channel: 'app',
    });
    const res = await http.post('/api/reports').send(body).expect(201);
    const saved = await stored('reports', res.body.data.code);
    expect(saved).toMatchObject({
      description: body.description,
      latitude: body.latitude,
      longitude: body.longitude,
      address: 'Via Santa Maria 12',
      declaredUrgency: 4,
      attributeValues: { depth: 20 },
      channel: 'app',
      emergency: false,
      // src/domain/priority.ts: urgency 4 of 5 → 4000 × 0.75, one neutral reporter, no time gone.
      priority: 3000,
    });
    expect(saved.citizen).toMatchObject({
      name: 'Maria Rossi',
      phone: '+39 333 1234567',
      language: 'en',
    });
    expect(saved.citizen.privacyConsentAt).toBeTruthy();
  });

  it('accepts a report with an address and no position', async () => {
    const body = reportBody(topic.code, { address: 'Piazza dei Miracoli' });
    delete (body as Record<string, unknown>).latitude;
    delete (body as Record<string, unknown>).longitude;
    const res = await http.post('/api/reports').send(body).expect(201);
    expect(res.body.data.position).toBeNull();
    const saved = await stored('reports', res.body.data.code);
    expect(saved).toMatchObject({
      latitude: null,
      longitude: null,
      address: 'Piazza dei Miracoli',
    });
  });

  it('refuses a report with neither position nor address (400)', async () => {
    const body = reportBody(topic.code);
    delete (body as Record<string, unknown>).latitude;
    delete (body as Record<string, unknown>).longitude;
    await expectRefused('reports', body, 400, 'latitude');
  });

  it('files a request without a topic and with its kind', async () => {
    const res = await http
      .post('/api/requests')
      .send(requestBody({ kind: 'suggestion' }))
      .expect(201);
    const saved = await stored('requests', res.body.data.code);
    expect(saved).toMatchObject({ kind: 'suggestion', topic: null });
  });
});

describe('who files it', () => {
  it('an email is required unless the citizen is signed in', async () => {
    const body = requestBody();
    delete (body as Record<string, unknown>).contact;
    const error = await expectRefused('requests', body, 400, 'contact.email');
    expect(error.message).toMatch(/signed in/);
  });

  it('a signed-in citizen files without giving an email, as themselves', async () => {
    const me = await citizenSession(strapi);
    const before = await counts(strapi);
    for (const [type, body] of [
      ['reports', reportBody(topic.code)],
      ['requests', requestBody()],
      ['complaints', complaintBody()],
    ] as const) {
      const { contact: _omit, ...withoutContact } = body;
      const res = await http
        .post(`/api/${type}`)
        .set('Authorization', `Bearer ${me.jwt}`)
        .send(withoutContact)
        .expect(201);
      const saved = await stored(type, res.body.data.code);
      expect(saved.citizen.documentId).toBe(me.citizen.documentId);
      const [event] = await strapi.db
        .query('api::case-event.case-event')
        .findMany({ where: { caseCode: res.body.data.code } });
      // The account id, never the citizen's name, on the timeline.
      expect(event).toMatchObject({ actorType: 'citizen', actorId: String(me.userId) });
      expect(event.actorName).toBeNull();
    }
    expect((await counts(strapi)).citizens).toBe(before.citizens);
  });

  it('a signed-in account without a citizen record gets one, with the account’s email', async () => {
    const username = unique('user');
    const reg = await http
      .post('/api/auth/local/register')
      .send({ username, email: `${username}@Example.org`, password: 'Citt4dino!' })
      .expect(200);
    const { contact: _omit, ...body } = requestBody();
    const res = await http
      .post('/api/requests')
      .set('Authorization', `Bearer ${reg.body.jwt}`)
      .send(body)
      .expect(201);
    const saved = await stored('requests', res.body.data.code, { citizen: { populate: ['user'] } });
    expect(saved.citizen.email).toBe(`${username}@example.org`);
    expect(saved.citizen.user.id).toBe(reg.body.user.id);
  });

  it('matches the citizen by email, whatever its case', async () => {
    const local = unique('maria');
    const first = await http
      .post('/api/reports')
      .send(reportBody(topic.code, { contact: { email: `${local.toUpperCase()}@X.EXAMPLE.ORG` } }))
      .expect(201);
    const before = await counts(strapi);
    const second = await http
      .post('/api/requests')
      .send(requestBody({ contact: { email: ` ${local}@x.example.org ` } }))
      .expect(201);
    expect((await counts(strapi)).citizens).toBe(before.citizens);
    const a = await stored('reports', first.body.data.code);
    const b = await stored('requests', second.body.data.code);
    expect(a.citizen.documentId).toBe(b.citizen.documentId);
    expect(a.citizen.email).toBe(`${local}@x.example.org`);
  });

  it('matches a bulk-loaded citizen whose document id starts with a digit', async () => {
    // Strapi reads a plain relation string of digits as a numeric id: the intake must not.
    const email = newEmail('caricato');
    const table = strapi.db.metadata.get('api::citizen.citizen').tableName;
    await strapi.db.connection(table).insert({
      document_id:
        '4a' +
        unique('x')
          .replace(/[^a-z0-9]/g, '')
          .padEnd(22, '0')
          .slice(0, 22),
      email,
      language: 'it',
    });
    const res = await http
      .post('/api/requests')
      .send(requestBody({ contact: { email } }))
      .expect(201);
    const stored2 = await stored('requests', res.body.data.code);
    expect(stored2.citizen.email).toBe(email);
  });

  it('concurrent first contacts with one email make one citizen', async () => {
    const email = newEmail('insieme');
    const before = await counts(strapi);
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http
          .post(i % 2 ? '/api/requests' : '/api/complaints')
          .send((i % 2 ? requestBody : complaintBody)({ contact: { email } }))
      )
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect((await counts(strapi)).citizens).toBe(before.citizens + 1);
  });

  it('a blocked citizen is refused politely (403), and nothing is stored', async () => {
    const blocked = await createCitizen(strapi, { blocked: true, blockedReason: 'Spam ripetuto' });
    const error = await expectRefused(
      'reports',
      reportBody(topic.code, { contact: { email: blocked.email.toUpperCase() } }),
      403,
      'contact.email'
    );
    expect(error.message).toMatch(/sorry.*URP/s);
    expect(error.message).not.toContain('Spam');
  });

  it('a blocked citizen signed in is refused too', async () => {
    const me = await citizenSession(strapi);
    await strapi.db
      .query('api::citizen.citizen')
      .update({ where: { id: me.citizen.id }, data: { blocked: true } });
    const { contact: _omit, ...body } = requestBody();
    await expectRefused('requests', body, 403, 'contact.email', {
      Authorization: `Bearer ${me.jwt}`,
    });
  });
});

describe('refusals', () => {
  it.each([
    ['missing', { privacyConsent: undefined }],
    ['false', { privacyConsent: false }],
    ['"false" from a form', { privacyConsent: 'false' }],
  ])('privacy consent %s → 400', async (_label, patch) => {
    await expectRefused('reports', { ...reportBody(topic.code), ...patch }, 400, 'privacyConsent');
  });

  it('the honeypot filled in → refused, nothing stored', async () => {
    await expectRefused(
      'reports',
      reportBody(topic.code, { website: 'http://cheap-pills.example' }),
      400,
      'website'
    );
    await expectRefused('requests', requestBody({ website: 'x' }), 400, 'website');
  });

  it('an unknown topic → 422 naming the topic', async () => {
    const error = await expectRefused('reports', reportBody('NO-SUCH-TOPIC'), 422, 'topic');
    expect(error.message).toContain('NO-SUCH-TOPIC');
  });

  it('an inactive topic → 422', async () => {
    const inactive = await createTopic(strapi, office.documentId, { active: false });
    await expectRefused('reports', reportBody(inactive.code), 422, 'topic');
    await expectRefused('requests', requestBody({ topic: inactive.code }), 422, 'topic');
  });

  it('a topic that is only a draft → 422', async () => {
    const draft = await strapi.documents('api::topic.topic').create({
      locale: 'it',
      data: { name: 'Bozza', slug: unique('bozza'), code: unique('BOZZA').toUpperCase() } as never,
    });
    await expectRefused(
      'reports',
      reportBody((draft as unknown as { code: string }).code),
      422,
      'topic'
    );
  });

  it.each([
    ['reports', { acceptsReports: false }, () => reportBody('')],
    ['requests', { acceptsRequests: false }, () => requestBody()],
    ['complaints', { acceptsComplaints: false }, () => complaintBody()],
  ])('a topic not accepting %s → 422', async (type, flags, body) => {
    const narrow = await createTopic(strapi, office.documentId, flags);
    const error = await expectRefused(type, { ...body(), topic: narrow.code }, 422, 'topic');
    expect(error.message).toMatch(/does not accept/);
  });

  it('a position outside the municipality (Florence) → 422', async () => {
    const error = await expectRefused(
      'reports',
      reportBody(topic.code, { latitude: 43.7696, longitude: 11.2558 }),
      422,
      'latitude'
    );
    expect(error.message).toMatch(/outside the municipality of Pisa/);
  });

  it('a complaint about an unknown service or office → 422 naming it', async () => {
    await expectRefused(
      'complaints',
      complaintBody({ service: 'no-such-service' }),
      422,
      'service'
    );
    await expectRefused('complaints', complaintBody({ office: 'no-such-office' }), 422, 'office');
  });
});

describe('emergencies', () => {
  it('alerts the emergency contacts, tells the citizen to call 112, tops the queue', async () => {
    const contacts = [newEmail('protezione-civile'), newEmail('reperibile')];
    const saved = strapi.config.get('benecomune.emergency.emails');
    strapi.config.set('benecomune.emergency.emails', contacts);
    try {
      const res = await http
        .post('/api/reports')
        .send(reportBody(topic.code, { emergency: true, locale: 'en' }))
        .expect(201);
      const { code, emergency } = res.body.data;
      expect(emergency).toMatchObject({ alertSent: true, callNumber: '112' });
      expect(emergency.message).toContain('call 112');

      const alerts = await strapi.db
        .query('api::notification.notification')
        .findMany({ where: { caseCode: code, template: 'emergency_alert' } });
      expect(alerts.map((n: { recipient: string }) => n.recipient).sort()).toEqual(
        [...contacts].sort()
      );
      expect(alerts.every((n: { state: string }) => n.state === 'pending')).toBe(true);
      // The alert carries the case, not the citizen.
      expect(JSON.stringify(alerts)).not.toContain('Maria Rossi');

      const report = await stored('reports', code);
      expect(report.emergency).toBe(true);
      // Above every ordinary report, whatever their urgency or reporters (src/domain/priority.ts).
      expect(report.priority).toBeGreaterThanOrEqual(50_000);
      // Urgent: due within the topic's urgent hours (24 by the fixture), not in days.
      const hours =
        (new Date(report.dueAt).getTime() - new Date(report.receivedAt).getTime()) / 3600_000;
      expect(hours).toBeLessThanOrEqual(24);
    } finally {
      strapi.config.set('benecomune.emergency.emails', saved);
    }
  });

  it('an Italian citizen is told in Italian', async () => {
    const res = await http
      .post('/api/reports')
      .send(reportBody(topic.code, { emergency: 'true' }))
      .expect(201);
    expect(res.body.data.emergency.message).toMatch(/chiami subito il 112/);
  });

  it('a report that is not an emergency says nothing of it and alerts no one', async () => {
    const res = await http.post('/api/reports').send(reportBody(topic.code)).expect(201);
    expect(res.body.data).not.toHaveProperty('emergency');
    expect(
      await strapi.db
        .query('api::notification.notification')
        .count({ where: { caseCode: res.body.data.code, template: 'emergency_alert' } })
    ).toBe(0);
  });
});

describe('complaints about a service or an office', () => {
  it('links the service complained about, by its slug', async () => {
    const service = await createService(strapi, office.documentId);
    const res = await http
      .post('/api/complaints')
      .send(complaintBody({ service: service.slug }))
      .expect(201);
    const saved = await stored('complaints', res.body.data.code, { service: true });
    expect(saved.service.documentId).toBe(service.documentId);
  });

  it('links the office complained about, by its slug', async () => {
    const other = await createOffice(strapi);
    const res = await http
      .post('/api/complaints')
      .send(complaintBody({ office: other.slug }))
      .expect(201);
    const saved = await stored('complaints', res.body.data.code, { complainedOffice: true });
    expect(saved.complainedOffice.documentId).toBe(other.documentId);
  });
});
