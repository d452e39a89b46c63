/**
 * The conversation through the private link of the citizen's emails: the office asks, the citizen
 * answers (text and photos), the request resumes and the office is told; and the optional
 * confirmation of reports from new addresses.
 */
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appActor, appClock } from '../helpers/app';
import { createOffice, createTopic, unique } from '../helpers/fixtures';
import { discardQueuedMessages, dispatchAll } from '../helpers/outbox';
import { TestSmtp } from '../helpers/smtp';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let topic: { documentId: string; code: string };
let officeEmail: string;
const smtp = new TestSmtp();
const clock = fixedClock('2026-05-11T08:00:00Z');
const LINK = /segnalazioni\/privata\/([A-Z]{3}-\d{4}-\d{6,}\.[A-Za-z0-9_-]{32})/;

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  await discardQueuedMessages(strapi);
  appClock.useClock(clock);
  const office = await createOffice(strapi);
  officeEmail = `${office.slug}@comune.example`;
  topic = await createTopic(strapi, office.documentId);
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
  await smtp.stopForApp();
});

const dispatch = () => dispatchAll(strapi);
const email = () => `${unique('cittadino')}@example.org`;

async function fileRequest(address: string) {
  const res = await http
    .post('/api/requests')
    .send({
      kind: 'information',
      topic: topic.code,
      subject: 'Orari della biblioteca',
      description: 'Vorrei sapere gli orari estivi della biblioteca comunale.',
      contact: { email: address, name: 'Lucia Neri' },
      privacyConsent: true,
    })
    .expect(201);
  return res.body.data.code as string;
}

/** The private link of the last email a citizen received. */
async function linkFromMailbox(address: string): Promise<string> {
  await dispatch();
  const mails = smtp.to(address);
  expect(mails.length).toBeGreaterThan(0);
  const match = LINK.exec(String(mails[mails.length - 1].text));
  expect(match).not.toBeNull();
  return match![1];
}

const asStaff = <T>(fn: () => Promise<T>) =>
  appActor.runAs({ type: 'staff', id: '1', name: 'Giulia Operatrice' }, fn);

async function documentIdOf(code: string) {
  const uid = code.startsWith('SEG') ? 'api::report.report' : 'api::request.request';
  const row = await strapi.db.query(uid).findOne({ where: { referenceCode: code } });
  return row.documentId as string;
}

it('every email carries the private link, which opens the case without the citizen identity', async () => {
  const address = email();
  const code = await fileRequest(address);
  const token = await linkFromMailbox(address);
  expect(token.startsWith(`${code}.`)).toBe(true);

  const res = await http.get(`/api/private/${token}`).expect(200);
  expect(res.body.data).toMatchObject({ code, state: 'received', canReply: true });
  const body = JSON.stringify(res.body);
  expect(body).not.toContain(address);
  expect(body).not.toContain('Lucia Neri');
});

it('a tampered link, or the public code alone, opens nothing (same 404)', async () => {
  const address = email();
  const code = await fileRequest(address);
  const token = await linkFromMailbox(address);
  const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  const a = await http.get(`/api/private/${tampered}`).expect(404);
  const b = await http.get(`/api/private/${code}`).expect(404);
  const c = await http.post(`/api/private/${tampered}/replies`).send({ message: 'ciao' });
  expect(c.status).toBe(404);
  expect(a.body.error.message).toBe(b.body.error.message);
});

it('the office asks for more information; the citizen answers; the request resumes and the office is told', async () => {
  const address = email();
  const code = await fileRequest(address);
  const documentId = await documentIdOf(code);
  await asStaff(() =>
    strapi.documents('api::request.request').update({
      documentId,
      data: {
        state: 'suspended',
        messageToCitizen: 'Ci indica per quale sede della biblioteca?',
      } as never,
    })
  );
  await dispatch();
  const ask = smtp.to(address).find((m) => /integrazioni/.test(String(m.subject)));
  expect(ask?.text).toContain('Ci indica per quale sede della biblioteca?');
  const token = LINK.exec(String(ask?.text))![1];

  const before = await http.get(`/api/private/${token}`).expect(200);
  expect(before.body.data).toMatchObject({ state: 'suspended', awaitingReply: true });

  const res = await http
    .post(`/api/private/${token}/replies`)
    .send({ message: 'La sede di via San Frediano, grazie.' })
    .expect(201);
  expect(res.body.data).toMatchObject({ code, state: 'assigned' });

  const stored = await strapi.db.query('api::request.request').findOne({ where: { documentId } });
  expect(stored.state).toBe('assigned');
  expect(stored.suspensions).toHaveLength(1);
  expect(stored.suspensions[0].to).toBeTruthy();

  const events = await strapi.db
    .query('api::case-event.case-event')
    .findMany({ where: { caseCode: code }, orderBy: { id: 'asc' } });
  const reply = events.find((e: { type: string }) => e.type === 'message_from_citizen');
  expect(reply).toMatchObject({
    visibility: 'internal',
    actorType: 'citizen',
    text: 'La sede di via San Frediano, grazie.',
  });

  await dispatch();
  const notice = smtp.to(officeEmail).find((m) => String(m.subject).includes(code));
  expect(notice?.subject).toMatch(/il cittadino ha risposto/);
  expect(notice?.text).toContain('La sede di via San Frediano, grazie.');

  const view = await http.get(`/api/private/${token}`).expect(200);
  expect(view.body.data.conversation.map((m: { from: string }) => m.from)).toEqual([
    'office',
    'citizen',
  ]);
  // The public page shows the office's question but never the citizen's words.
  const track = await http.get(`/api/track/${code}`).expect(200);
  expect(JSON.stringify(track.body)).toContain('Ci indica per quale sede');
  expect(JSON.stringify(track.body)).not.toContain('San Frediano');
});

it('a citizen adds photos to a report through the link; an empty reply or a closed case is refused', async () => {
  const address = email();
  const res = await http
    .post('/api/reports')
    .send({
      topic: topic.code,
      description: 'Cartello stradale piegato dal vento',
      latitude: 43.7167,
      longitude: 10.4017,
      contact: { email: address },
      privacyConsent: true,
    })
    .expect(201);
  const code = res.body.data.code as string;
  const token = await linkFromMailbox(address);
  const photo = await sharp({
    create: { width: 40, height: 30, channels: 3, background: '#3a6' },
  })
    .jpeg()
    .toBuffer();

  const empty = await http.post(`/api/private/${token}/replies`).send({}).expect(400);
  expect(empty.body.error.details.errors[0].path).toEqual(['message']);

  await http
    .post(`/api/private/${token}/replies`)
    .field('data', JSON.stringify({ message: 'Ecco una foto del cartello.' }))
    .attach('photos', photo, 'cartello.jpg')
    .expect(201);
  const report = await strapi.db
    .query('api::report.report')
    .findOne({ where: { referenceCode: code }, populate: { photos: true } });
  expect(report.photos).toHaveLength(1);

  const documentId = report.documentId as string;
  for (const state of ['rejected']) {
    await asStaff(() =>
      strapi.documents('api::report.report').update({ documentId, data: { state } as never })
    );
  }
  const closed = await http
    .post(`/api/private/${token}/replies`)
    .send({ message: 'Ancora qui?' })
    .expect(409);
  expect(closed.body.error.message).toMatch(/closed/);
  const view = await http.get(`/api/private/${token}`).expect(200);
  expect(view.body.data.canReply).toBe(false);
});

describe('confirmation of reports from new addresses (optional)', () => {
  beforeAll(() => strapi.config.set('benecomune.intake.confirmUnknownEmails', true));
  afterAll(() => strapi.config.set('benecomune.intake.confirmUnknownEmails', false));

  const report = (address: string, extra: Record<string, unknown> = {}) =>
    http
      .post('/api/reports')
      .send({
        topic: topic.code,
        description: 'Rami caduti sulla pista ciclabile',
        latitude: 43.7201,
        longitude: 10.4078,
        contact: { email: address },
        privacyConsent: true,
        ...extra,
      })
      .expect(201);

  const templates = async (code: string) =>
    (
      await strapi.db
        .query('api::notification.notification')
        .findMany({ where: { caseCode: code }, orderBy: { id: 'asc' } })
    ).map((n: { template: string }) => n.template);

  it('waits for the emailed link: hidden from the public until confirmed, then acknowledged', async () => {
    const address = email();
    const res = await report(address);
    const code = res.body.data.code as string;
    expect(res.body.data.confirmation.required).toBe(true);
    expect(await templates(code)).toEqual(['case_confirm']);
    await http.get(`/api/track/${code}`).expect(404);
    const map = await http
      .get('/api/reports/map')
      .query({ bbox: '10.40,43.71,10.42,43.73', pageSize: 500 })
      .expect(200);
    expect(JSON.stringify(map.body)).not.toContain(code);

    const token = await linkFromMailbox(address);
    expect(smtp.to(address).at(-1)?.subject).toMatch(/Confermi/);
    await http.post(`/api/private/${token}/confirm`).expect(200);
    await http.post(`/api/private/${token}/confirm`).expect(200);
    expect(await templates(code)).toEqual(['case_confirm', 'case_received']);
    await http.get(`/api/track/${code}`).expect(200);

    // The address is now known: the next report goes straight through.
    const next = await report(address);
    expect(next.body.data.confirmation).toBeUndefined();
    expect(await templates(next.body.data.code)).toEqual(['case_received']);
  });

  it('an emergency never waits for confirmation', async () => {
    const res = await report(email(), { emergency: true });
    expect(res.body.data.confirmation).toBeUndefined();
    expect(res.body.data.emergency.alertSent).toBe(true);
  });
});
