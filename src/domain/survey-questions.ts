/**
 * Survey questions (DESIGN.md: a "questionnaire with typed questions …; responses validated
 * against their survey"): the checks on what an editor saves, the conditional display, and the
 * check of what a citizen submits.
 *
 * Conditions. A question may carry `showIf: { question, in }`: it is shown only when the named
 * question is itself shown and its answer is one of `in` (a multiple choice: any selected key).
 * The named question must come earlier, which rules out cycles and lets a form decide each
 * question's display from the answers above it.
 *
 * Answers. Missing, null, '' (and, for free text, blanks once trimmed; for a multiple choice, [])
 * mean "not answered". A required question must be answered only when it is shown; a question
 * that is not shown must be left unanswered. Numbers are JSON numbers: "3" is not 3.
 *
 * Fields name the offending value: `questions[2].scaleMax` (positions from 0), `answers.<code>`.
 */

export const QUESTION_TYPES = [
  'scale',
  'emoticon',
  'single_choice',
  'multiple_choice',
  'free_text',
  'nps',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** The faces of "Mettiamoci la faccia", best first. */
export const EMOTICONS = ['positive', 'neutral', 'negative'] as const;
export type Emoticon = (typeof EMOTICONS)[number];

/** The limits of the survey question component (src/components/survey/question.json). */
export const CODE_PATTERN = /^[a-z0-9_]+$/;
export const CODE_MAX_LENGTH = 60;
export const LABEL_MAX_LENGTH = 300;
export const HELP_MAX_LENGTH = 1000;
export const SCALE_BOUNDS = { min: 0, max: 10 } as const;
export const DEFAULT_SCALE = { min: 1, max: 5 } as const;
export const NPS_RANGE = { min: 0, max: 10 } as const;
export const FREE_TEXT_MAX_LENGTH = 4000;
export const DEFAULT_FREE_TEXT_MAX_LENGTH = 1000;

export interface QuestionOption {
  key: string;
  label: string;
}

export interface ShowIf {
  /** The code of an earlier question. */
  question: string;
  /** Its answers that show this question. */
  in: (string | number)[];
}

/** A question as stored; Strapi gives null for unset fields, hence `| null`. */
export interface Question {
  code: string;
  label: string;
  help?: string | null;
  type: QuestionType;
  required: boolean;
  /** Scale only; 1 and 5 when unset. */
  scaleMin?: number | null;
  scaleMax?: number | null;
  /** Scale only: what the ends mean ("not at all satisfied", "very satisfied"). */
  minLabel?: string | null;
  maxLabel?: string | null;
  /** Choices only. */
  options?: QuestionOption[] | null;
  /** Free text only; 1000 when unset. */
  maxLength?: number | null;
  showIf?: ShowIf | null;
}

export type Answer = number | string | string[];
export type Answers = Record<string, Answer>;

export interface FieldError {
  field: string;
  message: string;
}

type Fields = Record<string, unknown>;

const isObject = (x: unknown): x is Fields =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** An own property only: an answer keyed "constructor" must not find Object.prototype's. */
const own = (o: object, key: string): unknown =>
  Object.hasOwn(o, key) ? (o as Fields)[key] : undefined;

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

const isText = (x: unknown, max: number): x is string =>
  typeof x === 'string' && x.trim() !== '' && x.length <= max;

/** Lengths in characters (code points), not UTF-16 units: an emoji counts as one. */
const charCount = (s: string) => [...s].length;

/** "a, b or c" */
const orList = (xs: readonly (string | number)[]) =>
  xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : `${xs[0] ?? ''}`;

/** The range of a scale (defaults for unset ends) or of an NPS question; null for other types. */
export function scaleRange(
  question: Pick<Question, 'type' | 'scaleMin' | 'scaleMax'>
): { min: number; max: number } | null {
  if (question.type === 'nps') return { ...NPS_RANGE };
  if (question.type !== 'scale') return null;
  return {
    min: question.scaleMin ?? DEFAULT_SCALE.min,
    max: question.scaleMax ?? DEFAULT_SCALE.max,
  };
}

const optionKeys = (question: Pick<Question, 'options'>) =>
  (question.options ?? []).map((o) => o.key);

/** The questions by code, the first one winning should a code repeat. */
export function byCode(questions: readonly Question[]): Map<string, Question> {
  const index = new Map<string, Question>();
  for (const q of questions) if (!index.has(q.code)) index.set(q.code, q);
  return index;
}

// ---------------------------------------------------------------------------------------------
// What an editor saves

/**
 * The values a question (as saved, not yet checked) can give, which are all a condition on it
 * may list; null when anything goes (free text) or the type is unknown.
 */
function producibleValues(q: Fields): (string | number)[] | null {
  switch (q.type) {
    case 'emoticon':
      return [...EMOTICONS];
    case 'single_choice':
    case 'multiple_choice':
      return Array.isArray(q.options)
        ? q.options.filter((o) => isObject(o) && isText(o.key, Infinity)).map((o) => o.key)
        : [];
    case 'scale':
    case 'nps': {
      const range = scaleRange({
        type: q.type,
        scaleMin: isInt(q.scaleMin) ? q.scaleMin : null,
        scaleMax: isInt(q.scaleMax) ? q.scaleMax : null,
      });
      const values: number[] = [];
      for (let v = range!.min; v <= range!.max; v++) values.push(v);
      return values;
    }
    default:
      return null;
  }
}

/**
 * The errors in a survey's questions as an editor saves them; none when they are fine. Checks
 * what the component's schema cannot: unique codes, sound scales and options, and conditions
 * that name an earlier question and values it can give.
 */
export function validateQuestions(questions: unknown): FieldError[] {
  if (!Array.isArray(questions)) return [{ field: 'questions', message: 'must be a list' }];
  const errors: FieldError[] = [];
  // Every code's first position, to tell "later" from "unknown" in a condition.
  const firstAt = new Map<string, number>();
  questions.forEach((q, i) => {
    if (isObject(q) && typeof q.code === 'string' && !firstAt.has(q.code)) firstAt.set(q.code, i);
  });

  questions.forEach((q, i) => {
    const at = `questions[${i}]`;
    const fail = (field: string, message: string) =>
      errors.push({ field: `${at}.${field}`, message });
    if (!isObject(q)) {
      errors.push({ field: at, message: 'must be an object' });
      return;
    }

    const code = q.code;
    if (typeof code !== 'string' || !CODE_PATTERN.test(code) || code.length > CODE_MAX_LENGTH) {
      fail('code', `must be 1 to ${CODE_MAX_LENGTH} lowercase letters, digits or underscores`);
    } else if (code === '__proto__') {
      fail('code', 'is reserved'); // it would set the prototype of the answers object
    } else if (firstAt.get(code) !== i) {
      fail('code', `is already used by questions[${firstAt.get(code)}]`);
    }
    if (!isText(q.label, LABEL_MAX_LENGTH)) {
      fail('label', `must be a text of 1 to ${LABEL_MAX_LENGTH} characters`);
    }
    if (q.help != null && (typeof q.help !== 'string' || q.help.length > HELP_MAX_LENGTH)) {
      fail('help', `must be a text of at most ${HELP_MAX_LENGTH} characters`);
    }
    if (q.required != null && typeof q.required !== 'boolean') {
      fail('required', 'must be true or false');
    }
    for (const field of ['minLabel', 'maxLabel']) {
      if (q[field] != null && !isText(q[field], LABEL_MAX_LENGTH)) {
        fail(field, `must be a text of 1 to ${LABEL_MAX_LENGTH} characters`);
      }
    }

    switch (q.type) {
      case 'scale':
        validateScale(q, fail);
        break;
      case 'single_choice':
      case 'multiple_choice':
        validateOptions(q.options, fail);
        break;
      case 'free_text':
        if (
          q.maxLength != null &&
          !(isInt(q.maxLength) && q.maxLength >= 1 && q.maxLength <= FREE_TEXT_MAX_LENGTH)
        ) {
          fail('maxLength', `must be an integer from 1 to ${FREE_TEXT_MAX_LENGTH}`);
        }
        break;
      case 'emoticon':
      case 'nps':
        break; // fixed answers: no options, no range
      default:
        fail('type', `must be one of ${orList(QUESTION_TYPES)}`);
    }

    if (q.showIf != null) validateShowIf(q.showIf, i, code, questions, firstAt, fail);
  });
  return errors;
}

type Fail = (field: string, message: string) => void;

function validateScale(q: Fields, fail: Fail): void {
  const { min: lo, max: hi } = SCALE_BOUNDS;
  const min = q.scaleMin ?? DEFAULT_SCALE.min;
  const max = q.scaleMax ?? DEFAULT_SCALE.max;
  const minOk = isInt(min) && min >= lo && min <= hi - 1;
  const maxOk = isInt(max) && max >= lo + 1 && max <= hi;
  if (!minOk) fail('scaleMin', `must be an integer from ${lo} to ${hi - 1}`);
  if (!maxOk) fail('scaleMax', `must be an integer from ${lo + 1} to ${hi}`);
  if (minOk && maxOk && min >= max) fail('scaleMax', `must be greater than scaleMin (${min})`);
}

function validateOptions(options: unknown, fail: Fail): void {
  if (!Array.isArray(options) || options.length < 2) {
    fail('options', 'must list at least 2 options');
    if (!Array.isArray(options)) return;
  }
  const seen = new Set<string>();
  options.forEach((o, k) => {
    if (!isObject(o)) {
      fail(`options[${k}]`, 'must be an object with a key and a label');
      return;
    }
    if (typeof o.key !== 'string' || o.key.trim() === '') {
      fail(`options[${k}].key`, 'must be a non-empty text');
    } else if (seen.has(o.key)) {
      fail(`options[${k}].key`, `repeats the key "${o.key}"`);
    } else {
      seen.add(o.key);
    }
    if (!isText(o.label, LABEL_MAX_LENGTH)) {
      fail(`options[${k}].label`, `must be a text of 1 to ${LABEL_MAX_LENGTH} characters`);
    }
  });
}

function validateShowIf(
  showIf: unknown,
  i: number,
  code: unknown,
  questions: unknown[],
  firstAt: ReadonlyMap<string, number>,
  fail: Fail
): void {
  if (!isObject(showIf)) {
    fail('showIf', 'must be { question, in } or empty');
    return;
  }
  const ref = showIf.question;
  const refAt = typeof ref === 'string' ? firstAt.get(ref) : undefined;
  let values: (string | number)[] | null = null;
  let refOk = false;
  if (typeof ref !== 'string' || ref === '') {
    fail('showIf.question', 'must be the code of an earlier question');
  } else if (ref === code) {
    fail('showIf.question', 'must name an earlier question, not this one');
  } else if (refAt === undefined) {
    fail('showIf.question', `must name an earlier question: there is no question "${ref}"`);
  } else if (refAt > i) {
    fail('showIf.question', `must name an earlier question: "${ref}" comes after this one`);
  } else {
    const target = questions[refAt] as Fields;
    values = producibleValues(target);
    if (target.type === 'free_text') {
      fail(
        'showIf.question',
        `names "${ref}", a free-text question: its answers cannot be a condition`
      );
    } else {
      refOk = values !== null;
    }
  }

  const list = showIf.in;
  if (!Array.isArray(list) || list.length === 0) {
    fail('showIf.in', 'must list at least one value');
    return;
  }
  if (!refOk || !values?.length) return; // nothing sound to check the values against
  const range = values.every((v) => typeof v === 'number')
    ? `an integer from ${values[0]} to ${values[values.length - 1]}`
    : orList(values);
  list.forEach((v, k) => {
    if (!values.includes(v as string | number)) {
      fail(`showIf.in[${k}]`, `is not an answer "${ref}" can give: expected ${range}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Conditional display

type Display = 'shown' | 'hidden' | 'undecided';

/** Whether an answer (a multiple choice: any of its keys) is among the values. */
function matches(answer: unknown, values: readonly (string | number)[]): boolean {
  if (Array.isArray(answer)) return answer.some((a) => values.includes(a));
  return values.includes(answer as string | number);
}

/**
 * Shown, hidden, or undecided when a condition rests on an answer that was refused. A condition
 * on a question that does not exist, or a cycle (only a faulty definition has either), hides.
 */
function display(
  question: Question,
  answers: Readonly<Record<string, unknown>>,
  index: ReadonlyMap<string, Question>,
  refused: ReadonlySet<string> = new Set(),
  visiting: Set<string> = new Set()
): Display {
  const cond = question.showIf;
  if (!cond) return 'shown';
  const ref = index.get(cond.question);
  if (!ref || visiting.has(ref.code)) return 'hidden';
  visiting.add(question.code);
  const above = display(ref, answers, index, refused, visiting);
  if (above !== 'shown') return above;
  if (refused.has(ref.code)) return 'undecided';
  return matches(own(answers, ref.code), cond.in) ? 'shown' : 'hidden';
}

/**
 * Whether a question is shown given the answers: always without a condition; with one, only
 * when the question it names is shown and answered with one of its values.
 */
export function isShown(
  question: Question,
  answers: Readonly<Record<string, unknown>>,
  questionsByCode: ReadonlyMap<string, Question>
): boolean {
  return display(question, answers, questionsByCode) === 'shown';
}

/** "q1 is answered negative or neutral" */
const describeCondition = (cond: ShowIf) => `"${cond.question}" is answered ${orList(cond.in)}`;

// ---------------------------------------------------------------------------------------------
// What a citizen submits

export type AnswerCheck = { ok: true; value: Answer | null } | { ok: false; message: string };

/**
 * One answer against its question, whether shown or not: the normalised value (trimmed text),
 * null when unanswered, or why it is refused. Statistics use it to count only what would be
 * accepted today.
 */
export function checkAnswer(question: Question, raw: unknown): AnswerCheck {
  const ok = (value: Answer | null): AnswerCheck => ({ ok: true, value });
  const refuse = (message: string): AnswerCheck => ({ ok: false, message });
  if (raw === undefined || raw === null || raw === '') return ok(null);
  switch (question.type) {
    case 'scale':
    case 'nps': {
      const { min, max } = scaleRange(question)!;
      return isInt(raw) && raw >= min && raw <= max
        ? ok(raw)
        : refuse(`must be an integer from ${min} to ${max}`);
    }
    case 'emoticon':
      return EMOTICONS.includes(raw as Emoticon)
        ? ok(raw as Emoticon)
        : refuse(`must be ${orList(EMOTICONS)}`);
    case 'single_choice': {
      const keys = optionKeys(question);
      return typeof raw === 'string' && keys.includes(raw)
        ? ok(raw)
        : refuse(`must be one of the options ${orList(keys)}`);
    }
    case 'multiple_choice': {
      const keys = optionKeys(question);
      const expected = `must be a list of different options among ${orList(keys)}`;
      if (!Array.isArray(raw)) return refuse(expected);
      if (raw.length === 0) return ok(null);
      const fits =
        raw.every((k) => typeof k === 'string' && keys.includes(k)) &&
        new Set(raw).size === raw.length;
      return fits ? ok([...(raw as string[])]) : refuse(expected);
    }
    case 'free_text': {
      const max = question.maxLength ?? DEFAULT_FREE_TEXT_MAX_LENGTH;
      if (typeof raw !== 'string') return refuse(`must be a text of at most ${max} characters`);
      const text = raw.trim();
      if (text === '') return ok(null);
      return charCount(text) <= max ? ok(text) : refuse(`must be at most ${max} characters long`);
    }
    default:
      return refuse('cannot be answered: the question has an unknown type');
  }
}

/**
 * A citizen's answers checked against the survey's questions (which validateQuestions passed).
 * Returns the normalised answers, in the questions' order and only those answered, and the
 * errors; the answers are to be stored only when there are no errors.
 */
export function validateAnswers(
  questions: readonly Question[],
  answers: unknown
): { answers: Answers; errors: FieldError[] } {
  if (!isObject(answers)) {
    return {
      answers: {},
      errors: [{ field: 'answers', message: 'must be an object of answers by question code' }],
    };
  }
  const index = byCode(questions);
  const out: Answers = {};
  const errors: FieldError[] = [];
  // Codes whose answer was refused: what they condition can be neither required nor refused.
  const refused = new Set<string>();

  for (const q of questions) {
    if (index.get(q.code) !== q) continue; // a repeated code: validateQuestions refuses it
    const field = `answers.${q.code}`;
    const check = checkAnswer(q, own(answers, q.code));
    const unanswered = check.ok && check.value === null;
    const shown = display(q, out, index, refused);
    if (shown === 'hidden') {
      if (!unanswered) {
        errors.push({
          field,
          message: `must be left unanswered: it is asked only when ${describeCondition(q.showIf!)}`,
        });
      }
      continue;
    }
    if (!check.ok) {
      errors.push({ field, message: check.message });
      refused.add(q.code);
    } else if (check.value !== null) {
      out[q.code] = check.value;
    } else if (q.required !== false && shown === 'shown') {
      // Unset `required` counts as required: the component's default.
      errors.push({ field, message: 'is required' });
    }
  }

  for (const code of Object.keys(answers)) {
    if (!index.has(code)) errors.push({ field: `answers.${code}`, message: 'no such question' });
  }
  return { answers: out, errors };
}
