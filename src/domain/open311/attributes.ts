/**
 * A topic's extra attributes as an Open311 service definition, the `attribute[code]` fields of a
 * form, and their validation against the definition (required, datatype, list values).
 */
import type { Open311ErrorItem } from './errors';
import { parseW3c } from './datetime';

export const DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type Datatype = (typeof DATATYPES)[number];

/** A topic attribute (component `topic.attribute`). */
export interface AttributeDefinition {
  code: string;
  label: string;
  datatype: Datatype;
  required?: boolean | null;
  description?: string | null;
  values?: unknown;
  order?: number | null;
}

export interface ListValue {
  key: string;
  name: string;
}

/** The `values` JSON of a list attribute, keeping only well-formed `{ key, name }` entries. */
export function listValues(values: unknown): ListValue[] {
  if (!Array.isArray(values)) return [];
  return values.flatMap((v) => {
    if (!v || typeof v !== 'object') return [];
    const { key, name } = v as { key?: unknown; name?: unknown };
    if (key === undefined || key === null || key === '') return [];
    return [
      { key: String(key), name: name === undefined || name === null ? String(key) : String(name) },
    ];
  });
}

const isList = (datatype: string) =>
  datatype === 'singlevaluelist' || datatype === 'multivaluelist';

const sorted = (defs: AttributeDefinition[]) =>
  [...defs].sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.code.localeCompare(b.code));

/** The service definition (GET services/{code}): every attribute is `variable` (the citizen answers it). */
export function serviceDefinition(serviceCode: string, defs: AttributeDefinition[]) {
  return {
    service_code: serviceCode,
    attributes: sorted(defs).map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: Boolean(a.required),
      datatype_description: a.description ?? '',
      order: a.order ?? i + 1,
      description: a.label,
      ...(isList(a.datatype)
        ? { values: listValues(a.values).map((v) => ({ key: v.key, name: v.name })) }
        : {}),
    })),
  };
}

export type AttributeInput = Record<string, string | string[]>;

function asText(value: unknown): string | string[] | null {
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'object' ? [] : [String(v)]));
  if (value === null || value === undefined || typeof value === 'object') return null;
  return String(value);
}

/**
 * The attributes of a form or JSON body: flat keys `attribute[code]` and `attribute[code][]`
 * (as the spec writes them), or an `attribute` object (what a form parser like qs makes of them).
 */
export function collectAttributes(body: Record<string, unknown>): AttributeInput {
  const out: AttributeInput = {};
  const put = (code: string, value: unknown) => {
    const text = asText(value);
    if (text === null) return;
    const previous = out[code];
    if (previous === undefined) out[code] = text;
    else out[code] = [...[previous].flat(), ...[text].flat()];
  };
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [code, value] of Object.entries(nested)) put(code, value);
  }
  for (const [key, value] of Object.entries(body)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (m) put(m[1], m[2] ? [value].flat() : value);
  }
  return out;
}

export type AttributeValue = string | number | string[];

const MAX_STRING = 1000;

/**
 * Checks the given attributes against the definition and returns the values to store (numbers as
 * numbers, date-times as ISO instants, list keys as given) or the spec's error list. Codes the
 * definition does not name are left out: clients such as FixMyStreet may send attributes of
 * their own, and refusing them would refuse the report.
 */
export function validateAttributes(
  defs: AttributeDefinition[],
  input: AttributeInput,
  timeZone: string
): { values: Record<string, AttributeValue>; errors: Open311ErrorItem[] } {
  const values: Record<string, AttributeValue> = {};
  const errors: Open311ErrorItem[] = [];
  const fail = (code: string, problem: string) =>
    errors.push({ code: 400, description: `attribute[${code}] ${problem}` });
  for (const def of sorted(defs)) {
    const raw = input[def.code];
    const given = [raw ?? []]
      .flat()
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (!given.length) {
      if (def.required) fail(def.code, `is required (${def.label})`);
      continue;
    }
    if (def.datatype !== 'multivaluelist' && given.length > 1) {
      fail(def.code, 'takes one value');
      continue;
    }
    const [value] = given;
    switch (def.datatype) {
      case 'number': {
        const n = Number(value);
        if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) || !Number.isFinite(n))
          fail(def.code, 'must be a number');
        else values[def.code] = n;
        break;
      }
      case 'datetime': {
        const at = parseW3c(value, timeZone);
        if (!at) fail(def.code, 'must be a W3C date-time, e.g. 2026-11-23T07:58:18Z');
        else values[def.code] = at.toISOString();
        break;
      }
      case 'singlevaluelist':
      case 'multivaluelist': {
        const keys = new Set(listValues(def.values).map((v) => v.key));
        const unknown = given.filter((v) => !keys.has(v));
        if (unknown.length)
          fail(
            def.code,
            `has no value ${unknown.map((v) => `"${v}"`).join(', ')}; values are: ${[...keys].join(', ')}`
          );
        else values[def.code] = def.datatype === 'multivaluelist' ? [...new Set(given)] : value;
        break;
      }
      default: {
        if (value.length > MAX_STRING) fail(def.code, `is longer than ${MAX_STRING} characters`);
        else values[def.code] = value;
      }
    }
  }
  return { values, errors };
}
