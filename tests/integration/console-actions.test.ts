/**
 * What staff do to a case from the console (issue 4, "Routing and assignment", "Qualification"):
 * assign with a reason, change status with the technician's qualification, notes, messages,
 * merge and split; scoped by role and office, with refusals that name the field and change nothing.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import { createCitizen, createOffice, createReport, createTopic } from '../helpers/fixtures';
import { createStaffUser, createTeam, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const REPORT = 'api::report.report';
const clock = fixedClock('2026-03-02T08:00:00Z');

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};
const office: Record<string, { documentId: string }> = {};
const topic: Record<string, { documentId: string }> = {};
const team: Record<string, { documentId: string }> = {};
let citizen: { documentId: string; email: string };
let position = 0;

type Case = { id: number; documentId: string; referenceCode: string };

async function newReport(officeName: 'A' | 'B', data: Record<string, unknown> = {}) {
  position += 1; // far enough apart never to be taken for duplicates
  return (await createReport(strapi, {
    topic: topic[officeName].documentId,
    citizen: citizen.documentId,
    latitude: 43.7 + position * 0.002,
    ...data,
  })) as Case;
}

async function stored(c: Case) {
  return strapi.db.query(REPORT).findOne({
    where: { id: c.id },
    populate: { assignee: { select: ['id'] } },
  });
}

const events = async (c: Case) =>
  (await strapi.db.query('api::case-event.case-event').findMany({
    where: { caseCode: c.referenceCode },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  })) as {
    type: string;
    visibility: string;
    text: string;
    actorName: string;
    data: Record<string, { from: unknown; to: unknown }>;
  }[];
const types = async (c: Case) => (await events(c)).map((e) => e.type);

function post(c: Case | string, action: string, who: StaffUser, body: unknown = {}) {
  const code = typeof c === 'string' ? c : c.referenceCode;
  return http
    .post(`/urp-console/cases/${code}/${action}`)
    .set('Authorization', `Bearer ${who.jwt}`)
    .send(body as object);
}

const fieldOf = (res: request.Response) => res.body.error?.details?.errors?.[0]?.path;

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  for (const name of ['A', 'B']) {
    office[name] = await createOffice(strapi);
    topic[name] = await createTopic(strapi, office[name].documentId);
  }
  citizen = await createCitizen(strapi);
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
  users.coordinatorB = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.B.documentId],
  });
  users.technician = await createStaffUser(strapi, {
    roles: ['bc-technician'],
    firstname: 'Tina',
    lastname: 'Tecnica',
  });
  users.control = await createStaffUser(strapi, {
    roles: ['bc-control-body'],
    firstname: 'Cora',
    lastname: 'Controllo',
  });
  users.inactive = await createStaffUser(strapi, { roles: ['bc-technician'] });
  await strapi.db.query('admin::user').update({
    where: { id: users.inactive.id },
    data: { isActive: false },
  });
  team.A1 = await createTeam(strapi, office.A.documentId, {
    members: [{ id: users.technician.id }, { id: users.inactive.id }],
  });
  team.A2 = await createTeam(strapi, office.A.documentId);
  team.idle = await createTeam(strapi, office.A.documentId, { active: false });
  team.B = await createTeam(strapi, office.B.documentId);
});

afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

describe('assign', () => {
  it('an operator moves a case to another office only with a reason', async () => {
    const c = await newReport('A');
    const refused = await post(c, 'assign', users.operator, { office: office.B.documentId });
    expect(refused.status).toBe(400);
    expect(fieldOf(refused)).toEqual(['reason']);
    expect((await stored(c)).officeKey).toBe(office.A.documentId);
    expect(await types(c)).toEqual(['created']);

    const res = await post(c, 'assign', users.operator, {
      office: office.B.documentId,
      reason: "Competenza dell'ufficio B",
    }).expect(200);
    expect(res.body.data).toMatchObject({ office: office.B.documentId, team: null });
    expect((await stored(c)).officeKey).toBe(office.B.documentId);
    const log = await events(c);
    expect(log.map((e) => e.type)).toEqual(['created', 'assigned', 'internal_note']);
    expect(log[1].data.office).toEqual({ from: office.A.documentId, to: office.B.documentId });
    expect(log[2]).toMatchObject({
      visibility: 'internal',
      text: "Competenza dell'ufficio B",
      actorName: 'Olga Operatrice',
    });
  });

  it('a coordinator cannot move a case to another office (403), nor touch other offices', async () => {
    const c = await newReport('A');
    await post(c, 'assign', users.coordinatorA, {
      office: office.B.documentId,
      reason: 'Non è nostro',
    }).expect(403);
    const other = await newReport('B');
    await post(other, 'assign', users.coordinatorA, { team: team.A1.documentId }).expect(403);
    expect((await stored(c)).officeKey).toBe(office.A.documentId);
    expect(await types(other)).toEqual(['created']);
  });

  it('a coordinator assigns a crew of the office and one of its technicians', async () => {
    const c = await newReport('A');
    const res = await post(c, 'assign', users.coordinatorA, {
      team: team.A1.documentId,
      assignee: users.technician.id,
    }).expect(200);
    expect(res.body.data.changed).toEqual(['team', 'assignee']);
    const row = await stored(c);
    expect(row.teamKey).toBe(team.A1.documentId);
    expect(row.assignee.id).toBe(users.technician.id);
    const log = await events(c);
    expect(log.map((e) => e.type)).toEqual(['created', 'assigned']);
    expect(log[1].data.team.to).toBe(team.A1.documentId);
    expect(log[1].data.assignee.to).toBe(users.technician.id);
    expect(log[1].actorName).toBe('Carlo Coordinatore');
  });

  it.each([
    ['a crew of another office', 'team', () => ({ team: team.B.documentId })],
    ['an unknown crew', 'team', () => ({ team: 'no-such-team' })],
    ['an inactive crew', 'team', () => ({ team: team.idle.documentId })],
    [
      'a technician outside the crew',
      'assignee',
      () => ({ team: team.A1.documentId, assignee: users.coordinatorB.id }),
    ],
    ['an unknown user', 'assignee', () => ({ assignee: 987654 })],
    ['an inactive user', 'assignee', () => ({ assignee: users.inactive.id })],
    ['an assignee given as text', 'assignee', () => ({ assignee: 'tina' })],
    ['nothing to assign', 'office', () => ({ reason: 'Perché sì' })],
    ['an unknown field', 'priority', () => ({ team: team.A1.documentId, priority: 99 })],
  ])('refuses %s naming %s and changes nothing', async (_, field, body) => {
    const c = await newReport('A');
    const res = await post(c, 'assign', users.coordinatorA, body());
    expect(res.status).toBe(400);
    expect(fieldOf(res)).toEqual([field]);
    const row = await stored(c);
    expect(row.teamKey).toBeNull();
    expect(row.assignee).toBeNull();
    expect(await types(c)).toEqual(['created']);
  });

  it('a new crew drops the former technician when they are not in it', async () => {
    const c = await newReport('A');
    await post(c, 'assign', users.coordinatorA, {
      team: team.A1.documentId,
      assignee: users.technician.id,
    }).expect(200);
    await post(c, 'assign', users.coordinatorA, { team: team.A2.documentId }).expect(200);
    const row = await stored(c);
    expect(row.teamKey).toBe(team.A2.documentId);
    expect(row.assignee).toBeNull();
  });

  it('a closed case takes no assignment (409)', async () => {
    const c = await newReport('A');
    await post(c, 'transition', users.operator, {
      to: 'rejected',
      qualification: { accuracy: 'fake' },
    }).expect(200);
    const res = await post(c, 'assign', users.operator, { team: team.A1.documentId });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/rejected/);
  });
});

describe('transition', () => {
  let c: Case;
  beforeAll(async () => {
    c = await newReport('A');
    await post(c, 'assign', users.coordinatorA, { team: team.A1.documentId }).expect(200);
  });

  it("the crew's technician moves the report through its lifecycle", async () => {
    for (const to of ['triaged', 'assigned', 'in_progress']) {
      const res = await post(c, 'transition', users.technician, { to }).expect(200);
      expect(res.body.data.state).toBe(to);
    }
    expect((await stored(c)).state).toBe('in_progress');
  });

  it('resolving needs the qualification of the report (400) and changes nothing without it', async () => {
    const res = await post(c, 'transition', users.technician, { to: 'resolved' });
    expect(res.status).toBe(400);
    expect(fieldOf(res)).toEqual(['qualification', 'accuracy']);
    expect((await stored(c)).state).toBe('in_progress');
  });

  it.each([
    [{ accuracy: 'mostly' }, ['qualification', 'accuracy']],
    [{ accuracy: 'accurate', assessedUrgency: 7 }, ['qualification', 'assessedUrgency']],
    [{ accuracy: 'accurate', colour: 'red' }, ['qualification', 'colour']],
  ])('refuses the qualification %j', async (qualification, path) => {
    const res = await post(c, 'transition', users.technician, { to: 'resolved', qualification });
    expect(res.status).toBe(400);
    expect(fieldOf(res)).toEqual(path);
    expect((await stored(c)).state).toBe('in_progress');
  });

  it('resolves with qualification, answer and message in one change', async () => {
    await post(c, 'transition', users.technician, {
      to: 'resolved',
      message: 'Abbiamo riparato la buca.',
      answer: 'Buca chiusa con asfalto a freddo.',
      qualification: { accuracy: 'partly_accurate', assessedUrgency: 2, note: 'Buca piccola' },
    }).expect(200);
    const row = await stored(c);
    expect(row).toMatchObject({
      state: 'resolved',
      qualification: 'partly_accurate',
      assessedUrgency: 2,
      qualificationNote: 'Buca piccola',
      resolutionNote: 'Buca chiusa con asfalto a freddo.',
    });
    const log = await events(c);
    const last = log.slice(-2);
    expect(last.map((e) => e.type)).toEqual(['status_changed', 'message_to_citizen']);
    expect(last[1]).toMatchObject({ visibility: 'public', text: 'Abbiamo riparato la buca.' });
    expect(last[0].actorName).toBe('Tina Tecnica');
  });

  it("an illegal transition comes back with the lifecycle's reason (400, state)", async () => {
    const fresh = await newReport('A');
    const res = await post(fresh, 'transition', users.operator, { to: 'closed' });
    expect(res.status).toBe(400);
    expect(fieldOf(res)).toEqual(['state']);
    expect(res.body.error.message).toMatch(/cannot go from status "received" to "closed"/);
    const unknown = await post(fresh, 'transition', users.operator, { to: 'done' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/"done" is not a status/);
    expect((await stored(fresh)).state).toBe('received');
  });

  it('refuses the control body and other offices (403); a coordinator rejects with a qualification', async () => {
    const fresh = await newReport('A');
    await post(fresh, 'transition', users.control, { to: 'triaged' }).expect(403);
    await post(fresh, 'transition', users.coordinatorB, { to: 'triaged' }).expect(403);
    expect((await stored(fresh)).state).toBe('received');
    await post(fresh, 'transition', users.coordinatorA, {
      to: 'rejected',
      qualification: { accuracy: 'fake' },
    }).expect(200);
    const after = await stored(fresh);
    expect(after.state).toBe('rejected');
    expect(after.qualification).toBe('fake');
  });

  it('suspends a request with a message; requests are not qualified', async () => {
    const req = (await strapi.documents('api::request.request').create({
      data: {
        subject: 'Permesso di passo carrabile',
        description: 'Vorrei sapere quali documenti servono.',
        office: office.A.documentId,
        citizen: citizen.documentId,
      } as never,
    })) as unknown as Case;
    const bad = await post(req, 'transition', users.coordinatorA, {
      to: 'answered',
      qualification: { accuracy: 'accurate' },
    });
    expect(fieldOf(bad)).toEqual(['qualification']);
    await post(req, 'transition', users.coordinatorA, {
      to: 'suspended',
      message: 'Ci mandi la planimetria, per favore.',
    }).expect(200);
    expect(await types(req)).toEqual(['created', 'status_changed', 'message_to_citizen']);
  });
});

describe('notes and messages', () => {
  it('the control body adds an internal note, and nothing else', async () => {
    const c = await newReport('B');
    await post(c, 'notes', users.control, { text: 'Verificare i tempi.' }).expect(200);
    await post(c, 'messages', users.control, { text: 'Gentile cittadino' }).expect(403);
    const [, note] = await events(c);
    expect(note).toMatchObject({
      type: 'internal_note',
      visibility: 'internal',
      text: 'Verificare i tempi.',
      actorName: 'Cora Controllo',
    });
  });

  it.each([
    ['no text', {}],
    ['blank text', { text: '   ' }],
    ['a text too long', { text: 'x'.repeat(4001) }],
  ])('refuses a note with %s, naming text', async (_, body) => {
    const c = await newReport('A');
    const res = await post(c, 'notes', users.operator, body);
    expect(res.status).toBe(400);
    expect(fieldOf(res)).toEqual(['text']);
    expect(await types(c)).toEqual(['created']);
  });

  it("a message becomes a public event and an email in the citizen's outbox", async () => {
    const c = await newReport('A');
    await post(c, 'messages', users.coordinatorA, {
      text: 'Il sopralluogo è fissato per giovedì.',
    }).expect(200);
    const log = await events(c);
    expect(log.map((e) => e.type)).toEqual(['created', 'message_to_citizen']);
    expect(log[1]).toMatchObject({ visibility: 'public', actorName: 'Carlo Coordinatore' });
    const mail = await strapi.db.query('api::notification.notification').findMany({
      where: { recipient: citizen.email, dedupeKey: { $contains: c.referenceCode } },
    });
    expect(mail.map((m: { payload: unknown }) => JSON.stringify(m.payload))).toEqual(
      expect.arrayContaining([expect.stringContaining('Il sopralluogo è fissato per giovedì.')])
    );
  });

  it('a technician cannot write on cases outside their crew (403)', async () => {
    const c = await newReport('A');
    await post(c, 'notes', users.technician, { text: 'Nota' }).expect(403);
    await post(c, 'messages', users.technician, { text: 'Messaggio' }).expect(403);
    expect(await types(c)).toEqual(['created']);
  });
});

describe('merge and split', () => {
  it('an unknown code is a 404', async () => {
    await post('SEG-2026-999998', 'merge', users.operator, { into: 'SEG-2026-999997' }).expect(404);
    await post('SEG-2026-999998', 'split', users.operator).expect(404);
    const c = await newReport('A');
    const res = await post(c, 'merge', users.operator, { into: 'SEG-2026-999997' });
    expect(res.status).toBe(404);
    expect(fieldOf(res)).toEqual(['into']);
  });

  it('a case out of scope, on either side, is a 403', async () => {
    const mine = await newReport('A');
    const theirs = await newReport('B');
    await post(theirs, 'merge', users.coordinatorA, { into: mine.referenceCode }).expect(403);
    await post(mine, 'merge', users.coordinatorA, { into: theirs.referenceCode }).expect(403);
    await post(theirs, 'split', users.coordinatorA).expect(403);
    await post(mine, 'merge', users.technician, { into: mine.referenceCode }).expect(403);
  });

  it('bad input names the field', async () => {
    const c = await newReport('A');
    expect(fieldOf(await post(c, 'merge', users.operator, {}))).toEqual(['into']);
    expect(fieldOf(await post(c, 'merge', users.operator, { into: c.referenceCode }))).toEqual([
      'into',
    ]);
  });
});
