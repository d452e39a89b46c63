/**
 * Survey analytics in the console (GET /urp-console/surveys, /surveys/:documentId/stats and
 * /responses.csv): figures against hand-computed values, the response rate against invitations,
 * filters, the coordinators' office scope, and an export with no personal data.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import { createOffice, createService, unique } from '../helpers/fixtures';
import { createStaffUser, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const { createSurveyInvitations, openSurveys } =
  require('../../dist/src/lib/surveys/invitations') as typeof import('../../src/lib/surveys/invitations');

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const clock = fixedClock('2026-10-15T10:00:00Z');
const users: Record<string, StaffUser> = {};
let roads: { documentId: string };
let registry: { documentId: string };
let survey: { documentId: string; slug: string };
let previous: { documentId: string; slug: string };
let service: { documentId: string };

const QUESTIONS = [
  { code: 'score', label: 'Voto', type: 'scale', scaleMin: 1, scaleMax: 5 },
  { code: 'face', label: 'Faccina', type: 'emoticon' },
  { code: 'nps', label: 'Consiglierebbe?', type: 'nps' },
  {
    code: 'liked',
    label: 'Che cosa ha apprezzato?',
    type: 'multiple_choice',
    required: false,
    options: [
      { key: 'speed', label: 'Rapidità' },
      { key: 'kindness', label: 'Cortesia' },
    ],
  },
  { code: 'notes', label: 'Note', type: 'free_text', required: false },
];

function get(path: string, who: StaffUser, query: Record<string, string | number> = {}) {
  return http.get(`/urp-console${path}`).set('Authorization', `Bearer ${who.jwt}`).query(query);
}

async function answer(
  answers: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  slug = survey.slug
) {
  await http
    .post(`/api/surveys/${slug}/responses`)
    .send({ answers, ...extra })
    .expect(201);
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  roads = await createOffice(strapi);
  registry = await createOffice(strapi);
  service = await createService(strapi, roads.documentId);
  const docs = strapi.documents('api::survey.survey');
  const publishSurvey = async (title: string, opensAt: string) => {
    const slug = unique('analisi');
    const created = await docs.create({
      locale: 'it',
      data: {
        title,
        slug,
        questions: QUESTIONS,
        channels: ['web', 'counter'],
        services: { connect: [{ documentId: service.documentId, locale: 'it', status: 'draft' }] },
        // Two offices: an answer without an invitation is then nobody's in particular, and the
        // roads office's cases are invited to this survey rather than to any other suite's.
        offices: {
          connect: [roads, registry].map((o) => ({
            documentId: o.documentId,
            locale: 'it',
            status: 'draft',
          })),
        },
        opensAt,
      } as never,
    });
    await docs.publish({ documentId: created.documentId, locale: 'it' });
    return { documentId: created.documentId, slug };
  };
  previous = await publishSurvey('Soddisfazione 2025', '2025-10-01T00:00:00.000Z');
  survey = await publishSurvey('Soddisfazione', '2026-10-01T00:00:00.000Z');
  // The previous survey on the same service: scores 1 and 2 → mean 1.5, dissatisfied 2/2 = 1.
  await answer({ score: 1, face: 'negative', nps: 2 }, {}, previous.slug);
  await answer({ score: 2, face: 'neutral', nps: 5 }, {}, previous.slug);

  users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
  users.roadsCoordinator = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [roads.documentId],
  });
  users.editor = await createStaffUser(strapi, { roles: ['bc-editor'] });

  // Four invitations for the roads office, two answered through their links.
  const links = await createSurveyInvitations(
    strapi,
    {
      kind: 'report',
      referenceCode: 'SEG-2026-000001',
      officeKey: roads.documentId,
      channel: 'web',
    },
    ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org'],
    clock.now(),
    await openSurveys(strapi, clock.now())
  );
  expect(links.size).toBe(4);
  const token = (email: string) => new URL(links.get(email)!).searchParams.get('invito');
  // score 1, 2, 4, 5, 5 → mean 17/5 = 3.4, median 4, dissatisfied (< 3) 2/5 = 0.4
  // face negative, positive, positive, neutral, positive → net (3 − 1) / 5 = 40 points
  // nps 3, 9, 10, 7, 6 → promoters 2, detractors 2 (3, 6): NPS 0
  await answer(
    { score: 1, face: 'negative', nps: 3, notes: 'Scrivetemi a mario.rossi@example.org' },
    { token: token('a@example.org') }
  );
  await answer(
    { score: 2, face: 'positive', nps: 9, liked: ['speed'] },
    { token: token('b@example.org') }
  );
  await answer({ score: 4, face: 'positive', nps: 10, liked: ['speed', 'kindness'] });
  await answer({ score: 5, face: 'neutral', nps: 7 }, { channel: 'counter' });
  await answer({ score: 5, face: 'positive', nps: 6, liked: ['kindness'] });
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

const period = { from: '2026-10-01', to: '2026-10-15' };

it('computes each question against hand-computed figures, with the response rate', async () => {
  const res = await get(`/surveys/${survey.documentId}/stats`, users.operator, period).expect(200);
  const data = res.body.data;
  expect(data).toMatchObject({
    survey: { slug: survey.slug, anonymous: true, state: 'open' },
    responses: 5,
    invitations: 4,
    invitedResponses: 2,
    responseRate: 0.5,
    truncated: false,
  });
  const byCode = Object.fromEntries(
    data.questions.map((q: { code: string }) => [q.code, q])
  ) as Record<string, Record<string, unknown>>;
  expect(byCode.score).toMatchObject({ answered: 5, mean: 3.4, median: 4, dissatisfiedShare: 0.4 });
  expect(byCode.face).toMatchObject({ answered: 5, netScore: 40, dissatisfiedShare: 0.2 });
  expect(byCode.nps).toMatchObject({ promoters: 2, passives: 1, detractors: 2, nps: 0 });
  // liked: answered by 3; speed 2/3, kindness 2/3
  expect(byCode.liked).toMatchObject({ answered: 3, skipped: 2 });
  expect(byCode.notes).toMatchObject({ answered: 1 });

  // A stricter threshold: scores under 5 are dissatisfied → 3/5.
  const strict = await get(`/surveys/${survey.documentId}/stats`, users.operator, {
    ...period,
    dissatisfiedBelow: 5,
  }).expect(200);
  expect(strict.body.data.questions[0].dissatisfiedShare).toBe(0.6);
});

it('filters by channel and office; a coordinator reads their own office only', async () => {
  const counter = await get(`/surveys/${survey.documentId}/stats`, users.operator, {
    ...period,
    channel: 'counter',
  }).expect(200);
  expect(counter.body.data.responses).toBe(1);
  expect(counter.body.data.questions[0].mean).toBe(5);

  // Only the two invited answers carry the roads office.
  const mine = await get(`/surveys/${survey.documentId}/stats`, users.roadsCoordinator, period);
  expect(mine.status).toBe(200);
  expect(mine.body.data).toMatchObject({ responses: 2, invitations: 4, responseRate: 0.5 });
  await get(`/surveys/${survey.documentId}/stats`, users.roadsCoordinator, {
    ...period,
    office: registry.documentId,
  }).expect(403);
  await get(`/surveys/${survey.documentId}/stats`, users.editor, period).expect(403);
});

it('refuses a malformed period naming the field, and an unknown survey', async () => {
  const bad = await get(`/surveys/${survey.documentId}/stats`, users.operator, {
    from: '2026-13-01',
  }).expect(400);
  expect(bad.body.error.details.errors[0].path).toEqual(['from']);
  await get('/surveys/nope/stats', users.operator).expect(404);
});

it('lists the surveys with their answers count', async () => {
  const res = await get('/surveys', users.operator).expect(200);
  const mine = res.body.data.find(
    (s: { documentId: string }) => s.documentId === survey.documentId
  );
  expect(mine).toMatchObject({ slug: survey.slug, responses: 5, state: 'open' });
});

it('exports the answers as CSV without personal data', async () => {
  const res = await get(`/surveys/${survey.documentId}/responses.csv`, users.operator, period)
    .buffer(true)
    .expect(200);
  expect(res.headers['content-type']).toContain('text/csv');
  const lines = String(res.text)
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('date,channel,language,office,service,invited,score,face,nps,liked,notes');
  expect(lines).toHaveLength(6);
  expect(lines[2]).toBe(
    `2026-10-15,web,it,${roads.documentId},${service.documentId},yes,2,positive,9,speed,`
  );
  expect(res.text).not.toContain('mario.rossi@example.org');
  expect(res.text).not.toContain('SEG-2026-000001');
});

describe('improvement plans', () => {
  const plan = (who: StaffUser, documentId = survey.documentId) =>
    get(`/surveys/${documentId}/improvements`, who);
  const create = (
    who: StaffUser,
    body: Record<string, unknown>,
    documentId = previous.documentId
  ) =>
    http
      .post(`/urp-console/surveys/${documentId}/improvements`)
      .set('Authorization', `Bearer ${who.jwt}`)
      .send(body);

  it('records actions from the weakest questions, within the office scope', async () => {
    const weak = (await plan(users.operator, previous.documentId).expect(200)).body.data.weakest;
    // Previous survey: score 2/2 under 3, face 1/2 negative, nps 2/2 detractors.
    expect(weak.map((q: { code: string }) => q.code)).toEqual(['nps', 'score', 'face']);

    const made = await create(users.roadsCoordinator, {
      title: 'Risposte entro 5 giorni',
      ownerOffice: roads.documentId,
      questionCode: 'score',
      service: service.documentId,
      dueDate: '2026-06-30',
    }).expect(201);
    expect(made.body.data).toMatchObject({
      status: 'planned',
      ownerOffice: { documentId: roads.documentId },
      questionCode: 'score',
    });
    await create(users.roadsCoordinator, {
      title: 'Altro ufficio',
      ownerOffice: registry.documentId,
    }).expect(403);
    const noOffice = await create(users.operator, { title: 'X', ownerOffice: 'nope' }).expect(400);
    expect(noOffice.body.error.details.errors[0].path).toEqual(['ownerOffice']);
    const noQuestion = await create(users.operator, {
      title: 'X',
      ownerOffice: roads.documentId,
      questionCode: 'missing',
    }).expect(400);
    expect(noQuestion.body.error.details.errors[0].path).toEqual(['questionCode']);
    await create(users.editor, { title: 'X', ownerOffice: roads.documentId }).expect(403);

    const done = await http
      .put(`/urp-console/improvements/${made.body.data.id}`)
      .set('Authorization', `Bearer ${users.roadsCoordinator.jwt}`)
      .send({ status: 'done' })
      .expect(200);
    expect(done.body.data).toMatchObject({ status: 'done', doneAt: '2026-10-15T10:00:00.000Z' });
  });

  it('the next survey on the same service shows before and after, with the actions between', async () => {
    const res = await plan(users.operator).expect(200);
    const { previous: before } = res.body.data;
    expect(before.survey.documentId).toBe(previous.documentId);
    expect(before.responses).toBe(2);
    expect(before.actions.map((a: { title: string }) => a.title)).toEqual([
      'Risposte entro 5 giorni',
    ]);
    const score = before.comparison.questions.find((q: { code: string }) => q.code === 'score');
    // mean 1.5 → 3.4: +1.9; dissatisfied 1 → 0.4: −0.6
    expect(score).toMatchObject({
      comparable: true,
      label: 'Voto',
      mean: 1.9,
      dissatisfiedShare: -0.6,
      before: { answered: 2, mean: 1.5, dissatisfiedShare: 1 },
      after: { answered: 5, mean: 3.4, dissatisfiedShare: 0.4 },
    });
    // The first survey of the service has nothing before it.
    expect((await plan(users.operator, previous.documentId)).body.data.previous).toBeNull();
  });
});
