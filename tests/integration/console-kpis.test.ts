/**
 * Office KPIs (GET /urp-console/kpis, /kpis.csv) and the console's dropdown options
 * (GET /urp-console/options), checked against fixtures computed by hand. The KPI fixtures live in
 * March 2019 (the injected clock is in April 2019): no other suite has cases, escalations or
 * ratings then, so even the city-wide reference is exactly these offices'.
 */
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import { createOffice, createReport, createTopic } from '../helpers/fixtures';
import { createStaffUser, createTeam, setCaseFields, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const clock = fixedClock('2019-04-10T10:00:00Z');
const PERIOD = { from: '2019-03-04', to: '2019-03-17' }; // two weeks, Monday to Sunday

type Uid = 'api::report.report' | 'api::request.request' | 'api::complaint.complaint';
type Kind = 'report' | 'request' | 'complaint';
const UIDS: Record<Kind, Uid> = {
  report: 'api::report.report',
  request: 'api::request.request',
  complaint: 'api::complaint.complaint',
};

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};
const office: Record<string, { documentId: string }> = {};
const topic: Record<string, string> = {};
const code: Record<string, string> = {};

function get(path: string, who: StaffUser, query: Record<string, string | number> = {}) {
  return http.get(`/urp-console${path}`).set('Authorization', `Bearer ${who.jwt}`).query(query);
}

const t = (iso: string) => new Date(`2019-${iso}:00Z`);

/** A case of `kind` for office `o`, with its lifecycle times written as given (UTC). */
async function kase(
  name: string,
  kind: Kind,
  o: string,
  times: {
    received: string;
    due?: string;
    first?: string;
    resolved?: string;
    closed?: string;
    state?: string;
  }
) {
  const created =
    kind === 'report'
      ? await createReport(strapi, { topic: topic[o], latitude: null, longitude: null })
      : ((await strapi.documents(UIDS[kind]).create({
          data: {
            subject: `Caso ${name}`,
            description: 'Vorrei sapere come procede la pratica.',
            topic: topic[o],
          } as never,
        })) as unknown as { id: number; referenceCode: string });
  await setCaseFields(strapi, UIDS[kind], created.id, {
    state: times.state ?? (times.closed ? 'closed' : times.resolved ? 'resolved' : 'assigned'),
    receivedAt: t(times.received),
    dueAt: times.due ? t(times.due) : null,
    firstResponseAt: times.first ? t(times.first) : null,
    resolvedAt: times.resolved ? t(times.resolved) : null,
    closedAt: times.closed ? t(times.closed) : null,
  });
  code[name] = created.referenceCode;
}

async function escalation(o: string, caseCode: string, at: string) {
  await strapi.db.query('api::escalation.escalation').create({
    data: {
      officeKey: office[o].documentId,
      caseKind: 'report',
      caseCode,
      level: 1,
      escalatedAt: t(at),
      dedupeKey: `kpi-test:${randomBytes(6).toString('hex')}`,
    },
  });
}

async function rating(caseCode: string, score: number, usedAt: string) {
  await strapi.db.query('api::rating-invitation.rating-invitation').create({
    data: {
      tokenHash: randomBytes(32).toString('hex'),
      caseKind: 'report',
      caseCode,
      invitedAt: t('02-01T00:00'),
      expiresAt: t('05-01T00:00'),
      usedAt: t(usedAt),
      score,
    },
  });
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  for (const name of ['P', 'Q', 'R', 'S']) {
    office[name] = await createOffice(strapi);
    topic[name] = (await createTopic(strapi, office[name].documentId)).documentId;
  }
  const coordinator = (o: string) =>
    createStaffUser(strapi, { roles: ['bc-office-coordinator'], offices: [office[o].documentId] });
  users.coordinatorP = await coordinator('P');
  users.coordinatorQ1 = await coordinator('Q');
  users.coordinatorQ2 = await coordinator('Q');
  users.coordinatorR = await coordinator('R');
  users.coordinatorS = await coordinator('S');
  users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
  users.control = await createStaffUser(strapi, { roles: ['bc-control-body'] });
  users.technician = await createStaffUser(strapi, {
    roles: ['bc-technician'],
    firstname: 'Tina',
    lastname: 'Tecnica',
  });
  users.otherTechnician = await createStaffUser(strapi, {
    roles: ['bc-technician'],
    firstname: 'Ugo',
    lastname: 'Altro',
  });
  office.team = await createTeam(strapi, office.P.documentId, {
    members: [{ id: users.technician.id }, { id: users.coordinatorP.id }],
  });
  const otherTeam = await createTeam(strapi, office.Q.documentId, {
    members: [{ id: users.otherTechnician.id }],
  });
  office.otherTeam = otherTeam;

  // Office P: reports. Open at the end of the period: p1–p6 (received in it) and p9 (before);
  // overdue then: p1, p2, p3, p4, p9. Resolved in it: p7 (96 h), p8 (24 h). First responses in
  // it: p1 2 h, p2 4 h, p4 10 h, p8 6 h. p10 is done before, p11 comes after.
  await kase('p1', 'report', 'P', {
    received: '03-04T09:00',
    due: '03-08T09:00',
    first: '03-04T11:00',
  });
  await kase('p2', 'report', 'P', {
    received: '03-05T09:00',
    due: '03-09T09:00',
    first: '03-05T13:00',
  });
  await kase('p3', 'report', 'P', { received: '03-06T09:00', due: '03-10T09:00' });
  await kase('p4', 'report', 'P', {
    received: '03-12T09:00',
    due: '03-15T09:00',
    first: '03-12T19:00',
  });
  await kase('p5', 'report', 'P', { received: '03-13T09:00', due: '03-30T09:00' });
  await kase('p6', 'report', 'P', { received: '03-14T09:00', due: '03-30T09:00' });
  await kase('p7', 'report', 'P', {
    received: '03-01T09:00',
    first: '03-01T10:00',
    resolved: '03-05T09:00',
  });
  await kase('p8', 'report', 'P', {
    received: '03-11T08:00',
    first: '03-11T14:00',
    resolved: '03-12T08:00',
    closed: '03-14T08:00',
  });
  await kase('p9', 'report', 'P', {
    received: '02-20T09:00',
    due: '02-28T09:00',
    state: 'in_progress',
  });
  await kase('p10', 'report', 'P', {
    received: '02-01T09:00',
    resolved: '02-05T09:00',
    closed: '02-10T09:00',
  });
  await kase('p11', 'report', 'P', {
    received: '03-20T09:00',
    due: '04-20T09:00',
    state: 'received',
  });
  await escalation('P', code.p1, '03-08T10:00');
  await escalation('P', code.p4, '03-14T10:00');
  await escalation('P', code.p9, '02-28T10:00'); // before the period
  await rating(code.p8, 4, '03-15T10:00');
  await rating(code.p8, 2, '03-16T10:00'); // a follower's
  await rating(code.p7, 5, '03-02T10:00'); // before the period

  // Office Q: 4 requests, none overdue; R: 2 reports, one overdue; S: 5 complaints, none overdue.
  for (const [i, day] of ['05', '06', '07', '08'].entries()) {
    await kase(`q${i}`, 'request', 'Q', { received: `03-${day}T09:00`, due: '04-05T09:00' });
  }
  await kase('r1', 'report', 'R', { received: '03-05T09:00', due: '03-07T09:00' });
  await kase('r2', 'report', 'R', { received: '03-06T09:00', due: '04-30T09:00' });
  for (const [i, day] of ['04', '05', '06', '07', '08'].entries()) {
    await kase(`s${i}`, 'complaint', 'S', { received: `03-${day}T09:00`, due: '04-30T09:00' });
  }

  // Office P's survey: answers in the period scored 1, 4, 5 on a 1–5 scale (dissatisfied under
  // 3: one) and negative, positive on the faces (one): 2 of 5 judged answers dissatisfied.
  const surveys = strapi.documents('api::survey.survey');
  const survey = await surveys.create({
    locale: 'it',
    data: {
      title: 'Soddisfazione P',
      // Closed long ago: no later suite's follow-up invites to it.
      opensAt: '2019-01-01T00:00:00.000Z',
      closesAt: '2019-12-31T00:00:00.000Z',
      slug: `kpi-${randomBytes(4).toString('hex')}`,
      questions: [
        { code: 'score', label: 'Voto', type: 'scale', scaleMin: 1, scaleMax: 5 },
        { code: 'face', label: 'Faccina', type: 'emoticon', required: false },
        { code: 'notes', label: 'Note', type: 'free_text', required: false },
      ],
    } as never,
  });
  await surveys.publish({ documentId: survey.documentId, locale: 'it' });
  const answer = (answers: Record<string, unknown>, at: string) =>
    strapi.db.query('api::survey-response.survey-response').create({
      data: {
        surveyDocumentId: survey.documentId,
        answers,
        channel: 'web',
        officeKey: office.P.documentId,
        submittedAt: t(at),
      },
    });
  await answer({ score: 1, face: 'negative', notes: 'Lento' }, '03-05T10:00');
  await answer({ score: 4, face: 'positive' }, '03-06T10:00');
  await answer({ score: 5 }, '03-07T10:00');
  await answer({ score: 1, face: 'negative' }, '02-07T10:00'); // before the period
});

afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

type Row = Record<string, unknown> & { documentId: string };
const row = (res: request.Response, o: string) =>
  (res.body.data.offices as Row[]).find((x) => x.documentId === office[o].documentId);
const mine = (res: request.Response) => {
  const ids = new Map(['P', 'Q', 'R', 'S'].map((o) => [office[o].documentId, o]));
  return (res.body.data.offices as Row[]).flatMap((x) =>
    ids.has(x.documentId) ? [ids.get(x.documentId)] : []
  );
};

describe('office KPIs', () => {
  const P = {
    casesIn: 7, // p1–p6, p8
    backlog: 7, // p1–p6, p9
    overdue: 5, // p1–p4, p9
    overdueShare: 0.7143, // 5 / 7
    firstResponses: 4,
    medianFirstResponseHours: 5, // 2, 4, 6, 10 → (4 + 6) / 2
    resolved: 2,
    medianResolutionHours: 60, // (96 + 24) / 2
    escalations: 2,
    ratings: 2,
    meanRating: 3, // (4 + 2) / 2
    staff: 1,
    casesPerStaff: 7,
    backlogPerStaff: 7,
    standsOut: true,
  };

  it('gives each office its figures over the period, and flags who stands out', async () => {
    const res = await get('/kpis', users.operator, PERIOD).expect(200);
    expect(res.body.data).toMatchObject({
      ...PERIOD,
      kind: 'all',
      granularity: 'week',
      asOf: '2019-03-17T22:59:59.999Z', // the end of 17 March in Rome
    });
    // Every office with work in the period, and these are the only ones in March 2019.
    expect(res.body.data.offices).toHaveLength(4);
    expect(mine(res).sort()).toEqual(['P', 'Q', 'R', 'S']);
    // The city: backlog 7 + 4 + 2 + 5 = 18, overdue 5 + 0 + 1 + 0 = 6; backlog per staff member
    // 7, 2, 2, 5 → median 3.5, so 5.25 is the ceiling.
    expect(res.body.meta.city).toEqual({
      backlog: 18,
      overdue: 6,
      overdueShare: 0.3333,
      medianBacklogPerStaff: 3.5,
      officesWithStaff: 4,
    });
    expect(row(res, 'P')).toMatchObject({
      ...P,
      reasons: [
        { code: 'overdue_share', value: 0.7143, reference: 0.3333 },
        { code: 'backlog_per_staff', value: 7, reference: 3.5 },
      ],
    });
    expect(row(res, 'Q')).toMatchObject({
      casesIn: 4,
      backlog: 4,
      overdue: 0,
      overdueShare: 0,
      staff: 2,
      casesPerStaff: 2,
      backlogPerStaff: 2,
      medianFirstResponseHours: null,
      medianResolutionHours: null,
      ratings: 0,
      meanRating: null,
      standsOut: false, // a backlog under 5
      reasons: [],
    });
    expect(row(res, 'R')).toMatchObject({
      backlog: 2,
      overdue: 1,
      overdueShare: 0.5,
      standsOut: false,
    });
    // 5 per staff member is not over 1.5 × 3.5; nothing overdue.
    expect(row(res, 'S')).toMatchObject({
      backlog: 5,
      overdue: 0,
      backlogPerStaff: 5,
      standsOut: false,
    });
  });

  it('charts the same figures week by week', async () => {
    const res = await get('/kpis', users.operator, { ...PERIOD, office: office.P.documentId });
    expect(res.status).toBe(200);
    expect(res.body.data.offices).toHaveLength(1);
    expect(res.body.data.series).toEqual([
      {
        from: '2019-03-04',
        to: '2019-03-10',
        asOf: '2019-03-10T22:59:59.999Z',
        casesIn: 3, // p1, p2, p3
        backlog: 4, // p1, p2, p3, p9
        overdue: 4,
        overdueShare: 1,
        firstResponses: 2,
        medianFirstResponseHours: 3, // (2 + 4) / 2
        resolved: 1,
        medianResolutionHours: 96,
        escalations: 1,
        ratings: 0,
        meanRating: null,
      },
      {
        from: '2019-03-11',
        to: '2019-03-17',
        asOf: '2019-03-17T22:59:59.999Z',
        casesIn: 4, // p4, p5, p6, p8
        backlog: 7,
        overdue: 5,
        overdueShare: 0.7143,
        firstResponses: 2,
        medianFirstResponseHours: 8, // (6 + 10) / 2
        resolved: 1,
        medianResolutionHours: 24,
        escalations: 1,
        ratings: 2,
        meanRating: 3,
      },
    ]);
  });

  it('by kind: reports only, against the reports of the city', async () => {
    const res = await get('/kpis', users.control, { ...PERIOD, kind: 'report' }).expect(200);
    expect(mine(res).sort()).toEqual(['P', 'R']);
    // Reports' overdue share is 6 / 9: P's 71 % is not 15 points above it, and two offices
    // with staff make no median.
    expect(res.body.meta.city).toEqual({
      backlog: 9,
      overdue: 6,
      overdueShare: 0.6667,
      medianBacklogPerStaff: null,
      officesWithStaff: 2,
    });
    expect(row(res, 'P')).toMatchObject({ backlog: 7, standsOut: false, reasons: [] });
    const requests = await get('/kpis', users.control, { ...PERIOD, kind: 'request' });
    expect(mine(requests)).toEqual(['Q']);
  });

  it('sums months beyond 13 weeks', async () => {
    const res = await get('/kpis', users.operator, {
      from: '2018-12-01',
      to: '2019-03-31',
      office: office.P.documentId,
    }).expect(200);
    expect(res.body.data.granularity).toBe('month');
    const series = res.body.data.series as Record<string, unknown>[];
    expect(series.map((s) => [s.from, s.to, s.casesIn, s.backlog])).toEqual([
      ['2018-12-01', '2018-12-31', 0, 0],
      ['2019-01-01', '2019-01-31', 0, 0],
      ['2019-02-01', '2019-02-28', 2, 1], // p10 (done by 10 February), p9
      ['2019-03-01', '2019-03-31', 9, 8], // p1–p8, p11; open: p1–p6, p9, p11
    ]);
    expect(row(res, 'P')).toMatchObject({ casesIn: 11, backlog: 8, resolved: 3 });
  });

  it('defaults to the 90 days up to today, by the injected clock', async () => {
    const res = await get('/kpis', users.coordinatorP).expect(200);
    expect(res.body.data).toMatchObject({
      from: '2019-01-10',
      to: '2019-04-10',
      granularity: 'week',
      asOf: '2019-04-10T10:00:00.000Z', // today is not over: its backlog is the current one
    });
    expect(res.body.data.series).toHaveLength(14);
    expect(res.body.data.series[0]).toMatchObject({ from: '2019-01-10', to: '2019-01-13' });
    expect(res.body.data.series[13]).toMatchObject({ from: '2019-04-08', to: '2019-04-10' });
  });

  it("a coordinator reads their own offices only, against the whole city's yardstick", async () => {
    const res = await get('/kpis', users.coordinatorP, PERIOD).expect(200);
    expect(mine(res)).toEqual(['P']);
    expect(res.body.data.offices).toHaveLength(1);
    expect(row(res, 'P')).toMatchObject({ ...P, standsOut: true });
    expect(res.body.meta.city.overdueShare).toBe(0.3333);
    await get('/kpis', users.coordinatorP, { ...PERIOD, office: office.Q.documentId }).expect(403);
    await get('/kpis.csv', users.coordinatorP, { ...PERIOD, office: office.Q.documentId }).expect(
      403
    );
  });

  it('is not for technicians (403)', async () => {
    await get('/kpis', users.technician, PERIOD).expect(403);
    await get('/kpis.csv', users.technician, PERIOD).expect(403);
  });

  it.each([
    [{ from: '2019-13-01' }, 'from'],
    [{ from: '2019-03-05', to: '2019-03-04' }, 'from'],
    [{ from: '2018-01-01', to: '2019-03-01' }, 'to'],
    [{ to: '2019-04-11' }, 'to'], // tomorrow, by the clock
    [{ to: '17/03/2019' }, 'to'],
    [{ kind: 'petition' }, 'kind'],
    [{ office: 'no-such-office' }, 'office'],
  ])('refuses %j naming %s', async (query, field) => {
    const res = await get('/kpis', users.operator, query).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });
});

it('gives the satisfaction of the surveys answered about each office in the period', async () => {
  const res = await get('/kpis', users.operator, PERIOD).expect(200);
  // 3 responses in the period; 5 judged answers (3 scores, 2 faces), 2 dissatisfied: 3/5.
  expect(row(res, 'P')).toMatchObject({ surveyResponses: 3, satisfaction: 0.6 });
  expect(row(res, 'Q')).toMatchObject({ surveyResponses: 0, satisfaction: null });
});

describe('KPIs as CSV', () => {
  it('downloads one row per office under a header row', async () => {
    const res = await get('/kpis.csv', users.operator, {
      ...PERIOD,
      office: office.P.documentId,
    }).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="office-kpis-all-2019-03-04-2019-03-17.csv"'
    );
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lines = res.text.slice(1).split('\r\n');
    expect(lines).toHaveLength(3); // header, P, and the final line break
    expect(lines[2]).toBe('');
    expect(lines[0]).toBe(
      'from,to,kind,documentId,name,casesIn,backlog,overdue,overdueShare,firstResponses,' +
        'medianFirstResponseHours,resolved,medianResolutionHours,escalations,ratings,meanRating,' +
        'surveyResponses,satisfaction,staff,casesPerStaff,backlogPerStaff,standsOut,reasons'
    );
    const name = (await strapi.db.query('api::office.office').findOne({
      where: { documentId: office.P.documentId },
    })) as { name: string };
    expect(lines[1]).toBe(
      `2019-03-04,2019-03-17,all,${office.P.documentId},${name.name},7,7,5,0.7143,4,5,2,60,2,2,3,3,0.6,1,7,7,true,overdue_share backlog_per_staff`
    );
  });

  it('lists every office of the JSON answer, in the same order', async () => {
    const [json, csv] = await Promise.all([
      get('/kpis', users.operator, PERIOD),
      get('/kpis.csv', users.operator, PERIOD),
    ]);
    const ids = csv.text
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',')[3]);
    expect(ids).toEqual(json.body.data.offices.map((o: Row) => o.documentId));
    expect(ids).toHaveLength(4);
  });
});

describe('dropdown options', () => {
  it('gives operators every office, team, topic and technician', async () => {
    const res = await get('/options', users.operator).expect(200);
    const ids = (list: { documentId: string }[]) => list.map((x) => x.documentId);
    expect(ids(res.body.offices)).toEqual(
      expect.arrayContaining(['P', 'Q', 'R', 'S'].map((o) => office[o].documentId))
    );
    expect(res.body.teams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          documentId: office.team.documentId,
          officeKey: office.P.documentId,
        }),
        expect.objectContaining({ documentId: office.otherTeam.documentId }),
      ])
    );
    expect(ids(res.body.topics)).toEqual(expect.arrayContaining([topic.P, topic.Q]));
    // The intake takes a topic by its code: the phone/counter form needs it.
    const p = res.body.topics.find((x: { documentId: string }) => x.documentId === topic.P);
    expect(p.code).toMatch(/^TOPIC-/);
    expect(res.body.technicians).toEqual(
      expect.arrayContaining([
        { id: users.technician.id, name: 'Tina Tecnica' },
        { id: users.otherTechnician.id, name: 'Ugo Altro' },
      ])
    );
    expect(res.body.technicians.some((x: { id: number }) => x.id === users.operator.id)).toBe(
      false
    );
    expect(res.body.me).toMatchObject({
      id: users.operator.id,
      roles: ['bc-urp-operator'],
      offices: [],
      teams: [],
      can: { listReporters: true, reassignOffice: true, kpis: true, teamStats: true },
    });
    // Sorted by name, as the dropdowns show them.
    const names = res.body.offices.map((o: { name: string }) => o.name);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'it')));
  });

  it("limits a coordinator to their offices' teams and technicians", async () => {
    const res = await get('/options', users.coordinatorP).expect(200);
    expect(res.body.offices.map((o: { documentId: string }) => o.documentId)).toEqual([
      office.P.documentId,
    ]);
    expect(res.body.teams.map((x: { documentId: string }) => x.documentId)).toEqual([
      office.team.documentId,
    ]);
    // The crew's members with the technician role: not the coordinator who is also a member.
    expect(res.body.technicians).toEqual([{ id: users.technician.id, name: 'Tina Tecnica' }]);
    expect(res.body.topics.length).toBeGreaterThanOrEqual(4);
    expect(res.body.me).toMatchObject({
      roles: ['bc-office-coordinator'],
      offices: [office.P.documentId],
      can: { listReporters: false, reassignOffice: false, kpis: true, teamStats: true },
    });
  });

  it('gives a technician their crew and its office', async () => {
    const res = await get('/options', users.technician).expect(200);
    expect(res.body.offices.map((o: { documentId: string }) => o.documentId)).toEqual([
      office.P.documentId,
    ]);
    expect(res.body.teams.map((x: { documentId: string }) => x.documentId)).toEqual([
      office.team.documentId,
    ]);
    expect(res.body.me).toMatchObject({
      name: 'Tina Tecnica',
      teams: [office.team.documentId],
      can: { listReporters: false, reassignOffice: false, kpis: false, teamStats: true },
    });
  });
});
