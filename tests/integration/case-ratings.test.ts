/**
 * Rating a completed case: from the citizen's account (once, like the emailed link), and a low
 * score sending the case to the control body for review, reopening a resolved report, with the
 * email read at a real SMTP server.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import {
  citizenSession,
  createCitizen,
  createOffice,
  createReport,
  createTopic,
} from '../helpers/fixtures';
import { discardQueuedMessages, dispatchAll } from '../helpers/outbox';
import { TestSmtp } from '../helpers/smtp';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const { runDeadlineSweep } =
  require('../../dist/src/lib/deadlines/sweep') as typeof import('../../src/lib/deadlines/sweep');

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const smtp = new TestSmtp();
const clock = fixedClock('2026-07-01T08:00:00Z');
let control: { documentId: string; email: string };
let topic: { documentId: string };

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  await discardQueuedMessages(strapi);
  for (const table of ['reports', 'requests', 'complaints']) {
    await strapi.db.connection(table).update({ next_action_at: null });
  }
  const body = await createOffice(strapi, { kind: 'control_body' });
  control = { documentId: body.documentId, email: `${body.slug}@comune.example` };
  const office = await createOffice(strapi, {
    escalationTarget: { connect: [{ documentId: body.documentId, locale: 'it', status: 'draft' }] },
  });
  topic = await createTopic(strapi, office.documentId);
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
  await smtp.stopForApp();
});

async function resolvedReport(citizenDocumentId: string, state = 'resolved') {
  clock.set(new Date('2026-07-01T08:00:00Z'));
  const report = await createReport(strapi, {
    citizen: citizenDocumentId,
    topic: topic.documentId,
  });
  const docs = strapi.documents('api::report.report');
  const path = ['triaged', 'assigned', 'in_progress', 'resolved', 'closed'];
  for (const next of path.slice(0, path.indexOf(state) + 1)) {
    await docs.update({ documentId: report.documentId, data: { state: next } as never });
  }
  await dispatchAll(strapi);
  return report;
}

const readReport = (id: number) => strapi.db.query('api::report.report').findOne({ where: { id } });
const eventsOf = (code: string, type: string) =>
  strapi.db.query('api::case-event.case-event').findMany({ where: { caseCode: code, type } });
const mailsTo = (address: string, since: number) =>
  smtp.messages
    .slice(since)
    .filter((m) => JSON.stringify(m.to).toLowerCase().includes(address.toLowerCase()));

describe('POST /api/me/cases/:code/rating', () => {
  it('rates the citizen’s own completed case once, even twice at once', async () => {
    const me = await citizenSession(strapi);
    const report = await resolvedReport(me.citizen.documentId, 'closed');
    const rate = (body: Record<string, unknown>, code = report.referenceCode) =>
      http.post(`/api/me/cases/${code}/rating`).set('Authorization', `Bearer ${me.jwt}`).send(body);

    const bad = await rate({ score: 0 }).expect(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['score']);
    const [a, b] = await Promise.all([
      rate({ score: 4, comment: 'Intervento rapido' }),
      rate({ score: 5 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 410]);
    const stored = await readReport(report.id);
    expect([4, 5]).toContain(stored.ratingScore);
    expect(await eventsOf(report.referenceCode, 'rated')).toHaveLength(1);
    // One rating for the KPIs: one spent invitation, recorded for the account's rating.
    const spent = await strapi.db
      .query('api::rating-invitation.rating-invitation')
      .findMany({ where: { caseCode: report.referenceCode, usedAt: { $notNull: true } } });
    expect(spent).toHaveLength(1);
    expect(spent[0].score).toBe(stored.ratingScore);
    // A good score asks for no review.
    expect(await eventsOf(report.referenceCode, 'review_requested')).toHaveLength(0);
  });

  it('a citizen who rated from their account is not invited to rate again', async () => {
    const me = await citizenSession(strapi);
    const report = await resolvedReport(me.citizen.documentId);
    await http
      .post(`/api/me/cases/${report.referenceCode}/rating`)
      .set('Authorization', `Bearer ${me.jwt}`)
      .send({ score: 5 })
      .expect(201);
    clock.set(new Date('2026-07-04T08:01:00Z'));
    await runDeadlineSweep(strapi);
    const before = smtp.messages.length;
    await dispatchAll(strapi);
    const invited = mailsTo(me.citizen.email, before).filter((m) =>
      String(m.subject).includes(report.referenceCode)
    );
    expect(invited).toHaveLength(0);
    expect((await readReport(report.id)).ratingScore).toBe(5);
  });

  it('refuses other people’s cases, open cases and anonymous callers', async () => {
    const me = await citizenSession(strapi);
    const someone = await createCitizen(strapi);
    const theirs = await resolvedReport(someone.documentId);
    const mine = await createReport(strapi, {
      citizen: me.citizen.documentId,
      topic: topic.documentId,
    });
    const rate = (code: string, auth = true) => {
      const req = http.post(`/api/me/cases/${code}/rating`);
      return (auth ? req.set('Authorization', `Bearer ${me.jwt}`) : req).send({ score: 3 });
    };
    await rate(theirs.referenceCode).expect(404);
    expect((await rate(mine.referenceCode).expect(409)).body.error.message).toContain('completed');
    await rate('NOT-A-CODE').expect(404);
    await rate(mine.referenceCode, false).expect(403);
    expect((await readReport(theirs.id)).ratingScore).toBeNull();
  });
});

describe('a low rating', () => {
  it('through the emailed link reopens the resolved report and asks the control body to review it', async () => {
    const citizen = await createCitizen(strapi);
    const report = await resolvedReport(citizen.documentId);
    clock.set(new Date('2026-07-04T08:01:00Z'));
    await runDeadlineSweep(strapi);
    const before = smtp.messages.length;
    await dispatchAll(strapi);
    const invitation = mailsTo(citizen.email, before).find((m) =>
      String(m.subject).includes(report.referenceCode)
    );
    const token = /segnalazioni\/valuta\/([A-Za-z0-9_-]+)/.exec(String(invitation?.text))?.[1];
    expect(token).toBeTruthy();

    const sent = smtp.messages.length;
    await http
      .post(`/api/ratings/${token}`)
      .send({ score: 2, comment: 'La buca è ancora lì' })
      .expect(201);
    await dispatchAll(strapi);

    expect((await readReport(report.id)).state).toBe('in_progress');
    const [review] = await eventsOf(report.referenceCode, 'review_requested');
    expect(review).toMatchObject({ visibility: 'internal', text: 'La buca è ancora lì' });
    expect(review.data).toMatchObject({ score: 2, reopened: true });
    const [mail] = mailsTo(control.email, sent);
    expect(mail.subject).toContain(`Valutazione bassa – Segnalazione ${report.referenceCode}`);
    expect(mail.text).toContain('La buca è ancora lì');
    expect(mail.text).toContain('riaperta');
    // The citizen hears that the report is being worked on again.
    expect(mailsTo(citizen.email, sent).length).toBeGreaterThan(0);
  });

  it('from the account on a closed case asks for a review without reopening it', async () => {
    const me = await citizenSession(strapi);
    const report = await resolvedReport(me.citizen.documentId, 'closed');
    const sent = smtp.messages.length;
    await http
      .post(`/api/me/cases/${report.referenceCode}/rating`)
      .set('Authorization', `Bearer ${me.jwt}`)
      .send({ score: 1 })
      .expect(201);
    await dispatchAll(strapi);
    expect((await readReport(report.id)).state).toBe('closed');
    const [review] = await eventsOf(report.referenceCode, 'review_requested');
    expect(review.data).toMatchObject({ score: 1, reopened: false });
    const [mail] = mailsTo(control.email, sent);
    expect(mail.subject).toContain('1 su 5');
    expect(mail.text).not.toContain('riaperta');
  });
});
