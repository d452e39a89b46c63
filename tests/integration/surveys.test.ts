/**
 * Surveys end to end: an editor's questionnaire checked when saved, the public questionnaire by
 * slug in each locale, answers validated question by question, closed and unpublished surveys
 * refused, anonymity in storage, and the single-use invitation sent with a case's satisfaction
 * follow-up (through the real sweep and a real SMTP server), spent once under concurrency.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import {
  createCitizen,
  createOffice,
  createReport,
  createTopic,
  unique,
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
const clock = fixedClock('2026-09-01T08:00:00Z');
let office: { documentId: string; slug: string };

const QUESTIONS = [
  {
    code: 'overall',
    label: 'Quanto è soddisfatto del servizio?',
    type: 'scale',
    scaleMin: 1,
    scaleMax: 10,
    minLabel: 'Per nulla',
    maxLabel: 'Del tutto',
  },
  { code: 'mood', label: 'Come si è sentito?', type: 'emoticon' },
  {
    code: 'why',
    label: 'Che cosa non è andato?',
    type: 'multiple_choice',
    required: true,
    options: [
      { key: 'slow', label: 'Tempi lunghi' },
      { key: 'unclear', label: 'Informazioni poco chiare' },
    ],
    showIf: { question: 'mood', in: ['negative'] },
  },
  {
    code: 'channel_used',
    label: 'Come ci ha contattato?',
    type: 'single_choice',
    required: false,
    options: [
      { key: 'web', label: 'Sito' },
      { key: 'desk', label: 'Sportello' },
    ],
  },
  { code: 'recommend', label: 'Consiglierebbe il servizio?', type: 'nps', required: false },
  { code: 'notes', label: 'Suggerimenti', type: 'free_text', required: false, maxLength: 50 },
];

const EN_QUESTIONS = QUESTIONS.map((q) => ({ ...q, label: `EN ${q.code}` }));

async function createSurvey(extra: Record<string, unknown> = {}, publish = true) {
  const docs = strapi.documents('api::survey.survey');
  const slug = unique('questionario');
  const created = await docs.create({
    locale: 'it',
    data: {
      title: 'Qualità del servizio',
      slug,
      description: 'Tre minuti per aiutarci a migliorare.',
      questions: QUESTIONS,
      offices: { connect: [{ documentId: office.documentId, locale: 'it', status: 'draft' }] },
      channels: ['web', 'email'],
      opensAt: '2026-01-01T00:00:00.000Z',
      closesAt: '2026-12-31T00:00:00.000Z',
      ...extra,
    } as never,
  });
  if (publish) await docs.publish({ documentId: created.documentId, locale: 'it' });
  return { documentId: created.documentId, slug };
}

const responsesOf = (documentId: string) =>
  strapi.db
    .query('api::survey-response.survey-response')
    .findMany({ where: { surveyDocumentId: documentId } });

const good = { overall: 8, mood: 'positive', recommend: 9, notes: '  Tutto bene  ' };

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  await discardQueuedMessages(strapi);
  for (const table of ['reports', 'requests', 'complaints']) {
    await strapi.db.connection(table).update({ next_action_at: null });
  }
  office = await createOffice(strapi);
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
  await smtp.stopForApp();
});

describe('an editor saving a questionnaire', () => {
  it('is refused with the field of the faulty question, and nothing is stored', async () => {
    const docs = strapi.documents('api::survey.survey');
    const slug = unique('sbagliato');
    const bad = [
      { code: 'a', label: 'Voto', type: 'scale', scaleMin: 5, scaleMax: 3 },
      { code: 'b', label: 'Scelta', type: 'single_choice', options: [{ key: 'x', label: 'X' }] },
      { code: 'c', label: 'Se', type: 'free_text', showIf: { question: 'd', in: ['x'] } },
      { code: 'd', label: 'Poi', type: 'emoticon' },
    ];
    const error = await docs
      .create({ locale: 'it', data: { title: 'Sbagliato', slug, questions: bad } as never })
      .then(() => null)
      .catch((e: { name: string; details: { errors: { path: string[] }[] } }) => e);
    expect(error?.name).toBe('ValidationError');
    const paths = error!.details.errors.map((e) => e.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'questions.0.scaleMax',
        'questions.1.options',
        'questions.2.showIf.question',
      ])
    );
    expect(await docs.findFirst({ filters: { slug } } as never)).toBeNull();
  });

  it('refuses a translation that asks other questions than the Italian version', async () => {
    const survey = await createSurvey({}, false);
    const docs = strapi.documents('api::survey.survey');
    const renamed = EN_QUESTIONS.map((q, i) => (i === 4 ? { ...q, code: 'advice' } : q));
    await expect(
      docs.update({
        documentId: survey.documentId,
        locale: 'en',
        data: { title: 'Quality', slug: `${survey.slug}-en`, questions: renamed } as never,
      })
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('codes overall, mood, why'),
    });
    expect(await docs.findOne({ documentId: survey.documentId, locale: 'en' } as never)).toBeNull();
  });

  it('is refused when the survey would close before it opens', async () => {
    await expect(
      createSurvey({ opensAt: '2026-05-01T00:00:00.000Z', closesAt: '2026-04-01T00:00:00.000Z' })
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('closesAt'),
    });
  });
});

describe('GET /api/surveys/:slug', () => {
  it('answers the published questionnaire in the asked locale, Italian by default', async () => {
    const survey = await createSurvey();
    const docs = strapi.documents('api::survey.survey');
    await docs.update({
      documentId: survey.documentId,
      locale: 'en',
      data: {
        title: 'Service quality',
        slug: `${survey.slug}-en`,
        questions: EN_QUESTIONS,
      } as never,
    });
    await docs.publish({ documentId: survey.documentId, locale: 'en' });

    const it = await http.get(`/api/surveys/${survey.slug}`).expect(200);
    expect(it.body.data).toMatchObject({
      slug: survey.slug,
      locale: 'it',
      title: 'Qualità del servizio',
      state: 'open',
      anonymous: true,
      requiresInvitation: false,
      channels: ['web', 'email'],
      offices: [{ slug: office.slug }],
    });
    expect(it.body.data.questions.map((q: { code: string }) => q.code)).toEqual(
      QUESTIONS.map((q) => q.code)
    );
    expect(it.body.data.questions[0]).toMatchObject({
      scaleMin: 1,
      scaleMax: 10,
      minLabel: 'Per nulla',
    });
    expect(it.body.data.questions[2].showIf).toEqual({ question: 'mood', in: ['negative'] });
    // The Italian slug finds the English version too.
    const en = await http.get(`/api/surveys/${survey.slug}`).query({ locale: 'en' }).expect(200);
    expect(en.body.data).toMatchObject({ locale: 'en', title: 'Service quality' });
    expect(en.body.data.questions[0].label).toBe('EN overall');

    const bad = await http.get(`/api/surveys/${survey.slug}`).query({ locale: 'de' }).expect(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['locale']);
  });

  it('does not show a draft, and says when a survey is closed', async () => {
    const draft = await createSurvey({}, false);
    await http.get(`/api/surveys/${draft.slug}`).expect(404);
    const closed = await createSurvey({ closesAt: '2026-08-01T00:00:00.000Z' });
    const res = await http.get(`/api/surveys/${closed.slug}`).expect(200);
    expect(res.body.data.state).toBe('closed');
  });
});

describe('POST /api/surveys/:slug/responses', () => {
  let survey: { documentId: string; slug: string };
  beforeAll(async () => {
    survey = await createSurvey();
  });
  const answer = (body: Record<string, unknown>, slug = survey.slug) =>
    http.post(`/api/surveys/${slug}/responses`).send(body);

  it('stores valid answers, normalised, with no personal data', async () => {
    const res = await answer({ answers: good }).expect(201);
    expect(res.body.data).toEqual({ survey: survey.slug, locale: 'it', answered: 4 });
    const [stored] = await responsesOf(survey.documentId);
    expect(stored).toMatchObject({
      answers: { overall: 8, mood: 'positive', recommend: 9, notes: 'Tutto bene' },
      channel: 'web',
      language: 'it',
      officeKey: office.documentId,
      invited: false,
      caseCode: null,
    });
  });

  it.each([
    ['a scale value out of range', { ...good, overall: 11 }, 'answers.overall', 'from 1 to 10'],
    ['a scale value that is not whole', { ...good, overall: 7.5 }, 'answers.overall', 'integer'],
    ['an unknown emoticon', { ...good, mood: 'happy' }, 'answers.mood', 'positive'],
    ['an NPS over 10', { ...good, recommend: 11 }, 'answers.recommend', '0 to 10'],
    ['an unknown choice', { ...good, channel_used: 'fax' }, 'answers.channel_used', 'web'],
    ['a text too long', { ...good, notes: 'x'.repeat(51) }, 'answers.notes', '50'],
    ['a missing required answer', { mood: 'positive' }, 'answers.overall', 'required'],
    ['an unknown question', { ...good, extra: 1 }, 'answers.extra', 'no such question'],
    ['a conditional question not shown', { ...good, why: ['slow'] }, 'answers.why', 'mood'],
    [
      'a conditional question shown and unanswered',
      { ...good, mood: 'negative' },
      'answers.why',
      'required',
    ],
  ])('refuses %s, naming the field, storing nothing', async (_what, answers, field, words) => {
    const before = (await responsesOf(survey.documentId)).length;
    const res = await answer({ answers }).expect(400);
    const errors = res.body.error.details.errors as { path: string[]; message: string }[];
    const hit = errors.find((e) => e.path.join('.') === field);
    expect(hit?.message).toContain(words);
    expect((await responsesOf(survey.documentId)).length).toBe(before);
  });

  it('takes the conditional question when its condition holds', async () => {
    await answer({ answers: { ...good, mood: 'negative', why: ['slow', 'unclear'] } }).expect(201);
  });

  it('refuses a channel the survey does not list, and a malformed body', async () => {
    const res = await answer({ answers: good, channel: 'kiosk' }).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['channel']);
    const none = await answer({}).expect(400);
    expect(none.body.error.details.errors[0].path).toEqual(['answers']);
  });

  it('refuses closed, not yet open and unpublished surveys', async () => {
    const closed = await createSurvey({ closesAt: '2026-08-01T00:00:00.000Z' });
    const res = await answer({ answers: good }, closed.slug).expect(409);
    expect(res.body.error.message).toContain('closed');
    const later = await createSurvey({ opensAt: '2026-10-01T00:00:00.000Z' });
    expect((await answer({ answers: good }, later.slug).expect(409)).body.error.message).toContain(
      'not open yet'
    );
    const draft = await createSurvey({}, false);
    await answer({ answers: good }, draft.slug).expect(404);
    for (const s of [closed, later, draft]) expect(await responsesOf(s.documentId)).toHaveLength(0);
  });

  it('a survey answered by invitation only refuses answers without a token', async () => {
    const invited = await createSurvey({ requiresInvitation: true });
    const res = await answer({ answers: good }, invited.slug).expect(403);
    expect(res.body.error.details.errors[0].path).toEqual(['token']);
  });
});

describe('invitations sent with the satisfaction follow-up', () => {
  const SURVEY_LINK = /questionari\/([^?\s]+)\?invito=([A-Za-z0-9_-]+)/;

  /** A report of the office resolved on 1 September; the sweep of the 4th invites its citizen. */
  async function invitationFor(named: boolean) {
    const survey = await createSurvey({ anonymous: !named, requiresInvitation: true });
    clock.set(new Date('2026-09-01T08:00:00Z'));
    const topic = await createTopic(strapi, office.documentId);
    const citizen = await createCitizen(strapi);
    const report = await createReport(strapi, {
      citizen: citizen.documentId,
      topic: topic.documentId,
    });
    const docs = strapi.documents('api::report.report');
    for (const state of ['triaged', 'assigned', 'in_progress', 'resolved']) {
      await docs.update({ documentId: report.documentId, data: { state } as never });
    }
    await dispatchAll(strapi);
    clock.set(new Date('2026-09-04T08:01:00Z'));
    const before = smtp.messages.length;
    await runDeadlineSweep(strapi);
    await dispatchAll(strapi);
    const mail = smtp.messages
      .slice(before)
      .find((m) => String(m.subject).includes(report.referenceCode));
    const link = SURVEY_LINK.exec(String(mail?.text));
    expect(link?.[1]).toBe(survey.slug);
    return { survey, token: link![2], code: report.referenceCode };
  }

  it('spends the link once, even when two answers arrive at once; an anonymous answer keeps no case', async () => {
    // A general survey opened later fits every case, but the office's own survey fits better.
    await createSurvey({
      offices: { connect: [] },
      channels: [],
      opensAt: '2026-06-01T00:00:00.000Z',
    });
    const { survey, token } = await invitationFor(false);
    const send = () =>
      http.post(`/api/surveys/${survey.slug}/responses`).send({ answers: good, token });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status].sort()).toEqual([201, 410]);
    expect((await send().expect(410)).body.error.details.errors[0].path).toEqual(['token']);
    const stored = await responsesOf(survey.documentId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      invited: true,
      caseCode: null,
      officeKey: office.documentId,
    });
    expect(JSON.stringify(stored[0])).not.toMatch(/@|127\.0\.0\.1|::1/);
  });

  it('a named survey keeps the case of the invitation; links expire and open only their survey', async () => {
    const { survey, token, code } = await invitationFor(true);
    const other = await createSurvey();
    const wrong = await http
      .post(`/api/surveys/${other.slug}/responses`)
      .send({ answers: good, token })
      .expect(404);
    expect(wrong.body.error.details.errors[0].path).toEqual(['token']);

    clock.set(new Date('2026-11-01T08:00:00Z')); // 58 days later: the 30-day link has expired
    const expired = await http
      .post(`/api/surveys/${survey.slug}/responses`)
      .send({ answers: good, token })
      .expect(410);
    expect(expired.body.error.message).toContain('expired');
    clock.set(new Date('2026-09-05T08:00:00Z'));
    await http
      .post(`/api/surveys/${survey.slug}/responses`)
      .send({ answers: good, token })
      .expect(201);
    const [stored] = await responsesOf(survey.documentId);
    expect(stored).toMatchObject({ invited: true, caseCode: code });
    // The public never reads it back: responses are not a public type.
    await http.get('/api/survey-responses').expect(403);
  });
});
