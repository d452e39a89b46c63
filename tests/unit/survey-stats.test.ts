import { type Question } from '../../src/domain/survey-questions';
import {
  compareStats,
  questionStats,
  responseRate,
  surveyStats,
  type ChoiceStats,
  type EmoticonStats,
  type FreeTextStats,
  type NpsStats,
  type ScaleStats,
  type SurveyResponseLike,
} from '../../src/domain/survey-stats';

const q = (over: Partial<Question> & Pick<Question, 'code' | 'type'>): Question => ({
  label: `Question ${over.code}`,
  required: false,
  ...over,
});
const opts = (...keys: string[]) => keys.map((key) => ({ key, label: `Label ${key}` }));
/** Responses to one question, one value each (undefined: no answer). */
const one = (code: string, values: unknown[]) => values.map((v) => ({ answers: { [code]: v } }));

const rate = q({ code: 'rate', type: 'scale' }); // 1..5
const scaleStats = (question: Question, values: unknown[], o = {}) =>
  questionStats(question, one(question.code, values), o) as ScaleStats;

describe('scale', () => {
  it('counts every value of the range, and the mean, median and dissatisfied share', () => {
    const s = scaleStats(rate, [1, 2, 2, 5]);
    expect(s).toEqual({
      code: 'rate',
      label: 'Question rate',
      type: 'scale',
      shown: 4,
      answered: 4,
      skipped: 0,
      ignored: 0,
      min: 1,
      max: 5,
      dissatisfiedBelow: 3, // (1 + 5) / 2
      distribution: [
        { value: 1, count: 1, share: 0.25 },
        { value: 2, count: 2, share: 0.5 },
        { value: 3, count: 0, share: 0 },
        { value: 4, count: 0, share: 0 },
        { value: 5, count: 1, share: 0.25 },
      ],
      mean: 2.5, // (1 + 2 + 2 + 5) / 4 = 10 / 4
      median: 2, // 1, 2, 2, 5: (2 + 2) / 2
      dissatisfiedShare: 0.75, // 1, 2, 2 below 3: 3 / 4
    });
  });

  it('takes the mean of the two middle values for an even count', () => {
    // 1, 2, 4, 5: median (2 + 4) / 2 = 3; mean 12 / 4 = 3; below 3: 1, 2 → 2 / 4
    const s = scaleStats(rate, [5, 1, 4, 2]);
    expect([s.median, s.mean, s.dissatisfiedShare]).toEqual([3, 3, 0.5]);
  });

  it('rounds means to 2 decimals and shares to 4', () => {
    // 1, 2, 2: mean 5 / 3 = 1.666… → 1.67; shares 1/3 → 0.3333, 2/3 → 0.6667
    const s = scaleStats(rate, [1, 2, 2]);
    expect(s.mean).toBe(1.67);
    expect(s.median).toBe(2);
    expect(s.distribution.slice(0, 2)).toEqual([
      { value: 1, count: 1, share: 0.3333 },
      { value: 2, count: 2, share: 0.6667 },
    ]);
    expect(s.dissatisfiedShare).toBe(1);
  });

  it('puts the default threshold at the midpoint of the range', () => {
    // 1–10: midpoint 5.5, so 1..5 are dissatisfied. 5, 6, 10 → 1 / 3; mean 21 / 3 = 7; median 6
    const ten = scaleStats(q({ code: 'ten', type: 'scale', scaleMax: 10 }), [5, 6, 10]);
    expect(ten.dissatisfiedBelow).toBe(5.5);
    expect([ten.dissatisfiedShare, ten.mean, ten.median]).toEqual([0.3333, 7, 6]);
    expect(ten.distribution.map((b) => b.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // 0–10: midpoint 5, so 0..4. 0, 4, 5, 10 → 2 / 4; mean 19 / 4 = 4.75; median (4 + 5) / 2
    const zero = q({ code: 'zero', type: 'scale', scaleMin: 0, scaleMax: 10 });
    const z = scaleStats(zero, [0, 4, 5, 10]);
    expect(z.dissatisfiedBelow).toBe(5);
    expect([z.dissatisfiedShare, z.mean, z.median]).toEqual([0.5, 4.75, 4.5]);
    expect(z.distribution).toHaveLength(11);
  });

  it('takes the threshold from the call, for all scales or per question', () => {
    const values = [1, 2, 2, 5, 3];
    // below 4: 1, 2, 2, 3 → 4 / 5
    expect(scaleStats(rate, values, { dissatisfiedBelow: 4 }).dissatisfiedShare).toBe(0.8);
    // below 2: 1 → 1 / 5
    const perCode = scaleStats(rate, values, { dissatisfiedBelow: { rate: 2 } });
    expect([perCode.dissatisfiedBelow, perCode.dissatisfiedShare]).toEqual([2, 0.2]);
    // another question's threshold leaves the default 3: 1, 2, 2 → 3 / 5
    const other = scaleStats(rate, values, { dissatisfiedBelow: { else: 5 } });
    expect([other.dissatisfiedBelow, other.dissatisfiedShare]).toEqual([3, 0.6]);
    expect(() => scaleStats(rate, values, { dissatisfiedBelow: { rate: NaN } })).toThrow(
      RangeError
    );
  });

  it('gives nulls, never NaN, without answers', () => {
    for (const s of [scaleStats(rate, []), scaleStats(rate, [null, undefined, ''])]) {
      expect([s.mean, s.median, s.dissatisfiedShare]).toEqual([null, null, null]);
      expect(s.distribution[0]).toEqual({ value: 1, count: 0, share: null });
      expect(s.distribution).toHaveLength(5);
    }
    expect(scaleStats(rate, [null, undefined, '']).skipped).toBe(3);
  });
});

describe('nps', () => {
  const nps = q({ code: 'nps', type: 'nps' });
  const npsStats = (values: unknown[]) => questionStats(nps, one('nps', values)) as NpsStats;

  it('splits promoters, passives and detractors and scores % promoters − % detractors', () => {
    // 10 answers; promoters 10, 9, 9, 10, 10 = 5; passives 8, 7 = 2; detractors 6, 0, 5 = 3
    const s = npsStats([10, 9, 9, 8, 7, 6, 0, 10, 10, 5]);
    expect(s.promoters).toBe(5);
    expect(s.passives).toBe(2);
    expect(s.detractors).toBe(3);
    expect(s.nps).toBe(20); // 50 % − 30 %
    expect(s.dissatisfiedShare).toBe(0.3); // 3 / 10
    expect(s.mean).toBe(7.4); // 74 / 10
    expect(s.median).toBe(8.5); // 0 5 6 7 8 | 9 9 10 10 10: (8 + 9) / 2
    expect(s.distribution.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 1, 1, 1, 1, 2, 3]);
    expect(s.distribution.map((b) => b.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(s.distribution[10].share).toBe(0.3);
  });

  it('rounds the score to 1 decimal, from the counts', () => {
    // 9, 9, 6: (2 − 1) / 3 = 33.33… points; mean 24 / 3 = 8; median 9
    const s = npsStats([9, 9, 6]);
    expect([s.nps, s.mean, s.median, s.dissatisfiedShare]).toEqual([33.3, 8, 9, 0.3333]);
    // 6, 6, 7: (0 − 2) / 3 = −66.66… → −66.7
    expect(npsStats([6, 6, 7]).nps).toBe(-66.7);
  });

  it('reaches both ends and gives nulls without answers', () => {
    expect(npsStats([9, 10]).nps).toBe(100);
    expect(npsStats([0, 6]).nps).toBe(-100);
    const none = npsStats([]);
    expect([none.nps, none.mean, none.median, none.dissatisfiedShare]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect([none.promoters, none.passives, none.detractors]).toEqual([0, 0, 0]);
  });
});

describe('emoticon', () => {
  const face = q({ code: 'face', type: 'emoticon' });

  it('counts and shares the faces, with the net score', () => {
    const values = [
      'positive',
      'positive',
      'positive',
      'neutral',
      'negative',
      'negative',
      'positive',
    ];
    const s = questionStats(face, one('face', values)) as EmoticonStats;
    expect(s.counts).toEqual({ positive: 4, neutral: 1, negative: 2 });
    // 4 / 7 = 0.571428…, 1 / 7 = 0.142857…, 2 / 7 = 0.285714…
    expect(s.shares).toEqual({ positive: 0.5714, neutral: 0.1429, negative: 0.2857 });
    expect(s.dissatisfiedShare).toBe(0.2857);
    expect(s.netScore).toBe(28.6); // (4 − 2) / 7 = 28.571… points
  });

  it('gives nulls without answers', () => {
    const s = questionStats(face, []) as EmoticonStats;
    expect(s.counts).toEqual({ positive: 0, neutral: 0, negative: 0 });
    expect(s.shares).toEqual({ positive: null, neutral: null, negative: null });
    expect([s.dissatisfiedShare, s.netScore]).toEqual([null, null]);
  });
});

describe('choices', () => {
  it('single choice: each option over those who answered, zeros included', () => {
    const pick = q({
      code: 'pick',
      type: 'single_choice',
      options: opts('web', 'counter', 'phone'),
    });
    const s = questionStats(pick, one('pick', ['web', 'web', 'counter', undefined])) as ChoiceStats;
    expect([s.shown, s.answered, s.skipped]).toEqual([4, 3, 1]);
    expect(s.options).toEqual([
      { key: 'web', label: 'Label web', count: 2, share: 0.6667 }, // 2 / 3
      { key: 'counter', label: 'Label counter', count: 1, share: 0.3333 }, // 1 / 3
      { key: 'phone', label: 'Label phone', count: 0, share: 0 },
    ]);
  });

  it('multiple choice: each option over those who answered, so shares can add up over 1', () => {
    const why = q({
      code: 'why',
      type: 'multiple_choice',
      options: opts('wait', 'rude', 'unclear'),
    });
    const responses = one('why', [['wait', 'rude'], ['wait'], ['unclear', 'wait', 'rude'], []]);
    const s = questionStats(why, responses) as ChoiceStats;
    expect([s.answered, s.skipped]).toEqual([3, 1]); // [] is no answer
    expect(s.options.map((o) => [o.key, o.count, o.share])).toEqual([
      ['wait', 3, 1], // 3 / 3
      ['rude', 2, 0.6667], // 2 / 3
      ['unclear', 1, 0.3333], // 1 / 3: 1 + 0.6667 + 0.3333 = 2 > 1
    ]);
  });

  it('gives null shares without answers', () => {
    const pick = q({ code: 'pick', type: 'single_choice', options: opts('a', 'b') });
    expect((questionStats(pick, []) as ChoiceStats).options).toEqual([
      { key: 'a', label: 'Label a', count: 0, share: null },
      { key: 'b', label: 'Label b', count: 0, share: null },
    ]);
  });
});

describe('free text', () => {
  const say = q({ code: 'say', type: 'free_text' });
  const texts = ['first', undefined, 'second', 'third'];

  it('returns the texts in the given order', () => {
    const s = questionStats(say, one('say', texts)) as FreeTextStats;
    expect(s).toMatchObject({ shown: 4, answered: 3, skipped: 1, count: 3 });
    expect(s.texts).toEqual(['first', 'second', 'third']);
    expect(s.truncated).toBe(false);
  });

  it('returns at most maxTexts, and says so', () => {
    const two = questionStats(say, one('say', texts), { maxTexts: 2 }) as FreeTextStats;
    expect([two.count, two.texts, two.truncated]).toEqual([3, ['first', 'second'], true]);
    const three = questionStats(say, one('say', texts), { maxTexts: 3 }) as FreeTextStats;
    expect(three.truncated).toBe(false);
    const none = questionStats(say, one('say', texts), { maxTexts: 0 }) as FreeTextStats;
    expect([none.texts, none.truncated]).toEqual([[], true]);
    expect(() => questionStats(say, [], { maxTexts: -1 })).toThrow(RangeError);
    expect(() => questionStats(say, [], { maxTexts: 1.5 })).toThrow(RangeError);
  });

  it('returns 200 by default', () => {
    const many = Array.from({ length: 201 }, (_, i) => `text ${i}`);
    const s = questionStats(say, one('say', many)) as FreeTextStats;
    expect([s.count, s.texts.length, s.texts[199], s.truncated]).toEqual([
      201,
      200,
      'text 199',
      true,
    ]);
  });
});

describe('conditional questions and answers that no longer fit', () => {
  const questions: Question[] = [
    q({ code: 'overall', type: 'emoticon' }),
    q({
      code: 'why',
      type: 'multiple_choice',
      options: opts('wait', 'rude'),
      showIf: { question: 'overall', in: ['negative', 'neutral'] },
    }),
    q({ code: 'detail', type: 'free_text', showIf: { question: 'why', in: ['wait'] } }),
  ];
  const responses = [
    { answers: { overall: 'positive' } }, // why hidden
    { answers: { overall: 'negative', why: ['wait'], detail: 'an hour' } },
    { answers: { overall: 'neutral' } }, // why shown, skipped
    { answers: {} }, // overall skipped, why hidden
    // Stored under an older definition: why and detail answered although now hidden.
    { answers: { overall: 'positive', why: ['rude'], detail: 'rude clerk' } },
    { answers: { overall: 'negative', why: ['lost'] } }, // an option removed since
  ];
  const stats = surveyStats(questions, responses);
  const counts = (i: number) => {
    const s = stats.questions[i];
    return { shown: s.shown, answered: s.answered, skipped: s.skipped, ignored: s.ignored };
  };

  it('counts a question only where it was shown: shown = answered + skipped', () => {
    expect(stats.responses).toBe(6);
    expect(stats.questions.map((s) => s.code)).toEqual(['overall', 'why', 'detail']);
    // overall: all 6 shown, 5 answered (not the empty one)
    expect(counts(0)).toEqual({ shown: 6, answered: 5, skipped: 1, ignored: 0 });
    // why: shown to the negative, neutral, negative (responses 2, 3, 6); answered by 2 only
    // (6 picked a removed option: skipped and ignored); response 5's answer: hidden, ignored
    expect(counts(1)).toEqual({ shown: 3, answered: 1, skipped: 2, ignored: 2 });
    // detail: shown only to response 2 (chained: response 5's why is hidden, so detail is too)
    expect(counts(2)).toEqual({ shown: 1, answered: 1, skipped: 0, ignored: 1 });
    expect((stats.questions[2] as FreeTextStats).texts).toEqual(['an hour']);
  });

  it('counts in the figures only the answers it counts', () => {
    const why = stats.questions[1] as ChoiceStats;
    expect(why.options.map((o) => [o.key, o.count, o.share])).toEqual([
      ['wait', 1, 1],
      ['rude', 0, 0], // response 5's "rude" was never asked
    ]);
  });

  it('ignores a value out of a narrowed scale', () => {
    // 2, 4 count; 7 (from a former 1–10) does not: mean 3, median 3, below 3: 1 / 2
    const s = scaleStats(rate, [2, 7, 4]);
    expect(s).toMatchObject({ shown: 3, answered: 2, skipped: 1, ignored: 1 });
    expect([s.mean, s.median, s.dissatisfiedShare]).toEqual([3, 3, 0.5]);
  });

  it('tolerates a response without an answers object', () => {
    const broken = [{ answers: null }, { answers: [] }] as unknown as SurveyResponseLike[];
    expect(questionStats(rate, broken)).toMatchObject({ shown: 2, answered: 0, skipped: 2 });
  });

  it('questionStats needs the questions for a conditional question', () => {
    expect(() => questionStats(questions[1], responses)).toThrow(TypeError);
    expect(questionStats(questions[2], responses, { questions })).toEqual(stats.questions[2]);
  });
});

describe('responseRate', () => {
  it('is responses over invitations, or null with none sent', () => {
    expect(responseRate(3, 8)).toBe(0.375);
    expect(responseRate(1, 3)).toBe(0.3333);
    expect(responseRate(0, 5)).toBe(0);
    expect(responseRate(0, 0)).toBeNull();
    expect(responseRate(5, 4)).toBe(1.25); // not capped: a counting error shows
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() => responseRate(-1, 3)).toThrow(RangeError);
    expect(() => responseRate(1, 2.5)).toThrow(RangeError);
    expect(() => responseRate(NaN, 3)).toThrow(RangeError);
  });
});

describe('compareStats', () => {
  const face = q({ code: 'face', type: 'emoticon' });
  const nps = q({ code: 'nps', type: 'nps' });
  const pick = q({ code: 'pick', type: 'single_choice', options: opts('a', 'b') });
  const notes = q({ code: 'notes', type: 'free_text' });
  const visit = q({ code: 'visit', type: 'scale' });
  const row = (face: string, rateV: number | undefined, npsV: number) => ({
    answers: { face, rate: rateV, nps: npsV, pick: 'a', notes: 'x', visit: 3 } as Record<
      string,
      unknown
    >,
  });
  // before: rate 1, 2, 2, 5 → mean 2.5, dissatisfied 0.75
  //         nps 9, 9, 6, 9 → (3 − 1) / 4 = 50; detractors 1 / 4 = 0.25; mean 33 / 4 = 8.25
  //         face +, −, +, − → net 0; negative 0.5
  const before = surveyStats(
    [face, rate, nps, pick, notes],
    [row('positive', 1, 9), row('negative', 2, 9), row('positive', 2, 6), row('negative', 5, 9)]
  );
  // after:  rate 3, 4, 5 → mean 4, dissatisfied 0
  //         nps 10, 10, 6 → (2 − 1) / 3 = 33.3; detractors 1 / 3 = 0.3333; mean 8.67
  //         face +, +, neutral → net 2 / 3 = 66.7; negative 0
  const after = surveyStats(
    [visit, rate, nps, face, pick],
    [row('positive', 3, 10), row('positive', 4, 10), row('neutral', 5, 6)]
  );
  const cmp = compareStats(before, after);

  it('lists the deltas of the questions in both, in the after order', () => {
    expect(cmp.questions).toEqual([
      {
        code: 'rate',
        type: 'scale',
        comparable: true,
        answered: { before: 4, after: 3 },
        mean: 1.5, // 4 − 2.5
        dissatisfiedShare: -0.75, // 0 − 0.75
        nps: null,
        netScore: null,
      },
      {
        code: 'nps',
        type: 'nps',
        comparable: true,
        answered: { before: 4, after: 3 },
        mean: 0.42, // 26 / 3 = 8.67 after, 33 / 4 = 8.25 before: 8.67 − 8.25
        dissatisfiedShare: 0.0833, // 0.3333 − 0.25
        nps: -16.7, // 33.3 − 50
        netScore: null,
      },
      {
        code: 'face',
        type: 'emoticon',
        comparable: true,
        answered: { before: 4, after: 3 },
        mean: null,
        dissatisfiedShare: -0.5, // 0 − 0.5
        nps: null,
        netScore: 66.7, // 66.7 − 0
      },
      {
        code: 'pick',
        type: 'single_choice',
        comparable: true,
        answered: { before: 4, after: 3 },
        mean: null,
        dissatisfiedShare: null,
        nps: null,
        netScore: null,
      },
    ]);
  });

  it('lists the codes found on one side only', () => {
    expect(cmp.onlyBefore).toEqual(['notes']);
    expect(cmp.onlyAfter).toEqual(['visit']);
  });

  it('gives no deltas for a question changed beyond comparison', () => {
    const wider = surveyStats(
      [q({ code: 'rate', type: 'scale', scaleMax: 10 }), q({ code: 'face', type: 'nps' })],
      [{ answers: { rate: 8, face: 9 } }]
    );
    const c = compareStats(before, wider);
    expect(c.questions.map((x) => [x.code, x.comparable, x.mean, x.dissatisfiedShare])).toEqual([
      ['rate', false, null, null], // 1–5 then 1–10
      ['face', false, null, null], // emoticon then NPS
    ]);
    // The same scale judged with another threshold is not comparable either.
    const stricter = surveyStats([rate], [{ answers: { rate: 3 } }], { dissatisfiedBelow: 4 });
    expect(compareStats(before, stricter).questions[0].comparable).toBe(false);
  });

  it('gives a null delta where a side has no answers', () => {
    const empty = surveyStats([rate, face], []);
    const c = compareStats(before, empty);
    expect(c.questions.map((x) => [x.code, x.comparable, x.mean, x.dissatisfiedShare])).toEqual([
      ['rate', true, null, null],
      ['face', true, null, null],
    ]);
  });
});
