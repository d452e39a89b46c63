/**
 * The URP console's queue (issue 4, "Routing and assignment"): admin sign-in, staff roles and
 * scopes, every filter, sorting with keyset pagination walked to the end, counts, the case drawer.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import {
  adminJwt,
  createCitizen,
  createOffice,
  createReport,
  createTopic,
  unique,
} from '../helpers/fixtures';
import { createStaffUser, createTeam, setCaseFields, type StaffUser } from '../helpers/staff';
import { isPostgres, startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const appQueue =
  require('../../dist/src/plugins/urp-console/server/src/queue') as typeof import('../../src/plugins/urp-console/server/src/queue');
const appStaffRoles =
  require('../../dist/src/lib/staff-roles') as typeof import('../../src/lib/staff-roles');
/* eslint-enable @typescript-eslint/no-require-imports */

const REPORT = 'api::report.report';
const START = '2026-03-02T08:00:00Z'; // a Monday; topics give 15 days, emergencies 24 hours
const clock = fixedClock(START);

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let superJwt: string;
const users: Record<string, StaffUser> = {};
const office: Record<string, { documentId: string }> = {};
const topic: Record<string, { documentId: string }> = {};
let teamA: { documentId: string };
const token = unique('Lampione').toLowerCase();
type Case = { id: number; documentId: string; referenceCode: string };
const r: Record<string, Case> = {};

const priorities = new Map<number, number>();

async function report(topicKey: string, priority: number, extra: Record<string, unknown> = {}) {
  const created = await createReport(strapi, { topic: topic[topicKey].documentId, ...extra });
  priorities.set(created.id, priority);
  return created;
}

function get(path: string, jwt: string, query: Record<string, string | number> = {}) {
  return http.get(`/urp-console${path}`).set('Authorization', `Bearer ${jwt}`).query(query);
}

const codes = (res: request.Response) =>
  (res.body.data as { code: string }[]).map((row) => row.code).sort();
const sorted = (...cases: Case[]) => cases.map((c) => c.referenceCode).sort();

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  for (const name of ['A', 'B', 'C', 'D']) {
    office[name] = await createOffice(strapi);
    topic[name] = await createTopic(strapi, office[name].documentId);
  }
  superJwt = await adminJwt(strapi);
  users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
  users.coordinatorA = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.A.documentId],
  });
  users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  users.control = await createStaffUser(strapi, { roles: ['bc-control-body'] });
  users.editor = await createStaffUser(strapi, { roles: ['bc-editor'] });
  users.strapiEditor = await createStaffUser(strapi, { roles: ['strapi-editor'] });
  users.coordinatorBTechnician = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator', 'bc-technician'],
    offices: [office.B.documentId],
  });
  teamA = await createTeam(strapi, office.A.documentId, {
    members: [{ id: users.technician.id }, { id: users.coordinatorBTechnician.id }],
  });

  const citizen = await createCitizen(strapi, { name: 'Anna Verdi', phone: '+39 050 123456' });
  r.a1 = await report('A', 7000, {
    description: `Il ${token.toUpperCase()} di via Roma non si accende`,
    citizen: citizen.documentId,
  });
  r.a2 = await report('A', 2000, { latitude: 43.72, longitude: 10.4 });
  r.a3 = await report('A', 55000, { emergency: true, latitude: 43.725, longitude: 10.41 });
  r.a4 = await report('A', 3000, { latitude: 43.73, longitude: 10.42 });
  r.b1 = await report('B', 4000, { latitude: 43.7, longitude: 10.39 });
  r.b2 = await report('B', 100, { latitude: 43.705, longitude: 10.38 });
  await strapi
    .documents(REPORT)
    .update({ documentId: r.a2.documentId, data: { team: teamA.documentId } as never });
  await strapi.documents(REPORT).update({
    documentId: r.b1.documentId,
    data: { assignee: { id: users.technician.id } } as never,
  });
  for (const state of ['triaged', 'rejected']) {
    await strapi.documents(REPORT).update({
      documentId: r.a4.documentId,
      data: { state, qualification: 'inaccurate' } as never,
    });
  }
  // Scores last: the triage engine may rescore a report at any write through the gate.
  for (const [id, priority] of priorities) await setCaseFields(strapi, REPORT, id, { priority });
});

afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

describe('who may use the console', () => {
  it('refuses a request without an admin session (401)', async () => {
    await http.get('/urp-console/queue').expect(401);
    await http.get('/urp-console/queue').set('Authorization', 'Bearer not-a-token').expect(401);
  });

  it.each(['editor', 'strapiEditor'])('refuses the %s on every endpoint (403)', async (who) => {
    const jwt = users[who].jwt;
    for (const path of ['/queue', '/queue/counts', `/cases/${r.a1.referenceCode}`, '/reporters']) {
      await get(path, jwt).expect(403);
    }
    await http
      .post(`/urp-console/cases/${r.a1.referenceCode}/notes`)
      .set('Authorization', `Bearer ${jwt}`)
      .send({ text: 'Nota' })
      .expect(403);
  });

  it('creates the staff roles once, whatever the number of starts', async () => {
    const count = async () => ({
      roles: await strapi.db
        .query('admin::role')
        .count({ where: { code: { $startsWith: 'bc-' } } }),
      permissions: await strapi.db.query('admin::permission').count(),
    });
    const before = await count();
    expect(before.roles).toBe(5);
    await appStaffRoles.ensureStaffRoles(strapi);
    expect(await count()).toEqual(before);
    const editor = await strapi.db.query('admin::role').findOne({
      where: { code: 'bc-editor' },
      populate: { permissions: true },
    });
    const actions = editor.permissions.map(
      (p: { action: string; subject: string }) => `${p.action.split('.').pop()} ${p.subject}`
    );
    expect(actions).toEqual(
      expect.arrayContaining(['read api::service.service', 'publish api::office.office'])
    );
    expect(actions.some((a: string) => a.includes('api::report.report'))).toBe(false);
  });
  it('gives the content manager case lists to case roles only (scoped: cm-scope.test.ts)', async () => {
    const list = (uid: string, who: StaffUser) =>
      http
        .get(`/content-manager/collection-types/${uid}`)
        .set('Authorization', `Bearer ${who.jwt}`)
        .query({ locale: 'en' });
    await list('api::office.office', users.editor).expect(200);
    await list('api::report.report', users.editor).expect(403);
    await list('api::report.report', users.control).expect(200);
    await list('api::report.report', users.coordinatorA).expect(200);
    await list('api::report.report', users.technician).expect(200);
  });
});

describe('scope', () => {
  it('operators and the control body see every office', async () => {
    for (const jwt of [users.operator.jwt, users.control.jwt, superJwt]) {
      const a = await get('/queue', jwt, { office: office.A.documentId }).expect(200);
      expect(codes(a)).toEqual(sorted(r.a1, r.a2, r.a3));
      const b = await get('/queue', jwt, { office: office.B.documentId }).expect(200);
      expect(codes(b)).toEqual(sorted(r.b1, r.b2));
    }
  });

  it("a coordinator sees their own office's cases only", async () => {
    const all = await get('/queue', users.coordinatorA.jwt, { pageSize: 100 }).expect(200);
    expect(codes(all)).toEqual(sorted(r.a1, r.a2, r.a3));
    const other = await get('/queue', users.coordinatorA.jwt, { office: office.B.documentId });
    expect(other.body.data).toEqual([]);
  });

  it("a technician sees their team's cases and those assigned to them", async () => {
    const res = await get('/queue', users.technician.jwt, { pageSize: 100 }).expect(200);
    expect(codes(res)).toEqual(sorted(r.a2, r.b1));
    const row = res.body.data.find((x: { code: string }) => x.code === r.b1.referenceCode);
    expect(row.assigneeId).toBe(users.technician.id);
  });

  it('several roles give the union of their scopes', async () => {
    const res = await get('/queue', users.coordinatorBTechnician.jwt, { pageSize: 100 });
    expect(codes(res)).toEqual(sorted(r.a2, r.b1, r.b2));
  });

  it('the case drawer of an out-of-scope case is a 404, as an unknown code', async () => {
    await get(`/cases/${r.b1.referenceCode}`, users.coordinatorA.jwt).expect(404);
    await get('/cases/SEG-2026-999999', users.operator.jwt).expect(404);
    await get('/cases/not-a-code', users.operator.jwt).expect(404);
  });
});

describe('filters', () => {
  const ids = async (query: Record<string, string | number>) =>
    codes(await get('/queue', users.operator.jwt, { pageSize: 100, ...query }).expect(200));
  let inA: { office: string };
  beforeAll(() => {
    inA = { office: office.A.documentId };
  });

  it('by team and topic', async () => {
    expect(await ids({ team: teamA.documentId })).toEqual(sorted(r.a2));
    expect(await ids({ topic: topic.B.documentId })).toEqual(sorted(r.b1, r.b2));
  });

  it('by status: the open ones by default, or those asked', async () => {
    expect(await ids({ ...inA, status: 'rejected' })).toEqual(sorted(r.a4));
    expect(await ids({ ...inA, status: 'received,rejected' })).toEqual(
      sorted(r.a1, r.a2, r.a3, r.a4)
    );
    expect(await ids({ ...inA, status: 'triaged' })).toEqual([]);
  });

  it('by priority band and emergency', async () => {
    expect(await ids({ ...inA, band: 'emergency' })).toEqual(sorted(r.a3));
    expect(await ids({ ...inA, band: 'high' })).toEqual(sorted(r.a1));
    expect(await ids({ ...inA, band: 'low' })).toEqual(sorted(r.a2));
    expect(await ids({ ...inA, band: 'medium' })).toEqual([]);
    expect(await ids({ ...inA, emergency: 'true' })).toEqual(sorted(r.a3));
  });

  it('by text: a code prefix, or words of the description in any case', async () => {
    expect(await ids({ q: r.a1.referenceCode.toLowerCase() })).toEqual(sorted(r.a1));
    expect(await ids({ ...inA, q: 'SEG-2026-' })).toEqual(sorted(r.a1, r.a2, r.a3));
    expect(await ids({ q: token })).toEqual(sorted(r.a1));
    expect(await ids({ ...inA, q: '%' })).toEqual([]);
  });

  it('overdue, by the injected clock', async () => {
    expect(await ids({ ...inA, overdue: 'true' })).toEqual([]);
    try {
      clock.set('2026-03-05T08:00:00Z'); // the emergency was due in 24 hours
      expect(await ids({ ...inA, overdue: 'true' })).toEqual(sorted(r.a3));
      clock.set('2026-03-20T08:00:00Z'); // the others in 15 days
      expect(await ids({ ...inA, overdue: 'true' })).toEqual(sorted(r.a1, r.a2, r.a3));
      const res = await get('/queue', users.operator.jwt, inA);
      expect(res.body.data.every((row: { overdue: boolean }) => row.overdue)).toBe(true);
    } finally {
      clock.set(START);
    }
  });

  it('the emergency comes first, with its band and the row fields', async () => {
    const res = await get('/queue', users.operator.jwt, inA).expect(200);
    expect(res.body.data.map((x: { code: string }) => x.code)).toEqual([
      r.a3.referenceCode,
      r.a1.referenceCode,
      r.a2.referenceCode,
    ]);
    const [first] = res.body.data;
    expect(first).toMatchObject({
      kind: 'report',
      state: 'received',
      priority: 55000,
      band: 'emergency',
      emergency: true,
      officeKey: office.A.documentId,
      topicKey: topic.A.documentId,
      overdue: false,
      latitude: 43.725,
      dueAt: '2026-03-03T08:00:00.000Z',
    });
    const a1 = res.body.data[1];
    expect(a1.excerpt).toContain(token.toUpperCase());
  });

  it('counts per status, overdue and emergencies within scope', async () => {
    const res = await get('/queue/counts', users.coordinatorA.jwt).expect(200);
    expect(res.body.data).toEqual({
      kind: 'report',
      statuses: { received: 3, triaged: 0, assigned: 0, in_progress: 0 },
      total: 3,
      overdue: 0,
      emergency: 1,
    });
  });

  it.each([
    [{ status: 'lost' }, 'status'],
    [{ band: 'urgent' }, 'band'],
    [{ pageSize: 500 }, 'pageSize'],
    [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    [{ kind: 'request', sort: 'priority' }, 'sort'],
    [{ kind: 'request', band: 'high' }, 'band'],
    [{ kind: 'petition' }, 'kind'],
    [{ overdue: 'yes' }, 'overdue'],
  ])('refuses %j naming %s (400)', async (query, field) => {
    const res = await get('/queue', users.operator.jwt, query).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });
});

describe('sorting and keyset pagination', () => {
  type Row = { code: string };
  async function walk(query: Record<string, string | number>, jwt = users.operator.jwt) {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: request.Response = await get('/queue', jwt, {
        ...query,
        ...(cursor ? { cursor } : {}),
      }).expect(200);
      expect(res.body.data.length).toBeLessThanOrEqual(Number(query.pageSize));
      seen.push(...res.body.data.map((row: Row) => row.code));
      cursor = res.body.meta.nextCursor;
      if (!cursor) return seen;
    }
    throw new Error('the queue never ended');
  }

  const at = (day: number, hour = 8) =>
    day ? new Date(Date.UTC(2026, 2, day, hour)).toISOString() : null;

  let reports: {
    code: string;
    id: number;
    priority: number;
    receivedAt: string;
    dueAt: string | null;
  }[];

  beforeAll(async () => {
    const priorities = [5000, 120, 5000, 70000, 0, 9000, 120, 120, 3100, 5000, 2999, 64000, 5000];
    const received = [3, 1, 2, 2, 1, 5, 4, 4, 1, 2, 3, 1, 5];
    const due = [20, 0, 18, 18, 25, 0, 19, 18, 30, 18, 0, 21, 22];
    reports = [];
    for (const [i, priority] of priorities.entries()) {
      const created = await createReport(strapi, {
        topic: topic.C.documentId,
        latitude: 43.7 + i * 0.001,
      });
      const receivedAt = at(received[i], 8 + (i % 3)) as string;
      const dueAt = at(due[i]);
      await setCaseFields(strapi, REPORT, created.id, { priority, receivedAt, dueAt });
      reports.push({ code: created.referenceCode, id: created.id, priority, receivedAt, dueAt });
    }
  });

  it('by priority (the default): highest first, ties by newest id; no duplicate, no gap', async () => {
    const expected = [...reports]
      .sort((a, b) => b.priority - a.priority || b.id - a.id)
      .map((x) => x.code);
    expect(await walk({ office: office.C.documentId, pageSize: 4 })).toEqual(expected);
  });

  it('by reception: oldest first', async () => {
    const expected = [...reports]
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id - b.id)
      .map((x) => x.code);
    const seen = await walk({ office: office.C.documentId, pageSize: 3, sort: 'receivedAt' });
    expect(seen).toEqual(expected);
  });

  it('by due date: soonest first, cases without one last', async () => {
    const key = (x: { dueAt: string | null }) => x.dueAt ?? '9999';
    const expected = [...reports]
      .sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id)
      .map((x) => x.code);
    const seen = await walk({ office: office.C.documentId, pageSize: 2, sort: 'dueAt' });
    expect(seen).toEqual(expected);
  });

  it('requests: soonest deadline first, then the oldest; suspended ones (no deadline) last', async () => {
    const due = [10, 0, 8, 8, 0, 12, 8];
    const received = [2, 1, 2, 1, 2, 1, 1];
    const requests = [];
    for (const [i, d] of due.entries()) {
      const created = (await strapi.documents('api::request.request').create({
        data: {
          subject: `Richiesta ${i}`,
          description: 'Vorrei sapere gli orari di apertura.',
          office: office.D.documentId,
        } as never,
      })) as unknown as Case;
      const receivedAt = at(received[i]) as string;
      await setCaseFields(strapi, 'api::request.request', created.id, {
        dueAt: at(d),
        receivedAt,
      });
      requests.push({ code: created.referenceCode, id: created.id, dueAt: at(d), receivedAt });
    }
    const key = (x: { dueAt: string | null }) => x.dueAt ?? '9999';
    const expected = requests
      .sort(
        (a, b) =>
          key(a).localeCompare(key(b)) || a.receivedAt.localeCompare(b.receivedAt) || a.id - b.id
      )
      .map((x) => x.code);
    const query = { kind: 'request', office: office.D.documentId, pageSize: 2 };
    expect(await walk(query)).toEqual(expected);
    const first = await get('/queue', users.operator.jwt, query).expect(200);
    expect(first.body.data[0]).toMatchObject({ kind: 'request', subject: expect.any(String) });
    expect(first.body.data[0].priority).toBeUndefined();
  });

  it('a cursor of one sort order is refused by another', async () => {
    const res = await get('/queue', users.operator.jwt, {
      office: office.C.documentId,
      pageSize: 2,
    });
    const cursor = res.body.meta.nextCursor as string;
    const other = await get('/queue', users.operator.jwt, {
      office: office.C.documentId,
      sort: 'dueAt',
      cursor,
    }).expect(400);
    expect(other.body.error.details.errors[0].path).toEqual(['cursor']);
  });

  it.each([
    ['first page', false],
    ['next page', true],
  ])("the office queue's %s is read in order from an open-case partial index", async (_, next) => {
    const query: Record<string, string> = { office: office.C.documentId, pageSize: '2' };
    if (next) {
      const res = await get('/queue', users.operator.jwt, query);
      query.cursor = res.body.meta.nextCursor;
    }
    const q = appQueue.parseQueueQuery(query);
    const { sql, bindings } = appQueue.queueQuery(strapi, q, { all: true }).toSQL();
    const db = strapi.db.connection;
    let plan: string;
    if (isPostgres(strapi)) {
      await db.raw('SET enable_seqscan = off');
      try {
        plan = JSON.stringify((await db.raw(`EXPLAIN ${sql}`, bindings)).rows);
      } finally {
        await db.raw('SET enable_seqscan = on');
      }
    } else {
      plan = JSON.stringify(await db.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings));
    }
    // Which open-case index the planner picks on a few rows is its own business; that it can
    // use one (the predicate matches) and needs no sort (the index gives the order) is ours.
    expect(plan).toMatch(/bc_reports_open_(office_)?priority/);
    expect(plan).not.toMatch(/TEMP B-TREE|Sort Key/);
  });
});

describe('the case drawer', () => {
  it('shows the timeline, the citizen contact and what can happen next', async () => {
    const res = await get(`/cases/${r.a1.referenceCode}`, users.coordinatorA.jwt).expect(200);
    const view = res.body.data;
    expect(view).toMatchObject({
      code: r.a1.referenceCode,
      kind: 'report',
      state: 'received',
      office: { documentId: office.A.documentId },
      citizen: { name: 'Anna Verdi', phone: '+39 050 123456' },
      allowedNextStatuses: ['triaged', 'rejected', 'duplicate'],
      duplicates: [],
      followers: 0,
      photos: [],
    });
    expect(view.citizen.email).toMatch(/@example\.org$/);
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(['created']);
    expect(view.can).toEqual([
      'read',
      'assign',
      'transition',
      'qualify',
      'merge',
      'note',
      'message',
      'moderate',
    ]);
  });

  it('shows internal events to staff', async () => {
    const res = await get(`/cases/${r.a2.referenceCode}`, users.technician.jwt).expect(200);
    const assigned = res.body.data.timeline.find((e: { type: string }) => e.type === 'assigned');
    expect(assigned).toMatchObject({ visibility: 'internal' });
    expect(assigned.data.team.to).toBe(teamA.documentId);
    expect(res.body.data.can).toEqual(['read', 'transition', 'qualify', 'note', 'message']);
  });
});
