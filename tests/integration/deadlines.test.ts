/**
 * The deadline engine end to end: cases created through the write gate, the injected clock moved
 * across every step, the sweep run, and the emails read from a real SMTP server on loopback.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import { createCitizen, createOffice, createReport, createTopic } from '../helpers/fixtures';
import { discardQueuedMessages, dispatchAll } from '../helpers/outbox';
import { createStaffUser } from '../helpers/staff';
import { TestSmtp } from '../helpers/smtp';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const { runDeadlineSweep } =
  require('../../dist/src/lib/deadlines/sweep') as typeof import('../../src/lib/deadlines/sweep');

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const smtp = new TestSmtp();
const clock = fixedClock('2026-03-02T09:00:00Z'); // Monday 2 March 2026, 10:00 in Rome
let office: { documentId: string; email: string };
let controlBody: { email: string };
let management: { email: string };
let topic: { documentId: string };
let assignee: { id: number; email: string };

const connect = (documentId: string) => ({
  connect: [{ documentId, locale: 'it', status: 'draft' }],
});

async function officeOf(kind: string, name: string, target?: string) {
  const created = await createOffice(strapi, {
    kind,
    name,
    ...(target ? { escalationTarget: connect(target) } : {}),
  });
  return { ...created, email: `${created.slug}@comune.example` };
}

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  await discardQueuedMessages(strapi);
  // Suites before this one leave cases whose steps fall due as this suite moves the clock: their
  // reminders are not this suite's business (and would make every sweep slow).
  for (const table of ['reports', 'requests', 'complaints']) {
    await strapi.db.connection(table).update({ next_action_at: null });
  }
  const mgmt = await officeOf('management', 'Direzione generale');
  const control = await officeOf('control_body', 'Nucleo di valutazione', mgmt.documentId);
  const roads = await officeOf('office', 'Ufficio Strade', control.documentId);
  management = mgmt;
  controlBody = control;
  office = roads;
  topic = await createTopic(strapi, roads.documentId, { resolutionDays: 30 });
  assignee = await createStaffUser(strapi, { roles: ['bc-office-coordinator'] });
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
  await smtp.stopForApp();
});

/** Runs the sweep at `iso` and sends what it queued; returns the mails that arrived. */
async function sweepAt(iso: string) {
  await dispatchAll(strapi); // what the test's own writes queued is not the sweep's
  clock.set(new Date(iso));
  const before = smtp.messages.length;
  const run = await runDeadlineSweep(strapi);
  await dispatchAll(strapi);
  return { run, mails: smtp.messages.slice(before) };
}

const to = (mails: typeof smtp.messages, address: string) =>
  mails.filter((m) => JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase()));
const subjectsFor = (code: string, mails: typeof smtp.messages) =>
  mails.filter((m) => String(m.subject).includes(code));

async function fileRequest(extra: Record<string, unknown> = {}) {
  const citizen = await createCitizen(strapi);
  const created = (await strapi.documents('api::request.request').create({
    data: {
      kind: 'information',
      subject: 'Orari della biblioteca',
      description: 'Vorrei sapere gli orari estivi.',
      citizen: citizen.documentId,
      topic: topic.documentId,
      ...extra,
    } as never,
  })) as unknown as { id: number; documentId: string; referenceCode: string };
  return { citizen, request: created };
}

const readCase = (uid: 'api::request.request' | 'api::report.report', id: number) =>
  strapi.db.query(uid).findOne({ where: { id } });

it('walks a request through first response, reminders and both escalations, once each', async () => {
  clock.set(new Date('2026-03-02T09:00:00Z'));
  const { citizen, request: req } = await fileRequest({ assignee: assignee.id });
  const code = req.referenceCode;
  await dispatchAll(strapi); // the acknowledgement
  const stored = await readCase('api::request.request', req.id);
  expect(new Date(stored.dueAt).toISOString()).toBe('2026-04-01T21:59:59.999Z');
  expect(new Date(stored.nextActionAt).toISOString()).toBe('2026-03-05T22:59:59.999Z');

  // Nothing is due yet: the sweep does nothing.
  expect(subjectsFor(code, (await sweepAt('2026-03-05T22:00:00Z')).mails)).toHaveLength(0);

  // Thursday night: no first response after three working days.
  const first = await sweepAt('2026-03-06T06:00:00Z');
  const firstMails = subjectsFor(code, first.mails);
  expect(firstMails.map((m) => m.subject)).toEqual([
    expect.stringContaining('nessuna prima risposta'),
    expect.stringContaining('nessuna prima risposta'),
  ]);
  expect(to(firstMails, office.email)).toHaveLength(1);
  expect(to(firstMails, assignee.email)).toHaveLength(1);
  expect((await readCase('api::request.request', req.id)).firstResponseLate).toBe(true);

  // Run twice at the same moment, or again later before the next step: nothing more.
  expect(subjectsFor(code, (await sweepAt('2026-03-06T06:00:00Z')).mails)).toHaveLength(0);
  expect(subjectsFor(code, (await sweepAt('2026-03-19T12:00:00Z')).mails)).toHaveLength(0);

  const ten = subjectsFor(code, (await sweepAt('2026-03-20T07:01:00Z')).mails);
  expect(ten).toHaveLength(2);
  expect(String(ten[0].subject)).toContain('in scadenza il 1 aprile 2026');
  const three = subjectsFor(code, (await sweepAt('2026-03-27T07:01:00Z')).mails);
  expect(three).toHaveLength(2);

  // Overdue: level 1 to the control body (and the office, the assignee), courtesy to the citizen.
  const overdue = subjectsFor(code, (await sweepAt('2026-04-02T06:00:00Z')).mails);
  expect(to(overdue, controlBody.email).map((m) => m.subject)).toEqual([
    expect.stringContaining('livello 1'),
  ]);
  expect(to(overdue, office.email)).toHaveLength(1);
  expect(to(overdue, assignee.email)).toHaveLength(1);
  const courtesy = to(overdue, citizen.email);
  expect(courtesy).toHaveLength(1);
  expect(courtesy[0].text).toContain('seguita anche da Nucleo di valutazione');
  expect(overdue).toHaveLength(4);
  expect(
    await strapi.db.query('api::escalation.escalation').findMany({ where: { caseCode: code } })
  ).toEqual([expect.objectContaining({ level: 1, targetName: 'Nucleo di valutazione' })]);

  // A week later: level 2 to management; the citizen is not written to again.
  const level2 = subjectsFor(code, (await sweepAt('2026-04-09T06:00:00Z')).mails);
  expect(to(level2, management.email).map((m) => m.subject)).toEqual([
    expect.stringContaining('livello 2'),
  ]);
  expect(to(level2, citizen.email)).toHaveLength(0);
  const after = await readCase('api::request.request', req.id);
  expect(after.escalationLevel).toBe(2);
  expect(after.nextActionAt).toBeNull();
  expect(subjectsFor(code, (await sweepAt('2026-05-30T06:00:00Z')).mails)).toHaveLength(0);

  // The citizen's public page shows the escalation, without any internal reminder.
  const track = await http.get(`/api/track/${code}`).expect(200);
  const types = track.body.data.timeline.map((e: { type: string }) => e.type);
  expect(types.filter((t: string) => t === 'escalated')).toHaveLength(2);
  expect(types).not.toContain('reminder');
});

it('a sweep that was down for weeks catches up: each escalation once, no stale reminders', async () => {
  clock.set(new Date('2026-03-02T09:00:00Z'));
  const { citizen, request: req } = await fileRequest();
  const code = req.referenceCode;
  await dispatchAll(strapi);
  const late = subjectsFor(code, (await sweepAt('2026-04-20T08:00:00Z')).mails);
  expect(late.filter((m) => /Promemoria|prima risposta/.test(String(m.subject)))).toHaveLength(0);
  expect(to(late, controlBody.email)).toHaveLength(1);
  expect(to(late, management.email)).toHaveLength(1);
  // One courtesy message, naming who follows the case now: management.
  expect(to(late, citizen.email).map((m) => m.text)).toEqual([
    expect.stringContaining('seguita anche da Direzione generale'),
  ]);
  expect(subjectsFor(code, (await sweepAt('2026-04-20T08:00:00Z')).mails)).toHaveLength(0);
});

it('a suspended case does not run; on resumption its steps follow the new due date', async () => {
  clock.set(new Date('2026-03-02T09:00:00Z'));
  const { request: req } = await fileRequest();
  const code = req.referenceCode;
  const docs = strapi.documents('api::request.request');
  clock.set(new Date('2026-03-03T09:00:00Z'));
  await docs.update({ documentId: req.documentId, data: { state: 'suspended' } as never });
  expect((await readCase('api::request.request', req.id)).nextActionAt).toBeNull();
  expect(subjectsFor(code, (await sweepAt('2026-04-10T08:00:00Z')).mails)).toHaveLength(0);

  // Resumed after 39 days: due 39 days later than planned, nothing overdue.
  await docs.update({ documentId: req.documentId, data: { state: 'assigned' } as never });
  const resumed = await readCase('api::request.request', req.id);
  expect(new Date(resumed.dueAt).toISOString()).toBe('2026-05-11T21:59:59.999Z');
  expect(resumed.firstResponseAt).not.toBeNull(); // leaving "received" was a first response
  const reminder = subjectsFor(code, (await sweepAt('2026-05-08T07:00:00Z')).mails);
  expect(reminder.map((m) => m.subject)).toEqual([
    expect.stringContaining('in scadenza il 11 maggio 2026'),
  ]);
});

it('a message to the citizen meets the first-response target', async () => {
  clock.set(new Date('2026-03-02T09:00:00Z'));
  const { request: req } = await fileRequest();
  await strapi.documents('api::request.request').update({
    documentId: req.documentId,
    data: { messageToCitizen: 'Abbiamo preso in carico la sua richiesta.' } as never,
  });
  const stored = await readCase('api::request.request', req.id);
  expect(stored.firstResponseAt).not.toBeNull();
  expect(stored.firstResponseDueAt).toBeNull();
  const swept = await sweepAt('2026-03-06T06:00:00Z');
  expect(subjectsFor(req.referenceCode, swept.mails)).toHaveLength(0);
  expect((await readCase('api::request.request', req.id)).firstResponseLate).toBe(false);
});

describe('satisfaction follow-up', () => {
  const LINK = /segnalazioni\/valuta\/([A-Za-z0-9_-]+)/;

  async function resolvedReport(followerToo = false) {
    clock.set(new Date('2026-06-01T08:00:00Z'));
    const citizen = await createCitizen(strapi, { language: 'en' });
    const follower = await createCitizen(strapi);
    const report = await createReport(strapi, {
      citizen: citizen.documentId,
      topic: topic.documentId,
      ...(followerToo ? { followers: [follower.documentId] } : {}),
    });
    const docs = strapi.documents('api::report.report');
    for (const state of ['triaged', 'assigned', 'in_progress', 'resolved']) {
      await docs.update({ documentId: report.documentId, data: { state } as never });
    }
    await dispatchAll(strapi);
    return { citizen, follower, report };
  }

  it('invites the citizen and followers three days after resolution, with a single-use link', async () => {
    const { citizen, follower, report } = await resolvedReport(true);
    const code = report.referenceCode;
    expect(subjectsFor(code, (await sweepAt('2026-06-03T08:00:00Z')).mails)).toHaveLength(0);
    const invited = subjectsFor(code, (await sweepAt('2026-06-04T08:01:00Z')).mails);
    expect(invited).toHaveLength(2);
    const [mine] = to(invited, citizen.email);
    expect(mine.subject).toContain('How did it go?');
    expect(to(invited, follower.email)[0].subject).toContain("Com'è andata?");
    expect(subjectsFor(code, (await sweepAt('2026-06-10T08:00:00Z')).mails)).toHaveLength(0);

    const token = LINK.exec(String(mine.text))?.[1] as string;
    expect(token).toBeTruthy();
    const view = await http.get(`/api/ratings/${token}`).expect(200);
    expect(view.body.data).toEqual(expect.objectContaining({ code, canRate: true }));
    expect(JSON.stringify(view.body)).not.toContain(citizen.email);

    const bad = await http.post(`/api/ratings/${token}`).send({ score: 7 }).expect(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['score']);
    // Two clicks at once rate once.
    const [a, b] = await Promise.all([
      http.post(`/api/ratings/${token}`).send({ score: 4, comment: 'Lavoro rapido' }),
      http.post(`/api/ratings/${token}`).send({ score: 2 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 410]);
    const stored = await readCase('api::report.report', report.id);
    expect([4, 2]).toContain(stored.ratingScore);
    expect((await http.get(`/api/ratings/${token}`).expect(200)).body.data).toEqual(
      expect.objectContaining({ canRate: false, reason: 'used' })
    );
    await http.get('/api/ratings/not-a-token').expect(404);
  });

  it('a case reopened before the invitation is not invited; one reopened after cannot be rated', async () => {
    const first = await resolvedReport();
    clock.set(new Date('2026-06-02T08:00:00Z'));
    await strapi.documents('api::report.report').update({
      documentId: first.report.documentId,
      data: { state: 'in_progress' } as never,
    });
    const swept = await sweepAt('2026-06-05T08:00:00Z');
    expect(subjectsFor(first.report.referenceCode, swept.mails)).toHaveLength(0);

    const second = await resolvedReport();
    const invited = subjectsFor(
      second.report.referenceCode,
      (await sweepAt('2026-06-04T09:00:00Z')).mails
    );
    const token = LINK.exec(String(invited[0].text))?.[1] as string;
    await strapi.documents('api::report.report').update({
      documentId: second.report.documentId,
      data: { state: 'in_progress' } as never,
    });
    const refused = await http.post(`/api/ratings/${token}`).send({ score: 5 }).expect(409);
    expect(refused.body.error.message).toContain('reopened');
  });
});
