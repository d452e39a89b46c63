import {
  byCode,
  checkAnswer,
  isShown,
  scaleRange,
  validateAnswers,
  validateQuestions,
  type Question,
} from '../../src/domain/survey-questions';

const q = (over: Partial<Question> & Pick<Question, 'code' | 'type'>): Question => ({
  label: `Question ${over.code}`,
  required: true,
  ...over,
});

const opts = (...keys: string[]) => keys.map((key) => ({ key, label: `Label ${key}` }));

/** A sound survey: a face, then why (only when not happy), then how long (only when waiting). */
const survey: Question[] = [
  q({ code: 'overall', type: 'emoticon' }),
  q({
    code: 'why',
    type: 'multiple_choice',
    options: opts('wait', 'rude', 'unclear'),
    showIf: { question: 'overall', in: ['negative', 'neutral'] },
  }),
  q({
    code: 'wait_detail',
    type: 'free_text',
    maxLength: 20,
    showIf: { question: 'why', in: ['wait'] },
  }),
  q({ code: 'courtesy', type: 'scale', required: false }), // 1..5 by default
  q({ code: 'channel', type: 'single_choice', options: opts('web', 'counter'), required: false }),
  q({ code: 'recommend', type: 'nps', required: false }),
  q({ code: 'stars', type: 'scale', scaleMin: 0, scaleMax: 10, required: false }),
  q({ code: 'notes', type: 'free_text', required: false }), // 1000 by default
];

const errorsOf = (answers: unknown) => validateAnswers(survey, answers).errors;
/** The errors on one answer, all else in the submission being fine. */
const refusal = (code: string, value: unknown, base: Record<string, unknown> = {}) =>
  errorsOf({ overall: 'positive', ...base, [code]: value });

describe('validateQuestions: a sound survey', () => {
  it('accepts the survey, and the nulls Strapi gives for unset fields', () => {
    expect(validateQuestions(survey)).toEqual([]);
    const fromStrapi = [
      {
        id: 4,
        code: 'q1',
        label: 'How was it?',
        help: null,
        type: 'scale',
        required: null,
        scaleMin: null,
        scaleMax: null,
        minLabel: 'Bad',
        maxLabel: 'Good',
        options: null,
        maxLength: null,
        showIf: null,
      },
      { code: 'q2', label: 'Text', type: 'free_text', maxLength: null, options: null },
      { code: 'q3', label: 'Face', type: 'emoticon', options: null, scaleMin: 1, scaleMax: 5 },
      { code: 'q4', label: 'NPS', type: 'nps' },
    ];
    expect(validateQuestions(fromStrapi)).toEqual([]);
    expect(validateQuestions([])).toEqual([]);
  });

  it('refuses what is not a list of objects', () => {
    expect(validateQuestions(null)).toEqual([{ field: 'questions', message: 'must be a list' }]);
    expect(validateQuestions({ 0: survey[0] })).toEqual([
      { field: 'questions', message: 'must be a list' },
    ]);
    expect(validateQuestions([survey[0], 'scale', null])).toEqual([
      { field: 'questions[1]', message: 'must be an object' },
      { field: 'questions[2]', message: 'must be an object' },
    ]);
  });
});

describe('validateQuestions: codes, labels and common fields', () => {
  const one = (over: Record<string, unknown>) =>
    validateQuestions([{ code: 'q1', label: 'L', type: 'emoticon', required: true, ...over }]);
  const codeError = [
    {
      field: 'questions[0].code',
      message: 'must be 1 to 60 lowercase letters, digits or underscores',
    },
  ];

  it('refuses codes outside ^[a-z0-9_]+$ or over 60 characters', () => {
    for (const code of [undefined, null, '', 'Q1', 'a-b', 'a b', 'perché', 7, 'x'.repeat(61)]) {
      expect(one({ code })).toEqual(codeError);
    }
    expect(one({ code: 'x'.repeat(60) })).toEqual([]);
    expect(one({ code: '0_a_9' })).toEqual([]);
  });

  it('refuses a code used twice, naming the first use, and the reserved __proto__', () => {
    const face = { label: 'L', type: 'emoticon', required: true };
    expect(
      validateQuestions([
        { ...face, code: 'a' },
        { ...face, code: 'b' },
        { ...face, code: 'a' },
        { ...face, code: 'a' },
      ])
    ).toEqual([
      { field: 'questions[2].code', message: 'is already used by questions[0]' },
      { field: 'questions[3].code', message: 'is already used by questions[0]' },
    ]);
    expect(one({ code: '__proto__' })).toEqual([
      { field: 'questions[0].code', message: 'is reserved' },
    ]);
  });

  it('refuses an empty or over-long label', () => {
    const error = [
      { field: 'questions[0].label', message: 'must be a text of 1 to 300 characters' },
    ];
    for (const label of [undefined, null, '', '   ', 3, 'x'.repeat(301)]) {
      expect(one({ label })).toEqual(error);
    }
    expect(one({ label: 'x'.repeat(300) })).toEqual([]);
  });

  it('refuses a help that is not a text of at most 1000 characters', () => {
    const error = [
      { field: 'questions[0].help', message: 'must be a text of at most 1000 characters' },
    ];
    expect(one({ help: 'x'.repeat(1001) })).toEqual(error);
    expect(one({ help: 5 })).toEqual(error);
    expect(one({ help: 'x'.repeat(1000) })).toEqual([]);
    expect(one({ help: '' })).toEqual([]);
  });

  it('refuses a required flag that is not a boolean', () => {
    expect(one({ required: 'yes' })).toEqual([
      { field: 'questions[0].required', message: 'must be true or false' },
    ]);
    expect(one({ required: false })).toEqual([]);
  });

  it('refuses empty scale labels', () => {
    expect(one({ type: 'scale', minLabel: '', maxLabel: 4 })).toEqual([
      { field: 'questions[0].minLabel', message: 'must be a text of 1 to 300 characters' },
      { field: 'questions[0].maxLabel', message: 'must be a text of 1 to 300 characters' },
    ]);
  });

  it('refuses an unknown type', () => {
    const error = [
      {
        field: 'questions[0].type',
        message: 'must be one of scale, emoticon, single_choice, multiple_choice, free_text or nps',
      },
    ];
    expect(one({ type: 'rating' })).toEqual(error);
    expect(one({ type: undefined })).toEqual(error);
  });

  it('reports every error of a question, and of every question', () => {
    expect(
      validateQuestions([
        { code: 'A', label: '', type: 'emoticon' },
        { code: 'b', label: 'ok', type: 'scale', scaleMin: 4, scaleMax: 2 },
      ]).map((e) => e.field)
    ).toEqual(['questions[0].code', 'questions[0].label', 'questions[1].scaleMax']);
  });
});

describe('validateQuestions: scales', () => {
  const scale = (scaleMin: unknown, scaleMax: unknown) =>
    validateQuestions([{ code: 's', label: 'L', type: 'scale', scaleMin, scaleMax }]);
  const minError = { field: 'questions[0].scaleMin', message: 'must be an integer from 0 to 9' };
  const maxError = { field: 'questions[0].scaleMax', message: 'must be an integer from 1 to 10' };

  it('accepts integer ranges with 0 ≤ min < max ≤ 10, defaulting to 1..5', () => {
    expect(scale(undefined, undefined)).toEqual([]);
    expect(scale(null, null)).toEqual([]);
    expect(scale(0, 10)).toEqual([]);
    expect(scale(9, 10)).toEqual([]);
    expect(scale(0, 1)).toEqual([]);
    expect(scale(3, null)).toEqual([]); // 3..5
    expect(scale(null, 10)).toEqual([]); // 1..10
  });

  it('refuses ends out of 0..10 or not integers', () => {
    expect(scale(-1, 5)).toEqual([minError]);
    expect(scale(1.5, 5)).toEqual([minError]);
    expect(scale('1', 5)).toEqual([minError]);
    expect(scale(10, null)).toEqual([minError]);
    expect(scale(1, 11)).toEqual([maxError]);
    expect(scale(1, 4.5)).toEqual([maxError]);
    expect(scale(0, 0)).toEqual([maxError]);
    expect(scale(-2, 12)).toEqual([minError, maxError]);
  });

  it('refuses a minimum that is not below the maximum', () => {
    const notAbove = (min: number) => [
      { field: 'questions[0].scaleMax', message: `must be greater than scaleMin (${min})` },
    ];
    expect(scale(5, 5)).toEqual(notAbove(5));
    expect(scale(7, 3)).toEqual(notAbove(7));
    expect(scale(6, null)).toEqual(notAbove(6)); // against the default maximum 5
  });
});

describe('validateQuestions: choices', () => {
  for (const type of ['single_choice', 'multiple_choice']) {
    const choice = (options: unknown) =>
      validateQuestions([{ code: 'c', label: 'L', type, options }]);
    const fewError = { field: 'questions[0].options', message: 'must list at least 2 options' };

    it(`${type}: accepts two or more sound options`, () => {
      expect(choice(opts('a', 'b'))).toEqual([]);
      expect(choice(opts('a', 'b', 'c', 'd'))).toEqual([]);
    });

    it(`${type}: refuses fewer than two options`, () => {
      for (const options of [undefined, null, [], opts('a'), 'a,b', { a: 'A', b: 'B' }]) {
        expect(choice(options)).toEqual([fewError]);
      }
    });

    it(`${type}: refuses options without a key or a label, or repeating a key`, () => {
      expect(choice([...opts('a', 'b'), 'c'])).toEqual([
        { field: 'questions[0].options[2]', message: 'must be an object with a key and a label' },
      ]);
      for (const key of [undefined, '', '  ', 3]) {
        expect(choice([{ key, label: 'A' }, ...opts('b')])).toEqual([
          { field: 'questions[0].options[0].key', message: 'must be a non-empty text' },
        ]);
      }
      for (const label of [undefined, '', ' ', 'x'.repeat(301)]) {
        expect(choice([...opts('a'), { key: 'b', label }])).toEqual([
          {
            field: 'questions[0].options[1].label',
            message: 'must be a text of 1 to 300 characters',
          },
        ]);
      }
      expect(choice(opts('a', 'b', 'a'))).toEqual([
        { field: 'questions[0].options[2].key', message: 'repeats the key "a"' },
      ]);
    });

    it(`${type}: checks the option of a one-option list too`, () => {
      expect(choice([{ key: '', label: 'A' }])).toEqual([
        fewError,
        { field: 'questions[0].options[0].key', message: 'must be a non-empty text' },
      ]);
    });
  }

  it('emoticon and NPS questions need no options; others ignore stray ones', () => {
    for (const type of ['emoticon', 'nps', 'scale', 'free_text']) {
      expect(validateQuestions([{ code: 'x', label: 'L', type }])).toEqual([]);
      expect(validateQuestions([{ code: 'x', label: 'L', type, options: [] }])).toEqual([]);
    }
  });
});

describe('validateQuestions: free text', () => {
  const text = (maxLength: unknown) =>
    validateQuestions([{ code: 't', label: 'L', type: 'free_text', maxLength }]);

  it('takes a maxLength from 1 to 4000, 1000 when unset', () => {
    for (const ok of [undefined, null, 1, 1000, 4000]) expect(text(ok)).toEqual([]);
    for (const bad of [0, -5, 4001, 2.5, '100']) {
      expect(text(bad)).toEqual([
        { field: 'questions[0].maxLength', message: 'must be an integer from 1 to 4000' },
      ]);
    }
  });
});

describe('validateQuestions: conditions', () => {
  const base = [
    { code: 'face', label: 'L', type: 'emoticon' },
    { code: 'pick', label: 'L', type: 'single_choice', options: opts('a', 'b') },
    { code: 'rate', label: 'L', type: 'scale' },
    { code: 'wide', label: 'L', type: 'scale', scaleMin: 0, scaleMax: 10 },
    { code: 'nps', label: 'L', type: 'nps' },
    { code: 'say', label: 'L', type: 'free_text' },
  ];
  /** The errors of a sixth-plus question with this condition. */
  const cond = (showIf: unknown, extra: object[] = []) =>
    validateQuestions([...base, { code: 'then', label: 'L', type: 'emoticon', showIf }, ...extra]);
  const at = 'questions[6].showIf';

  it('accepts conditions on earlier questions with values they can give', () => {
    expect(cond(null)).toEqual([]);
    expect(cond(undefined)).toEqual([]);
    expect(cond({ question: 'face', in: ['negative', 'neutral'] })).toEqual([]);
    expect(cond({ question: 'pick', in: ['b'] })).toEqual([]);
    expect(cond({ question: 'rate', in: [1, 2, 5] })).toEqual([]);
    expect(cond({ question: 'wide', in: [0, 10] })).toEqual([]);
    expect(cond({ question: 'nps', in: [0, 6, 10] })).toEqual([]);
  });

  it('refuses a condition that is not { question, in }', () => {
    for (const showIf of ['face', ['face'], 3]) {
      expect(cond(showIf)).toEqual([{ field: at, message: 'must be { question, in } or empty' }]);
    }
  });

  it('refuses a condition on the question itself, a later one or none', () => {
    expect(
      validateQuestions([
        { code: 'a', label: 'L', type: 'emoticon', showIf: { question: 'a', in: ['positive'] } },
      ])
    ).toEqual([
      {
        field: 'questions[0].showIf.question',
        message: 'must name an earlier question, not this one',
      },
    ]);
    expect(
      cond({ question: 'later', in: ['positive'] }, [
        { code: 'later', label: 'L', type: 'emoticon' },
      ])
    ).toEqual([
      {
        field: `${at}.question`,
        message: 'must name an earlier question: "later" comes after this one',
      },
    ]);
    expect(cond({ question: 'ghost', in: ['positive'] })).toEqual([
      {
        field: `${at}.question`,
        message: 'must name an earlier question: there is no question "ghost"',
      },
    ]);
    for (const question of [undefined, '', 5]) {
      expect(cond({ question, in: ['positive'] })).toEqual([
        { field: `${at}.question`, message: 'must be the code of an earlier question' },
      ]);
    }
  });

  it('so two questions cannot depend on each other', () => {
    const errors = validateQuestions([
      { code: 'a', label: 'L', type: 'emoticon', showIf: { question: 'b', in: ['positive'] } },
      { code: 'b', label: 'L', type: 'emoticon', showIf: { question: 'a', in: ['positive'] } },
    ]);
    expect(errors).toEqual([
      {
        field: 'questions[0].showIf.question',
        message: 'must name an earlier question: "b" comes after this one',
      },
    ]);
  });

  it('refuses a condition on free text', () => {
    expect(cond({ question: 'say', in: ['anything'] })).toEqual([
      {
        field: `${at}.question`,
        message: 'names "say", a free-text question: its answers cannot be a condition',
      },
    ]);
  });

  it('refuses an empty list of values', () => {
    for (const values of [undefined, [], 'negative']) {
      expect(cond({ question: 'face', in: values })).toEqual([
        { field: `${at}.in`, message: 'must list at least one value' },
      ]);
    }
  });

  it('refuses values the named question cannot give', () => {
    expect(cond({ question: 'face', in: ['negative', 'angry', 1] })).toEqual([
      {
        field: `${at}.in[1]`,
        message: 'is not an answer "face" can give: expected positive, neutral or negative',
      },
      {
        field: `${at}.in[2]`,
        message: 'is not an answer "face" can give: expected positive, neutral or negative',
      },
    ]);
    expect(cond({ question: 'pick', in: ['c'] })).toEqual([
      { field: `${at}.in[0]`, message: 'is not an answer "pick" can give: expected a or b' },
    ]);
    const rate = 'is not an answer "rate" can give: expected an integer from 1 to 5';
    expect(cond({ question: 'rate', in: [0, 6, '2', 2.5, 3] })).toEqual([
      { field: `${at}.in[0]`, message: rate },
      { field: `${at}.in[1]`, message: rate },
      { field: `${at}.in[2]`, message: rate },
      { field: `${at}.in[3]`, message: rate },
    ]);
    expect(cond({ question: 'nps', in: [11] })).toEqual([
      {
        field: `${at}.in[0]`,
        message: 'is not an answer "nps" can give: expected an integer from 0 to 10',
      },
    ]);
    expect(cond({ question: 'wide', in: [-1] })).toEqual([
      {
        field: `${at}.in[0]`,
        message: 'is not an answer "wide" can give: expected an integer from 0 to 10',
      },
    ]);
  });
});

describe('scaleRange, byCode', () => {
  it('gives a scale its range or the default, NPS 0..10, others none', () => {
    expect(scaleRange({ type: 'scale' })).toEqual({ min: 1, max: 5 });
    expect(scaleRange({ type: 'scale', scaleMin: 0, scaleMax: null })).toEqual({ min: 0, max: 5 });
    expect(scaleRange({ type: 'nps', scaleMin: 1, scaleMax: 5 })).toEqual({ min: 0, max: 10 });
    expect(scaleRange({ type: 'emoticon' })).toBeNull();
  });

  it('keeps the first question of a repeated code', () => {
    const first = q({ code: 'a', type: 'emoticon' });
    expect(byCode([first, q({ code: 'a', type: 'nps' })]).get('a')).toBe(first);
  });
});

describe('isShown', () => {
  const index = byCode(survey);
  const [overall, why, waitDetail, courtesy] = survey;

  it('shows a question without a condition whatever the answers', () => {
    expect(isShown(overall, {}, index)).toBe(true);
    expect(isShown(courtesy, { overall: 'positive' }, index)).toBe(true);
  });

  it('shows a conditional question only for the listed answers', () => {
    expect(isShown(why, { overall: 'negative' }, index)).toBe(true);
    expect(isShown(why, { overall: 'neutral' }, index)).toBe(true);
    expect(isShown(why, { overall: 'positive' }, index)).toBe(false);
    expect(isShown(why, {}, index)).toBe(false);
  });

  it('shows on a multiple choice when any selected key is listed', () => {
    expect(isShown(waitDetail, { overall: 'negative', why: ['rude', 'wait'] }, index)).toBe(true);
    expect(isShown(waitDetail, { overall: 'negative', why: ['rude'] }, index)).toBe(false);
  });

  it('hides a question whose condition rests on a hidden question (chained)', () => {
    // why says "wait", but why itself is not shown to a happy citizen.
    expect(isShown(waitDetail, { overall: 'positive', why: ['wait'] }, index)).toBe(false);
    expect(isShown(waitDetail, { why: ['wait'] }, index)).toBe(false);
  });

  it('compares numbers as numbers', () => {
    const rate = q({ code: 'rate', type: 'scale' });
    const low = q({ code: 'low', type: 'free_text', showIf: { question: 'rate', in: [1, 2] } });
    const idx = byCode([rate, low]);
    expect(isShown(low, { rate: 2 }, idx)).toBe(true);
    expect(isShown(low, { rate: '2' }, idx)).toBe(false);
    expect(isShown(low, { rate: 3 }, idx)).toBe(false);
  });

  it('hides on a faulty definition rather than loop or guess', () => {
    const a = q({ code: 'a', type: 'emoticon', showIf: { question: 'b', in: ['positive'] } });
    const b = q({ code: 'b', type: 'emoticon', showIf: { question: 'a', in: ['positive'] } });
    const answers = { a: 'positive', b: 'positive' };
    expect(isShown(a, answers, byCode([a, b]))).toBe(false);
    const orphan = q({ code: 'o', type: 'nps', showIf: { question: 'gone', in: ['x'] } });
    expect(isShown(orphan, { gone: 'x' }, byCode([orphan]))).toBe(false);
  });
});

describe('validateAnswers: accepting and normalising', () => {
  it('accepts a full submission and returns it in the questions order, text trimmed', () => {
    const result = validateAnswers(survey, {
      notes: '  Grazie!  ',
      stars: 0,
      recommend: 10,
      channel: 'counter',
      courtesy: 5,
      wait_detail: ' 40 minuti ',
      why: ['wait', 'rude'],
      overall: 'negative',
    });
    expect(result.errors).toEqual([]);
    expect(result.answers).toEqual({
      overall: 'negative',
      why: ['wait', 'rude'],
      wait_detail: '40 minuti',
      courtesy: 5,
      channel: 'counter',
      recommend: 10,
      stars: 0,
      notes: 'Grazie!',
    });
    expect(Object.keys(result.answers)).toEqual([
      'overall',
      'why',
      'wait_detail',
      'courtesy',
      'channel',
      'recommend',
      'stars',
      'notes',
    ]);
  });

  it('keeps only answered questions: null, "", blank text and [] are no answer', () => {
    const result = validateAnswers(survey, {
      overall: 'positive',
      courtesy: null,
      channel: '',
      recommend: null,
      notes: '   \n ',
    });
    expect(result).toEqual({ answers: { overall: 'positive' }, errors: [] });
    const unpicked = validateAnswers(
      [q({ code: 'm', type: 'multiple_choice', options: opts('a', 'b'), required: false })],
      { m: [] }
    );
    expect(unpicked).toEqual({ answers: {}, errors: [] });
  });

  it('accepts the ends of every range', () => {
    for (const [code, value] of [
      ['courtesy', 1],
      ['courtesy', 5],
      ['recommend', 0],
      ['recommend', 10],
      ['stars', 0],
      ['stars', 10],
    ] as const) {
      expect(refusal(code, value)).toEqual([]);
    }
  });

  it('counts free text in characters, so an emoji is one', () => {
    const text = q({ code: 't', type: 'free_text', maxLength: 3 });
    expect(validateAnswers([text], { t: '😀😀😀' })).toEqual({
      answers: { t: '😀😀😀' },
      errors: [],
    });
    expect(validateAnswers([text], { t: '😀😀😀😀' }).errors).toEqual([
      { field: 'answers.t', message: 'must be at most 3 characters long' },
    ]);
  });
});

describe('validateAnswers: refusals', () => {
  it('refuses answers that are not an object', () => {
    for (const answers of [null, undefined, [], 'positive', 3]) {
      expect(validateAnswers(survey, answers)).toEqual({
        answers: {},
        errors: [{ field: 'answers', message: 'must be an object of answers by question code' }],
      });
    }
  });

  it('refuses answers to no such question, after the questions own errors', () => {
    expect(errorsOf({ overall: 'happy', ghost: 1, Overall: 'positive' })).toEqual([
      { field: 'answers.overall', message: 'must be positive, neutral or negative' },
      { field: 'answers.ghost', message: 'no such question' },
      { field: 'answers.Overall', message: 'no such question' },
    ]);
    // A JSON body can carry "__proto__" as a plain key.
    expect(errorsOf(JSON.parse('{"overall":"positive","__proto__":{"x":1}}'))).toEqual([
      { field: 'answers.__proto__', message: 'no such question' },
    ]);
  });

  it('refuses a missing required answer, and counts an unset required as required', () => {
    expect(errorsOf({})).toEqual([{ field: 'answers.overall', message: 'is required' }]);
    expect(errorsOf({ overall: '' })).toEqual([
      { field: 'answers.overall', message: 'is required' },
    ]);
    const unset = { ...q({ code: 'x', type: 'nps' }), required: undefined as unknown as boolean };
    expect(validateAnswers([unset], {}).errors).toEqual([
      { field: 'answers.x', message: 'is required' },
    ]);
    expect(validateAnswers([{ ...unset, required: false }], {}).errors).toEqual([]);
  });

  it('looks only at the answers own keys', () => {
    // "constructor" is an own key of no answers object, only of its prototype.
    const odd = q({ code: 'constructor', type: 'free_text' });
    expect(validateAnswers([odd], {}).errors).toEqual([
      { field: 'answers.constructor', message: 'is required' },
    ]);
  });

  it('scale: an integer within its range', () => {
    for (const value of [0, 6, 2.5, '3', true, [3], { v: 3 }, NaN]) {
      expect(refusal('courtesy', value)).toEqual([
        { field: 'answers.courtesy', message: 'must be an integer from 1 to 5' },
      ]);
    }
    for (const value of [-1, 11]) {
      expect(refusal('stars', value)).toEqual([
        { field: 'answers.stars', message: 'must be an integer from 0 to 10' },
      ]);
    }
  });

  it('nps: an integer from 0 to 10', () => {
    for (const value of [-1, 11, 7.5, '9', false]) {
      expect(refusal('recommend', value)).toEqual([
        { field: 'answers.recommend', message: 'must be an integer from 0 to 10' },
      ]);
    }
  });

  it('emoticon: positive, neutral or negative', () => {
    for (const value of ['happy', 'Positive', ' positive', 1, ['positive'], true]) {
      expect(errorsOf({ overall: value })).toEqual([
        { field: 'answers.overall', message: 'must be positive, neutral or negative' },
      ]);
    }
  });

  it('single choice: one option key', () => {
    for (const value of ['email', 'Web', ['web'], 1]) {
      expect(refusal('channel', value)).toEqual([
        { field: 'answers.channel', message: 'must be one of the options web or counter' },
      ]);
    }
  });

  it('multiple choice: a list of different option keys', () => {
    const message = 'must be a list of different options among wait, rude or unclear';
    for (const value of ['wait', ['wait', 'wait'], ['wait', 'other'], [1], [['wait']], 3]) {
      expect(refusal('why', value, { overall: 'negative' })).toEqual([
        { field: 'answers.why', message },
      ]);
    }
    // An empty list is no answer, and this one is required when shown.
    expect(refusal('why', [], { overall: 'negative' })).toEqual([
      { field: 'answers.why', message: 'is required' },
    ]);
  });

  it('free text: a text, at most maxLength characters once trimmed', () => {
    const base = { overall: 'negative', why: ['wait'] };
    for (const value of [42, ['late'], { text: 'late' }, true]) {
      expect(refusal('wait_detail', value, base)).toEqual([
        { field: 'answers.wait_detail', message: 'must be a text of at most 20 characters' },
      ]);
    }
    expect(refusal('wait_detail', 'x'.repeat(21), base)).toEqual([
      { field: 'answers.wait_detail', message: 'must be at most 20 characters long' },
    ]);
    expect(refusal('wait_detail', `  ${'x'.repeat(20)}  `, base)).toEqual([]);
    expect(refusal('wait_detail', '  ', base)).toEqual([
      { field: 'answers.wait_detail', message: 'is required' },
    ]);
    // The default maximum is 1000.
    expect(refusal('notes', 'x'.repeat(1001))).toEqual([
      { field: 'answers.notes', message: 'must be at most 1000 characters long' },
    ]);
    expect(refusal('notes', 'x'.repeat(1000))).toEqual([]);
  });

  it('reports every refused answer at once', () => {
    expect(
      errorsOf({ overall: 'positive', courtesy: 9, channel: 'fax', recommend: 11 }).map(
        (e) => e.field
      )
    ).toEqual(['answers.courtesy', 'answers.channel', 'answers.recommend']);
  });
});

describe('validateAnswers: conditional questions', () => {
  const notAsked = (code: string, condition: string) => ({
    field: `answers.${code}`,
    message: `must be left unanswered: it is asked only when ${condition}`,
  });

  it('needs no answer to a hidden required question', () => {
    expect(validateAnswers(survey, { overall: 'positive' })).toEqual({
      answers: { overall: 'positive' },
      errors: [],
    });
    // Shown now: why is required, wait_detail still hidden (nothing picked yet).
    expect(errorsOf({ overall: 'neutral' })).toEqual([
      { field: 'answers.why', message: 'is required' },
    ]);
  });

  it('refuses an answer to a hidden question, naming the condition', () => {
    expect(validateAnswers(survey, { overall: 'positive', why: ['wait'] })).toEqual({
      answers: { overall: 'positive' },
      errors: [notAsked('why', '"overall" is answered negative or neutral')],
    });
    // Even a malformed answer: being asked at all is the first thing wrong.
    expect(errorsOf({ overall: 'positive', why: 'nonsense' })).toEqual([
      notAsked('why', '"overall" is answered negative or neutral'),
    ]);
  });

  it('follows chained conditions', () => {
    // overall → why → wait_detail: shown only when not happy and waiting.
    expect(errorsOf({ overall: 'negative', why: ['rude', 'wait'], wait_detail: '1 hour' })).toEqual(
      []
    );
    expect(errorsOf({ overall: 'negative', why: ['wait'] })).toEqual([
      { field: 'answers.wait_detail', message: 'is required' },
    ]);
    expect(errorsOf({ overall: 'negative', why: ['rude'] })).toEqual([]);
    expect(errorsOf({ overall: 'negative', why: ['rude'], wait_detail: '1 hour' })).toEqual([
      notAsked('wait_detail', '"why" is answered wait'),
    ]);
    // why says "wait", but is hidden itself: both answers are refused.
    expect(errorsOf({ overall: 'positive', why: ['wait'], wait_detail: '1 hour' })).toEqual([
      notAsked('why', '"overall" is answered negative or neutral'),
      notAsked('wait_detail', '"why" is answered wait'),
    ]);
  });

  it('does not pile errors on a condition whose answer was refused', () => {
    // overall is refused, so whether why is asked is unknown: neither required nor refused.
    expect(errorsOf({ overall: 'angry' })).toEqual([
      { field: 'answers.overall', message: 'must be positive, neutral or negative' },
    ]);
    expect(errorsOf({ overall: 'angry', why: ['wait'] })).toEqual([
      { field: 'answers.overall', message: 'must be positive, neutral or negative' },
    ]);
    // Down the chain too, while the undecided answer is still checked for itself.
    expect(errorsOf({ overall: 'angry', why: ['wait'], wait_detail: 'x'.repeat(21) })).toEqual([
      { field: 'answers.overall', message: 'must be positive, neutral or negative' },
      { field: 'answers.wait_detail', message: 'must be at most 20 characters long' },
    ]);
    expect(errorsOf({ overall: 'negative', why: ['late'] })).toEqual([
      {
        field: 'answers.why',
        message: 'must be a list of different options among wait, rude or unclear',
      },
    ]);
  });

  it('shows on a numeric answer', () => {
    const rate = q({ code: 'rate', type: 'scale' });
    const low = q({ code: 'low', type: 'free_text', showIf: { question: 'rate', in: [1, 2] } });
    expect(validateAnswers([rate, low], { rate: 2 }).errors).toEqual([
      { field: 'answers.low', message: 'is required' },
    ]);
    expect(validateAnswers([rate, low], { rate: 4, low: 'x' }).errors).toEqual([
      notAsked('low', '"rate" is answered 1 or 2'),
    ]);
  });
});

describe('checkAnswer', () => {
  it('gives the normalised value, null for no answer, or the refusal', () => {
    const text = q({ code: 't', type: 'free_text' });
    expect(checkAnswer(text, ' a ')).toEqual({ ok: true, value: 'a' });
    expect(checkAnswer(text, undefined)).toEqual({ ok: true, value: null });
    expect(checkAnswer(q({ code: 'n', type: 'nps' }), 12)).toEqual({
      ok: false,
      message: 'must be an integer from 0 to 10',
    });
  });

  it('refuses any answer to a question of unknown type', () => {
    const odd = { ...q({ code: 'o', type: 'nps' }), type: 'stars' } as unknown as Question;
    expect(checkAnswer(odd, 3)).toEqual({
      ok: false,
      message: 'cannot be answered: the question has an unknown type',
    });
  });
});
