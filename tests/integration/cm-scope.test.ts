/**
 * The content manager enforces the console's scopes (issue 6, "staff roles"): coordinators see
 * and work the cases of their offices, technicians those assigned to them or their teams,
 * through the RBAC conditions of src/lib/staff-conditions.ts; a case outside the scope cannot be
 * read, listed or changed by guessing its id, and the console answers the same.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { createOffice, createReport, createTopic, unique } from '../helpers/fixtures';
import { createStaffUser, createTeam, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import {
  ASSIGNED_TO_ME_OR_MY_TEAMS,
  IN_MY_OFFICES,
  STAFF_CONDITIONS,
} from '../../src/lib/staff-conditions';

/* eslint-disable @typescript-eslint/no-require-imports */
const appStaffRoles =
  require('../../dist/src/lib/staff-roles') as typeof import('../../src/lib/staff-roles');
/* eslint-enable @typescript-eslint/no-require-imports */

const REPORT = 'api::report.report';
const REQUEST = 'api::request.request';
const EVENT = 'api::case-event.case-event';
const CM = '/content-manager/collection-types';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};
const office: Record<string, { documentId: string }> = {};
const secret = unique('riservato');
type Case = { id: number; documentId: string; referenceCode: string };
const r: Record<string, Case> = {};

const auth = (who: StaffUser) => ({ Authorization: `Bearer ${who.jwt}` });

/** A list in the content manager, optionally narrowed to this suite's offices. */
function list(uid: string, who: StaffUser, offices?: string[]) {
  const query = new URLSearchParams({ page: '1', pageSize: '100' });
  offices?.forEach((id, i) => query.set(`filters[$and][0][office][documentId][$in][${i}]`, id));
  return http.get(`${CM}/${uid}?${query}`).set(auth(who));
}
const codes = (res: request.Response) =>
  (res.body.results as { referenceCode: string }[]).map((x) => x.referenceCode).sort();
const sorted = (...cases: Case[]) => cases.map((c) => c.referenceCode).sort();

async function stateOf(uid: string, documentId: string) {
  const row = await strapi.db.query(uid).findOne({
    where: { documentId },
    select: ['state', 'officeKey', 'description'],
  });
  return row as { state: string; officeKey: string; description: string };
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  const topic: Record<string, { documentId: string }> = {};
  for (const name of ['A', 'B']) {
    office[name] = await createOffice(strapi);
    topic[name] = await createTopic(strapi, office[name].documentId);
  }
  users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
  users.coordinatorA = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.A.documentId],
  });
  users.coordinatorNoOffice = await createStaffUser(strapi, { roles: ['bc-office-coordinator'] });
  users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  users.coordinatorBTechnician = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator', 'bc-technician'],
    offices: [office.B.documentId],
  });
  const team = await createTeam(strapi, office.A.documentId, {
    members: [{ id: users.technician.id }, { id: users.coordinatorBTechnician.id }],
  });

  const report = (name: string, extra: Record<string, unknown> = {}) =>
    createReport(strapi, { topic: topic[name].documentId, ...extra });
  r.a1 = await report('A');
  r.a2 = await report('A');
  r.b1 = await report('B');
  r.b2 = await report('B', { description: `Guasto in via Roma: ${secret}` });
  await strapi.documents(REPORT).update({
    documentId: r.a2.documentId,
    data: { team: team.documentId } as never,
  });
  for (const state of ['triaged', 'assigned']) {
    await strapi.documents(REPORT).update({
      documentId: r.b1.documentId,
      data: { state, assignee: { id: users.technician.id } } as never,
    });
  }
  for (const name of ['A', 'B']) {
    r[`request${name}`] = (await strapi.documents(REQUEST).create({
      data: {
        subject: `Informazioni ${name}`,
        description: 'Quali documenti servono?',
        topic: topic[name].documentId,
      } as never,
    })) as unknown as Case;
  }
});
afterAll(stopStrapi);

describe('the conditions', () => {
  it('are registered with the ids Strapi gives conditions without a plugin', () => {
    const { conditionProvider } = strapi.service('admin::permission') as {
      conditionProvider: { has(id: string): boolean };
    };
    expect(STAFF_CONDITIONS).toEqual([
      'api::bc-in-my-offices',
      'api::bc-assigned-to-me-or-my-teams',
    ]);
    for (const id of STAFF_CONDITIONS) expect(conditionProvider.has(id)).toBe(true);
  });

  it('hold on the coordinator and technician permissions, updates on the work fields only', async () => {
    const permissions = async (code: string) => {
      const role = await strapi.db.query('admin::role').findOne({
        where: { code },
        populate: { permissions: true },
      });
      return (
        role.permissions as {
          action: string;
          subject: string | null;
          conditions: string[];
          properties: { fields?: string[] };
        }[]
      ).filter((p) => p.subject);
    };
    for (const [code, condition] of [
      ['bc-office-coordinator', IN_MY_OFFICES],
      ['bc-technician', ASSIGNED_TO_ME_OR_MY_TEAMS],
    ]) {
      const held = await permissions(code);
      expect(held.map((p) => `${p.action.split('.').pop()} ${p.subject}`).sort()).toEqual([
        'read api::case-event.case-event',
        'read api::complaint.complaint',
        'read api::report.report',
        'read api::request.request',
        'update api::complaint.complaint',
        'update api::report.report',
        'update api::request.request',
      ]);
      for (const p of held) expect(p.conditions).toEqual([condition]);
      const update = held.find((p) => p.action.endsWith('update') && p.subject === REPORT);
      expect(update?.properties.fields).not.toContain('office');
      expect(update?.properties.fields).toContain('state');
    }
  });
});

describe('a coordinator', () => {
  it("lists their offices' cases only", async () => {
    const all = await list(REPORT, users.coordinatorA).expect(200);
    expect(codes(all)).toEqual(sorted(r.a1, r.a2));
    expect(all.body.pagination.total).toBe(2);
    const asked = await list(REPORT, users.coordinatorA, [
      office.A.documentId,
      office.B.documentId,
    ]).expect(200);
    expect(codes(asked)).toEqual(sorted(r.a1, r.a2));
    const requests = await list(REQUEST, users.coordinatorA).expect(200);
    expect(codes(requests)).toEqual(sorted(r.requestA));
  });

  it("cannot read another office's case by its id (403, nothing of it in the answer)", async () => {
    await http.get(`${CM}/${REPORT}/${r.a1.documentId}`).set(auth(users.coordinatorA)).expect(200);
    const res = await http
      .get(`${CM}/${REPORT}/${r.b2.documentId}`)
      .set(auth(users.coordinatorA))
      .expect(403);
    const body = JSON.stringify(res.body);
    expect(res.body.data).toBeNull();
    for (const leak of [r.b2.referenceCode, secret, office.B.documentId, r.b2.documentId]) {
      expect(body).not.toContain(leak);
    }
    // An unknown id is a 404: Strapi tells "not yours" from "not there" (ids are random).
    await http
      .get(`${CM}/${REPORT}/${'x'.repeat(24)}`)
      .set(auth(users.coordinatorA))
      .expect(404);
    await http
      .get(`${CM}/${REQUEST}/${r.requestB.documentId}`)
      .set(auth(users.coordinatorA))
      .expect(403);
  });

  it('gets nothing of an out-of-scope case from the bulk lookup either', async () => {
    const lookup = (who: StaffUser) =>
      http
        .post(`${CM}/${REPORT}/actions/bulkFindForValidation`)
        .set(auth(who))
        .send({ documentIds: [r.a1.documentId, r.b2.documentId] })
        .expect(200);
    const mine = await lookup(users.coordinatorA);
    expect(mine.body.results.map((x: Case) => x.documentId)).toEqual([r.a1.documentId]);
    expect(JSON.stringify(mine.body)).not.toContain(secret);
    const none = await http
      .post(`${CM}/${REPORT}/actions/bulkFindForValidation`)
      .set(auth(users.coordinatorA))
      .send({ documentIds: [r.b2.documentId] })
      .expect(200);
    expect(none.body.results).toEqual([]);
    const operator = await lookup(users.operator);
    expect(operator.body.results.map((x: Case) => x.documentId).sort()).toEqual(
      [r.a1.documentId, r.b2.documentId].sort()
    );
  });

  it("the console answers the same: another office's case is a 404", async () => {
    const console = (code: string) =>
      http.get(`/urp-console/cases/${code}`).set(auth(users.coordinatorA));
    await console(r.a1.referenceCode).expect(200);
    await console(r.b2.referenceCode).expect(404);
  });

  it("cannot change another office's case (403, unchanged)", async () => {
    const before = await stateOf(REPORT, r.b2.documentId);
    await http
      .put(`${CM}/${REPORT}/${r.b2.documentId}`)
      .set(auth(users.coordinatorA))
      .send({ state: 'triaged' })
      .expect(403);
    expect(await stateOf(REPORT, r.b2.documentId)).toEqual(before);
  });

  it('changes the status of their own case through the write gate, and nothing else', async () => {
    const before = await stateOf(REPORT, r.a1.documentId);
    const res = await http
      .put(`${CM}/${REPORT}/${r.a1.documentId}`)
      .set(auth(users.coordinatorA))
      .send({
        state: 'triaged',
        description: 'Riscritta dal coordinatore',
        office: { connect: [{ documentId: office.B.documentId, locale: 'it' }] },
      })
      .expect(200);
    expect(res.body.data.state).toBe('triaged');
    const after = await stateOf(REPORT, r.a1.documentId);
    expect(after).toEqual({ ...before, state: 'triaged' });
    expect(after.officeKey).toBe(office.A.documentId);
    const event = await strapi.db.query(EVENT).findOne({
      where: { caseCode: r.a1.referenceCode, type: 'status_changed' },
    });
    expect(event).toMatchObject({
      fromStatus: 'received',
      toStatus: 'triaged',
      actorType: 'staff',
      actorId: String(users.coordinatorA.id),
    });
    // The gate still refuses an illegal transition.
    await http
      .put(`${CM}/${REPORT}/${r.a1.documentId}`)
      .set(auth(users.coordinatorA))
      .send({ state: 'closed' })
      .expect(400);
  });

  it("reads the timeline of their offices' cases only", async () => {
    const res = await http
      .get(`${CM}/${EVENT}?page=1&pageSize=100`)
      .set(auth(users.coordinatorA))
      .expect(200);
    const seen = new Set(res.body.results.map((e: { caseCode: string }) => e.caseCode));
    expect([...seen].sort()).toEqual(sorted(r.a1, r.a2, r.requestA));
    const otherEvent = await strapi.db.query(EVENT).findOne({
      where: { caseCode: r.b2.referenceCode },
      select: ['documentId'],
    });
    await http
      .get(`${CM}/${EVENT}/${otherEvent.documentId}`)
      .set(auth(users.coordinatorA))
      .expect(403);
  });

  it("reads the user's offices once per request, however many permissions name them", async () => {
    const spy = jest.spyOn(strapi.db, 'query');
    try {
      await list(REPORT, users.coordinatorA).expect(200);
      const profileReads = spy.mock.calls.filter(
        ([uid]) => uid === 'api::staff-profile.staff-profile'
      );
      expect(profileReads).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('without offices in a staff profile, gets no case at all', async () => {
    await list(REPORT, users.coordinatorNoOffice).expect(403);
    await http
      .get(`${CM}/${REPORT}/${r.a1.documentId}`)
      .set(auth(users.coordinatorNoOffice))
      .expect(403);
  });
});

describe('a technician', () => {
  it('lists the cases assigned to them or to their teams only', async () => {
    const res = await list(REPORT, users.technician).expect(200);
    expect(codes(res)).toEqual(sorted(r.a2, r.b1));
    expect(res.body.pagination.total).toBe(2);
    await list(REQUEST, users.technician).expect(200);
  });

  it('reads those and no other', async () => {
    for (const c of [r.a2, r.b1]) {
      await http.get(`${CM}/${REPORT}/${c.documentId}`).set(auth(users.technician)).expect(200);
    }
    for (const c of [r.a1, r.b2]) {
      const res = await http
        .get(`${CM}/${REPORT}/${c.documentId}`)
        .set(auth(users.technician))
        .expect(403);
      expect(JSON.stringify(res.body)).not.toContain(c.referenceCode);
    }
  });

  it('works a case assigned to them, not one of a colleague', async () => {
    await http
      .put(`${CM}/${REPORT}/${r.b1.documentId}`)
      .set(auth(users.technician))
      .send({ state: 'in_progress', assignee: { disconnect: [{ id: users.technician.id }] } })
      .expect(200);
    const b1 = await strapi.db.query(REPORT).findOne({
      where: { documentId: r.b1.documentId },
      populate: { assignee: { select: ['id'] } },
    });
    expect(b1.state).toBe('in_progress');
    expect(b1.assignee.id).toBe(users.technician.id);
    const before = await stateOf(REPORT, r.b2.documentId);
    await http
      .put(`${CM}/${REPORT}/${r.b2.documentId}`)
      .set(auth(users.technician))
      .send({ state: 'triaged' })
      .expect(403);
    expect(await stateOf(REPORT, r.b2.documentId)).toEqual(before);
  });

  it('reads the timeline of their cases only', async () => {
    const res = await http
      .get(`${CM}/${EVENT}?page=1&pageSize=100`)
      .set(auth(users.technician))
      .expect(200);
    const seen = new Set(res.body.results.map((e: { caseCode: string }) => e.caseCode));
    expect([...seen].sort()).toEqual(sorted(r.a2, r.b1));
  });
});

describe('several roles, and operators', () => {
  it('a coordinator who is also a technician gets the union', async () => {
    const res = await list(REPORT, users.coordinatorBTechnician).expect(200);
    expect(codes(res)).toEqual(sorted(r.a2, r.b1, r.b2));
  });

  it('an operator sees the cases of both offices', async () => {
    const res = await list(REPORT, users.operator, [
      office.A.documentId,
      office.B.documentId,
    ]).expect(200);
    expect(codes(res)).toEqual(sorted(r.a1, r.a2, r.b1, r.b2));
    const one = await http
      .get(`${CM}/${REPORT}/${r.b2.documentId}`)
      .set(auth(users.operator))
      .expect(200);
    expect(one.body.data.description).toContain(secret);
  });
});

describe('roles on a database from before the conditions', () => {
  it('get the missing permissions and their conditions back, once', async () => {
    const role = await strapi.db.query('admin::role').findOne({
      where: { code: 'bc-office-coordinator' },
    });
    const permissions = strapi.db.query('admin::permission');
    const mine = (action: string, subject: string) =>
      permissions.findOne({
        where: {
          role: { id: role.id },
          action: `plugin::content-manager.explorer.${action}`,
          subject,
        },
      });
    // As an earlier release or a hand edit could leave them: a read without conditions (every
    // case), no update at all.
    const read = await mine('read', REPORT);
    await permissions.update({ where: { id: read.id }, data: { conditions: [] } });
    await permissions.delete({ where: { id: (await mine('update', REPORT)).id } });
    const count = () => permissions.count({ where: { role: { id: role.id } } });
    const before = await count();

    await appStaffRoles.ensureStaffRoles(strapi);
    expect((await mine('read', REPORT)).conditions).toEqual([IN_MY_OFFICES]);
    const update = await mine('update', REPORT);
    expect(update.conditions).toEqual([IN_MY_OFFICES]);
    expect(update.properties.fields).toEqual(expect.arrayContaining(['state', 'qualification']));
    expect(await count()).toBe(before + 1);

    await appStaffRoles.ensureStaffRoles(strapi);
    expect(await count()).toBe(before + 1);
    const res = await list(REPORT, users.coordinatorA).expect(200);
    expect(codes(res)).toEqual(sorted(r.a1, r.a2));
  });
});
