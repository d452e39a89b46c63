/**
 * The outbox against a real SMTP server on loopback: citizens get their messages in their
 * language, exactly once, even when the server is down for a while or two dispatchers run at once.
 */
import type { Core } from '@strapi/strapi';
import { fixedClock } from '../../src/domain/clock';
import { appClock, appDelivery, appOutbox } from '../helpers/app';
import { createCitizen, createOffice, createReport, createTopic } from '../helpers/fixtures';
import { discardQueuedMessages } from '../helpers/outbox';
import { TestSmtp } from '../helpers/smtp';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let topic: { documentId: string };
const smtp = new TestSmtp();
const clock = fixedClock('2026-04-14T07:30:00Z');

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  appClock.useClock(clock);
  // The first tests count what one dispatcher batch sends: nothing of earlier suites may be in it.
  await discardQueuedMessages(strapi);
  const office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId, { resolutionDays: 10 });
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
  await smtp.stopForApp();
});

const dispatch = (opts?: Parameters<typeof appOutbox.dispatchDue>[2]) =>
  appOutbox.dispatchDue(strapi, appDelivery.createDeliver(strapi), opts);
const notifications = (code: string) =>
  strapi.db.query('api::notification.notification').findMany({ where: { caseCode: code } });

it('acknowledges a new case to its citizen, in Italian by default', async () => {
  const citizen = await createCitizen(strapi);
  const report = await createReport(strapi, {
    citizen: citizen.documentId,
    topic: topic.documentId,
  });
  const queued = await notifications(report.referenceCode);
  expect(queued).toHaveLength(1);
  expect(queued[0]).toMatchObject({ template: 'case_received', state: 'pending', language: 'it' });

  expect((await dispatch()).sent).toBeGreaterThanOrEqual(1);
  const [mail] = smtp.to(citizen.email);
  expect(mail.subject).toContain(report.referenceCode);
  expect(mail.subject).toMatch(/Segnalazione/);
  expect(mail.text).toContain(
    `https://www.comune.pisa.example/segnalazioni/${report.referenceCode}`
  );
  expect(mail.html).toContain(report.referenceCode);
  expect((await notifications(report.referenceCode))[0].state).toBe('sent');
});

it('writes to an English-speaking citizen in English, and tells them of status changes', async () => {
  const citizen = await createCitizen(strapi, { language: 'en' });
  const report = await createReport(strapi, {
    citizen: citizen.documentId,
    topic: topic.documentId,
  });
  await strapi
    .documents('api::report.report')
    .update({ documentId: report.documentId, data: { state: 'triaged' } as never });
  await dispatch();
  const mails = smtp.to(citizen.email);
  // Both are due at the same instant: the dispatcher may send them in either order.
  const subjects = mails.map((m) => String(m.subject));
  expect(subjects).toHaveLength(2);
  expect(subjects).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/Report .* received/),
      expect.stringMatching(/status: verified/),
    ])
  );
  expect(subjects.every((s) => s.includes(report.referenceCode))).toBe(true);
  for (const mail of mails) expect(mail.text).not.toContain('undefined');
});

it('queues nothing twice for the same dedupe key', async () => {
  const message = {
    channel: 'email' as const,
    recipient: 'someone@example.org',
    template: 'case_received',
    language: 'it' as const,
    payload: { code: 'SEG-2026-999990', kind: 'report', cityName: 'Pisa' },
    dedupeKey: `test:dedupe:${Date.now()}`,
    caseCode: 'SEG-2026-999990',
  };
  expect(await appOutbox.enqueue(strapi, [message])).toBe(1);
  expect(await appOutbox.enqueue(strapi, [message])).toBe(0);
  expect(
    await strapi.db
      .query('api::notification.notification')
      .count({ where: { dedupeKey: message.dedupeKey } })
  ).toBe(1);
});

it('queues more messages at once than one INSERT may bind (a deadline sweep batch)', async () => {
  const key = `test:bulk:${Date.now()}`;
  const messages = Array.from({ length: 5000 }, (_, i) => ({
    channel: 'email' as const,
    recipient: `bulk${i}@example.org`,
    template: 'case_received',
    language: 'it' as const,
    payload: { code: 'SEG-2026-999991', kind: 'report', cityName: 'Pisa' },
    dedupeKey: `${key}:${i}`,
    caseCode: 'SEG-2026-999991',
  }));
  expect(await appOutbox.enqueue(strapi, messages)).toBe(5000);
  await strapi.db
    .query('api::notification.notification')
    .deleteMany({ where: { dedupeKey: { $startsWith: key } } });
});

it('survives an SMTP outage: every email arrives exactly once after the server is back', async () => {
  await dispatch(); // nothing else pending
  await smtp.stop();
  const citizens = await Promise.all([1, 2, 3].map(() => createCitizen(strapi)));
  const reports = [];
  for (const c of citizens)
    reports.push(await createReport(strapi, { citizen: c.documentId, topic: topic.documentId }));

  const down = await dispatch();
  expect(down).toMatchObject({ sent: 0, failed: 3 });
  for (const r of reports) {
    const [n] = await notifications(r.referenceCode);
    expect(n.state).toBe('failed');
    expect(n.attempts).toBe(1);
    expect(n.lastError).toMatch(/ECONNREFUSED|connect/i);
  }
  // Not due again before its backoff has passed.
  expect((await dispatch()).failed).toBe(0);

  await smtp.start();
  clock.advance(2 * 60 * 60_000);
  // Two dispatchers at once, as two instances would: each message is claimed by one of them.
  const [a, b] = await Promise.all([dispatch(), dispatch()]);
  expect(a.sent + b.sent).toBe(3);
  expect((await dispatch()).sent).toBe(0);
  for (const c of citizens) expect(smtp.to(c.email)).toHaveLength(1);
});

it('gives up after the last attempt and keeps the message visible as dead', async () => {
  await smtp.stop();
  const citizen = await createCitizen(strapi);
  const report = await createReport(strapi, {
    citizen: citizen.documentId,
    topic: topic.documentId,
  });
  for (let i = 0; i < 3; i++) {
    await dispatch({ backoff: { maxAttempts: 3 } });
    clock.advance(24 * 60 * 60_000);
  }
  const [n] = await notifications(report.referenceCode);
  expect(n).toMatchObject({ state: 'dead', attempts: 3 });
  await smtp.start();
  expect((await dispatch()).sent).toBe(0);
  expect(smtp.to(citizen.email)).toHaveLength(0);
});

it('a report and its follower with the same address get one message', async () => {
  const citizen = await createCitizen(strapi);
  const report = await createReport(strapi, {
    citizen: citizen.documentId,
    topic: topic.documentId,
    followers: [citizen.documentId],
  });
  await strapi
    .documents('api::report.report')
    .update({ documentId: report.documentId, data: { state: 'triaged' } as never });
  expect(
    (await notifications(report.referenceCode)).map((n: { template: string }) => n.template).sort()
  ).toEqual(['case_received', 'case_status_changed']);
});
