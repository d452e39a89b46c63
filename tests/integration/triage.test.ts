/**
 * The triage engine end to end: duplicate grouping on intake (and under concurrency), recurrences,
 * "me too" support, staff merges and splits, qualification and reputation, the priority refresh
 * and the emergency re-alerts, with time moved by hand.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { EMERGENCY_FLOOR } from '../../src/domain/priority';
import { appActor, appClock } from '../helpers/app';
import {
  adminJwt,
  createCitizen,
  createOffice,
  createTopic,
  nextSpot,
  unique,
} from '../helpers/fixtures';
import { newEmail, reportBody } from '../helpers/intake';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const appTriage = require('../../dist/src/jobs/triage') as typeof import('../../src/jobs/triage');
const appMerge =
  require('../../dist/src/lib/triage/merge') as typeof import('../../src/lib/triage/merge');
/* eslint-enable @typescript-eslint/no-require-imports */

const REPORT = 'api::report.report';
const DAY = 86_400_000;
const clock = fixedClock('2026-03-02T08:00:00Z'); // a Monday
const staff = { type: 'staff' as const, id: '7', name: 'Giulia Operatrice' };

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let office: { id: number; documentId: string };
let topic: { documentId: string; code: string };

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId);
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

/** A point `north` and `east` metres from `p`. */
function near(p: { latitude: number; longitude: number }, north: number, east = 0) {
  return {
    latitude: p.latitude + north / 111_195,
    longitude: p.longitude + east / (111_195 * Math.cos((p.latitude * Math.PI) / 180)),
  };
}

async function stored(code: string) {
  return strapi.db.query(REPORT).findOne({
    where: { referenceCode: code },
    populate: {
      duplicateOf: { select: ['referenceCode'] },
      followers: { select: ['id', 'email'] },
      citizen: { select: ['id', 'email', 'reputation'] },
      recurrenceOf: { select: ['referenceCode'] },
    },
  });
}

async function file(body: Record<string, unknown>) {
  const res = await http.post('/api/reports').send(body);
  expect(res.status).toBe(201);
  return res.body.data as {
    code: string;
    state: string;
    dueAt: string;
    duplicateOf?: { code: string; message: string };
  };
}

async function events(code: string) {
  return strapi.db.query('api::case-event.case-event').findMany({
    where: { caseCode: code },
    orderBy: [{ id: 'asc' }],
  });
}

async function staffUpdate(code: string, data: Record<string, unknown>) {
  const found = await strapi.db.query(REPORT).findOne({ where: { referenceCode: code } });
  return appActor.runAs(staff, () =>
    strapi.documents(REPORT).update({ documentId: found.documentId, data: data as never })
  );
}

describe('duplicates on intake', () => {
  it('groups a report within the radius into the oldest open one, and says so', async () => {
    const spot = nextSpot();
    const first = await file(reportBody(topic.code, { ...spot, declaredUrgency: 3 }));
    const before = await stored(first.code);
    const email = newEmail('secondo');
    clock.advance(60_000);
    const second = await file(
      reportBody(topic.code, { ...near(spot, 30), contact: { email }, locale: 'en' })
    );

    expect(second.state).toBe('duplicate');
    expect(second.duplicateOf?.code).toBe(first.code);
    expect(new Date(second.dueAt)).toEqual(new Date(before.dueAt));
    expect(second.duplicateOf?.message).toContain(first.code);
    expect(second.duplicateOf?.message).toMatch(/already been reported/);

    const master = await stored(first.code);
    expect(master.state).toBe('received');
    expect(master.duplicateCount).toBe(1);
    expect(master.priority).toBeGreaterThan(before.priority);
    expect(master.followers.map((f: { email: string }) => f.email)).toEqual([email]);
    const dup = await stored(second.code);
    expect(dup.duplicateOf.referenceCode).toBe(first.code);
    expect(dup.closedAt).toBeTruthy();

    // Both timelines say it; the acknowledgement names the master.
    const dupEvents = await events(second.code);
    expect(dupEvents.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'status_changed',
      'merged',
    ]);
    expect((await events(first.code)).some((e: { type: string }) => e.type === 'merged')).toBe(
      true
    );
    const [ack] = await strapi.db
      .query('api::notification.notification')
      .findMany({ where: { caseCode: second.code, template: 'case_received' } });
    expect(ack.payload.masterCode).toBe(first.code);

    // The public pages: the duplicate points at its master, the master counts its citizens.
    const dupPage = await http.get(`/api/track/${second.code}`).expect(200);
    expect(dupPage.body.data).toMatchObject({ state: 'duplicate', duplicateOf: first.code });
    const masterPage = await http.get(`/api/track/${first.code}`).expect(200);
    expect(masterPage.body.data).toMatchObject({ reporters: 2, duplicateOf: null });
    expect(JSON.stringify(masterPage.body)).not.toContain(email);
  });

  it('leaves alone reports beyond the radius, of another topic, or older than the window', async () => {
    const spot = nextSpot();
    const first = await file(reportBody(topic.code, spot));
    const far = await file(reportBody(topic.code, near(spot, 60))); // topic radius: 50 m
    expect(far.state).toBe('received');

    const other = await createTopic(strapi, office.documentId);
    const elsewhere = await file(reportBody(other.code, near(spot, 5)));
    expect(elsewhere.state).toBe('received');

    clock.advance(31 * DAY); // the default window is 30 days
    const late = await file(reportBody(topic.code, near(spot, 5)));
    expect(late.state).toBe('received');
    expect((await stored(first.code)).duplicateCount).toBe(0);
  });

  it('joins the master, not a duplicate, when the newcomer is near both', async () => {
    const spot = nextSpot();
    const first = await file(reportBody(topic.code, spot));
    clock.advance(1000);
    const second = await file(reportBody(topic.code, near(spot, 40)));
    clock.advance(1000);
    const third = await file(reportBody(topic.code, near(spot, 45)));
    expect(second.duplicateOf?.code).toBe(first.code);
    expect(third.duplicateOf?.code).toBe(first.code);
    expect((await stored(first.code)).duplicateCount).toBe(2);
  });

  it('keeps the count right under 50 concurrent reports of the same pothole', async () => {
    const spot = nextSpot();
    const bodies = Array.from({ length: 50 }, (_, i) =>
      reportBody(topic.code, { ...near(spot, (i % 7) * 3, (i % 5) * 3) })
    );
    const answers = await Promise.all(
      bodies.map((b) => http.post('/api/reports').send(b).expect(201))
    );
    const codes = answers.map((r) => r.body.data.code as string);
    const rows = await strapi.db.query(REPORT).findMany({
      where: { referenceCode: { $in: codes } },
      populate: { duplicateOf: { select: ['referenceCode'] }, followers: { select: ['id'] } },
    });
    const masters = rows.filter((r: { state: string }) => r.state !== 'duplicate');
    expect(masters).toHaveLength(1);
    const master = masters[0];
    const duplicates = rows.filter((r: { state: string }) => r.state === 'duplicate');
    expect(duplicates).toHaveLength(49);
    expect(
      duplicates.every(
        (d: { duplicateOf: { referenceCode: string } }) =>
          d.duplicateOf.referenceCode === master.referenceCode
      )
    ).toBe(true);
    expect(master.duplicateCount).toBe(49);
    expect(master.followers).toHaveLength(49);
  });
});

describe('recurrences', () => {
  it('flags a report where one was fixed recently, against the team that fixed it', async () => {
    const spot = nextSpot();
    const team = await strapi.documents('api::team.team').create({
      data: {
        name: unique('Squadra'),
        slug: unique('squadra'),
        office: office.documentId,
        kind: 'contractor',
      } as never,
    });
    const first = await file(reportBody(topic.code, spot));
    for (const state of ['triaged', 'assigned', 'in_progress', 'resolved', 'closed']) {
      await staffUpdate(first.code, {
        state,
        ...(state === 'assigned' ? { team: team.documentId } : {}),
      });
    }
    clock.advance(10 * DAY);
    const again = await file(reportBody(topic.code, near(spot, 10)));
    expect(again.state).toBe('received');
    const row = await stored(again.code);
    expect(row.recurrenceOf.referenceCode).toBe(first.code);
    expect(row.recurrenceTeamKey).toBe(team.documentId);

    clock.advance(181 * DAY); // beyond the default 180 days
    const muchLater = await file(reportBody(topic.code, near(spot, 12)));
    expect((await stored(muchLater.code)).recurrenceOf).toBeNull();
  });
});

describe('support ("me too")', () => {
  it('adds a follower who counts as a reporter, once per address', async () => {
    const first = await file(reportBody(topic.code, nextSpot()));
    const before = await stored(first.code);
    const email = newEmail('sostenitore');
    const body = { contact: { email }, privacyConsent: true, locale: 'it' };
    const res = await http.post(`/api/reports/${first.code}/support`).send(body).expect(201);
    expect(res.body.data).toMatchObject({
      code: first.code,
      reporters: 2,
      alreadySupporting: false,
    });
    expect(res.body.data.message).toContain(first.code);
    const again = await http
      .post(`/api/reports/${first.code.toLowerCase()}/support`)
      .send({ ...body, contact: { email: email.toUpperCase() } })
      .expect(200);
    expect(again.body.data).toMatchObject({ reporters: 2, alreadySupporting: true });

    const after = await stored(first.code);
    expect(after.supporterCount).toBe(1);
    expect(after.followers.map((f: { email: string }) => f.email)).toEqual([email]);
    expect(after.priority).toBeGreaterThan(before.priority);
    const supported = (await events(first.code)).filter(
      (e: { type: string }) => e.type === 'supported'
    );
    expect(supported).toHaveLength(1);
    expect(JSON.stringify(supported)).not.toContain(email);
  });

  it('supports the master when given a duplicate’s code', async () => {
    const spot = nextSpot();
    const first = await file(reportBody(topic.code, spot));
    const dup = await file(reportBody(topic.code, near(spot, 10)));
    const res = await http
      .post(`/api/reports/${dup.code}/support`)
      .send({ contact: { email: newEmail() }, privacyConsent: true })
      .expect(201);
    expect(res.body.data.code).toBe(first.code);
    expect(res.body.data.reporters).toBe(3);
  });

  it('refuses bad input, unknown codes and closed cases, storing nothing', async () => {
    const first = await file(reportBody(topic.code, nextSpot()));
    const noConsent = await http
      .post(`/api/reports/${first.code}/support`)
      .send({ contact: { email: newEmail() } })
      .expect(400);
    expect(noConsent.body.error.details.errors[0].path).toEqual(['privacyConsent']);
    const extra = await http
      .post(`/api/reports/${first.code}/support`)
      .send({ contact: { email: newEmail() }, privacyConsent: true, priority: 9 })
      .expect(400);
    expect(extra.body.error.details.errors[0].path).toEqual(['priority']);
    await http
      .post('/api/reports/SEG-1999-999999/support')
      .send({ contact: { email: newEmail() }, privacyConsent: true })
      .expect(404);
    await staffUpdate(first.code, { state: 'rejected' });
    const closed = await http
      .post(`/api/reports/${first.code}/support`)
      .send({ contact: { email: newEmail() }, privacyConsent: true })
      .expect(409);
    expect(closed.body.error.message).toMatch(/no longer open/);
    expect((await stored(first.code)).supporterCount).toBe(0);
  });
});

describe('staff merges and splits', () => {
  it('merges a master into another, moving its followers and duplicates, and splits it back', async () => {
    const a = nextSpot();
    const b = nextSpot();
    const masterA = await file(reportBody(topic.code, a));
    const dupA = await file(reportBody(topic.code, near(a, 10)));
    const masterB = await file(reportBody(topic.code, b));
    await staffUpdate(masterA.code, { state: 'triaged' });

    const merged = await appActor.runAs(staff, () =>
      appMerge.mergeReports(strapi, {
        sourceCode: masterA.code,
        targetCode: masterB.code,
        reason: 'Stessa buca vista da due incroci',
      })
    );
    expect(merged).toEqual({ source: masterA.code, target: masterB.code, duplicateCount: 2 });
    const b1 = await stored(masterB.code);
    expect(b1.duplicateCount).toBe(2);
    expect(b1.followers).toHaveLength(2); // the authors of A and of A's duplicate
    expect((await stored(dupA.code)).duplicateOf.referenceCode).toBe(masterB.code);
    const a1 = await stored(masterA.code);
    expect(a1.state).toBe('duplicate');
    expect(a1.duplicateCount).toBe(0);
    const note = (await events(masterA.code)).find(
      (e: { type: string }) => e.type === 'internal_note'
    );
    expect(note.text).toBe('Stessa buca vista da due incroci');

    const split = await appActor.runAs(staff, () =>
      appMerge.splitReport(strapi, { code: masterA.code, reason: 'Erano due buche diverse' })
    );
    expect(split).toEqual({ code: masterA.code, state: 'triaged', formerMaster: masterB.code });
    const a2 = await stored(masterA.code);
    expect(a2.state).toBe('triaged');
    expect(a2.duplicateOf).toBeNull();
    expect(a2.closedAt).toBeNull();
    expect(a2.duplicateCount).toBe(1);
    expect(a2.dueAt).toBeTruthy();
    expect((await stored(dupA.code)).duplicateOf.referenceCode).toBe(masterA.code);
    const b2 = await stored(masterB.code);
    expect(b2.duplicateCount).toBe(0);
    expect(b2.followers).toHaveLength(0);
    const splitEvents = (await events(masterA.code)).filter(
      (e: { type: string }) => e.type === 'split'
    );
    expect(splitEvents).toHaveLength(1);
    expect(splitEvents[0].visibility).toBe('public');
    expect(JSON.stringify(splitEvents)).not.toContain('due buche');
  });

  it('merges a report a crew already had, and a split gives it back to the crew', async () => {
    const team = await strapi.documents('api::team.team').create({
      data: {
        name: unique('Squadra'),
        slug: unique('squadra'),
        office: office.documentId,
      } as never,
    });
    const onSite = await file(reportBody(topic.code, nextSpot()));
    const master = await file(reportBody(topic.code, nextSpot()));
    await staffUpdate(onSite.code, { state: 'triaged' });
    await staffUpdate(onSite.code, { state: 'assigned', team: team.documentId });
    await staffUpdate(onSite.code, { state: 'in_progress' });
    await appActor.runAs(staff, () =>
      appMerge.mergeReports(strapi, { sourceCode: onSite.code, targetCode: master.code })
    );
    expect((await stored(onSite.code)).state).toBe('duplicate');
    expect((await stored(master.code)).duplicateCount).toBe(1);
    const split = await appActor.runAs(staff, () =>
      appMerge.splitReport(strapi, { code: onSite.code })
    );
    expect(split.state).toBe('in_progress');
    const back = await stored(onSite.code);
    expect(back.teamKey).toBe(team.documentId);
    expect(back.dueAt).toBeTruthy();
  });

  it('refuses merges the lifecycle or the cluster rules forbid, naming the field', async () => {
    const x = await file(reportBody(topic.code, nextSpot()));
    const y = await file(reportBody(topic.code, nextSpot()));
    await expect(staffUpdate(x.code, { state: 'duplicate' })).rejects.toMatchObject({
      details: { errors: [{ path: ['duplicateOf'] }] },
    });
    await expect(
      staffUpdate(x.code, { state: 'duplicate', duplicateOf: (await stored(x.code)).documentId })
    ).rejects.toMatchObject({ message: expect.stringMatching(/itself/) });
    await staffUpdate(y.code, { state: 'rejected' });
    await expect(
      appMerge.mergeReports(strapi, { sourceCode: x.code, targetCode: y.code })
    ).rejects.toMatchObject({ message: expect.stringMatching(/only an open report/) });
    await expect(
      staffUpdate(x.code, { duplicateOf: (await stored(y.code)).documentId })
    ).rejects.toMatchObject({ details: { errors: [{ path: ['duplicateOf'] }] } });
    expect((await stored(x.code)).state).toBe('received');
    await expect(appMerge.splitReport(strapi, { code: x.code })).rejects.toMatchObject({
      message: expect.stringMatching(/not merged/),
    });
  });
});

describe('qualification and reputation', () => {
  it('records the qualification, counts fakes against the reporter, and flags after enough', async () => {
    const citizen = await createCitizen(strapi);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await file(
        reportBody(topic.code, { ...nextSpot(), contact: { email: citizen.email } })
      );
      codes.push(r.code);
    }
    const open = await file(
      reportBody(topic.code, { ...nextSpot(), contact: { email: citizen.email } })
    );
    const openBefore = await stored(open.code);
    for (const code of codes) {
      await staffUpdate(code, {
        state: 'rejected',
        qualification: 'fake',
        assessedUrgency: 1,
        qualificationNote: 'Nessun problema sul posto',
      });
    }
    const row = await strapi.db
      .query('api::citizen.citizen')
      .findOne({ where: { id: citizen.id } });
    expect(row.reportsFake).toBe(5);
    expect(row.reportsTotal).toBe(5);
    expect(row.reputation).toBeCloseTo(2.5 / 15, 3);
    expect(row.moderationFlag).toBe(true);
    expect(row.blocked).toBe(false); // flagged for a person, never blocked by the machine
    const qualified = (await events(codes[0])).find(
      (e: { type: string }) => e.type === 'qualified'
    );
    expect(qualified).toMatchObject({
      visibility: 'internal',
      text: 'Nessun problema sul posto',
      data: { accuracy: 'fake', assessedUrgency: 1 },
    });
    // Reliability is a bounded factor of the citizen's other open reports' priority.
    const openAfter = await stored(open.code);
    expect(openAfter.priority).toBeLessThan(openBefore.priority);
    expect(openAfter.priority).toBeGreaterThanOrEqual(Math.floor(openBefore.priority * 0.8));
  });

  it('never pushes a distrusted reporter’s emergency below an ordinary report', async () => {
    const citizen = await createCitizen(strapi, { reputation: 0 });
    const emergency = await file(
      reportBody(topic.code, {
        ...nextSpot(),
        emergency: true,
        declaredUrgency: 1,
        contact: { email: citizen.email },
      })
    );
    expect((await stored(emergency.code)).priority).toBeGreaterThanOrEqual(EMERGENCY_FLOOR);
  });
});

describe('the triage job', () => {
  it('re-scores only the reports whose service-level step came, once', async () => {
    const r = await file(reportBody(topic.code, nextSpot()));
    const start = await stored(r.code);
    expect(start.priorityReviewAt).toBeTruthy();
    await appTriage.runTriageJob(strapi, clock.now());
    expect((await stored(r.code)).priority).toBe(start.priority);

    clock.set(new Date(new Date(start.priorityReviewAt).getTime() + 1));
    const run = await appTriage.runTriageJob(strapi, clock.now());
    expect(run.rescored).toBeGreaterThanOrEqual(1);
    const later = await stored(r.code);
    expect(later.priority).toBeGreaterThan(start.priority);
    expect(new Date(later.priorityReviewAt).getTime()).toBeGreaterThan(clock.now().getTime());
    const again = await appTriage.runTriageJob(strapi, clock.now());
    expect(again.rescored).toBe(0);
  });

  it('re-alerts untaken emergencies once per step, catching up without repeating', async () => {
    const r = await file(reportBody(topic.code, { ...nextSpot(), emergency: true }));
    const alerts = () =>
      strapi.db.query('api::notification.notification').findMany({
        where: { caseCode: r.code, template: 'emergency_alert' },
      });
    const initial = (await alerts()).length;
    expect(initial).toBeGreaterThan(0);

    clock.advance(29 * 60_000);
    await appTriage.realertEmergencies(strapi, clock.now());
    expect(await alerts()).toHaveLength(initial);

    clock.advance(2 * 60_000); // 31 minutes: step 1
    expect(await appTriage.realertEmergencies(strapi, clock.now())).toBeGreaterThanOrEqual(1);
    await appTriage.realertEmergencies(strapi, clock.now());
    const afterOne = await alerts();
    expect(afterOne.length).toBeGreaterThan(initial);
    expect(afterOne.some((n: { dedupeKey: string }) => n.dedupeKey.includes(':realert:1:'))).toBe(
      true
    );

    clock.advance(3 * 60 * 60_000); // down for hours: one alert for the current step, no backlog
    await appTriage.realertEmergencies(strapi, clock.now());
    const keys = (await alerts()).map((n: { dedupeKey: string }) => n.dedupeKey);
    expect(keys.some((k: string) => k.includes(':realert:3:'))).toBe(true);
    expect(keys.some((k: string) => k.includes(':realert:2:'))).toBe(false);
    const escalations = (await events(r.code)).filter(
      (e: { type: string }) => e.type === 'escalated'
    );
    expect(escalations).toHaveLength(2);

    // Two runners firing at once (two instances): the step is claimed once.
    const twice = await file(reportBody(topic.code, { ...nextSpot(), emergency: true }));
    clock.advance(31 * 60_000);
    await Promise.all([
      appTriage.realertEmergencies(strapi, clock.now()),
      appTriage.realertEmergencies(strapi, clock.now()),
    ]);
    const twiceEscalated = (await events(twice.code)).filter(
      (e: { type: string }) => e.type === 'escalated'
    );
    expect(twiceEscalated).toHaveLength(1);
    const twiceAlerts = await strapi.db.query('api::notification.notification').findMany({
      where: { caseCode: twice.code, template: 'emergency_alert' },
    });
    const keys2 = twiceAlerts.map((n: { dedupeKey: string }) => n.dedupeKey);
    expect(keys2.some((k: string) => k.includes(':realert:1:'))).toBe(true);
    expect(keys2.some((k: string) => k.includes(':realert:2:'))).toBe(false);

    // Taken in charge: no more re-alerts.
    const taken = await file(reportBody(topic.code, { ...nextSpot(), emergency: true }));
    await staffUpdate(taken.code, { state: 'triaged' });
    clock.advance(60 * 60_000);
    await appTriage.realertEmergencies(strapi, clock.now());
    const takenAlerts = await strapi.db.query('api::notification.notification').findMany({
      where: { caseCode: taken.code, template: 'emergency_alert' },
    });
    expect(takenAlerts.every((n: { dedupeKey: string }) => !n.dedupeKey.includes('realert'))).toBe(
      true
    );
  });
});

describe('emergencies in the console queue', () => {
  it('are pinned above the first page whatever the sort, and not repeated after it', async () => {
    const own = await createOffice(strapi);
    const ownTopic = await createTopic(strapi, own.documentId);
    const ordinary: string[] = [];
    for (let i = 0; i < 3; i++) {
      ordinary.push((await file(reportBody(ownTopic.code, nextSpot()))).code);
      clock.advance(60_000);
    }
    const emergency = (await file(reportBody(ownTopic.code, { ...nextSpot(), emergency: true })))
      .code;
    const jwt = await adminJwt(strapi);
    const page = (query: string) =>
      http
        .get(`/urp-console/queue?office=${own.documentId}&${query}`)
        .set('Authorization', `Bearer ${jwt}`)
        .expect(200);

    const first = await page('sort=receivedAt&pageSize=2');
    const codes = first.body.data.map((r: { code: string }) => r.code);
    expect(codes).toEqual([emergency, ordinary[0], ordinary[1]]);
    expect(first.body.data[0].pinned).toBe(true);
    expect(first.body.meta.pinned).toBe(1);
    const second = await page(`sort=receivedAt&pageSize=2&cursor=${first.body.meta.nextCursor}`);
    expect(second.body.data.map((r: { code: string }) => r.code)).toEqual([ordinary[2]]);

    const byPriority = await page('pageSize=10');
    expect(byPriority.body.data[0].code).toBe(emergency);
    expect(byPriority.body.meta.pinned).toBe(0);
  });
});

describe('assignment notices', () => {
  it('emails the new office, team and technician, once each', async () => {
    const other = await createOffice(strapi);
    const team = await strapi.documents('api::team.team').create({
      data: {
        name: unique('Squadra'),
        slug: unique('squadra'),
        office: other.documentId,
        email: `${unique('squadra')}@comune.example`,
      } as never,
    });
    const r = await file(reportBody(topic.code, nextSpot()));
    await staffUpdate(r.code, { office: other.documentId });
    await staffUpdate(r.code, { state: 'triaged' });
    await staffUpdate(r.code, { state: 'assigned', team: team.documentId });
    const notices = await strapi.db.query('api::notification.notification').findMany({
      where: { caseCode: r.code, template: 'assignee_notice' },
    });
    const recipients = notices.map((n: { recipient: string }) => n.recipient).sort();
    const officeRow = await strapi.db
      .query('api::office.office')
      .findOne({ where: { id: other.id } });
    expect(recipients).toEqual(
      [officeRow.email, (team as unknown as { email: string }).email].sort()
    );
  });
});
