import type { CaseKind } from '../../src/domain/case-kind';
import {
  buildQualityReport,
  compare,
  countRows,
  previousPeriod,
  ratingFigures,
  responseTimes,
  surveyQuestionFigures,
  topTopics,
  type CountRow,
  type QualityReportInput,
  type RawKindFigures,
} from '../../src/domain/quality-report';
import { escapeHtml, renderQualityReportHtml } from '../../src/domain/quality-report-html';
import type { Question } from '../../src/domain/survey-questions';
import { surveyStats } from '../../src/domain/survey-stats';

describe('previousPeriod', () => {
  it('is as many days long and ends the day before', () => {
    // March 2017: 31 days; the 31 before 1 March are 29 January – 28 February.
    expect(previousPeriod('2017-03-01', '2017-03-31')).toEqual({
      from: '2017-01-29',
      to: '2017-02-28',
      days: 31,
    });
    expect(previousPeriod('2016-03-01', '2016-03-01')).toEqual({
      from: '2016-02-29', // a leap year
      to: '2016-02-29',
      days: 1,
    });
  });

  it('refuses a reversed period', () => {
    expect(() => previousPeriod('2017-03-02', '2017-03-01')).toThrow(RangeError);
  });
});

describe('compare', () => {
  it('gives the absolute and the relative change', () => {
    expect(compare(12, 8, 0)).toEqual({ current: 12, previous: 8, change: 4, relativeChange: 0.5 });
    expect(compare(2, 3, 0)).toEqual({
      current: 2,
      previous: 3,
      change: -1,
      relativeChange: -0.3333,
    });
    expect(compare(0.75, 0.5, 4)).toMatchObject({ change: 0.25, relativeChange: 0.5 });
    // 0.3 − 0.1 reads 0.2, not 0.19999999999999998
    expect(compare(0.3, 0.1, 4).change).toBe(0.2);
  });

  it('has no relative change from 0, and no change with a figure missing', () => {
    expect(compare(3, 0, 0)).toEqual({ current: 3, previous: 0, change: 3, relativeChange: null });
    expect(compare(null, 5)).toEqual({
      current: null,
      previous: 5,
      change: null,
      relativeChange: null,
    });
    expect(compare(4, null).change).toBeNull();
  });

  it('measures a negative previous by its magnitude', () => {
    // NPS from −20 to −10: up 10 points, half of the 20
    expect(compare(-10, -20, 1)).toMatchObject({ change: 10, relativeChange: 0.5 });
  });
});

describe('countRows', () => {
  const label = (key: string | null) => (key == null ? 'none' : key.toUpperCase());

  it('sums equal keys, drops empty ones, gives shares of the period, largest first', () => {
    const rows = countRows(
      [
        { key: 'web', current: 3, previous: 1 },
        { key: 'app', current: 1, previous: 0 },
        { key: 'web', current: 1, previous: 1 },
        { key: null, current: 0, previous: 2 },
        { key: 'phone', current: 0, previous: 0 },
      ],
      label
    );
    expect(rows).toEqual([
      // web: 4 of 5 in the period; 2 before → +2, +100 %
      {
        key: 'web',
        label: 'WEB',
        current: 4,
        previous: 2,
        change: 2,
        relativeChange: 1,
        share: 0.8,
      },
      {
        key: 'app',
        label: 'APP',
        current: 1,
        previous: 0,
        change: 1,
        relativeChange: null,
        share: 0.2,
      },
      {
        key: null,
        label: 'none',
        current: 0,
        previous: 2,
        change: -2,
        relativeChange: -1,
        share: 0,
      },
    ]);
  });

  it('breaks ties by the previous count, then by label', () => {
    const rows = countRows(
      [
        { key: 'b', current: 2, previous: 1 },
        { key: 'a', current: 2, previous: 1 },
        { key: 'c', current: 2, previous: 5 },
      ],
      label
    );
    expect(rows.map((r) => r.key)).toEqual(['c', 'a', 'b']);
  });

  it('has no shares when nothing came in', () => {
    expect(countRows([{ key: 'web', current: 0, previous: 3 }], label)[0].share).toBeNull();
  });
});

describe('topTopics', () => {
  const row = (label: string, current: number, previous = 0): CountRow => ({
    key: label.toLowerCase(),
    label,
    current,
    previous,
    change: current - previous,
    relativeChange: null,
    share: null,
  });

  it('keeps the five with most complaints, ties broken by name', () => {
    const rows = [
      row('Rifiuti', 3, 9), // the previous count does not rank
      row('Verde', 5),
      row('Acqua', 3),
      row('Strade', 1),
      row('Illuminazione', 3),
      row('Mense', 2),
      row('Parcheggi', 0, 4),
    ];
    expect(topTopics(rows).map((r) => r.label)).toEqual([
      'Verde',
      'Acqua',
      'Illuminazione',
      'Rifiuti',
      'Mense',
    ]);
    expect(topTopics(rows, 2).map((r) => r.label)).toEqual(['Verde', 'Acqua']);
  });

  it('leaves out topics with none in the period', () => {
    expect(topTopics([row('Parcheggi', 0, 4)])).toEqual([]);
  });
});

describe('ratings and times', () => {
  it('gives the mean score and the share of 1–2 in each period', () => {
    // now 4 ratings, 14 points, one low; before 2 ratings, 9 points, one low
    const r = ratingFigures({
      count: { current: 4, previous: 2 },
      scoreSum: { current: 14, previous: 9 },
      low: { current: 1, previous: 1 },
    });
    expect(r.count).toEqual({ current: 4, previous: 2, change: 2, relativeChange: 1 });
    // 3.5 against 4.5: −1, −22.22 %
    expect(r.meanScore).toEqual({
      current: 3.5,
      previous: 4.5,
      change: -1,
      relativeChange: -0.2222,
    });
    expect(r.lowShare).toEqual({
      current: 0.25,
      previous: 0.5,
      change: -0.25,
      relativeChange: -0.5,
    });
    const none = ratingFigures({
      count: { current: 0, previous: 0 },
      scoreSum: { current: 0, previous: 0 },
      low: { current: 0, previous: 0 },
    });
    expect(none.meanScore).toEqual({
      current: null,
      previous: null,
      change: null,
      relativeChange: null,
    });
  });

  it('measures the share on time among the resolved that had a due date', () => {
    const t = responseTimes({
      firstResponses: { current: 6, previous: 3 },
      medianFirstResponseHours: { current: 5.123, previous: null },
      resolved: { current: 5, previous: 2 },
      resolvedWithDueDate: { current: 4, previous: 2 },
      resolvedOnTime: { current: 3, previous: 1 },
      medianResolutionHours: { current: 60, previous: 48 },
    });
    expect(t.onTimeShare).toEqual({
      current: 0.75, // 3 / 4: the fifth had no due date
      previous: 0.5,
      change: 0.25,
      relativeChange: 0.5,
    });
    expect(t.medianFirstResponseHours).toEqual({
      current: 5.12,
      previous: null,
      change: null,
      relativeChange: null,
    });
    expect(t.medianResolutionHours).toMatchObject({ change: 12, relativeChange: 0.25 });
    expect(t.resolved).toMatchObject({ change: 3, relativeChange: 1.5 });
  });
});

const QUESTIONS: Question[] = [
  { code: 'score', label: 'Voto', type: 'scale', required: true },
  { code: 'face', label: 'Faccina', type: 'emoticon', required: true },
  { code: 'nps', label: 'Consiglierebbe?', type: 'nps', required: true },
  { code: 'notes', label: 'Note', type: 'free_text', required: false },
];
const responses = (rows: [number, string, number][]) =>
  rows.map(([score, face, nps]) => ({ answers: { score, face, nps, notes: 'ok' } }));
const SURVEY_STATS = {
  // score 1, 2, 4 → mean 2.33, dissatisfied (< 3) 2/3; face −, +, + → net 33.3 points;
  // nps 3, 9, 10 → promoters 2, detractors 1: 33.3
  current: surveyStats(
    QUESTIONS,
    responses([
      [1, 'negative', 3],
      [2, 'positive', 9],
      [4, 'positive', 10],
    ])
  ),
  // score 3, 5 → mean 4, none dissatisfied; face +, + → 100; nps 10, 10 → 100
  previous: surveyStats(
    QUESTIONS,
    responses([
      [3, 'positive', 10],
      [5, 'positive', 10],
    ])
  ),
};

describe('surveyQuestionFigures', () => {
  it('keeps scale, emoticon and NPS questions, each against the previous period', () => {
    const [score, face, nps, ...rest] = surveyQuestionFigures(SURVEY_STATS);
    expect(rest).toEqual([]); // free text is not a figure
    expect(score).toMatchObject({
      code: 'score',
      type: 'scale',
      answered: { current: 3, previous: 2, change: 1, relativeChange: 0.5 },
      mean: { current: 2.33, previous: 4, change: -1.67, relativeChange: -0.4175 },
      dissatisfiedShare: { current: 0.6667, previous: 0, change: 0.6667, relativeChange: null },
      nps: null,
      netScore: null,
    });
    expect(face).toMatchObject({
      mean: null,
      dissatisfiedShare: { current: 0.3333, previous: 0 },
      netScore: { current: 33.3, previous: 100, change: -66.7, relativeChange: -0.667 },
    });
    expect(nps).toMatchObject({
      nps: { current: 33.3, previous: 100, change: -66.7 },
      mean: { current: 7.33, previous: 10, change: -2.67 },
    });
  });

  it('gives no previous figures for a question changed out of comparison', () => {
    const widened: Question[] = [{ ...QUESTIONS[0], scaleMin: 0, scaleMax: 10 }];
    const figures = surveyQuestionFigures({
      current: surveyStats(QUESTIONS.slice(0, 1), [{ answers: { score: 4 } }]),
      previous: surveyStats(widened, [{ answers: { score: 8 } }]),
    });
    expect(figures[0].mean).toEqual({
      current: 4,
      previous: null,
      change: null,
      relativeChange: null,
    });
  });
});

const zeroTimes = () => ({
  firstResponses: { current: 0, previous: 0 },
  medianFirstResponseHours: { current: null, previous: null },
  resolved: { current: 0, previous: 0 },
  resolvedWithDueDate: { current: 0, previous: 0 },
  resolvedOnTime: { current: 0, previous: 0 },
  medianResolutionHours: { current: null, previous: null },
});
const ratings = (n: number, sum: number, low: number) => ({
  count: { current: n, previous: 0 },
  scoreSum: { current: sum, previous: 0 },
  low: { current: low, previous: 0 },
});

function kind(k: CaseKind, groups: Partial<RawKindFigures['groups']>): RawKindFigures {
  return {
    kind: k,
    groups: { channel: [], topic: [], office: [], state: [], outcome: [], ...groups },
    times: zeroTimes(),
    ratings: ratings(0, 0, 0),
  };
}

function input(locale: 'it' | 'en'): QualityReportInput {
  return {
    locale,
    from: '2017-03-01',
    to: '2017-03-31',
    generatedAt: '2017-04-05T08:00:00.000Z',
    offices: null,
    topicNames: new Map([
      ['t-roads', 'Strade'],
      ['t-evil', '<script>alert("x")</script>'],
      ['t-green', 'Verde & parchi'],
    ]),
    officeNames: new Map([['o-1', 'Ufficio "Mobilità"']]),
    kinds: [
      {
        ...kind('report', {
          channel: [
            { key: 'web', current: 3, previous: 1 },
            { key: 'app', current: 1, previous: 1 },
          ],
          topic: [{ key: 't-roads', current: 4, previous: 2 }],
          office: [{ key: 'o-1', current: 4, previous: 2 }],
          state: [
            { key: 'received', current: 1, previous: 0 },
            { key: 'resolved', current: 3, previous: 2 },
          ],
        }),
        ratings: ratings(2, 9, 0),
      },
      kind('request', {
        channel: [{ key: 'phone', current: 0, previous: 2 }],
        state: [{ key: 'answered', current: 0, previous: 2 }],
      }),
      {
        ...kind('complaint', {
          channel: [{ key: 'counter', current: 3, previous: 0 }],
          topic: [
            { key: 't-evil', current: 1, previous: 0 },
            { key: 't-green', current: 1, previous: 0 },
            { key: null, current: 1, previous: 0 },
          ],
          office: [{ key: 'o-1', current: 3, previous: 0 }],
          state: [{ key: 'answered', current: 3, previous: 0 }],
          outcome: [
            { key: 'upheld', current: 2, previous: 0 },
            { key: null, current: 1, previous: 0 },
          ],
        }),
        ratings: ratings(2, 3, 2),
      },
    ],
    surveys: [
      {
        documentId: 's-1',
        title: 'Soddisfazione <b>URP</b>',
        responses: { current: 3, previous: 2 },
        truncated: false,
        stats: SURVEY_STATS,
      },
    ],
  };
}

describe('buildQualityReport', () => {
  const report = buildQualityReport(input('it'));

  it('sums what came in by kind and by channel, against the previous period', () => {
    expect(report.period).toEqual({ from: '2017-03-01', to: '2017-03-31', days: 31 });
    expect(report.previousPeriod).toEqual({ from: '2017-01-29', to: '2017-02-28', days: 31 });
    // 4 + 0 + 3 = 7 now; 2 + 2 + 0 = 4 before
    expect(report.received.total).toEqual({
      current: 7,
      previous: 4,
      change: 3,
      relativeChange: 0.75,
    });
    expect(report.received.byKind.map((r) => [r.label, r.current, r.previous, r.share])).toEqual([
      ['Segnalazioni', 4, 2, 0.5714],
      ['Reclami', 3, 0, 0.4286],
      ['Richieste', 0, 2, 0],
    ]);
    expect(report.received.byChannel.map((r) => [r.label, r.current, r.previous])).toEqual([
      ['Sito web', 3, 1],
      ['Sportello', 3, 0],
      ['App', 1, 1],
      ['Telefono', 0, 2],
    ]);
  });

  it('labels keys in the reader language, with names of topics and offices', () => {
    const complaints = report.kinds[2];
    expect(complaints.byOutcome?.map((r) => r.label)).toEqual(['Accolti', 'Non indicato']);
    expect(report.kinds[0].byState.map((r) => r.label)).toEqual(['Risolti', 'Ricevuti']);
    expect(report.kinds[0].byOffice[0].label).toBe('Ufficio "Mobilità"');
    expect(report.kinds[0].byOutcome).toBeNull();
    const en = buildQualityReport(input('en'));
    expect(en.kinds[2].byOutcome?.map((r) => r.label)).toEqual(['Upheld', 'Not specified']);
    expect(en.received.byKind[0].label).toBe('Reports');
  });

  it('ranks the complaint topics, ties by name', () => {
    // All three have one complaint: '<script>…' < 'Non indicato' < 'Verde & parchi'
    expect(report.topComplaintTopics.map((r) => [r.key, r.share])).toEqual([
      ['t-evil', 0.3333],
      [null, 0.3333],
      ['t-green', 0.3333],
    ]);
  });

  it("sums the city's ratings over the kinds", () => {
    // (9 + 3) / 4 = 3; low 2 of 4
    expect(report.satisfaction.ratings.count.current).toBe(4);
    expect(report.satisfaction.ratings.meanScore.current).toBe(3);
    expect(report.satisfaction.ratings.lowShare.current).toBe(0.5);
    expect(report.satisfaction.surveys[0].responses).toEqual({
      current: 3,
      previous: 2,
      change: 1,
      relativeChange: 0.5,
    });
  });
});

describe('the HTML document', () => {
  const html = renderQualityReportHtml(buildQualityReport(input('it')), 'Europe/Rome');

  it('escapes every text that comes from data', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;'
    );
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain('<script');
    expect(html).toContain('Verde &amp; parchi');
    expect(html).toContain('Ufficio &quot;Mobilità&quot;');
    expect(html).toContain('Soddisfazione &lt;b&gt;URP&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('is one self-contained, printable document in the reader language', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="it">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<link|<img|<iframe|\ssrc=|url\(|@import|https?:/i);
    expect(html).toContain('<time datetime="2017-03-01">1 marzo 2017</time>');
    expect(html).toContain('<time datetime="2017-02-28">28 febbraio 2017</time>');
    // Generated at 08:00 UTC: 10:00 in Rome (summer time from 26 March 2017)
    expect(html).toContain('10:00');
    const tables = html.match(/<table>/g)?.length ?? 0;
    expect(tables).toBeGreaterThan(10);
    expect(html.match(/<caption>/g)?.length).toBe(tables);
  });

  it('shows the figures with their changes', () => {
    // Reports by channel: web 3 of 4 (75 %), 1 before: +2 (+200 %)
    expect(html).toMatch(
      /<th scope="row">Sito web<\/th><td class="n">3<\/td><td class="n">75%<\/td><td class="n">1<\/td><td class="n">\+2 \(\+200%\)<\/td>/
    );
    expect(html).toContain('Argomenti più frequenti dei reclami');
    expect(html).toContain('<th scope="row">1. &lt;script&gt;');
    // The scale's mean: 2,33 against 4 (Italian decimal comma)
    expect(html).toContain('<th scope="row">Voto: media</th><td class="n">2,33</td>');
  });

  it('speaks English when asked', () => {
    const en = renderQualityReportHtml(buildQualityReport(input('en')));
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('<caption>Cases received by kind</caption>');
    expect(en).toContain('<time datetime="2017-03-01">1 March 2017</time>');
    expect(en).toContain('Top topics of complaints');
    expect(en).not.toMatch(/Segnalazioni|Periodo precedente/);
  });
});
