/**
 * Response templates (risposte predefinite): the texts staff start from when they answer a case.
 * Pure rules: which placeholders exist, how a body is checked when it is saved, how it is filled in
 * for one case, and which templates fit a case, most specific first.
 *
 * - A placeholder is `{{name}}` (spaces inside the braces allowed: `{{ name }}`).
 * - Saving a body with a placeholder this module does not know is refused (the admin shows the
 *   field and the name), so a typo never reaches a citizen. Should one still be stored (a direct
 *   database write), rendering leaves it visible as written, and reports it as `unknown`.
 * - A known placeholder without a value for the case (no citizen name, no due date) becomes the
 *   empty string and is reported as `missing`, so the console can ask staff to complete the text.
 * - The rendered text is plain text. It reaches citizens as a message, and the email templates
 *   (src/notifications/templates.ts) escape the whole message for HTML: values are never trusted
 *   as markup there, nor here.
 */
import type { CaseKind } from './case-kind';
import { statusesOf } from './lifecycle';

export const PLACEHOLDERS = [
  'referenceCode',
  'citizenName',
  'office',
  'dueDate',
  'status',
  'topic',
  'trackingUrl',
  'cityName',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string | null | undefined>>;

export const TEMPLATE_KINDS = ['report', 'request', 'complaint', 'any'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

const PLACEHOLDER_RE = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

export function isPlaceholder(name: string): name is Placeholder {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/** Every placeholder name used in a body, in order of first use. */
export function placeholdersIn(body: string): string[] {
  const names: string[] = [];
  for (const match of body.matchAll(PLACEHOLDER_RE)) {
    if (!names.includes(match[1])) names.push(match[1]);
  }
  return names;
}

/** Placeholder names of a body that are not known (what a save refuses). */
export function unknownPlaceholders(body: string): string[] {
  return placeholdersIn(body).filter((name) => !isPlaceholder(name));
}

export interface RenderedTemplate {
  text: string;
  /** Known placeholders the case has no value for (rendered as nothing). */
  missing: Placeholder[];
  /** Unknown placeholders, left in the text as written. */
  unknown: string[];
}

export function renderTemplate(body: string, values: PlaceholderValues): RenderedTemplate {
  const missing: Placeholder[] = [];
  const unknown: string[] = [];
  const text = body.replace(PLACEHOLDER_RE, (whole, name: string) => {
    if (!isPlaceholder(name)) {
      if (!unknown.includes(name)) unknown.push(name);
      return whole;
    }
    const value = values[name];
    if (value == null || String(value).trim() === '') {
      if (!missing.includes(name)) missing.push(name);
      return '';
    }
    return String(value);
  });
  return { text, missing, unknown };
}

/** What matching needs of a template. */
export interface TemplateRule {
  kind: TemplateKind;
  /** documentId of the topic it is written for; null for any topic. */
  topic: string | null;
  /** The case state it is written for; null for any state. */
  state: string | null;
  active: boolean;
}

/** What matching needs of a case. */
export interface CaseFacts {
  kind: CaseKind;
  topic: string | null;
  state: string;
}

export function templateFits(t: TemplateRule, c: CaseFacts): boolean {
  if (!t.active) return false;
  if (t.kind !== 'any' && t.kind !== c.kind) return false;
  if (t.topic && t.topic !== c.topic) return false;
  if (t.state && t.state !== c.state) return false;
  return true;
}

/**
 * How closely a fitting template was written for the case: the topic weighs most, then the state,
 * then the kind (so a template for this topic in any state comes before one for this state in any
 * topic, and both before a generic one).
 */
export function specificity(t: TemplateRule): number {
  return (t.topic ? 4 : 0) + (t.state ? 2 : 0) + (t.kind !== 'any' ? 1 : 0);
}

/** The templates that fit the case, most specific first, then by name. */
export function rankTemplates<T extends TemplateRule & { name: string }>(
  templates: readonly T[],
  c: CaseFacts
): T[] {
  return templates
    .filter((t) => templateFits(t, c))
    .map((t) => ({ t, score: specificity(t) }))
    .sort((a, b) => b.score - a.score || a.t.name.localeCompare(b.t.name, 'it'))
    .map(({ t }) => t);
}

export interface TemplateProblem {
  field: 'bodyIt' | 'bodyEn' | 'state';
  message: string;
}

/**
 * Why a template cannot be saved: a body with a placeholder nobody knows, or a state the kind's
 * lifecycle does not have (a report is never "answered"). Fields not given are not checked.
 */
export function templateProblems(t: {
  kind?: string | null;
  state?: string | null;
  bodyIt?: string | null;
  bodyEn?: string | null;
}): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const field of ['bodyIt', 'bodyEn'] as const) {
    const body = t[field];
    if (typeof body !== 'string') continue;
    const unknown = unknownPlaceholders(body);
    if (unknown.length) {
      problems.push({
        field,
        message:
          `unknown placeholder${unknown.length > 1 ? 's' : ''} ` +
          `${unknown.map((u) => `{{${u}}}`).join(', ')}; known: ` +
          PLACEHOLDERS.map((p) => `{{${p}}}`).join(', '),
      });
    }
  }
  if (t.state && t.kind && t.kind !== 'any') {
    const kind = t.kind as CaseKind;
    if (!(statusesOf(kind) as readonly string[]).includes(t.state)) {
      problems.push({
        field: 'state',
        message: `a ${kind} is never "${t.state}": ${statusesOf(kind).join(', ')}`,
      });
    }
  }
  return problems;
}
