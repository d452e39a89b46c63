/**
 * The retention job end to end: cases closed more than 24 months ago lose their contact details,
 * their citizens are anonymised once nothing of theirs is still running, old outbox rows go; the
 * statistics and the public pages stay. Time is moved by hand through the injected clock.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appActor, appClock, appOutbox } from '../helpers/app';
import {
  citizenSession,
  createCitizen,
  createOffice,
  createReport,
  createTopic,
  nextSpot,
} from '../helpers/fixtures';
import { discardQueuedMessages } from '../helpers/outbox';
import { reportBody } from '../helpers/intake';
import { isPostgres, startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const appRetention =
  require('../../dist/src/jobs/retention') as typeof import('../../src/jobs/retention');
const appEvents =
  require('../../dist/src/lib/case-events') as typeof import('../../src/lib/case-events');
const appSql = require('../../dist/src/lib/raw-sql') as typeof import('../../src/lib/raw-sql');
const appRetentionDb =
  require('../../dist/src/lib/retention') as typeof import('../../src/lib/retention');
/* eslint-enable @typescript-eslint/no-require-imports */

type Kind = 'report' | 'request' | 'complaint';
const UID = {
  report: 'api::report.report',
  request: 'api::request.request',
  complaint: 'api::complaint.complaint',
} as const;
const CITIZEN = 'api::citizen.citizen';
const NOTIFICATION = 'api::notification.notification';
const HOUR = 3_600_000;
const staff = { type: 'staff' as const, id: '7', name: 'Giulia Operatrice' };

// Far past anything other suites write, so the sweep in beforeAll clears their old data first and
// the counts below are this suite's own. 6 January 2031 is a Monday.
const clock = fixedClock('2031-01-06T08:00:00Z');
const OLD_CLOSURES_DONE = '2031-01-10T12:00:00Z';
const RECENT_CLOSURE = '2031-03-13T10:00:00Z';
const RUN_AT = '2033-02-13T03:30:00Z'; // old cases closed 25 months ago, the recent one 23
const LATER_RUN_AT = '2033-04-20T03:30:00Z';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let topic: { documentId: string; code: string };

interface Citizen {
  id: number;
  documentId: string;
  email: string;
}
interface Case {
  id: number;
  documentId: string;
  referenceCode: string;
}

const run = () => appRetention.runRetentionJob(strapi);

async function createCase(kind: Kind, data: Record<string, unknown>): Promise<Case> {
  if (kind === 'report') return createReport(strapi, { topic: topic.documentId, ...data });
  return (await strapi.documents(UID[kind]).create({
    data: { topic: topic.documentId, ...data } as never,
  })) as unknown as Case;
}

/** Legal transitions one hour apart, as staff; `extra` goes with the step to the given state. */
async function walk(
  kind: Kind,
  c: Case,
  states: string[],
  extra: Record<string, Record<string, unknown>> = {}
) {
  for (const state of states) {
    clock.advance(HOUR);
    await appActor.runAs(staff, () =>
      strapi.documents(UID[kind]).update({
        documentId: c.documentId,
        data: { state, ...(extra[state] ?? {}) } as never,
      })
    );
  }
}

async function say(kind: Kind, c: Case, messageToCitizen: string) {
  clock.advance(HOUR);
  await appActor.runAs(staff, () =>
    strapi.documents(UID[kind]).update({
      documentId: c.documentId,
      data: { messageToCitizen } as never,
    })
  );
}

async function citizenWrites(kind: Kind, c: Case, text: string) {
  clock.advance(HOUR);
  await appEvents.appendCaseEvent(strapi, kind, c, {
    type: 'message_from_citizen',
    visibility: 'internal',
    actor: { type: 'citizen', name: null },
    at: clock.now(),
    text,
  });
}

const stored = (kind: Kind, c: Case) =>
  strapi.db.query(UID[kind]).findOne({ where: { id: c.id }, populate: { topic: true } });
const citizenRow = (c: Citizen) => strapi.db.query(CITIZEN).findOne({ where: { id: c.id } });
const texts = async (c: Case) =>
  (
    (await strapi.db.query('api::case-event.case-event').findMany({
      where: { caseCode: c.referenceCode, text: { $notNull: true } },
      orderBy: { id: 'asc' },
    })) as { text: string }[]
  ).map((e) => e.text);
const followerIds = async (c: Case) =>
  (
    (await strapi.db
      .query(UID.report)
      .findOne({ where: { id: c.id }, populate: { followers: { select: ['id'] } } })) as {
      followers: { id: number }[];
    }
  ).followers.map((f) => f.id);

// The people and their cases (see the plan in each describe).
let maria: Citizen; // A: report + request, all old → anonymised
let franco: Citizen; // F: an old duplicate of Maria's report, follows it → anonymised
let bruno: Citizen; // B: one old report, one still open → kept (active cases)
let sara: Citizen; // S: one old report, follows Bruno's open one → kept (following)
let karim: Citizen & { jwt: string }; // K: a users-permissions account, one old complaint → kept
let rita: Citizen; // R: one request closed 23 months before the run → untouched
const cases = {} as Record<'a1' | 'a2' | 'f1' | 'b1' | 'b2' | 's1' | 'k1' | 'r1', Case>;
let a1Before: Record<string, unknown>;
let mariaBefore: Record<string, unknown>;
let deadOld: { id: number };
let pendingOld: { id: number };

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  // Earlier suites' cases and messages are years older than this suite's clock: clear them now.
  await discardQueuedMessages(strapi);
  await run();

  const office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId);

  maria = await createCitizen(strapi, { name: 'Maria Rossi', phone: '+39 333 1234567' });
  franco = await createCitizen(strapi, { name: 'Franco Neri', phone: null });
  bruno = await createCitizen(strapi, { name: 'Bruno Gialli', phone: '050 910111' });
  sara = await createCitizen(strapi, { name: 'Sara Blu', phone: null });
  const session = await citizenSession(strapi);
  karim = { ...session.citizen, jwt: session.jwt };
  await strapi.db.query(CITIZEN).update({
    where: { id: karim.id },
    data: { name: 'Karim Bianchi' },
  });
  rita = await createCitizen(strapi, { name: 'Rita Viola', phone: '347 7654321' });

  // Maria's report, and Franco's report of the same hole, grouped into it as a duplicate.
  const spot = nextSpot();
  cases.a1 = await createCase('report', {
    citizen: maria.documentId,
    ...spot,
    address: 'Via Roma 12, Pisa',
    description:
      'Buca profonda davanti al civico 12. Per info chiamatemi al 333 1234567 o scrivete a ' +
      'maria.rossi@example.org. Maria Rossi',
  });
  cases.f1 = await createCase('report', {
    citizen: franco.documentId,
    latitude: spot.latitude + 0.0001,
    longitude: spot.longitude,
    description: 'Stessa buca, sono Franco Neri, tel. 338 7654321',
  });
  await say('report', cases.a1, 'Gentile Maria Rossi, la richiameremo al 333 1234567.');
  await citizenWrites('report', cases.a1, 'Sono a casa dopo le 18, citofono Rossi: 050 910111');
  await appEvents.appendCaseEvent(strapi, 'report', cases.a1, {
    type: 'internal_note',
    visibility: 'internal',
    actor: staff,
    at: clock.now(),
    text: 'Sopralluogo fissato per giovedì',
  });
  await walk('report', cases.a1, ['triaged', 'assigned', 'in_progress', 'resolved', 'closed'], {
    resolved: {
      qualification: 'accurate',
      qualificationNote: 'Buca confermata',
      resolutionNote: 'Riparata il 09/01/2031, pratica SEG-2031-000001',
    },
  });
  await strapi.db
    .query(UID.report)
    .update({ where: { id: cases.a1.id }, data: { ratingScore: 4, ratingComment: 'Ok, Maria' } });

  cases.a2 = await createCase('request', {
    citizen: maria.documentId,
    kind: 'information',
    subject: 'TARI di Maria Rossi',
    description:
      'Il mio codice fiscale è RSSMRA85T10A562S, il rimborso su IT60X0542811101000000123456',
  });
  await walk('request', cases.a2, ['assigned', 'answered', 'closed'], {
    answered: { answer: 'Gentile Maria Rossi, il rimborso arriverà entro marzo.' },
  });

  // Bruno: one report rejected long ago, one still in progress.
  cases.b1 = await createCase('report', {
    citizen: bruno.documentId,
    description: 'Rifiuti abbandonati, il mio numero è 347/1234567',
  });
  await citizenWrites('report', cases.b1, 'Mi chiami allo 050 910111');
  await walk('report', cases.b1, ['rejected']);
  cases.b2 = await createCase('report', {
    citizen: bruno.documentId,
    description: 'Semaforo guasto, chiamare 050 910111',
  });
  await walk('report', cases.b2, ['triaged', 'assigned', 'in_progress']);

  // Sara: an old report of hers, and she follows Bruno's open report.
  cases.s1 = await createCase('report', {
    citizen: sara.documentId,
    description: 'Albero pericolante in via Santa Maria 7',
  });
  await walk('report', cases.s1, ['rejected']);
  await strapi.db.query(UID.report).update({
    where: { id: cases.b2.id },
    data: { followers: { connect: [{ id: sara.id }] } },
  });

  // Karim signs in with an account; his old complaint.
  cases.k1 = await createCase('complaint', {
    citizen: karim.documentId,
    subject: 'Sportello chiuso',
    description: 'Lo sportello era chiuso, mi chiami al 333 9998887. Karim Bianchi',
  });
  await walk('complaint', cases.k1, ['assigned', 'answered', 'closed'], {
    answered: { answer: 'Ci scusiamo per il disagio.' },
  });

  // Rita's request is received now and closed two months later: 23 months before the run.
  cases.r1 = await createCase('request', {
    citizen: rita.documentId,
    kind: 'verification',
    subject: 'Verifica passo carrabile',
    description: 'Potete verificare il passo carrabile? Rita Viola, 347 7654321',
  });
  clock.set(OLD_CLOSURES_DONE);

  // The outbox: everything so far was sent, except one message given up and one still pending.
  await strapi.db.query(NOTIFICATION).updateMany({
    where: { state: 'pending' },
    data: { state: 'sent', sentAt: clock.now(), nextAttemptAt: null },
  });
  const queue = (recipient: string, key: string) =>
    appOutbox.enqueue(strapi, [
      {
        channel: 'email',
        recipient,
        template: 'case_status_changed',
        language: 'it',
        payload: { name: 'Maria Rossi' },
        dedupeKey: `retention-test:${key}`,
        caseCode: cases.a1.referenceCode,
      },
    ]);
  await queue('maria.rossi@example.org', 'dead');
  await queue('maria.rossi@example.org', 'pending');
  deadOld = await strapi.db
    .query(NOTIFICATION)
    .update({ where: { dedupeKey: 'retention-test:dead' }, data: { state: 'dead' } });
  pendingOld = await strapi.db
    .query(NOTIFICATION)
    .findOne({ where: { dedupeKey: 'retention-test:pending' } });

  clock.set(RECENT_CLOSURE);
  await walk('request', cases.r1, ['assigned', 'answered', 'closed'], {
    answered: { answer: 'Verificato, tutto in regola.' },
  });
  await strapi.db.query(NOTIFICATION).updateMany({
    where: { state: 'pending', caseCode: cases.r1.referenceCode },
    data: { state: 'sent', sentAt: clock.now(), nextAttemptAt: null },
  });

  a1Before = await stored('report', cases.a1);
  mariaBefore = await citizenRow(maria);
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

describe('the first run after 24 months', () => {
  let report: Awaited<ReturnType<typeof run>>;
  let logged: string[];
  let oldFinished: number;

  beforeAll(async () => {
    clock.set(RUN_AT);
    const [{ n }] = await strapi.db
      .connection('notifications')
      .whereIn('state', ['sent', 'dead'])
      .where('created_at', '<', appSql.dbInstant(strapi, new Date('2031-02-13T03:30:00Z')))
      .count({ n: '*' });
    oldFinished = Number(n);
    const info = jest.spyOn(strapi.log, 'info');
    try {
      report = await run();
      logged = info.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('[retention]'));
    } finally {
      info.mockRestore();
    }
  });

  it('reports what it did, counting each citizen once', () => {
    expect(report).toEqual({
      cutoff: '2031-02-13T03:30:00.000Z',
      casesAnonymised: { report: 4, request: 1, complaint: 1 },
      // Maria's message from staff and her own, Bruno's message (Franco's report has no event text).
      eventsRedacted: 3,
      citizensAnonymised: 2,
      citizensKept: { activeCases: 1, following: 1, account: 1 },
      notificationsDeleted: oldFinished,
    });
    expect(oldFinished).toBeGreaterThanOrEqual(10);
  });

  it('logs the report on one line, with no personal data', () => {
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0].replace('[retention] ', ''))).toEqual(report);
    expect(logged[0]).not.toMatch(/@|Rossi|Maria|SEG-|RIC-|REC-/);
  });

  it('scrubs the contact details from the old case and its timeline', async () => {
    const a1 = await stored('report', cases.a1);
    expect(a1.description).toBe(
      'Buca profonda davanti al civico 12. Per info chiamatemi al [telefono] o scrivete a ' +
        '[email]. [nome]'
    );
    expect(a1.resolutionNote).toBe('Riparata il 09/01/2031, pratica SEG-2031-000001');
    expect(a1.ratingComment).toBe('Ok, Maria');
    expect(await texts(cases.a1)).toEqual([
      'Gentile [nome], la richiameremo al [telefono].',
      'Sono a casa dopo le 18, citofono Rossi: [telefono]',
      'Sopralluogo fissato per giovedì',
      'Buca confermata',
    ]);
    const a2 = await stored('request', cases.a2);
    expect(a2.subject).toBe('TARI di [nome]');
    expect(a2.description).toBe('Il mio codice fiscale è [codice fiscale], il rimborso su [IBAN]');
    expect(a2.answer).toBe('Gentile [nome], il rimborso arriverà entro marzo.');
    expect((await stored('report', cases.f1)).description).toBe(
      'Stessa buca, sono [nome], tel. [telefono]'
    );
    expect((await stored('complaint', cases.k1)).description).toBe(
      'Lo sportello era chiuso, mi chiami al [telefono]. [nome]'
    );
  });

  it('keeps the statistics: states, dates, topic, place, qualification, rating, counts', async () => {
    const a1 = await stored('report', cases.a1);
    for (const field of [
      'state',
      'receivedAt',
      'closedAt',
      'resolvedAt',
      'dueAt',
      'address',
      'latitude',
      'longitude',
      'qualification',
      'ratingScore',
      'duplicateCount',
      'supporterCount',
      'officeKey',
      'topicKey',
    ]) {
      expect([field, a1[field]]).toEqual([field, a1Before[field]]);
    }
    expect(a1.state).toBe('closed');
    expect(a1.duplicateCount).toBe(1);
    expect(a1.topic.documentId).toBe(topic.documentId);
    expect(a1.anonymisedAt).toBeTruthy();
    expect(new Date(a1.anonymisedAt).toISOString()).toBe(new Date(RUN_AT).toISOString());
    expect((await stored('report', cases.f1)).state).toBe('duplicate');
    expect((await stored('report', cases.b1)).state).toBe('rejected');
  });

  it('drops the follower links of old reports and keeps those of open ones', async () => {
    expect(a1Before.duplicateCount).toBe(1);
    expect(await followerIds(cases.a1)).toEqual([]);
    expect(await followerIds(cases.b2)).toEqual([sara.id]);
  });

  it('anonymises a citizen all of whose cases are anonymised, keeping their counters', async () => {
    const after = await citizenRow(maria);
    expect(after).toMatchObject({
      email: `anonimo-${maria.documentId.toLowerCase()}@anonymised.invalid`,
      name: null,
      phone: null,
      verified: false,
      reputation: mariaBefore.reputation,
      reportsTotal: mariaBefore.reportsTotal,
      reportsAccurate: 1,
    });
    expect(new Date(after.anonymisedAt).toISOString()).toBe(new Date(RUN_AT).toISOString());
    const francoAfter = await citizenRow(franco);
    expect(francoAfter.name).toBeNull();
    expect(francoAfter.email).toMatch(/@anonymised\.invalid$/);
  });

  it('keeps a citizen with a case still open, or following one, or with an account', async () => {
    for (const [who, name] of [
      [bruno, 'Bruno Gialli'],
      [sara, 'Sara Blu'],
      [karim, 'Karim Bianchi'],
    ] as const) {
      const row = await citizenRow(who);
      expect([name, row.name, row.email, row.anonymisedAt]).toEqual([name, name, who.email, null]);
    }
    // Their old cases are scrubbed all the same; the open one is not touched.
    expect((await stored('report', cases.b1)).description).toBe(
      'Rifiuti abbandonati, il mio numero è [telefono]'
    );
    expect(await texts(cases.b1)).toEqual(['Mi chiami allo [telefono]']);
    const b2 = await stored('report', cases.b2);
    expect(b2.description).toBe('Semaforo guasto, chiamare 050 910111');
    expect(b2.anonymisedAt).toBeNull();
  });

  it('leaves a case closed 23 months ago and its citizen untouched', async () => {
    const r1 = await stored('request', cases.r1);
    expect(r1.description).toBe('Potete verificare il passo carrabile? Rita Viola, 347 7654321');
    expect(r1.anonymisedAt).toBeNull();
    expect(await citizenRow(rita)).toMatchObject({ name: 'Rita Viola', email: rita.email });
    const recent = await strapi.db
      .query(NOTIFICATION)
      .count({ where: { caseCode: cases.r1.referenceCode } });
    expect(recent).toBeGreaterThan(0);
  });

  it('deletes old sent and dead messages, not one still to be sent', async () => {
    const left = (await strapi.db.query(NOTIFICATION).findMany({
      where: { caseCode: { $in: [cases.a1.referenceCode, cases.a2.referenceCode] } },
      select: ['id', 'state'],
    })) as { id: number; state: string }[];
    expect(left).toEqual([{ id: pendingOld.id, state: 'pending' }]);
    expect(await strapi.db.query(NOTIFICATION).findOne({ where: { id: deadOld.id } })).toBeNull();
  });

  it('shows the old case on the public page without personal data', async () => {
    const res = await http.get(`/api/track/${cases.a1.referenceCode}`).expect(200);
    const page = res.body.data;
    expect(page).toMatchObject({ code: cases.a1.referenceCode, state: 'closed', reporters: 2 });
    expect(page.topic.name).toMatch(/^Argomento /);
    expect(page.description).toContain('[telefono]');
    expect(page.timeline.map((e: { type: string }) => e.type)).toContain('message_to_citizen');
    const body = JSON.stringify(res.body);
    for (const personal of ['333 1234567', '050 910111', 'maria.rossi', 'Maria Rossi', '@']) {
      expect([personal, body.includes(personal)]).toEqual([personal, false]);
    }
    const map = await http
      .get('/api/reports/map')
      .query({
        bbox: [a1Before.longitude, a1Before.latitude, a1Before.longitude, a1Before.latitude]
          .map((v, i) => Number(v) + (i < 2 ? -0.001 : 0.001))
          .join(','),
      })
      .expect(200);
    const codes = map.body.features.map((f: { properties: { code: string } }) => f.properties.code);
    expect(codes).toContain(cases.a1.referenceCode);
  });

  it('still lists the account holder’s own old case, scrubbed', async () => {
    const res = await http
      .get('/api/me/cases')
      .set('Authorization', `Bearer ${karim.jwt}`)
      .expect(200);
    const mine = JSON.stringify(res.body);
    expect(mine).toContain(cases.k1.referenceCode);
    expect(mine).not.toContain('333 9998887');
  });

  it('lets the same person write again: a new citizen, not the anonymised one', async () => {
    const res = await http
      .post('/api/reports')
      .send(
        reportBody(topic.code, {
          contact: { email: 'MARIA.ROSSI@example.org', name: 'Maria Rossi' },
        })
      )
      .expect(201);
    const created = await strapi.db.query(UID.report).findOne({
      where: { referenceCode: res.body.data.code },
      populate: { citizen: true },
    });
    expect(created.citizen.email).toBe('maria.rossi@example.org');
    expect(created.citizen.id).not.toBe(maria.id);
    // Its acknowledgement is queued for the real address, never for the placeholder.
    const queued = await strapi.db
      .query(NOTIFICATION)
      .findMany({ where: { caseCode: res.body.data.code } });
    expect(queued.map((n: { recipient: string }) => n.recipient)).toEqual([
      'maria.rossi@example.org',
    ]);
  });
});

describe('runs again', () => {
  it('does nothing the second time', async () => {
    clock.set(RUN_AT);
    const a1 = await stored('report', cases.a1);
    expect(await run()).toEqual({
      cutoff: '2031-02-13T03:30:00.000Z',
      casesAnonymised: { report: 0, request: 0, complaint: 0 },
      eventsRedacted: 0,
      citizensAnonymised: 0,
      citizensKept: { activeCases: 0, following: 0, account: 0 },
      notificationsDeleted: 0,
    });
    expect(await stored('report', cases.a1)).toEqual(a1);
  });

  it('takes what has become due since, and only that', async () => {
    clock.set(LATER_RUN_AT);
    const report = await run();
    expect(report.casesAnonymised).toEqual({ report: 0, request: 1, complaint: 0 });
    expect(report.citizensAnonymised).toBe(1);
    expect(report.citizensKept).toEqual({ activeCases: 0, following: 0, account: 0 });
    expect((await stored('request', cases.r1)).description).toBe(
      'Potete verificare il passo carrabile? [nome], [telefono]'
    );
    expect((await citizenRow(rita)).name).toBeNull();
    expect((await citizenRow(bruno)).name).toBe('Bruno Gialli');
  });

  it('shares the work between two runs at once, in small batches, without doing anything twice', async () => {
    const people: Citizen[] = [];
    const requests: Case[] = [];
    for (let i = 0; i < 5; i++) {
      const person = await createCitizen(strapi, { name: `Persona Numero${i}` });
      const c = await createCase('request', {
        citizen: person.documentId,
        kind: 'information',
        subject: `Domanda ${i}`,
        description: `Rispondetemi a persona${i}@example.org, grazie`,
      });
      await walk('request', c, ['rejected']);
      people.push(person);
      requests.push(c);
    }
    clock.advance(25 * 31 * 24 * HOUR);
    const saved = strapi.config.get('benecomune.retention.batchSize');
    strapi.config.set('benecomune.retention.batchSize', 2);
    try {
      const [one, two] = await Promise.all([run(), run()]);
      expect(one.casesAnonymised.request + two.casesAnonymised.request).toBe(5);
      expect(one.citizensAnonymised + two.citizensAnonymised).toBe(5);
    } finally {
      strapi.config.set('benecomune.retention.batchSize', saved);
    }
    for (const [i, c] of requests.entries()) {
      expect((await stored('request', c)).description).toBe('Rispondetemi a [email], grazie');
      expect((await citizenRow(people[i])).name).toBeNull();
    }
    expect((await run()).casesAnonymised.request).toBe(0);
  });
});

describe('cost', () => {
  /** The plan of a query as text, with sequential scans discouraged on PostgreSQL (tiny tables). */
  async function plan(query: (db: import('knex').Knex.Transaction) => { toString(): string }) {
    return strapi.db.connection.transaction(async (trx) => {
      if (!isPostgres(strapi)) {
        return JSON.stringify(await trx.raw(`EXPLAIN QUERY PLAN ${query(trx).toString()}`));
      }
      await trx.raw('SET LOCAL enable_seqscan = off');
      return JSON.stringify((await trx.raw(`EXPLAIN ${query(trx).toString()}`)).rows);
    });
  }

  it.each([
    ['report', 'reports'],
    ['request', 'requests'],
    ['complaint', 'complaints'],
  ] as const)('finds due %ss through the partial index on %s', async (kind, table) => {
    const cutoff = new Date(RUN_AT);
    expect(await plan((trx) => appRetentionDb.dueCases(strapi, trx, kind, cutoff, 200))).toContain(
      `bc_${table}_retention_due`
    );
  });

  it('finds old finished messages through the partial index on notifications', async () => {
    expect(
      await plan((trx) => appRetentionDb.finishedNotifications(strapi, trx, new Date(RUN_AT), 200))
    ).toContain('bc_notifications_finished');
  });
});
