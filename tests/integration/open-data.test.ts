/**
 * Open data (GET /api/open-data/*): anonymised public reports as CSV and GeoJSON, survey
 * aggregates, the schema. Everything happens in 2018, a year no other suite uses, at times of an
 * injected clock, so other suites' reports stay out of the periods asked.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { columnNames, REPORT_COLUMNS } from '../../src/domain/open-data';
import { SURVEY_COLUMNS } from '../../src/domain/open-data-surveys';
import { appActor, appClock } from '../helpers/app';
import {
  closeCasesReceivedBefore,
  createCitizen,
  createOffice,
  createReport,
  createTopic,
  unique,
} from '../helpers/fixtures';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const clock = fixedClock('2018-04-10T10:00:00Z');
const MARCH = { from: '2018-03-01', to: '2018-03-31' };
const SECRET = {
  description: 'DESCRIZIONE-RISERVATA buca davanti a casa mia',
  address: 'Via del Sig. Bianchi-Segreto 3',
  name: 'Nome Cittadino-Segreto',
  phone: '+39 333 9876543',
};
const staff = { type: 'staff' as const, id: '1', name: 'Giulia Operatrice' };

let office: { documentId: string };
let topic: { documentId: string; code: string };
let otherTopic: { documentId: string; code: string };
let citizen: { documentId: string; email: string };
const codes: Record<string, string> = {};

/** A report received at `receivedAt`, by the citizen, with the secret text and address. */
async function report(receivedAt: string, extra: Record<string, unknown> = {}) {
  clock.set(receivedAt);
  const created = await createReport(strapi, {
    topic: topic.documentId,
    citizen: citizen.documentId,
    description: SECRET.description,
    address: SECRET.address,
    receivedAt,
    ...extra,
  });
  return created;
}

async function moveTo(documentId: string, state: string, at: string) {
  clock.set(at);
  await appActor.runAs(staff, () =>
    strapi.documents('api::report.report').update({ documentId, data: { state } as never })
  );
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId);
  otherTopic = await createTopic(strapi, office.documentId);
  citizen = await createCitizen(strapi, { name: SECRET.name, phone: SECRET.phone });

  // Received on 5 March at 23:30 in Rome (22:30 UTC): its day is the 5th, not the 6th.
  const worked = await report('2018-03-05T22:30:00Z', { latitude: 43.71934, longitude: 10.39871 });
  await moveTo(worked.documentId, 'triaged', '2018-03-06T09:00:00Z');
  await moveTo(worked.documentId, 'assigned', '2018-03-06T10:00:00Z');
  await moveTo(worked.documentId, 'in_progress', '2018-03-07T10:00:00Z');
  await moveTo(worked.documentId, 'resolved', '2018-03-09T16:00:00Z');
  codes.worked = worked.referenceCode;

  codes.noPosition = (
    await report('2018-03-10T10:00:00Z', { latitude: null, longitude: null })
  ).referenceCode;
  // Made private by staff, and still awaiting its author's confirmation: never public.
  codes.hidden = (await report('2018-03-11T10:00:00Z', { isPrivate: true })).referenceCode;
  codes.unconfirmed = (
    await report('2018-03-12T10:00:00Z', { awaitingConfirmation: true })
  ).referenceCode;
  codes.otherTopic = (
    await report('2018-03-13T10:00:00Z', { topic: otherTopic.documentId })
  ).referenceCode;
  codes.april = (await report('2018-04-02T10:00:00Z')).referenceCode;
  clock.set('2018-04-10T10:00:00Z');
  const stored = await strapi.db.query('api::report.report').findMany({
    where: { referenceCode: { $in: [codes.hidden, codes.unconfirmed] } },
    select: ['isPrivate', 'awaitingConfirmation'],
  });
  expect(stored).toHaveLength(2);
  expect(stored.every((r: Record<string, unknown>) => r.isPrivate || r.awaitingConfirmation)).toBe(
    true
  );
});
afterAll(async () => {
  appClock.resetClock();
  // Out of the backlog of later suites' years (console-kpis.test.ts reads March 2019's).
  await closeCasesReceivedBefore(
    strapi,
    new Date('2019-01-01T00:00:00Z'),
    new Date('2018-12-31T12:00:00Z')
  );
  await stopStrapi();
});

/** CSV text → rows of cells (the fields written here hold no comma, quote or line break). */
function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...lines] = text.slice(1).split('\r\n').filter(Boolean);
  const names = header.split(',');
  return {
    header: names,
    rows: lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [names[i], c]))),
  };
}

function expectNothingPersonal(body: string) {
  for (const secret of [...Object.values(SECRET), citizen.email, 'Bianchi', 'RISERVATA']) {
    expect(body).not.toContain(secret);
  }
}

describe('GET /api/open-data/reports.csv', () => {
  it('lists the public reports of the period, header equal to the schema', async () => {
    const res = await http.get('/api/open-data/reports.csv').query(MARCH).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="reports_2018-03-01_2018-03-31.csv"'
    );
    const { header, rows } = parseCsv(res.text);
    expect(header).toEqual(columnNames(REPORT_COLUMNS));
    expect(rows.map((r) => r.reference_code)).toEqual([
      codes.worked,
      codes.noPosition,
      codes.otherTopic,
    ]);
    expectNothingPersonal(res.text);
  });

  it('gives days, times in days, the public status, office, topic and a rounded position', async () => {
    const res = await http.get('/api/open-data/reports.csv').query(MARCH).expect(200);
    const { rows } = parseCsv(res.text);
    expect(rows[0]).toMatchObject({
      reference_code: codes.worked,
      topic_code: topic.code,
      status: 'resolved',
      channel: 'web',
      received_date: '2018-03-05',
      first_response_date: '2018-03-06',
      resolved_date: '2018-03-09',
      closed_date: '',
      first_response_days: '1',
      resolution_days: '4',
      latitude: '43.719',
      longitude: '10.399',
    });
    expect(rows[0].topic_name).toMatch(/^Argomento /);
    expect(rows[0].office_name).toMatch(/^Ufficio /);
    expect(rows[0].due_date).toMatch(/^2018-\d\d-\d\d$/);
    expect(rows[1]).toMatchObject({ status: 'received', latitude: '', longitude: '' });
  });

  it('defaults to the previous calendar month of the clock', async () => {
    const res = await http.get('/api/open-data/reports.csv').expect(200);
    expect(res.headers['content-disposition']).toContain('reports_2018-03-01_2018-03-31.csv');
    expect(parseCsv(res.text).rows).toHaveLength(3);
  });

  it('narrows to a topic by its code', async () => {
    const res = await http
      .get('/api/open-data/reports.csv')
      .query({ ...MARCH, topic: otherTopic.code })
      .expect(200);
    expect(parseCsv(res.text).rows.map((r) => r.reference_code)).toEqual([codes.otherTopic]);
    expect(res.headers['content-disposition']).toContain(`_${otherTopic.code}.csv`);
  });

  it('reads every batch: a period longer than one batch loses no report and repeats none', async () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { publicReportRows } =
      require('../../dist/src/lib/open-data/reports') as typeof import('../../src/lib/open-data/reports');
    const seen: unknown[] = [];
    const rows = publicReportRows(
      strapi,
      {
        start: new Date('2018-02-28T23:00:00Z'),
        end: new Date('2018-04-30T21:59:59.999Z'),
        topicKey: null,
      },
      1
    );
    for await (const row of rows) seen.push(row.reference_code);
    expect(seen).toEqual([codes.worked, codes.noPosition, codes.otherTopic, codes.april]);
  });

  it.each([
    [{ from: '2018-03-01' }, 'to'],
    [{ from: '2018-03-01', to: 'marzo' }, 'to'],
    [{ from: '2018-04-01', to: '2018-03-01' }, 'from'],
    [{ from: '2017-01-01', to: '2018-03-01' }, 'to'],
    [{ ...MARCH, topic: 'NO-SUCH-TOPIC' }, 'topic'],
    [{ ...MARCH, topic: 'a b' }, 'topic'],
  ])('refuses %j with a 400 naming %s', async (query, field) => {
    const res = await http.get('/api/open-data/reports.csv').query(query).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });
});

describe('GET /api/open-data/reports.geojson', () => {
  it('is a FeatureCollection of the public reports with a position, [lon, lat]', async () => {
    const res = await http.get('/api/open-data/reports.geojson').query(MARCH).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="reports_2018-03-01_2018-03-31.geojson"'
    );
    const fc = JSON.parse(res.text);
    expect(fc).toMatchObject({
      type: 'FeatureCollection',
      period: MARCH,
      reportsWithoutPosition: 1,
    });
    expect(fc.features.map((f: { id: string }) => f.id)).toEqual([codes.worked, codes.otherTopic]);
    const [worked] = fc.features;
    expect(worked).toMatchObject({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [10.399, 43.719] },
      properties: { reference_code: codes.worked, status: 'resolved', resolution_days: 4 },
    });
    for (const f of fc.features) {
      const [lon, lat] = f.geometry.coordinates;
      expect(Math.round(lon * 1000) / 1000).toBe(lon);
      expect(Math.round(lat * 1000) / 1000).toBe(lat);
    }
    expectNothingPersonal(res.text);
  });
});

describe('GET /api/open-data/surveys.csv and .json', () => {
  let slugs: { big: string; small: string };

  async function publishSurvey(slug: string) {
    const docs = strapi.documents('api::survey.survey');
    const created = await docs.create({
      locale: 'it',
      data: {
        title: `Soddisfazione ${slug}`,
        slug,
        opensAt: '2018-01-01T00:00:00.000Z',
        questions: [
          { code: 'score', label: 'Voto', type: 'scale', scaleMin: 1, scaleMax: 5 },
          { code: 'extra', label: 'Facoltativa', type: 'scale', required: false },
          { code: 'notes', label: 'Note', type: 'free_text', required: false },
        ],
      } as never,
    });
    await docs.publish({ documentId: created.documentId, locale: 'it' });
  }

  async function answer(slug: string, answers: Record<string, unknown>) {
    await http.post(`/api/surveys/${slug}/responses`).send({ answers }).expect(201);
  }

  beforeAll(async () => {
    slugs = { big: unique('od-grande'), small: unique('od-piccolo') };
    clock.set('2018-06-01T10:00:00Z');
    await publishSurvey(slugs.big);
    await publishSurvey(slugs.small);
    // Six answers to the big survey, two of them to the optional question; four to the small.
    for (const [i, score] of [1, 2, 4, 5, 5, 3].entries()) {
      await answer(slugs.big, {
        score,
        ...(i < 2 ? { extra: 4 } : {}),
        notes: `TESTO-LIBERO ${SECRET.name}`,
      });
    }
    for (const score of [5, 5, 5, 5]) await answer(slugs.small, { score });
    clock.set('2019-01-15T10:00:00Z');
  });

  it('publishes the aggregates of the last ended year, suppressing small counts', async () => {
    const res = await http.get('/api/open-data/surveys.csv').expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="surveys_2018.csv"');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const { header, rows } = parseCsv(res.text);
    expect(header).toEqual(columnNames(SURVEY_COLUMNS));
    const mine = rows.filter((r) => r.survey_slug === slugs.big || r.survey_slug === slugs.small);
    // The small survey (4 answers) and the optional question (2) are left out; free text never.
    expect(mine.map((r) => `${r.survey_slug}:${r.question_code}`)).toEqual([`${slugs.big}:score`]);
    expect(mine[0]).toMatchObject({
      year: '2018',
      survey_responses: '6',
      answered: '6',
      mean: '3.33',
      median: '3.5',
      dissatisfied_share: '0.3333',
    });
    expect(res.text).not.toContain('TESTO-LIBERO');
    expectNothingPersonal(res.text);
  });

  it('gives the same rows as JSON, with what was suppressed', async () => {
    const res = await http.get('/api/open-data/surveys.json').query({ year: '2018' }).expect(200);
    const mine = res.body.data.filter((r: { survey_slug: string }) => r.survey_slug === slugs.big);
    expect(mine).toHaveLength(1);
    expect(Object.keys(mine[0])).toEqual(columnNames(SURVEY_COLUMNS));
    expect(res.body.meta).toMatchObject({ year: 2018, minimumAnswers: 5 });
    expect(res.body.meta.surveysSuppressed).toBeGreaterThanOrEqual(1);
    expect(res.body.meta.questionsSuppressed).toBeGreaterThanOrEqual(1);
  });

  it.each(['2019', '2030', 'duemila'])('refuses the year %s (400 naming year)', async (year) => {
    const res = await http.get('/api/open-data/surveys.csv').query({ year }).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['year']);
  });
});

describe('GET /api/open-data/schema', () => {
  it('answers the datasets’ columns, as the files are written', async () => {
    const res = await http.get('/api/open-data/schema').expect(200);
    const byName = Object.fromEntries(
      res.body.data.datasets.map((d: { name: string; columns: { name: string }[] }) => [
        d.name,
        d.columns.map((c) => c.name),
      ])
    );
    expect(byName).toEqual({
      reports: columnNames(REPORT_COLUMNS),
      surveys: columnNames(SURVEY_COLUMNS),
    });
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });
});
