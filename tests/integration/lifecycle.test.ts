/**
 * Every write path obeys the case lifecycle: the Document Service (internal services), the
 * content API (an API token) and the admin content manager (an admin session).
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';

const { useClock, resetClock } = appClock;
import { startStrapi, stopStrapi } from '../helpers/strapi';
import {
  adminJwt,
  createOffice,
  createReport,
  createTopic,
  fullAccessToken,
} from '../helpers/fixtures';

let strapi: Core.Strapi;
let topic: { documentId: string };
let office: { documentId: string };
const clock = fixedClock('2026-03-02T08:00:00Z'); // a Monday

beforeAll(async () => {
  strapi = await startStrapi();
  useClock(clock);
  office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId, {
    resolutionDays: 15,
    urgentResolutionHours: 24,
  });
});
afterAll(async () => {
  resetClock();
  await stopStrapi();
});

const events = (code: string) =>
  strapi.db
    .query('api::case-event.case-event')
    .findMany({ where: { caseCode: code }, orderBy: { id: 'asc' } });

describe('creating a case', () => {
  it('starts as received, gets a code, routes by topic, computes the due date and logs "created"', async () => {
    const report = await createReport(strapi, { topic: topic.documentId });
    expect(report.state).toBe('received');
    expect(report.referenceCode).toMatch(/^SEG-2026-\d{6}$/);
    const stored = await strapi.db.query('api::report.report').findOne({
      where: { id: report.id },
      populate: { office: true },
    });
    expect(stored.office.documentId).toBe(office.documentId);
    expect(stored.officeKey).toBe(office.documentId);
    expect(stored.topicKey).toBe(topic.documentId);
    // 15 calendar days from Monday 2 March 2026 = Tuesday 17 March, end of day in Rome (UTC+1).
    expect(new Date(stored.dueAt).toISOString()).toBe('2026-03-17T22:59:59.999Z');
    expect(new Date(stored.receivedAt).toISOString()).toBe('2026-03-02T08:00:00.000Z');
    const log = await events(report.referenceCode);
    expect(log.map((e: { type: string }) => e.type)).toEqual(['created']);
    expect(log[0].visibility).toBe('public');
  });

  it('urgent reports are due in hours', async () => {
    const report = await createReport(strapi, { topic: topic.documentId, emergency: true });
    const stored = await strapi.db
      .query('api::report.report')
      .findOne({ where: { id: report.id } });
    expect(new Date(stored.dueAt).toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });

  it('refuses a new case in another status, or with hand-set code or timestamps', async () => {
    await expect(createReport(strapi, { state: 'closed' })).rejects.toThrow(/starts as "received"/);
    await expect(createReport(strapi, { referenceCode: 'SEG-2026-999999' })).rejects.toThrow(
      /assigned by the system/
    );
    await expect(createReport(strapi, { closedAt: '2026-03-01T00:00:00Z' })).rejects.toThrow(
      /closedAt is set by status transitions/
    );
  });

  it('requests and complaints get their own code series and the 30-day default', async () => {
    const req = await strapi.documents('api::request.request').create({
      data: {
        subject: 'Orari anagrafe',
        description: 'Vorrei sapere gli orari di apertura.',
        kind: 'information',
      } as never,
    });
    const rec = await strapi.documents('api::complaint.complaint').create({
      data: {
        subject: 'Disservizio',
        description: 'Lo sportello era chiuso in orario di apertura.',
      } as never,
    });
    expect((req as unknown as { referenceCode: string }).referenceCode).toMatch(/^RIC-2026-\d{6}$/);
    expect((rec as unknown as { referenceCode: string }).referenceCode).toMatch(/^REC-2026-\d{6}$/);
    // 30 days after 2 March = 1 April 2026, a Wednesday; Rome is on summer time (UTC+2).
    expect(new Date((rec as unknown as { dueAt: string }).dueAt).toISOString()).toBe(
      '2026-04-01T21:59:59.999Z'
    );
  });
});

describe('status transitions through the Document Service', () => {
  it('walks the whole report lifecycle, stamping times and logging each step', async () => {
    const report = await createReport(strapi, { topic: topic.documentId });
    const docs = strapi.documents('api::report.report');
    const steps = ['triaged', 'assigned', 'in_progress', 'resolved', 'closed'];
    for (const [i, status] of steps.entries()) {
      clock.advance(3_600_000);
      await docs.update({ documentId: report.documentId, data: { state: status } as never });
      const row = await strapi.db.query('api::report.report').findOne({ where: { id: report.id } });
      expect(row.state).toBe(status);
      if (i === 0) expect(new Date(row.firstResponseAt).getTime()).toBe(clock.now().getTime());
    }
    const row = await strapi.db.query('api::report.report').findOne({ where: { id: report.id } });
    expect(row.resolvedAt).not.toBeNull();
    expect(new Date(row.closedAt).getTime()).toBe(clock.now().getTime());
    // No deadline runs any more; what is left is the invitation to rate, 3 days after resolution.
    expect(new Date(row.nextActionAt).getTime()).toBe(
      new Date(row.resolvedAt).getTime() + 3 * 86_400_000
    );
    const log = await events(report.referenceCode);
    expect(
      log
        .filter((e: { type: string }) => e.type === 'status_changed')
        .map((e: { fromStatus: string; toStatus: string }) => `${e.fromStatus}>${e.toStatus}`)
    ).toEqual([
      'received>triaged',
      'triaged>assigned',
      'assigned>in_progress',
      'in_progress>resolved',
      'resolved>closed',
    ]);
  });

  it('refuses an illegal transition, names both statuses, and changes nothing', async () => {
    const report = await createReport(strapi, { topic: topic.documentId });
    await expect(
      strapi
        .documents('api::report.report')
        .update({ documentId: report.documentId, data: { state: 'closed' } as never })
    ).rejects.toThrow(/from status "received" to "closed"/);
    const row = await strapi.db.query('api::report.report').findOne({ where: { id: report.id } });
    expect(row.state).toBe('received');
    expect((await events(report.referenceCode)).length).toBe(1);
  });

  it('refuses lifecycle timestamps and the code set by hand', async () => {
    const report = await createReport(strapi, { topic: topic.documentId });
    const update = (data: Record<string, unknown>) =>
      strapi
        .documents('api::report.report')
        .update({ documentId: report.documentId, data: data as never });
    await expect(update({ resolvedAt: '2026-03-03T00:00:00Z' })).rejects.toThrow(
      /resolvedAt is set by status transitions/
    );
    await expect(update({ referenceCode: 'SEG-2026-000001' })).rejects.toThrow(/cannot be changed/);
  });

  it('suspending a complaint stops the clock and resuming restarts it later', async () => {
    const docs = strapi.documents('api::complaint.complaint');
    const rec = (await docs.create({
      data: {
        subject: 'Tari',
        description: 'Importo della TARI errato, chiedo verifica.',
      } as never,
    })) as unknown as { id: number; documentId: string; dueAt: string };
    await docs.update({ documentId: rec.documentId, data: { state: 'assigned' } as never });
    await docs.update({ documentId: rec.documentId, data: { state: 'suspended' } as never });
    let row = await strapi.db.query('api::complaint.complaint').findOne({ where: { id: rec.id } });
    expect(row.dueAt).toBeNull();
    expect(row.nextActionAt).toBeNull();
    clock.advance(10 * 86_400_000);
    await docs.update({ documentId: rec.documentId, data: { state: 'assigned' } as never });
    row = await strapi.db.query('api::complaint.complaint').findOne({ where: { id: rec.id } });
    expect(row.suspensions).toHaveLength(1);
    expect(new Date(row.dueAt).getTime()).toBeGreaterThan(
      new Date(rec.dueAt).getTime() + 9 * 86_400_000
    );
  });

  it('keeps the timeline append-only', async () => {
    const report = await createReport(strapi, { topic: topic.documentId });
    const [event] = await events(report.referenceCode);
    await expect(
      strapi
        .documents('api::case-event.case-event')
        .update({ documentId: event.documentId, data: { text: 'x' } as never })
    ).rejects.toThrow(/append-only/);
    await expect(
      strapi.documents('api::case-event.case-event').delete({ documentId: event.documentId })
    ).rejects.toThrow(/append-only/);
  });
});

describe('status transitions over HTTP', () => {
  it('the content API answers 400 naming the statuses, and accepts a legal step', async () => {
    const token = await fullAccessToken(strapi);
    const report = await createReport(strapi, { topic: topic.documentId });
    const bad = await request(strapi.server.httpServer)
      .put(`/api/reports/${report.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { state: 'in_progress' } })
      .expect(400);
    expect(bad.body.error.message).toMatch(/"received".*"in_progress"/);
    expect(bad.body.error.details.errors[0].path).toEqual(['state']);
    await request(strapi.server.httpServer)
      .put(`/api/reports/${report.documentId}`)
      .set('Authorization', `Bearer ${token}`)
      .send({ data: { state: 'triaged' } })
      .expect(200);
    const log = await events(report.referenceCode);
    expect(log.at(-1)).toMatchObject({
      type: 'status_changed',
      fromStatus: 'received',
      toStatus: 'triaged',
      actorType: 'system',
    });
  });

  it('the admin content manager cannot set an illegal status either, and logs the staff member', async () => {
    const jwt = await adminJwt(strapi);
    const report = await createReport(strapi, { topic: topic.documentId });
    const url = `/content-manager/collection-types/api::report.report/${report.documentId}`;
    const bad = await request(strapi.server.httpServer)
      .put(url)
      .set('Authorization', `Bearer ${jwt}`)
      .send({ state: 'closed' })
      .expect(400);
    expect(bad.body.error.message).toMatch(/"received".*"closed"/);
    await request(strapi.server.httpServer)
      .put(url)
      .set('Authorization', `Bearer ${jwt}`)
      .send({ state: 'rejected' })
      .expect(200);
    const log = await events(report.referenceCode);
    expect(log.at(-1)).toMatchObject({
      toStatus: 'rejected',
      actorType: 'staff',
      actorName: 'Giulia Operatrice',
    });
    const row = await strapi.db.query('api::report.report').findOne({ where: { id: report.id } });
    expect(row.closedAt).not.toBeNull();
  });
});
