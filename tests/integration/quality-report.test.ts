/**
 * The quality report (GET /urp-console/quality-report and /quality-report.html) against figures
 * computed by hand. Its fixtures live in 2017 (the clock is on 5 April 2017): no other suite has
 * cases, ratings or survey responses then. The period is March 2017 (31 days), so the previous
 * one is 29 January – 28 February. Times are written in UTC, none near a day's edge in Rome.
 */
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'crypto';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import {
  closeCasesReceivedBefore,
  createOffice,
  createReport,
  createTopic,
  unique,
} from '../helpers/fixtures';
import { createStaffUser, setCaseFields, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const clock = fixedClock('2017-04-05T08:00:00Z');
const PERIOD = { from: '2017-03-01', to: '2017-03-31' };
const EVIL = '<script>alert(1)</script>';

type Kind = 'report' | 'request' | 'complaint';
const UIDS = {
  report: 'api::report.report',
  request: 'api::request.request',
  complaint: 'api::complaint.complaint',
} as const;

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};
const office: Record<'A' | 'B', string> = { A: '', B: '' };
const topic: Record<'roads' | 'registry' | 'evil', string> = { roads: '', registry: '', evil: '' };
const code: Record<string, string> = {};
let surveyId = '';

const t = (iso: string) => new Date(`2017-${iso}:00Z`);

function get(path: string, who: StaffUser, query: Record<string, string> = {}) {
  return http.get(`/urp-console${path}`).set('Authorization', `Bearer ${who.jwt}`).query(query);
}

interface Fixture {
  office: 'A' | 'B';
  topic: keyof typeof topic;
  channel: string;
  state: string;
  received: string;
  due?: string;
  first?: string;
  resolved?: string;
  closed?: string;
  outcome?: string;
}

/** A case with its keys and lifecycle times written straight in the database (UTC). */
async function kase(name: string, kind: Kind, f: Fixture) {
  const created =
    kind === 'report'
      ? await createReport(strapi, { topic: topic[f.topic], latitude: null, longitude: null })
      : ((await strapi.documents(UIDS[kind]).create({
          data: {
            subject: `Caso ${name}`,
            description: 'Vorrei sapere come procede la pratica.',
            topic: topic[f.topic],
          } as never,
        })) as unknown as { id: number; referenceCode: string });
  await setCaseFields(strapi, UIDS[kind], created.id, {
    officeKey: office[f.office],
    topicKey: topic[f.topic],
    channel: f.channel,
    state: f.state,
    receivedAt: t(f.received),
    dueAt: f.due ? t(f.due) : null,
    firstResponseAt: f.first ? t(f.first) : null,
    resolvedAt: f.resolved ? t(f.resolved) : null,
    closedAt: f.closed ? t(f.closed) : null,
    ...(f.outcome ? { outcome: f.outcome } : {}),
  });
  code[name] = created.referenceCode;
}

async function rating(kind: Kind, caseCode: string, score: number, usedAt: string) {
  await strapi.db.query('api::rating-invitation.rating-invitation').create({
    data: {
      tokenHash: randomBytes(32).toString('hex'),
      caseKind: kind,
      caseCode,
      invitedAt: t('01-01T00:00'),
      expiresAt: t('12-01T00:00'),
      usedAt: t(usedAt),
      score,
    },
  });
}

async function surveyResponse(
  o: 'A' | 'B',
  submitted: string,
  answers: { score: number; face: string; nps: number }
) {
  await strapi.db.query('api::survey-response.survey-response').create({
    data: {
      surveyDocumentId: surveyId,
      answers,
      channel: 'web',
      language: 'it',
      officeKey: office[o],
      invited: false,
      submittedAt: t(submitted),
    },
  });
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  const suffix = randomBytes(3).toString('hex');
  office.A = (await createOffice(strapi)).documentId;
  office.B = (
    await createOffice(strapi, { name: `Anagrafe & "Stato civile" ${suffix}` })
  ).documentId;
  topic.roads = (await createTopic(strapi, office.A, { name: `Strade ${suffix}` })).documentId;
  topic.registry = (await createTopic(strapi, office.B, { name: `Anagrafe ${suffix}` })).documentId;
  topic.evil = (await createTopic(strapi, office.B, { name: EVIL })).documentId;

  users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
  users.coordinatorA = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.A],
  });
  users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  users.editor = await createStaffUser(strapi, { roles: ['bc-editor'] });

  // Reports, office A. In March: r1 (web; first response 2 h, resolved in 24 h by its due date),
  // r2 (app; 6 h, 120 h, late), r3 (web; untouched). Before: r4 (web; 4 h, 24 h, on time) and
  // r5 (phone; 1 h), which is resolved in March after 120 h, late.
  const A = { office: 'A', topic: 'roads' } as const;
  await kase('r1', 'report', {
    ...A,
    channel: 'web',
    state: 'resolved',
    received: '03-02T08:00',
    first: '03-02T10:00',
    resolved: '03-03T08:00',
    due: '03-05T08:00',
  });
  await kase('r2', 'report', {
    ...A,
    channel: 'app',
    state: 'closed',
    received: '03-10T08:00',
    first: '03-10T14:00',
    resolved: '03-15T08:00',
    closed: '03-16T08:00',
    due: '03-12T08:00',
  });
  await kase('r3', 'report', {
    ...A,
    channel: 'web',
    state: 'received',
    received: '03-20T08:00',
    due: '04-20T08:00',
  });
  await kase('r4', 'report', {
    ...A,
    channel: 'web',
    state: 'closed',
    received: '02-10T08:00',
    first: '02-10T12:00',
    resolved: '02-11T08:00',
    closed: '02-12T08:00',
    due: '02-20T08:00',
  });
  await kase('r5', 'report', {
    ...A,
    channel: 'phone',
    state: 'resolved',
    received: '02-25T08:00',
    first: '02-25T09:00',
    resolved: '03-02T08:00',
    due: '03-01T08:00',
  });
  // After the period and long before both: in neither.
  await kase('r6', 'report', { ...A, channel: 'web', state: 'received', received: '04-01T08:00' });
  await kase('r7', 'report', { ...A, channel: 'web', state: 'received', received: '01-10T08:00' });

  // Requests, office B. March: q1 (email; 2 h, answered in 24 h by its due date), q2 (email,
  // suspended). February: q3 (counter; 1 h, answered in 48 h, no due date).
  const B = { office: 'B', topic: 'registry' } as const;
  await kase('q1', 'request', {
    ...B,
    channel: 'email',
    state: 'answered',
    received: '03-05T09:00',
    first: '03-05T11:00',
    resolved: '03-06T09:00',
    due: '03-20T09:00',
  });
  await kase('q2', 'request', {
    ...B,
    channel: 'email',
    state: 'suspended',
    received: '03-06T09:00',
  });
  await kase('q3', 'request', {
    ...B,
    channel: 'counter',
    state: 'answered',
    received: '02-05T09:00',
    first: '02-05T10:00',
    resolved: '02-07T09:00',
  });

  // Complaints. March: c1, c2 on the <script> topic (office B; 24 h to respond; answered in
  // 312 h on time, upheld, and in 480 h late, rejected), c3 (office B, counter, assigned),
  // c4 (office A, phone, received). February: c5 (office B; 24 h, 120 h on time, partly upheld).
  await kase('c1', 'complaint', {
    office: 'B',
    topic: 'evil',
    channel: 'web',
    state: 'answered',
    outcome: 'upheld',
    received: '03-07T09:00',
    first: '03-08T09:00',
    resolved: '03-20T09:00',
    due: '04-06T09:00',
  });
  await kase('c2', 'complaint', {
    office: 'B',
    topic: 'evil',
    channel: 'web',
    state: 'answered',
    outcome: 'rejected',
    received: '03-08T09:00',
    first: '03-09T09:00',
    resolved: '03-28T09:00',
    due: '03-25T09:00',
  });
  await kase('c3', 'complaint', {
    ...B,
    channel: 'counter',
    state: 'assigned',
    received: '03-09T09:00',
  });
  await kase('c4', 'complaint', {
    ...A,
    channel: 'phone',
    state: 'received',
    received: '03-10T09:00',
  });
  await kase('c5', 'complaint', {
    ...B,
    channel: 'web',
    state: 'closed',
    outcome: 'partly_upheld',
    received: '02-15T09:00',
    first: '02-16T09:00',
    resolved: '02-20T09:00',
    closed: '02-21T09:00',
    due: '03-15T09:00',
  });

  // Ratings: r1 4 and 1 (a follower's) in March, r4 5 in February, c1 2 in March.
  await rating('report', code.r1, 4, '03-10T10:00');
  await rating('report', code.r1, 1, '03-12T10:00');
  await rating('report', code.r4, 5, '02-15T10:00');
  await rating('complaint', code.c1, 2, '03-25T10:00');

  const docs = strapi.documents('api::survey.survey');
  const created = await docs.create({
    locale: 'it',
    data: {
      title: `Gradimento <b>URP</b> ${suffix}`,
      slug: unique('qualita'),
      questions: [
        { code: 'score', label: 'Voto', type: 'scale', scaleMin: 1, scaleMax: 5 },
        { code: 'face', label: 'Faccina', type: 'emoticon' },
        { code: 'nps', label: 'Consiglierebbe?', type: 'nps' },
        { code: 'notes', label: 'Note', type: 'free_text', required: false },
      ],
      opensAt: '2017-01-01T00:00:00.000Z',
    } as never,
  });
  await docs.publish({ documentId: created.documentId, locale: 'it' });
  surveyId = created.documentId;
  await surveyResponse('B', '03-03T10:00', { score: 2, face: 'negative', nps: 6 });
  await surveyResponse('B', '03-04T10:00', { score: 4, face: 'positive', nps: 9 });
  await surveyResponse('A', '03-05T10:00', { score: 5, face: 'positive', nps: 10 });
  await surveyResponse('B', '02-20T10:00', { score: 5, face: 'positive', nps: 10 });
});

afterAll(async () => {
  appClock.resetClock();
  // Out of the backlog of later suites' years (console-kpis.test.ts reads March 2019's).
  await closeCasesReceivedBefore(
    strapi,
    new Date('2018-01-01T00:00:00Z'),
    new Date('2017-12-31T12:00:00Z')
  );
  await stopStrapi();
});

type Json = Record<string, unknown>;
type Row = { key: string | null; label: string; current: number; previous: number };
const kindOf = (res: request.Response, kind: Kind) =>
  (res.body.data.kinds as Json[]).find((k) => k.kind === kind) as Json & {
    [dimension: string]: Row[];
  };
const table = (rows: Row[]) => rows.map((r) => [r.key, r.current, r.previous]);
const trend = (current: number | null, previous: number | null) =>
  expect.objectContaining({ current, previous });

describe('the quality report as JSON', () => {
  let res: request.Response;
  beforeAll(async () => {
    res = await get('/quality-report', users.operator, PERIOD);
  });

  it('names the period, the previous one of the same length and the scope', () => {
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      locale: 'it',
      period: { from: '2017-03-01', to: '2017-03-31', days: 31 },
      previousPeriod: { from: '2017-01-29', to: '2017-02-28', days: 31 },
      generatedAt: '2017-04-05T08:00:00.000Z',
      offices: null,
    });
  });

  it('counts what came in by kind and channel, against the previous period', () => {
    // March: 3 reports, 2 requests, 4 complaints; February: 2, 1, 1.
    expect(res.body.data.received.total).toEqual({
      current: 9,
      previous: 4,
      change: 5,
      relativeChange: 1.25,
    });
    expect(table(res.body.data.received.byKind)).toEqual([
      ['complaint', 4, 1],
      ['report', 3, 2],
      ['request', 2, 1],
    ]);
    // web: r1, r3, c1, c2 (r4, c5 before); email: q1, q2; phone: c4 (r5 before); app: r2;
    // counter: c3 (q3 before)
    expect(table(res.body.data.received.byChannel)).toEqual([
      ['web', 4, 2],
      ['email', 2, 0],
      ['counter', 1, 1],
      ['phone', 1, 1],
      ['app', 1, 0],
    ]);
  });

  it('groups each kind by channel, topic, office, state and outcome', () => {
    const reports = kindOf(res, 'report');
    expect(reports.received).toEqual({ current: 3, previous: 2, change: 1, relativeChange: 0.5 });
    expect(table(reports.byTopic)).toEqual([[topic.roads, 3, 2]]);
    expect(reports.byTopic[0].label).toMatch(/^Strade /);
    expect(table(reports.byOffice)).toEqual([[office.A, 3, 2]]);
    expect(table(reports.byState)).toEqual([
      ['closed', 1, 1],
      ['resolved', 1, 1],
      ['received', 1, 0],
    ]);
    expect(reports.byState.map((r) => r.label)).toEqual(['Chiusi', 'Risolti', 'Ricevuti']);
    expect(reports.byOutcome).toBeNull();

    const complaints = kindOf(res, 'complaint');
    expect(table(complaints.byTopic)).toEqual([
      [topic.evil, 2, 0],
      [topic.registry, 1, 1],
      [topic.roads, 1, 0],
    ]);
    expect(complaints.byTopic[0].label).toBe(EVIL);
    expect(table(complaints.byOffice)).toEqual([
      [office.B, 3, 1],
      [office.A, 1, 0],
    ]);
    // c3 and c4 are not decided yet
    expect(table(complaints.byOutcome)).toEqual([
      [null, 2, 0],
      ['upheld', 1, 0], // "Accolti" before "Respinti"
      ['rejected', 1, 0],
      ['partly_upheld', 0, 1],
    ]);
    expect(complaints.byOutcome.map((r) => r.label)).toEqual([
      'Non indicato',
      'Accolti',
      'Respinti',
      'Accolti in parte',
    ]);
    expect(table(kindOf(res, 'request').byState)).toEqual([
      ['answered', 1, 1],
      ['suspended', 1, 0],
    ]);
  });

  it('measures response and resolution times and the share on time', () => {
    expect(kindOf(res, 'report').responseTimes).toEqual({
      firstResponses: trend(2, 2), // r1, r2; r4, r5
      medianFirstResponseHours: trend(4, 2.5), // 2, 6; 4, 1
      resolved: trend(3, 1), // r1, r2, r5; r4
      resolvedWithDueDate: trend(3, 1),
      resolvedOnTime: trend(1, 1), // r1; r4
      onTimeShare: { current: 0.3333, previous: 1, change: -0.6667, relativeChange: -0.6667 },
      medianResolutionHours: trend(120, 24), // 24, 120, 120; 24
    });
    expect(kindOf(res, 'request').responseTimes).toMatchObject({
      resolved: trend(1, 1),
      resolvedWithDueDate: trend(1, 0), // q3 had no due date
      onTimeShare: { current: 1, previous: null, change: null, relativeChange: null },
      medianFirstResponseHours: trend(2, 1),
      medianResolutionHours: trend(24, 48),
    });
    expect(kindOf(res, 'complaint').responseTimes).toMatchObject({
      firstResponses: trend(2, 1),
      medianFirstResponseHours: trend(24, 24),
      onTimeShare: trend(0.5, 1), // c1 of c1, c2; c5
      medianResolutionHours: trend(396, 120), // (312 + 480) / 2; 120
    });
  });

  it('gives ratings and survey figures', () => {
    expect(kindOf(res, 'report').ratings).toEqual({
      count: { current: 2, previous: 1, change: 1, relativeChange: 1 },
      meanScore: { current: 2.5, previous: 5, change: -2.5, relativeChange: -0.5 },
      lowShare: { current: 0.5, previous: 0, change: 0.5, relativeChange: null },
    });
    // 4 + 1 + 2 over 3; two of three are 1–2
    expect(res.body.data.satisfaction.ratings).toMatchObject({
      count: trend(3, 1),
      meanScore: trend(2.33, 5),
      lowShare: trend(0.6667, 0),
    });
    const survey = (res.body.data.satisfaction.surveys as Json[]).find(
      (s) => s.documentId === surveyId
    ) as Json & { questions: Json[] };
    expect(res.body.data.satisfaction.surveys).toHaveLength(1);
    expect(survey).toMatchObject({
      title: expect.stringMatching(/^Gradimento <b>URP<\/b> /),
      responses: { current: 3, previous: 1, change: 2, relativeChange: 2 },
      truncated: false,
    });
    // score 2, 4, 5: mean 3.67, 1 of 3 below 3; February 5
    // face −, +, +: a third negative, net 33.3 points; February 100
    // nps 6, 9, 10: promoters 2, detractors 1 → 33.3; February 100
    expect(survey.questions.map((q) => q.code)).toEqual(['score', 'face', 'nps']);
    expect(survey.questions[0]).toMatchObject({
      mean: { current: 3.67, previous: 5, change: -1.33, relativeChange: -0.266 },
      dissatisfiedShare: trend(0.3333, 0),
    });
    expect(survey.questions[1]).toMatchObject({
      dissatisfiedShare: trend(0.3333, 0),
      netScore: trend(33.3, 100),
    });
    expect(survey.questions[2]).toMatchObject({ nps: trend(33.3, 100) });
  });

  it('ranks the top topics of complaints, ties by name', () => {
    expect(table(res.body.data.topComplaintTopics)).toEqual([
      [topic.evil, 2, 0],
      [topic.registry, 1, 1], // "Anagrafe …" before "Strade …"
      [topic.roads, 1, 0],
    ]);
    expect(res.body.data.topComplaintTopics[0].share).toBe(0.5);
  });

  it('labels in English when asked', async () => {
    const en = await get('/quality-report', users.operator, { ...PERIOD, locale: 'en' });
    expect(en.status).toBe(200);
    expect(kindOf(en, 'report').byState.map((r) => r.label)).toEqual([
      'Closed',
      'Resolved',
      'Received',
    ]);
    expect(en.body.data.received.byKind[0].label).toBe('Complaints');
  });

  it('defaults to the 90 days up to today, by the injected clock', async () => {
    const def = await get('/quality-report', users.operator).expect(200);
    expect(def.body.data.period).toEqual({ from: '2017-01-05', to: '2017-04-05', days: 91 });
    expect(def.body.data.previousPeriod).toEqual({
      from: '2016-10-06',
      to: '2017-01-04',
      days: 91,
    });
    // 5 January – 5 April holds every 2017 case (r6 and r7 too): 7 reports, 3 requests, 5
    // complaints; nothing came in before.
    expect(def.body.data.received.total).toMatchObject({ current: 15, previous: 0 });
  });
});

describe('who reads what', () => {
  it("limits a coordinator to their offices' cases and answers", async () => {
    const res = await get('/quality-report', users.coordinatorA, PERIOD).expect(200);
    expect(res.body.data.offices).toEqual([
      { documentId: office.A, name: expect.stringMatching(/^Ufficio /) },
    ]);
    // Reports 3 / 2 as the city's (all office A); complaints: c4 only; no requests.
    expect(table(res.body.data.received.byKind)).toEqual([
      ['report', 3, 2],
      ['complaint', 1, 0],
    ]);
    expect(table(kindOf(res, 'complaint').byOffice)).toEqual([[office.A, 1, 0]]);
    expect(res.body.data.topComplaintTopics.map((r: Row) => r.key)).toEqual([topic.roads]);
    // c1's rating is office B's
    expect(res.body.data.satisfaction.ratings.count).toMatchObject({ current: 2, previous: 1 });
    const [survey] = res.body.data.satisfaction.surveys;
    expect(survey.responses).toMatchObject({ current: 1, previous: 0, relativeChange: null });
    expect(survey.questions[0].mean).toMatchObject({ current: 5, previous: null });
  });

  it('lets an operator ask for one office', async () => {
    const res = await get('/quality-report', users.operator, { ...PERIOD, office: office.B });
    expect(res.status).toBe(200);
    expect(res.body.data.offices).toEqual([
      { documentId: office.B, name: expect.stringMatching(/^Anagrafe & "Stato civile" /) },
    ]);
    expect(table(res.body.data.received.byKind)).toEqual([
      ['complaint', 3, 1],
      ['request', 2, 1],
    ]);
    expect(res.body.data.satisfaction.surveys[0].responses).toMatchObject({
      current: 2,
      previous: 1,
    });
  });

  it("refuses another office's report to a coordinator, and technicians and editors", async () => {
    await get('/quality-report', users.coordinatorA, { ...PERIOD, office: office.B }).expect(403);
    await get('/quality-report.html', users.coordinatorA, { ...PERIOD, office: office.B }).expect(
      403
    );
    await get('/quality-report', users.technician, PERIOD).expect(403);
    await get('/quality-report', users.editor, PERIOD).expect(403);
    await http.get('/urp-console/quality-report').query(PERIOD).expect(401);
  });
});

describe('the downloadable document', () => {
  it('is an HTML attachment named after its period, with the figures, escaped', async () => {
    const res = await get('/quality-report.html', users.operator, PERIOD).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="quality-report-2017-03-01-2017-03-31-it.html"'
    );
    const html = res.text;
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="it">')).toBe(true);
    expect(html).toContain('<time datetime="2017-03-01">1 marzo 2017</time>');
    expect(html).toContain('<time datetime="2017-01-29">29 gennaio 2017</time>');
    expect(html).not.toContain(EVIL);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Gradimento &lt;b&gt;URP&lt;/b&gt;');
    // The top complaint topic: 2 in March, half of them, none before
    expect(html).toContain(
      '<th scope="row">1. &lt;script&gt;alert(1)&lt;/script&gt;</th><td class="n">2</td><td class="n">50%</td><td class="n">0</td><td class="n">+2</td>'
    );
    // Received in all: 9 against 4 — the total row of the table by kind
    expect(html).toContain(
      '<th scope="row">Totale</th><td class="n">9</td><td></td><td class="n">4</td>'
    );
    // Reports on time: 33.3 % against 100 %, −66.7 points
    expect(html).toContain(
      '<th scope="row">Quota entro la scadenza</th><td class="n">33,3%</td><td class="n">100%</td><td class="n">-66,7 p.p.</td>'
    );
  });

  it('in English', async () => {
    const res = await get('/quality-report.html', users.coordinatorA, {
      ...PERIOD,
      locale: 'en',
    }).expect(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="quality-report-2017-03-01-2017-03-31-en.html"'
    );
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('<caption>Cases received by kind</caption>');
  });
});

describe('bad input', () => {
  it.each([
    [{ from: '2017-13-01' }, 'from'],
    [{ from: '2017-03-05', to: '2017-03-04' }, 'from'],
    [{ from: '2016-01-01', to: '2017-03-31' }, 'to'],
    [{ to: '2017-04-06' }, 'to'], // tomorrow, by the clock
    [{ to: '31/03/2017' }, 'to'],
    [{ locale: 'fr' }, 'locale'],
    [{ office: 'no-such-office' }, 'office'],
  ])('refuses %j naming %s', async (query, field) => {
    for (const path of ['/quality-report', '/quality-report.html']) {
      const res = await get(path, users.operator, query).expect(400);
      expect(res.body.error.details.errors[0].path).toEqual([field]);
    }
  });
});
