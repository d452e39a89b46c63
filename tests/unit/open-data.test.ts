import { readFileSync, writeFileSync } from 'fs';
import path from 'path';
import { createCalendar, toIsoDate } from '../../src/domain/calendar';
import { REPORT_STATUSES } from '../../src/domain/lifecycle';
import {
  checkPeriod,
  columnNames,
  previousMonth,
  PUBLIC_REPORT_STATUS,
  REPORT_COLUMNS,
  reportFeatureCollection,
  reportRow,
  rowCells,
  type ReportRecord,
  type ReportRow,
} from '../../src/domain/open-data';
import { DATASETS, openDataSchema, renderOpenDataMarkdown } from '../../src/domain/open-data-doc';
import {
  checkSurveyYear,
  MIN_ANSWERS,
  SURVEY_COLUMNS,
  surveyAggregates,
} from '../../src/domain/open-data-surveys';
import type { Question } from '../../src/domain/survey-questions';
import { csvDocument } from '../../src/lib/csv';
import { csvChunks, geoJsonChunks } from '../../src/lib/open-data/writers';

const rome = createCalendar();
const localDateOf = (at: Date) => rome.localDate(at);

const record = (over: Partial<ReportRecord> = {}): ReportRecord => ({
  referenceCode: 'SEG-2018-000001',
  state: 'resolved',
  channel: 'web',
  receivedAt: new Date('2018-03-01T22:30:00Z'), // 23:30 in Rome: still 1 March
  dueAt: new Date('2018-03-16T10:00:00Z'),
  firstResponseAt: new Date('2018-03-02T08:00:00Z'),
  resolvedAt: new Date('2018-03-05T23:30:00Z'), // 00:30 of 6 March in Rome
  closedAt: null,
  latitude: 43.71934,
  longitude: 10.39871,
  topic: { code: 'BUCHE', name: 'Buche stradali' },
  officeName: 'Manutenzione strade',
  ...over,
});

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

describe('reportRow', () => {
  it('holds the schema’s columns, in its order, and nothing else', () => {
    const row = reportRow(record(), localDateOf);
    expect(Object.keys(row)).toEqual(columnNames(REPORT_COLUMNS));
  });

  it('gives dates as days in the city’s time zone, and times as whole days between them', () => {
    expect(reportRow(record(), localDateOf)).toMatchObject({
      received_date: '2018-03-01',
      due_date: '2018-03-16',
      first_response_date: '2018-03-02',
      resolved_date: '2018-03-06',
      closed_date: null,
      first_response_days: 1,
      resolution_days: 5,
    });
  });

  it('rounds the position as the public map does, and leaves it empty without one', () => {
    expect(reportRow(record(), localDateOf)).toMatchObject({ latitude: 43.719, longitude: 10.399 });
    expect(reportRow(record({ latitude: null, longitude: null }), localDateOf)).toMatchObject({
      latitude: null,
      longitude: null,
    });
  });

  it('maps every report status to a public status of the schema', () => {
    const documented = REPORT_COLUMNS.find((c) => c.name === 'status')!.values.map((v) => v.value);
    for (const state of REPORT_STATUSES) {
      expect(documented).toContain(PUBLIC_REPORT_STATUS[state]);
    }
    expect(reportRow(record({ state: 'triaged' }), localDateOf).status).toBe('received');
    expect(reportRow(record({ state: 'closed' }), localDateOf).status).toBe('resolved');
  });

  it('cannot carry what the record does not have: no description, citizen or address', () => {
    const withExtras = {
      ...record(),
      description: 'Buca davanti a casa di Mario Rossi',
      address: 'Via Roma 1, casa Rossi',
      citizen: { email: 'mario@example.org' },
    };
    expect(JSON.stringify(reportRow(withExtras, localDateOf))).not.toMatch(/Rossi|example\.org/);
  });
});

describe('GeoJSON', () => {
  const rows: ReportRow[] = [
    reportRow(record(), localDateOf),
    reportRow(record({ referenceCode: 'SEG-2018-000002', latitude: null }), localDateOf),
  ];

  it('is an RFC 7946 FeatureCollection of Points in [longitude, latitude] order', () => {
    const fc = reportFeatureCollection(rows, { from: '2018-03-01', to: '2018-03-31' });
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]).toEqual({
      type: 'Feature',
      id: 'SEG-2018-000001',
      geometry: { type: 'Point', coordinates: [10.399, 43.719] },
      properties: expect.objectContaining({
        reference_code: 'SEG-2018-000001',
        status: 'resolved',
      }),
    });
    expect(fc.features[0].properties).not.toHaveProperty('latitude');
    expect(fc.reportsWithoutPosition).toBe(1);
  });

  it('is written in chunks exactly as built in memory', async () => {
    const period = { from: '2018-03-01', to: '2018-03-31' };
    const many = Array.from({ length: 1203 }, (_, i) =>
      reportRow(
        record({ referenceCode: `SEG-2018-${i}`, latitude: i % 7 ? 43.7 : null }),
        localDateOf
      )
    );
    for (const set of [[], rows, many]) {
      expect(JSON.parse(await text(geoJsonChunks(set, period)))).toEqual(
        reportFeatureCollection(set, period)
      );
    }
  });
});

describe('CSV', () => {
  it('streams the same document as csvDocument, header equal to the schema', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) =>
      reportRow(
        record({ referenceCode: `SEG-2018-${i}`, officeName: 'Strade, "centro"' }),
        localDateOf
      )
    );
    const streamed = await text(csvChunks(REPORT_COLUMNS, rows));
    expect(streamed).toBe(
      csvDocument(
        columnNames(REPORT_COLUMNS),
        rows.map((r) => rowCells(REPORT_COLUMNS, r))
      )
    );
    expect(streamed.split('\r\n')[0]).toBe(`\uFEFF${columnNames(REPORT_COLUMNS).join(',')}`);
  });
});

describe('checkPeriod', () => {
  const today = { year: 2019, month: 3, day: 15 };

  it('defaults to the previous full calendar month', () => {
    expect(checkPeriod({}, today)).toEqual({ ok: true, period: previousMonth(today) });
    const jan = previousMonth({ year: 2019, month: 1, day: 1 });
    expect([toIsoDate(jan.from), toIsoDate(jan.to)]).toEqual(['2018-12-01', '2018-12-31']);
    const feb = previousMonth(today);
    expect([toIsoDate(feb.from), toIsoDate(feb.to)]).toEqual(['2019-02-01', '2019-02-28']);
  });

  it.each([
    [{ from: '2018-01-01' }, 'to'],
    [{ to: '2018-01-01' }, 'from'],
    [{ from: '2018-1-1', to: '2018-01-31' }, 'from'],
    [{ from: '2018-01-01', to: '2018-02-30' }, 'to'],
    [{ from: ['2018-01-01'], to: '2018-01-31' }, 'from'],
    [{ from: '2018-02-01', to: '2018-01-31' }, 'from'],
    [{ from: '2018-01-01', to: '2019-01-02' }, 'to'],
  ])('refuses %j naming %s', (query, field) => {
    expect(checkPeriod(query, today)).toMatchObject({ ok: false, field });
  });

  it('accepts up to 366 days, both ends included', () => {
    expect(checkPeriod({ from: '2016-01-01', to: '2016-12-31' }, today).ok).toBe(true);
    expect(checkPeriod({ from: '2018-01-01', to: '2019-01-01' }, today).ok).toBe(true);
  });
});

describe('survey aggregates', () => {
  const questions: Question[] = [
    { code: 'score', label: 'Voto', type: 'scale', required: true },
    { code: 'face', label: 'Faccina', type: 'emoticon', required: true },
    { code: 'nps', label: 'Consiglierebbe?', type: 'nps', required: true },
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
    { code: 'rare', label: 'Domanda poco risposta', type: 'scale', required: false },
    { code: 'notes', label: 'Note', type: 'free_text', required: false },
  ];
  const survey = { slug: 'soddisfazione', title: 'Soddisfazione', questions };
  const faces = ['negative', 'positive', 'positive', 'neutral', 'positive'];
  const responses = [1, 2, 4, 5, 5].map((score, i) => ({
    answers: {
      score,
      face: faces[i],
      nps: [3, 9, 10, 7, 6][i],
      liked: [['speed'], ['speed', 'kindness'], ['kindness'], ['speed'], ['kindness']][i],
      ...(i < 2 ? { rare: 3 } : {}),
      notes: 'Mi chiamo Mario Rossi, 333 1234567',
    },
  }));

  it('publishes figures of questions with enough answers, never free text', () => {
    const out = surveyAggregates(2018, survey, responses);
    expect(out.surveySuppressed).toBe(false);
    expect(out.questionsSuppressed).toBe(1); // rare: 2 answers
    expect(JSON.stringify(out.rows)).not.toMatch(/Rossi|333|notes/);
    for (const row of out.rows) expect(Object.keys(row)).toEqual(columnNames(SURVEY_COLUMNS));
    const byCode = (code: string) => out.rows.filter((r) => r.question_code === code);
    expect(byCode('score')).toEqual([
      expect.objectContaining({
        year: 2018,
        survey_responses: 5,
        answered: 5,
        scale_min: 1,
        scale_max: 5,
        mean: 3.4,
        median: 4,
        dissatisfied_below: 3,
        dissatisfied_share: 0.4,
        option_key: null,
      }),
    ]);
    expect(byCode('face')[0]).toMatchObject({ positive_share: 0.6, net_score: 40 });
    expect(byCode('nps')[0]).toMatchObject({ nps: 0, scale_min: 0, scale_max: 10 });
    expect(byCode('liked').map((r) => [r.option_key, r.option_count, r.option_share])).toEqual([
      ['speed', 3, 0.6],
      ['kindness', 3, 0.6],
    ]);
    expect(byCode('rare')).toEqual([]);
  });

  it(`suppresses a survey with fewer than ${MIN_ANSWERS} responses`, () => {
    expect(surveyAggregates(2018, survey, responses.slice(0, MIN_ANSWERS - 1))).toEqual({
      rows: [],
      surveySuppressed: true,
      questionsSuppressed: 0,
    });
  });

  it('publishes only ended calendar years, the last one by default', () => {
    expect(checkSurveyYear(undefined, 2019)).toEqual({ ok: true, year: 2018 });
    expect(checkSurveyYear('2017', 2019)).toEqual({ ok: true, year: 2017 });
    expect(checkSurveyYear('2019', 2019)).toMatchObject({ ok: false, field: 'year' });
    expect(checkSurveyYear('18', 2019)).toMatchObject({ ok: false, field: 'year' });
  });
});

describe('the schema and its documentation', () => {
  const docPath = path.resolve(__dirname, '../../docs/OPEN-DATA.md');

  it('documents every column in English and Italian', () => {
    for (const d of DATASETS) {
      expect(new Set(columnNames(d.columns)).size).toBe(d.columns.length);
      for (const c of d.columns) {
        expect(c.description.en.length).toBeGreaterThan(5);
        expect(c.description.it.length).toBeGreaterThan(5);
      }
    }
    expect(JSON.parse(JSON.stringify(openDataSchema())).datasets).toHaveLength(DATASETS.length);
  });

  it('docs/OPEN-DATA.md is what the schema renders (UPDATE_OPEN_DATA_DOC=1 rewrites it)', () => {
    const rendered = renderOpenDataMarkdown();
    if (process.env.UPDATE_OPEN_DATA_DOC) writeFileSync(docPath, rendered);
    expect(readFileSync(docPath, 'utf8')).toBe(rendered);
  });
});
