/**
 * Open311 GeoReport v2 at /open311/v2 (src/lib/open311): every endpoint in JSON and XML, the
 * spec's errors, api_key as a Strapi API token, filing through the shared intake (channel
 * open311, routing, due date, duplicates, outbox) and no personal data in any read.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appActor, appClock } from '../helpers/app';
import {
  closeCasesReceivedBefore,
  createCitizen,
  createOffice,
  createReport,
  createTopic,
  unique,
} from '../helpers/fixtures';
import { counts, newEmail, plainJpeg, reportBody, uploadsCleaner } from '../helpers/intake';
import { setCaseFields } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { allText, children, parseXml, textOf, type XmlNode } from '../helpers/xml';

// In the past, so suites on the system clock never meet a report received in their future.
const T0 = new Date('2026-04-01T08:00:00Z');
const clock = fixedClock(T0);
const JURISDICTION = 'comune.pisa.example';
const BASE = '/open311/v2';
const REPORT = 'api::report.report';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let office: { documentId: string };
let officeName: string;
let topic: { documentId: string; code: string };
let plainTopic: { documentId: string; code: string };
let keys: Record<'full' | 'custom' | 'customUpdates' | 'readOnly' | 'noOpen311', string>;

const ATTRIBUTES = [
  { code: 'depth', label: 'Profondità (cm)', datatype: 'number', required: true, order: 1 },
  {
    code: 'kind',
    label: 'Tipo di danno',
    description: 'Scegliere il tipo',
    datatype: 'singlevaluelist',
    values: [
      { key: 'buca', name: 'Buca' },
      { key: 'crepa', name: 'Crepa' },
    ],
    order: 2,
  },
  {
    code: 'lanes',
    label: 'Corsie interessate',
    datatype: 'multivaluelist',
    values: [
      { key: 'nord', name: 'Nord' },
      { key: 'sud', name: 'Sud' },
    ],
    order: 3,
  },
];

async function token(type: string, permissions: string[] = []) {
  const created = await strapi.service('admin::api-token').create({
    name: unique('open311'),
    type,
    lifespan: null,
    permissions,
  });
  return created as { id: number; accessKey: string };
}

let spot = 0;
/** A fresh spot in central Pisa per call, away from other suites' grid (nextSpot). */
function place() {
  const i = spot++;
  return { lat: 43.7101 + (i % 20) * 0.0011, long: 10.4012 + Math.floor(i / 20) * 0.0015 };
}

/** A valid form for our topic, as FixMyStreet posts it. */
function form(extra: Record<string, string | string[]> = {}) {
  const p = place();
  const fields: Record<string, string | string[]> = {
    api_key: keys.full,
    jurisdiction_id: JURISDICTION,
    service_code: topic.code,
    lat: String(p.lat),
    long: String(p.long),
    description: 'Buca profonda davanti al civico 3, pericolosa per i motorini',
    email: newEmail('o311'),
    first_name: 'Maria',
    last_name: 'Rossi',
    phone: '+39 333 7654321',
    device_id: 'device-xyz-123',
    account_id: 'account-abc-789',
    'attribute[depth]': '20',
    'attribute[kind]': 'buca',
    'attribute[lanes][]': ['nord', 'sud'],
    media_url: 'https://fixmystreet.example/photo/123.jpeg',
    ...extra,
  };
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
  return { fields, body: body.toString() };
}

function postForm(path: string, body: string) {
  return http.post(`${BASE}/${path}`).type('form').send(body);
}

async function file(extra: Record<string, string | string[]> = {}) {
  const { fields, body } = form(extra);
  const res = await postForm('requests.json', body).expect(201);
  return { fields, id: res.body[0].service_request_id as string, res };
}

function xml(res: { text: string; headers: Record<string, string> }): XmlNode {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
  expect(res.text).not.toMatch(/<[A-Za-z_][^>]*\s[A-Za-z_:]+=/); // no attributes, belt and braces
  return parseXml(res.text);
}

function stored(code: string) {
  return strapi.db.query(REPORT).findOne({
    where: { referenceCode: code },
    populate: { citizen: true, topic: true, office: true },
  });
}

beforeAll(async () => {
  appClock.useClock(clock);
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  const o = await createOffice(strapi);
  office = o;
  officeName = (await strapi.db.query('api::office.office').findOne({ where: { id: o.id } })).name;
  topic = await createTopic(strapi, office.documentId, {
    resolutionDays: 10,
    attributes: ATTRIBUTES,
    description: 'Buche e dissesti della strada',
  });
  plainTopic = await createTopic(strapi, office.documentId);
  const full = await token('full-access');
  const custom = await token('custom', ['api::open311.open311.createRequest']);
  const customUpdates = await token('custom', ['api::open311.open311.postUpdate']);
  const readOnly = await token('read-only');
  const noOpen311 = await token('custom', ['api::open311.open311.requests']);
  keys = {
    full: full.accessKey,
    custom: custom.accessKey,
    customUpdates: customUpdates.accessKey,
    readOnly: readOnly.accessKey,
    noOpen311: noOpen311.accessKey,
  };
});
const removeStoredFiles = uploadsCleaner();
afterAll(async () => {
  // This suite's cases (April 2026) would be due in a later suite's sweep on a later clock.
  if (strapi) await closeCasesReceivedBefore(strapi, new Date('2026-08-01'), T0);
  await stopStrapi();
  appClock.resetClock();
  removeStoredFiles();
});
beforeEach(() => clock.set(T0));

describe('discovery and services', () => {
  it('GET discovery in JSON and XML', async () => {
    const json = await http.get(`${BASE}/discovery.json`).expect(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.body.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      type: 'production',
      formats: ['text/xml', 'application/json'],
    });
    expect(json.body.endpoints[0].url).toMatch(/\/open311\/v2$/);
    const doc = xml(await http.get(`${BASE}/discovery.xml`).expect(200));
    expect(doc.name).toBe('discovery');
    const endpoint = children(children(doc, 'endpoints')[0], 'endpoint')[0];
    expect(children(children(endpoint, 'formats')[0], 'format').map((f) => f.text)).toEqual([
      'text/xml',
      'application/json',
    ]);
  });

  it('GET services lists the topics open to reports; metadata says whether they have attributes', async () => {
    const res = await http.get(`${BASE}/services.json`).expect(200);
    const ours = res.body.find((s: { service_code: string }) => s.service_code === topic.code);
    expect(ours).toEqual({
      service_code: topic.code,
      service_name: expect.stringMatching(/^Argomento /),
      description: 'Buche e dissesti della strada',
      metadata: true,
      type: 'realtime',
      keywords: '',
      group: officeName,
    });
    const plain = res.body.find(
      (s: { service_code: string }) => s.service_code === plainTopic.code
    );
    expect(plain.metadata).toBe(false);

    const doc = xml(await http.get(`${BASE}/services.xml`).expect(200));
    expect(doc.name).toBe('services');
    const service = children(doc, 'service').find((s) => textOf(s, 'service_code') === topic.code);
    expect(textOf(service as XmlNode, 'metadata')).toBe('true');
    expect(textOf(service as XmlNode, 'type')).toBe('realtime');
  });

  it('leaves out inactive topics and those not accepting reports', async () => {
    const inactive = await createTopic(strapi, office.documentId, { active: false });
    const noReports = await createTopic(strapi, office.documentId, { acceptsReports: false });
    const res = await http.get(`${BASE}/services.json`).expect(200);
    const codes = res.body.map((s: { service_code: string }) => s.service_code);
    expect(codes).not.toContain(inactive.code);
    expect(codes).not.toContain(noReports.code);
    await http.get(`${BASE}/services/${inactive.code}.json`).expect(404);
  });

  it('GET services/{code} is the service definition from the topic attributes', async () => {
    const res = await http.get(`${BASE}/services/${topic.code}.json`).expect(200);
    expect(res.body.service_code).toBe(topic.code);
    expect(res.body.attributes).toEqual([
      {
        variable: true,
        code: 'depth',
        datatype: 'number',
        required: true,
        datatype_description: '',
        order: 1,
        description: 'Profondità (cm)',
      },
      {
        variable: true,
        code: 'kind',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'Scegliere il tipo',
        order: 2,
        description: 'Tipo di danno',
        values: [
          { key: 'buca', name: 'Buca' },
          { key: 'crepa', name: 'Crepa' },
        ],
      },
      expect.objectContaining({ code: 'lanes', datatype: 'multivaluelist', order: 3 }),
    ]);
    const doc = xml(await http.get(`${BASE}/services/${topic.code}.xml`).expect(200));
    expect(doc.name).toBe('service_definition');
    const attrs = children(children(doc, 'attributes')[0], 'attribute');
    expect(attrs.map((a) => textOf(a, 'code'))).toEqual(['depth', 'kind', 'lanes']);
    const values = children(children(attrs[1], 'values')[0], 'value');
    expect(values.map((v) => [textOf(v, 'key'), textOf(v, 'name')])).toEqual([
      ['buca', 'Buca'],
      ['crepa', 'Crepa'],
    ]);
  });

  it('an unknown service code is a 404 error list in both formats', async () => {
    const json = await http.get(`${BASE}/services/NOPE-${unique('x')}.json`).expect(404);
    expect(json.body).toEqual([{ code: 404, description: expect.stringMatching(/service_code/) }]);
    const doc = xml(await http.get(`${BASE}/services/NOPE.xml`).expect(404));
    expect(doc.name).toBe('errors');
    const [error] = children(doc, 'error');
    expect(textOf(error, 'code')).toBe('404');
    expect(textOf(error, 'description')).toMatch(/service_code/);
  });

  it('serves the same routes under /api too, and refuses another suffix', async () => {
    await http.get(`/api${BASE}/services.json`).expect(200);
    await http.get(`${BASE}/services.html`).expect(404);
  });
});

describe('POST requests', () => {
  it('files a report through the intake: channel open311, routed, due date, outbox, attributes', async () => {
    const { fields, id, res } = await file();
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual([
      { service_request_id: id, service_notice: '', account_id: 'account-abc-789' },
    ]);
    expect(id).toMatch(/^SEG-2026-\d{6}$/);
    const saved = await stored(id);
    expect(saved).toMatchObject({
      channel: 'open311',
      state: 'received',
      awaitingConfirmation: false,
      description: fields.description,
      attributeValues: { depth: 20, kind: 'buca', lanes: ['nord', 'sud'] },
      mediaUrl: 'https://fixmystreet.example/photo/123.jpeg',
    });
    expect(saved.latitude).toBeCloseTo(Number(fields.lat), 6);
    expect(saved.office.documentId).toBe(office.documentId);
    expect(saved.dueAt).toBeTruthy();
    expect(new Date(saved.dueAt).getTime()).toBeGreaterThan(T0.getTime() + 9 * 86_400_000);
    expect(saved.citizen).toMatchObject({
      email: fields.email,
      name: 'Maria Rossi',
      phone: '+39 333 7654321',
    });
    const [created] = await strapi.db
      .query('api::case-event.case-event')
      .findMany({ where: { caseCode: id } });
    expect(created).toMatchObject({ type: 'created', actorType: 'system' });
    expect(created.actorName).toMatch(/^Open311 /);
    const queued = await strapi.db
      .query('api::notification.notification')
      .findMany({ where: { caseCode: id } });
    expect(queued.map((n: { recipient: string }) => n.recipient)).toContain(fields.email);
  });

  it('matches a known citizen by email', async () => {
    const first = await file();
    const again = await file({ email: String(first.fields.email).toUpperCase() });
    const a = await stored(first.id);
    const b = await stored(again.id);
    expect(b.citizen.documentId).toBe(a.citizen.documentId);
  });

  it('refuses a blocked citizen’s address, as the website does (400, nothing stored)', async () => {
    const blocked = await createCitizen(strapi, { blocked: true });
    const before = await counts(strapi);
    const res = await postForm('requests.json', form({ email: blocked.email }).body).expect(400);
    expect(res.body[0].description).toMatch(/cannot file new cases online/);
    expect(await counts(strapi)).toEqual(before);
  });

  it('answers XML, and accepts a JSON body', async () => {
    const { body } = form();
    const res = await postForm('requests.xml', body).expect(201);
    const doc = xml(res);
    expect(doc.name).toBe('service_requests');
    const [req] = children(doc, 'request');
    expect(textOf(req, 'service_request_id')).toMatch(/^SEG-/);
    expect(textOf(req, 'account_id')).toBe('account-abc-789');

    const p = place();
    const json = await http
      .post(`${BASE}/requests.json`)
      .send({
        api_key: keys.full,
        service_code: topic.code,
        lat: p.lat,
        long: p.long,
        description: 'Buca segnalata da un client JSON',
        attribute: { depth: 5 },
      })
      .expect(201);
    const saved = await stored(json.body[0].service_request_id);
    expect(saved.attributeValues).toEqual({ depth: 5 });
    // No email, name or phone: an anonymous report.
    expect(saved.citizen).toBeNull();
  });

  it('accepts an address instead of a position, and no description', async () => {
    const { body } = form({ lat: '', long: '', address_string: 'Via Santa Maria 12, Pisa' });
    const params = new URLSearchParams(body);
    params.delete('lat');
    params.delete('long');
    params.delete('description');
    const res = await postForm('requests.json', params.toString()).expect(201);
    const saved = await stored(res.body[0].service_request_id);
    expect(saved).toMatchObject({ latitude: null, address: 'Via Santa Maria 12, Pisa' });
    expect(saved.description).toMatch(/^Argomento /);
    const [view] = (await http.get(`${BASE}/requests/${saved.referenceCode}.json`).expect(200))
      .body;
    // The address stays with staff: the public gets no door number (nor, here, a position).
    expect(view).toMatchObject({ lat: null, long: null, address: '' });
    const doc = xml(await http.get(`${BASE}/requests/${saved.referenceCode}.xml`).expect(200));
    expect(textOf(children(doc, 'request')[0], 'lat')).toBe('');
  });

  it('answers a duplicate with the master’s id', async () => {
    const p = place();
    const first = await file({ lat: String(p.lat), long: String(p.long) });
    const { body } = form({ lat: String(p.lat + 0.0001), long: String(p.long) });
    const res = await postForm('requests.json', body).expect(201);
    expect(res.body[0].service_request_id).toBe(first.id);
    expect(res.body[0].service_notice).toContain(first.id);
    const dups = await strapi.db.query(REPORT).findMany({
      where: { duplicateOf: { referenceCode: first.id } },
      select: ['state', 'channel'],
    });
    expect(dups).toEqual([expect.objectContaining({ state: 'duplicate', channel: 'open311' })]);
  });

  describe('refusals (nothing stored)', () => {
    async function refused(
      extra: Record<string, string | string[]>,
      status: number,
      description: RegExp,
      drop: string[] = []
    ) {
      const before = await counts(strapi);
      const params = new URLSearchParams(form(extra).body);
      for (const name of drop) params.delete(name);
      const res = await postForm('requests.json', params.toString()).expect(status);
      expect(res.body).toEqual(
        expect.arrayContaining([{ code: expect.any(Number), description: expect.any(String) }])
      );
      expect(res.body.map((e: { description: string }) => e.description).join(' | ')).toMatch(
        description
      );
      const doc = xml(await postForm('requests.xml', params.toString()).expect(status));
      expect(doc.name).toBe('errors');
      expect(children(doc, 'error').length).toBe(res.body.length);
      expect(await counts(strapi)).toEqual(before);
      return res.body as { code: number; description: string }[];
    }

    it('403 without api_key', () => refused({}, 403, /api_key is required/, ['api_key']));
    it('403 with a wrong api_key', () => refused({ api_key: 'nope' }, 403, /not valid/));
    it('403 with a read-only token', () => refused({ api_key: keys.readOnly }, 403, /may not/));
    it('403 with a custom token without the write action', () =>
      refused({ api_key: keys.noOpen311 }, 403, /may not/));

    it('403 once the token has expired or been revoked', async () => {
      const expiring = await token('full-access');
      await file({ api_key: expiring.accessKey });
      await strapi.db.query('admin::api-token').update({
        where: { id: expiring.id },
        data: { expiresAt: new Date(T0.getTime() - 60_000) },
      });
      await refused({ api_key: expiring.accessKey }, 403, /expired/);
      const revoked = await token('full-access');
      await file({ api_key: revoked.accessKey });
      await strapi.service('admin::api-token').revoke(revoked.id);
      await refused({ api_key: revoked.accessKey }, 403, /not valid/);
    });

    it('404 for another jurisdiction', () =>
      refused({ jurisdiction_id: 'comune.lucca.example' }, 404, /jurisdiction_id/));
    it('400 without service_code', () =>
      refused({}, 400, /service_code is required/, ['service_code']));
    it('404 for an unknown service_code', () =>
      refused({ service_code: 'NO-SUCH-SERVICE' }, 404, /service_code/));
    it('400 without any location', () => refused({}, 400, /location is required/, ['lat', 'long']));
    it('400 for a position outside the city', () =>
      refused({ lat: '45.4642', long: '9.19' }, 400, /outside/));
    it('400 for a missing required attribute', () =>
      refused({}, 400, /attribute\[depth\] is required/, ['attribute[depth]']));

    it('400 listing every invalid attribute at once', async () => {
      const errors = await refused(
        { 'attribute[depth]': 'deep', 'attribute[kind]': 'voragine', 'attribute[lanes][]': 'est' },
        400,
        /attribute\[depth\] must be a number/
      );
      expect(errors.map((e) => e.description)).toEqual([
        expect.stringMatching(/^attribute\[depth\] must be a number/),
        expect.stringMatching(/^attribute\[kind\] has no value "voragine"/),
        expect.stringMatching(/^attribute\[lanes\] has no value "est"/),
      ]);
    });

    it('400 for a malformed email or media_url', async () => {
      await refused({ email: 'not-an-email' }, 400, /email/);
      await refused({ media_url: 'javascript:alert(1)' }, 400, /media_url/);
    });
  });

  it('a custom token with the createRequest action may file', async () => {
    await file({ api_key: keys.custom });
  });
});

describe('GET requests', () => {
  it('GET requests/{id}: a one-element list with the spec’s fields, JSON and XML', async () => {
    const { id, fields } = await file();
    const res = await http.get(`${BASE}/requests/${id}.json`).expect(200);
    expect(res.body).toHaveLength(1);
    const [r] = res.body;
    expect(r).toEqual({
      service_request_id: id,
      status: 'open',
      status_notes: '',
      service_name: expect.stringMatching(/^Argomento /),
      service_code: topic.code,
      description: fields.description,
      agency_responsible: officeName,
      service_notice: '',
      requested_datetime: '2026-04-01T10:00:00+02:00',
      updated_datetime: '2026-04-01T10:00:00+02:00',
      expected_datetime: expect.stringMatching(/^2026-04-\d\dT\d\d:\d\d:\d\d\+02:00$/),
      address: '',
      address_id: '',
      zipcode: '',
      lat: Math.round(Number(fields.lat) * 1000) / 1000,
      long: Math.round(Number(fields.long) * 1000) / 1000,
      media_url: 'https://fixmystreet.example/photo/123.jpeg',
    });
    const doc = xml(await http.get(`${BASE}/requests/${id.toLowerCase()}.xml`).expect(200));
    expect(doc.name).toBe('service_requests');
    const [req] = children(doc, 'request');
    expect(textOf(req, 'service_request_id')).toBe(id);
    expect(textOf(req, 'requested_datetime')).toBe('2026-04-01T10:00:00+02:00');
    expect(textOf(req, 'status')).toBe('open');
  });

  it('404 for an unknown id, a request code or garbage', async () => {
    for (const id of ['SEG-2026-999999', 'RIC-2026-000001', 'hello']) {
      const res = await http.get(`${BASE}/requests/${id}.json`).expect(404);
      expect(res.body[0].code).toBe(404);
    }
    const doc = xml(await http.get(`${BASE}/requests/SEG-2026-999999.xml`).expect(404));
    expect(doc.name).toBe('errors');
  });

  it('filters by a comma list of ids (overriding the other filters), service_code and status', async () => {
    const a = await file();
    const b = await file();
    const other = await file({ service_code: plainTopic.code });
    await appActor.runAs({ type: 'staff', id: '1', name: 'Giulia' }, async () => {
      const row = await strapi.db.query(REPORT).findOne({ where: { referenceCode: b.id } });
      await strapi.documents(REPORT).update({
        documentId: row.documentId,
        data: { state: 'rejected' } as never,
      });
    });
    const ids = await http
      .get(`${BASE}/requests.json`)
      .query({ service_request_id: `${a.id}, ${b.id},SEG-2026-999999`, status: 'open' })
      .expect(200);
    expect(
      ids.body.map((r: { service_request_id: string }) => r.service_request_id).sort()
    ).toEqual([a.id, b.id].sort());

    const mine = await http
      .get(`${BASE}/requests.json`)
      .query({ service_code: topic.code })
      .expect(200);
    const codes = mine.body.map((r: { service_request_id: string }) => r.service_request_id);
    expect(codes).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(codes).not.toContain(other.id);
    expect(new Set(mine.body.map((r: { service_code: string }) => r.service_code))).toEqual(
      new Set([topic.code])
    );

    const closed = await http
      .get(`${BASE}/requests.json`)
      .query({ service_code: `${topic.code},${plainTopic.code}`, status: 'closed' })
      .expect(200);
    const closedCodes = closed.body.map(
      (r: { service_request_id: string }) => r.service_request_id
    );
    expect(closedCodes).toContain(b.id);
    expect(closedCodes).not.toContain(a.id);
    expect(closed.body.every((r: { status: string }) => r.status === 'closed')).toBe(true);

    const both = await http
      .get(`${BASE}/requests.xml`)
      .query({ service_code: topic.code, status: 'open,closed' })
      .expect(200);
    const found = children(xml(both), 'request').map((r) => textOf(r, 'service_request_id'));
    expect(found).toEqual(expect.arrayContaining([a.id, b.id]));
  });

  it('orders by requested_datetime, newest first, and windows by dates (default: the last 90 days)', async () => {
    const old = await file({ service_code: plainTopic.code });
    clock.set(new Date(T0.getTime() + 100 * 86_400_000));
    const recent = await file({ service_code: plainTopic.code });
    clock.advance(3_600_000);
    const newest = await file({ service_code: plainTopic.code });
    const list = async (query: Record<string, string>) =>
      (
        await http
          .get(`${BASE}/requests.json`)
          .query({ service_code: plainTopic.code, ...query })
          .expect(200)
      ).body.map((r: { service_request_id: string }) => r.service_request_id);

    // No dates: the 90 days up to now (the injected clock), newest first.
    expect(await list({})).toEqual([newest.id, recent.id]);

    const early = await list({ start_date: '2026-03-31T00:00:00Z', end_date: '2026-04-02' });
    expect(early).toContain(old.id);
    expect(early).not.toContain(recent.id);

    // A '+' sent unencoded arrives as a space; offsets are honoured.
    const res = await http
      .get(
        `${BASE}/requests.json?service_code=${plainTopic.code}` +
          '&start_date=2026-04-01T09:59:59+02:00&end_date=2026-04-01T10:00:01%2B02:00'
      )
      .expect(200);
    expect(res.body.map((r: { service_request_id: string }) => r.service_request_id)).toContain(
      old.id
    );

    expect(await list({ start_date: '2026-04-10' })).toEqual([]); // up to 9 July
    expect(await list({ end_date: '2026-07-11' })).toEqual([newest.id, recent.id]);
  });

  it('400 for bad dates, a window over 90 days or an unknown status', async () => {
    for (const query of [
      { start_date: 'yesterday' },
      { end_date: '2026-02-30' },
      { start_date: '2026-10-02', end_date: '2026-10-01' },
      { start_date: '2026-01-01', end_date: '2026-06-01' },
      { status: 'pending' },
    ]) {
      const res = await http.get(`${BASE}/requests.json`).query(query).expect(400);
      expect(res.body[0]).toEqual({ code: 400, description: expect.any(String) });
    }
    const doc = xml(await http.get(`${BASE}/requests.xml?start_date=nope`).expect(400));
    expect(textOf(children(doc, 'error')[0], 'description')).toMatch(/start_date/);
  });

  it('a duplicate is closed and points at its master; tokens name the master', async () => {
    const p = place();
    const master = await file({ lat: String(p.lat), long: String(p.long) });
    const dupRow = await createReport(strapi, {
      topic: topic.documentId,
      latitude: p.lat,
      longitude: p.long,
      channel: 'open311',
    });
    expect(dupRow.state).toBe('duplicate');
    const res = await http.get(`${BASE}/requests/${dupRow.referenceCode}.json`).expect(200);
    expect(res.body[0]).toMatchObject({
      status: 'closed',
      status_notes: `Duplicate of ${master.id}.`,
    });
    const tok = await http.get(`${BASE}/tokens/${dupRow.referenceCode}.json`).expect(200);
    expect(tok.body).toEqual([{ service_request_id: master.id, token: dupRow.referenceCode }]);
    const own = xml(await http.get(`${BASE}/tokens/${master.id}.xml`).expect(200));
    expect(textOf(children(own, 'request')[0], 'service_request_id')).toBe(master.id);
    await http.get(`${BASE}/tokens/SEG-2026-999999.json`).expect(404);
  });

  it('private and unconfirmed reports never appear', async () => {
    const hidden = await file();
    const unconfirmed = await file();
    const seen = await file();
    const rowOf = async (code: string) =>
      strapi.db.query(REPORT).findOne({ where: { referenceCode: code } });
    await setCaseFields(strapi, REPORT, (await rowOf(hidden.id)).id, { isPrivate: true });
    await setCaseFields(strapi, REPORT, (await rowOf(unconfirmed.id)).id, {
      awaitingConfirmation: true,
    });
    const res = await http
      .get(`${BASE}/requests.json`)
      .query({ service_request_id: [hidden.id, unconfirmed.id, seen.id].join(',') })
      .expect(200);
    expect(res.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      seen.id,
    ]);
    const listed = await http.get(`${BASE}/requests.json`).query({ service_code: topic.code });
    const codes = listed.body.map((r: { service_request_id: string }) => r.service_request_id);
    expect(codes).not.toContain(hidden.id);
    expect(codes).not.toContain(unconfirmed.id);
    for (const code of [hidden.id, unconfirmed.id]) {
      await http.get(`${BASE}/requests/${code}.json`).expect(404);
      await http.get(`${BASE}/tokens/${code}.json`).expect(404);
    }
  });

  it('shows the latest public message, never internal notes', async () => {
    const { id } = await file({ media_url: '' });
    const row = await strapi.db.query(REPORT).findOne({ where: { referenceCode: id } });
    await appActor.runAs({ type: 'staff', id: '1', name: 'Giulia' }, () =>
      strapi.documents(REPORT).update({
        documentId: row.documentId,
        data: { state: 'triaged', messageToCitizen: 'Abbiamo preso in carico la buca.' } as never,
      })
    );
    await strapi.documents('api::case-event.case-event').create({
      data: {
        type: 'internal_note',
        visibility: 'internal',
        caseKind: 'report',
        caseCode: id,
        report: row.documentId,
        actorType: 'staff',
        text: 'NOTA-INTERNA-SEGRETA',
        at: T0.toISOString(),
      } as never,
    });
    const res = await http.get(`${BASE}/requests/${id}.json`).expect(200);
    expect(res.body[0]).toMatchObject({
      status: 'open',
      status_notes: 'Abbiamo preso in carico la buca.',
      media_url: '',
    });
    expect(res.text).not.toContain('NOTA-INTERNA-SEGRETA');
  });

  it('media_url is our stored photo’s public URL when the client sent none', async () => {
    const res = await http
      .post('/api/reports')
      .field('data', JSON.stringify(reportBody(topic.code)))
      .attach('photos', await plainJpeg(), { filename: 'buca.jpg', contentType: 'image/jpeg' })
      .expect(201);
    const code = res.body.data.code;
    const [view] = (await http.get(`${BASE}/requests/${code}.json`).expect(200)).body;
    expect(view.media_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/[^/]+\.jpe?g$/);
    const image = await http.get(new URL(view.media_url).pathname).expect(200);
    expect(image.headers['content-type']).toMatch(/^image\//);
  });
});

describe('no personal data in any read', () => {
  it('never shows the email, name, phone, device or account posted', async () => {
    const tag = unique('pii').replace(/-/g, '');
    const identity = {
      email: `${tag}@example.org`,
      first_name: `Nome${tag}`,
      last_name: `Cognome${tag}`,
      phone: '+39 345 9876543',
      device_id: `device${tag}`,
      account_id: `account${tag}`,
    };
    const { id } = await file(identity);
    await http
      .post(`${BASE}/servicerequestupdates.json`)
      .type('form')
      .send(
        new URLSearchParams({
          api_key: keys.full,
          service_request_id: id,
          update_id_ext: unique('u'),
          updated_datetime: '2026-04-01T10:05:00+02:00',
          status: 'OPEN',
          description: 'Ancora lì',
          email: identity.email,
          first_name: identity.first_name,
          last_name: identity.last_name,
        }).toString()
      )
      .expect(201);
    const bodies: string[] = [];
    for (const path of [
      `requests/${id}.json`,
      `requests/${id}.xml`,
      `requests.json?service_code=${topic.code}`,
      `requests.xml?service_request_id=${id}`,
      `tokens/${id}.json`,
      'servicerequestupdates.json',
      'servicerequestupdates.xml',
    ]) {
      bodies.push((await http.get(`${BASE}/${path}`).expect(200)).text);
    }
    const everything = bodies.join('\n');
    expect(everything).toContain(id);
    for (const value of Object.values(identity)) expect(everything).not.toContain(value);
    expect(everything).not.toContain('9876543');
  });
});

describe('service request updates (mySociety)', () => {
  async function staffUpdate(code: string, data: Record<string, unknown>) {
    const row = await strapi.db.query(REPORT).findOne({ where: { referenceCode: code } });
    await appActor.runAs({ type: 'staff', id: '1', name: 'Giulia' }, () =>
      strapi.documents(REPORT).update({ documentId: row.documentId, data: data as never })
    );
  }

  it('GET lists public status changes and messages, JSON and XML', async () => {
    clock.set('2026-08-01T08:00:00Z');
    const { id } = await file();
    clock.set('2026-08-02T08:00:00Z');
    await staffUpdate(id, { state: 'triaged', messageToCitizen: 'Sopralluogo previsto.' });
    clock.set('2026-08-03T08:00:00Z');
    await staffUpdate(id, { messageToCitizen: 'Il sopralluogo è stato fatto.' });
    clock.set('2026-08-04T08:00:00Z');
    await staffUpdate(id, { state: 'rejected' });
    const query = { start_date: '2026-08-01T00:00:00Z', end_date: '2026-08-05T00:00:00Z' };
    const res = await http.get(`${BASE}/servicerequestupdates.json`).query(query).expect(200);
    const mine = res.body.filter(
      (u: { service_request_id: string }) => u.service_request_id === id
    );
    expect(mine).toEqual([
      {
        update_id: expect.any(String),
        service_request_id: id,
        status: 'investigating',
        updated_datetime: '2026-08-02T10:00:00+02:00',
        description: 'Sopralluogo previsto.',
        media_url: '',
      },
      expect.objectContaining({
        status: 'investigating',
        updated_datetime: '2026-08-03T10:00:00+02:00',
        description: 'Il sopralluogo è stato fatto.',
      }),
      expect.objectContaining({ status: 'no_further_action', description: '' }),
    ]);
    const doc = xml(await http.get(`${BASE}/servicerequestupdates.xml`).query(query).expect(200));
    expect(doc.name).toBe('service_request_updates');
    const updates = children(doc, 'request_update').filter(
      (u) => textOf(u, 'service_request_id') === id
    );
    expect(updates.map((u) => textOf(u, 'status'))).toEqual([
      'investigating',
      'investigating',
      'no_further_action',
    ]);
    expect(updates.map((u) => textOf(u, 'update_id'))).toEqual(
      mine.map((u: { update_id: string }) => u.update_id)
    );
    // Outside the window: nothing of it.
    const later = await http
      .get(`${BASE}/servicerequestupdates.json`)
      .query({ start_date: '2026-08-05T00:00:00Z', end_date: '2026-08-06T00:00:00Z' })
      .expect(200);
    expect(
      later.body.map((u: { service_request_id: string }) => u.service_request_id)
    ).not.toContain(id);
    await http.get(`${BASE}/servicerequestupdates.json`).query({ start_date: 'x' }).expect(400);
  });

  it('POST records the citizen’s update once per update id, without touching the state', async () => {
    const { id } = await file();
    const updateId = unique('fms-comment');
    const body = new URLSearchParams({
      api_key: keys.customUpdates,
      jurisdiction_id: JURISDICTION,
      service_request_id: id,
      update_id_ext: updateId,
      updated_datetime: '2026-04-01T10:30:00+02:00',
      status: 'FIXED',
      description: 'La buca è stata chiusa, grazie!',
      email: newEmail('upd'),
      first_name: 'Maria',
      last_name: 'Rossi',
    }).toString();
    const first = await postForm('servicerequestupdates.json', body).expect(201);
    expect(first.body).toEqual([{ update_id: expect.any(String) }]);
    const again = xml(await postForm('servicerequestupdates.xml', body).expect(201));
    expect(again.name).toBe('service_request_updates');
    expect(textOf(children(again, 'request_update')[0], 'update_id')).toBe(first.body[0].update_id);
    const events = await strapi.db
      .query('api::case-event.case-event')
      .findMany({ where: { caseCode: id, type: 'message_from_citizen' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      documentId: first.body[0].update_id,
      visibility: 'internal',
      actorType: 'citizen',
      actorName: null,
      text: 'La buca è stata chiusa, grazie!',
      data: {
        open311: expect.objectContaining({
          status: 'FIXED',
          closing: true,
          clientUpdateId: updateId,
        }),
      },
    });
    // The client's FIXED is recorded, not applied: staff decide. The office hears of it, once.
    expect((await stored(id)).state).toBe('received');
    const notices = (
      await strapi.db.query('api::notification.notification').findMany({
        where: { caseCode: id, template: 'assignee_notice' },
      })
    ).filter((n: { payload: { event?: string } }) => n.payload.event === 'citizen_replied');
    expect(notices).toHaveLength(1);
    expect(notices[0].recipient).toMatch(/^office-.*@comune\.example$/);
    expect(notices[0].payload.message).toBe('[Open311 FIXED] La buca è stata chiusa, grazie!');
    // Two deliveries of one update at the same moment: still one event.
    const racing = new URLSearchParams(body);
    racing.set('update_id_ext', unique('fms-comment'));
    const [r1, r2] = await Promise.all([
      postForm('servicerequestupdates.json', racing.toString()).expect(201),
      postForm('servicerequestupdates.json', racing.toString()).expect(201),
    ]);
    expect(r1.body).toEqual(r2.body);
    expect(
      await strapi.db
        .query('api::case-event.case-event')
        .count({ where: { caseCode: id, type: 'message_from_citizen' } })
    ).toBe(2);
    // The citizen's words are not sent back as the council's updates.
    const listed = await http.get(`${BASE}/servicerequestupdates.json`).expect(200);
    expect(listed.text).not.toContain('grazie!');
  });

  it('POST refusals: api_key, unknown request, bad status', async () => {
    const { id } = await file();
    const base = {
      api_key: keys.full,
      service_request_id: id,
      update_id: unique('u'),
      updated_datetime: '2026-04-01T10:30:00Z',
      status: 'OPEN',
      description: 'Aggiornamento',
    };
    const post = (over: Record<string, string>, format = 'json') =>
      postForm(
        `servicerequestupdates.${format}`,
        new URLSearchParams({ ...base, ...over }).toString()
      );
    await post({ api_key: '' }).expect(403);
    await post({ api_key: keys.custom }).expect(403); // createRequest only
    await post({ service_request_id: 'SEG-2026-999999' }).expect(404);
    await post({ service_request_id: 'RIC-2026-000001' }).expect(404);
    const bad = await post({ status: 'MAYBE' }).expect(400);
    expect(bad.body[0].description).toMatch(/status/);
    await post({ updated_datetime: 'ieri' }).expect(400);
    await post({ jurisdiction_id: 'elsewhere' }).expect(404);
    const doc = xml(await post({ update_id: '' }, 'xml').expect(400));
    expect(textOf(children(doc, 'error')[0], 'description')).toMatch(/update_id/);
  });
});

describe('the XML writer', () => {
  it('escapes text and carries no attributes', async () => {
    const { id } = await file({ description: 'Buca <grande> & "pericolosa" \u0007 qui' });
    const res = await http.get(`${BASE}/requests/${id}.xml`).expect(200);
    const doc = xml(res);
    expect(textOf(children(doc, 'request')[0], 'description')).toBe(
      'Buca <grande> & "pericolosa"  qui'
    );
    expect(allText(doc)).toContain(id);
  });
});
