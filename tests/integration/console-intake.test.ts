/**
 * Phone and counter intake (POST /urp-console/cases): staff open a case for a caller through the
 * public intake's validation, routing and write gate. The channel and the staff member are
 * recorded, the caller gets the usual acknowledgement at the real SMTP test server when they gave
 * an email, and only operators (any office) and coordinators (their offices) may do it.
 */
import type { Core } from '@strapi/strapi';
import exifr from 'exifr';
import request from 'supertest';
import { createCitizen, createOffice, createTopic, nextSpot, unique } from '../helpers/fixtures';
import { counts, jpegWithGps, newEmail, uploadsCleaner } from '../helpers/intake';
import { discardQueuedMessages, dispatchAll } from '../helpers/outbox';
import { TestSmtp } from '../helpers/smtp';
import { createStaffUser, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const smtp = new TestSmtp();
const users: Record<string, StaffUser> = {};
const office: Record<string, { documentId: string }> = {};
const topic: Record<string, { documentId: string; code: string }> = {};
const removeStoredFiles = uploadsCleaner();

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  await discardQueuedMessages(strapi);
  for (const name of ['A', 'B']) {
    office[name] = await createOffice(strapi);
    topic[name] = await createTopic(strapi, office[name].documentId);
  }
  users.operator = await createStaffUser(strapi, {
    roles: ['bc-urp-operator'],
    firstname: 'Olga',
    lastname: 'Operatrice',
  });
  users.coordinatorA = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.A.documentId],
    firstname: 'Carlo',
    lastname: 'Coordinatore',
  });
  users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  users.control = await createStaffUser(strapi, { roles: ['bc-control-body'] });
  users.editor = await createStaffUser(strapi, { roles: ['bc-editor'] });
});

afterAll(async () => {
  await stopStrapi();
  await smtp.stopForApp();
  removeStoredFiles();
});

const open = (who: StaffUser, body: unknown) =>
  http
    .post('/urp-console/cases')
    .set('Authorization', `Bearer ${who.jwt}`)
    .send(body as object);

const fieldOf = (res: request.Response) => res.body.error?.details?.errors?.[0]?.path;

/** A phone report of topic A (or another), at a spot of its own. */
function phoneReport(extra: Record<string, unknown> = {}, topicName: 'A' | 'B' = 'A') {
  return {
    kind: 'report',
    channel: 'phone',
    citizen: { name: 'Anna Bianchi', email: newEmail('telefono'), phone: '+39 050 123456' },
    topic: topic[topicName].code,
    description: 'Buca profonda davanti al civico 3, segnalata per telefono',
    ...nextSpot(),
    privacyConsent: true,
    ...extra,
  };
}

const caseEvents = (code: string) =>
  strapi.db.query('api::case-event.case-event').findMany({
    where: { caseCode: code },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  }) as Promise<{ type: string; actorType: string; actorId: string; actorName: string }[]>;

describe('an operator opens a case for a caller', () => {
  it('a phone report: routed, numbered, the channel and the operator recorded, the caller acknowledged', async () => {
    const body = phoneReport();
    const res = await open(users.operator, body).expect(201);
    const data = res.body.data;
    expect(data).toMatchObject({ kind: 'report', state: 'received', channel: 'phone' });
    expect(data.code).toMatch(/^SEG-\d{4}-\d{6}$/);
    expect(data.trackingUrl).toContain(data.code);

    const row = await strapi.db.query('api::report.report').findOne({
      where: { referenceCode: data.code },
      populate: { citizen: true },
    });
    expect(row).toMatchObject({
      channel: 'phone',
      officeKey: office.A.documentId,
      awaitingConfirmation: false,
    });
    expect(row.dueAt).not.toBeNull();
    expect(row.citizen).toMatchObject({ email: body.citizen.email, name: 'Anna Bianchi' });
    const [created] = await caseEvents(data.code);
    expect(created).toMatchObject({
      type: 'created',
      actorType: 'staff',
      actorId: String(users.operator.id),
      actorName: 'Olga Operatrice',
    });

    await dispatchAll(strapi);
    const mails = smtp.to(body.citizen.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe(`[Comune di Pisa] Segnalazione ${data.code} ricevuta`);
    expect(mails[0].text).toContain(data.code);
    // The staff member's name is not the citizen's business.
    expect(mails[0].text).not.toContain('Olga');
  });

  it('an English-speaking caller is acknowledged in English', async () => {
    const body = phoneReport({ locale: 'en' });
    const res = await open(users.operator, body).expect(201);
    await dispatchAll(strapi);
    expect(smtp.to(body.citizen.email).map((m) => m.subject)).toEqual([
      `[Comune di Pisa] Report ${res.body.data.code} received`,
    ]);
  });

  it('a request at the counter from a caller without email: their phone is kept, no email', async () => {
    const phone = `+39 050 ${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const res = await open(users.operator, {
      kind: 'request',
      channel: 'counter',
      requestKind: 'verification',
      citizen: { name: 'Piero Neri', phone },
      subject: 'Verifica passo carrabile',
      description: 'Chiede di verificare il passo carrabile davanti alla sua abitazione',
      privacyConsent: true,
    }).expect(201);
    const code = res.body.data.code as string;
    expect(res.body.data).toMatchObject({ kind: 'request', channel: 'counter' });
    const row = await strapi.db.query('api::request.request').findOne({
      where: { referenceCode: code },
      populate: { citizen: true },
    });
    expect(row).toMatchObject({ channel: 'counter', kind: 'verification' });
    expect(row.citizen).toMatchObject({ name: 'Piero Neri', phone, email: null });
    expect(
      await strapi.db.query('api::notification.notification').count({ where: { caseCode: code } })
    ).toBe(0);

    // The console shows staff whom to call back.
    const view = await http
      .get(`/urp-console/cases/${code}`)
      .set('Authorization', `Bearer ${users.operator.jwt}`)
      .expect(200);
    expect(view.body.data.citizen).toMatchObject({ name: 'Piero Neri', phone, email: null });
    expect(view.body.data.channel).toBe('counter');
  });

  it('an anonymous complaint by phone has no citizen at all', async () => {
    const before = await strapi.db.query('api::citizen.citizen').count();
    const res = await open(users.operator, {
      kind: 'complaint',
      channel: 'phone',
      subject: 'Sportello chiuso',
      description: "Lo sportello anagrafe era chiuso durante l'orario di apertura",
      privacyConsent: true,
    }).expect(201);
    const row = await strapi.db.query('api::complaint.complaint').findOne({
      where: { referenceCode: res.body.data.code },
      populate: { citizen: true },
    });
    expect(row.citizen).toBeNull();
    expect(await strapi.db.query('api::citizen.citizen').count()).toBe(before);
  });

  it('a known caller is matched by email, even one blocked online', async () => {
    const known = await createCitizen(strapi, { blocked: true });
    const res = await open(users.operator, phoneReport({ citizen: { email: known.email } }));
    expect(res.status).toBe(201);
    const row = await strapi.db.query('api::report.report').findOne({
      where: { referenceCode: res.body.data.code },
      populate: { citizen: { select: ['documentId'] } },
    });
    expect(row.citizen.documentId).toBe(known.documentId);
  });

  it('a photo brought to the counter is stored without EXIF; its GPS gives the position', async () => {
    const body = phoneReport({ channel: 'counter' });
    delete (body as Record<string, unknown>).latitude;
    delete (body as Record<string, unknown>).longitude;
    const res = await http
      .post('/urp-console/cases')
      .set('Authorization', `Bearer ${users.operator.jwt}`)
      .field('data', JSON.stringify(body))
      .attach('photos', await jpegWithGps({ latitude: 43.7229, longitude: 10.3966 }), {
        filename: 'IMG_0001.jpg',
        contentType: 'image/jpeg',
      })
      .expect(201);
    expect(res.body.data.position.latitude).toBeCloseTo(43.7229, 4);
    const row = await strapi.db.query('api::report.report').findOne({
      where: { referenceCode: res.body.data.code },
      populate: { photos: true },
    });
    expect(row.photos).toHaveLength(1);
    const file = await http.get(row.photos[0].url).buffer(true).expect(200);
    expect(Buffer.isBuffer(file.body) && file.body.length > 100).toBe(true);
    expect(await exifr.parse(file.body as Buffer, true)).toBeUndefined();
  });
});

describe('the same validation as the public intake (400 naming the field, nothing stored)', () => {
  it.each([
    ['no kind', ['kind'], () => ({ ...phoneReport(), kind: undefined })],
    ['an unknown kind', ['kind'], () => phoneReport({ kind: 'segnalazione' })],
    ['the web channel', ['channel'], () => phoneReport({ channel: 'web' })],
    ['no channel', ['channel'], () => ({ ...phoneReport(), channel: undefined })],
    ['a short description', ['description'], () => phoneReport({ description: 'Buca' })],
    [
      'a bad email',
      ['citizen', 'email'],
      () => phoneReport({ citizen: { email: 'non-una-email' } }),
    ],
    ['a bad phone', ['citizen', 'phone'], () => phoneReport({ citizen: { phone: 'chiamare' } })],
    ['an unknown citizen field', ['citizen', 'fax'], () => phoneReport({ citizen: { fax: '1' } })],
    ['no privacy consent', ['privacyConsent'], () => phoneReport({ privacyConsent: false })],
    ['a staff field', ['priority'], () => phoneReport({ priority: 99 })],
    ['the public name of the caller', ['contact'], () => phoneReport({ contact: {} })],
    ['a request kind on a report', ['requestKind'], () => phoneReport({ requestKind: 'x' })],
    ['latitude without longitude', ['longitude'], () => phoneReport({ longitude: undefined })],
    [
      'no position nor address',
      ['latitude'],
      () => phoneReport({ latitude: undefined, longitude: undefined }),
    ],
    [
      'an unknown request kind',
      ['requestKind'],
      () => ({
        kind: 'request',
        channel: 'phone',
        requestKind: 'gossip',
        subject: 'Domanda',
        description: 'Una domanda abbastanza lunga',
        privacyConsent: true,
      }),
    ],
  ])('%s', async (_, field, body) => {
    const before = await counts(strapi);
    const res = await open(users.operator, JSON.parse(JSON.stringify(body())));
    expect(res.status).toBe(400);
    expect(fieldOf(res)).toEqual(field);
    expect(await counts(strapi)).toEqual(before);
  });

  it('an unknown topic or a position outside the city: 422 naming the field', async () => {
    const before = await counts(strapi);
    const topicRes = await open(users.operator, phoneReport({ topic: unique('NOPE') }));
    expect(topicRes.status).toBe(422);
    expect(fieldOf(topicRes)).toEqual(['topic']);
    const outside = await open(
      users.operator,
      phoneReport({ latitude: 43.7696, longitude: 11.2558 })
    );
    expect(outside.status).toBe(422);
    expect(fieldOf(outside)).toEqual(['latitude']);
    expect(await counts(strapi)).toEqual(before);
  });
});

describe('scope', () => {
  it.each([
    ['a technician', 'technician'],
    ['the control body', 'control'],
  ])('%s may not open cases (403), whatever the body', async (_, who) => {
    const before = await counts(strapi);
    expect((await open(users[who], phoneReport())).status).toBe(403);
    expect((await open(users[who], {})).status).toBe(403);
    expect(await counts(strapi)).toEqual(before);
  });

  it('an editor has no console at all (403)', async () => {
    expect((await open(users.editor, phoneReport())).status).toBe(403);
  });

  it("a coordinator opens cases for their office, not for another's (nothing kept)", async () => {
    const res = await open(users.coordinatorA, phoneReport({ channel: 'counter' }, 'A'));
    expect(res.status).toBe(201);
    const [created] = await caseEvents(res.body.data.code);
    expect(created.actorName).toBe('Carlo Coordinatore');

    const before = await counts(strapi);
    const other = await open(users.coordinatorA, phoneReport({}, 'B'));
    expect(other.status).toBe(403);
    const unrouted = await open(users.coordinatorA, {
      kind: 'request',
      channel: 'phone',
      subject: 'Domanda generica',
      description: 'Una domanda senza argomento, che va al triage URP',
      privacyConsent: true,
    });
    expect(unrouted.status).toBe(403);
    expect(await counts(strapi)).toEqual(before);

    // The refused ones used no reference code: the next one follows the last one kept.
    const next = await open(users.operator, phoneReport()).expect(201);
    const n = (code: string) => Number(code.slice(-6));
    expect(n(next.body.data.code)).toBe(n(res.body.data.code) + 1);
  });
});
