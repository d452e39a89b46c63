/**
 * Building blocks of the OpenAPI document (OpenAPI 3.1, JSON Schema 2020-12): references,
 * parameters, Strapi's error answer, request bodies taken from the zod validators the controllers
 * use (so the documented limits are the enforced ones), and schemas of published content types
 * derived from their schema.json (private attributes and relations to staff-only types left out).
 */
import { z } from 'zod';

export type Schema = Record<string, unknown>;

export interface Operation {
  /** The Strapi action behind the route (`api::<api>.<controller>.<action>`). */
  'x-strapi-action': string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Schema[];
  requestBody?: Schema;
  responses: Record<string, Schema>;
}

export type Paths = Record<string, Partial<Record<'get' | 'post' | 'put' | 'delete', Operation>>>;

export interface Area {
  tag: { name: string; description: string };
  paths: Paths;
  schemas: Record<string, Schema>;
}

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** `{ data: <schema> }`, as every JSON answer of the API wraps its payload. */
export const data = (schema: Schema, extra: Record<string, Schema> = {}): Schema => ({
  type: 'object',
  required: ['data'],
  properties: { data: schema, ...extra },
});

export const json = (description: string, schema: Schema): Schema => ({
  description,
  content: { 'application/json': { schema } },
});

export const pathParam = (name: string, description: string, example?: string): Schema => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
  ...(example ? { example } : {}),
});

export const queryParam = (
  name: string,
  description: string,
  schema: Schema = { type: 'string' },
  required = false
): Schema => ({ name, in: 'query', required, description, schema });

export const localeParam = queryParam('locale', 'Language of the answer.', {
  type: 'string',
  enum: ['it', 'en'],
  default: 'it',
});

/** Strapi's error answer; our own refusals use the same shape (src/lib/http-errors.ts). */
export const ERROR_SCHEMAS: Record<string, Schema> = {
  Error: {
    type: 'object',
    description:
      "Strapi's error answer. `details.errors[].path` names the refused field when there is one.",
    required: ['data', 'error'],
    properties: {
      data: { type: 'null' },
      error: {
        type: 'object',
        required: ['status', 'name', 'message'],
        properties: {
          status: { type: 'integer', example: 400 },
          name: { type: 'string', example: 'ValidationError' },
          message: { type: 'string' },
          details: {
            type: 'object',
            properties: {
              errors: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    path: { type: 'array', items: { type: 'string' } },
                    message: { type: 'string' },
                    name: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: the message and `details.errors[].path` name the field.',
  403: 'Forbidden (a blocked citizen, or an action the caller may not perform).',
  404: 'Not found.',
  409: 'The resource is in a state that does not allow this.',
  410: 'Gone: the link was used or has expired.',
  413: 'A photo is too large.',
  415: 'A photo is not an image of an accepted type.',
  422: 'Unprocessable: the topic does not accept this, or the position is outside the city.',
  429: 'Too many attempts: wait for the seconds in `Retry-After`.',
};

/** The error answers an operation may give, all in Strapi's shape. */
export function errors(...statuses: number[]): Record<string, Schema> {
  return Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        ...json(ERROR_TEXT[s] ?? 'Error.', ref('Error')),
        ...(s === 429
          ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds.' } } }
          : {}),
      },
    ])
  );
}

/** The JSON Schema of what a zod validator accepts (its input side). */
export function fromZod(schema: z.ZodType): Schema {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
  delete out.$schema;
  return out;
}

/** A JSON body, or the same object as JSON in the `data` field of a multipart form with files. */
export function jsonOrMultipart(schema: Schema, filesField: string, filesDescription: string) {
  return {
    required: true,
    content: {
      'application/json': { schema },
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['data'],
          properties: {
            data: {
              type: 'string',
              contentMediaType: 'application/json',
              contentSchema: schema,
              description: 'The same object as the JSON body, as JSON text.',
            },
            [filesField]: {
              type: 'array',
              items: { type: 'string', contentMediaType: 'application/octet-stream' },
              description: filesDescription,
            },
          },
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Published content types, from their schema.json
// ---------------------------------------------------------------------------------------------

interface Attribute {
  type: string;
  private?: boolean;
  enum?: string[];
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  required?: boolean;
  multiple?: boolean;
}

/** JSON Schema of one Strapi attribute; null when it is never in a public answer. */
export function attributeSchema(
  attr: Attribute,
  hiddenTargets: readonly string[],
  componentRef: (uid: string) => string
): Schema | null {
  if (attr.private) return null;
  switch (attr.type) {
    case 'string':
    case 'text':
    case 'richtext':
    case 'uid':
    case 'password':
      return attr.type === 'password' ? null : { type: 'string' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'enumeration':
      return { type: 'string', enum: attr.enum ?? [] };
    case 'integer':
    case 'biginteger':
      return { type: 'integer' };
    case 'float':
    case 'decimal':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
    case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', format: 'time' };
    case 'json':
      return {};
    case 'media':
      return attr.multiple ? { type: 'array', items: ref('MediaFile') } : ref('MediaFile');
    case 'component': {
      const item = ref(componentRef(attr.component ?? ''));
      return attr.repeatable ? { type: 'array', items: item } : item;
    }
    case 'relation': {
      if (!attr.target || hiddenTargets.includes(attr.target)) return null;
      const many = (attr.relation ?? '').endsWith('Many');
      const item = ref('RelatedDocument');
      return {
        ...(many ? { type: 'array', items: item } : item),
        description: 'Present only when asked with `populate`.',
      };
    }
    default:
      return {};
  }
}

/** The schema of a document of a content type (or of a component) from its attributes. */
export function documentSchema(
  attributes: Record<string, Attribute>,
  options: {
    hiddenTargets: readonly string[];
    componentRef: (uid: string) => string;
    document: boolean;
    description?: string;
  }
): Schema {
  const properties: Record<string, Schema> = {};
  if (options.document) {
    properties.id = { type: 'integer' };
    properties.documentId = { type: 'string' };
  } else {
    properties.id = { type: 'integer' };
  }
  const required: string[] = options.document ? ['documentId'] : [];
  for (const [name, attr] of Object.entries(attributes)) {
    const schema = attributeSchema(attr, options.hiddenTargets, options.componentRef);
    if (!schema) continue;
    properties[name] = schema;
    if (attr.required && attr.type !== 'relation' && attr.type !== 'component') required.push(name);
  }
  if (options.document) {
    properties.locale = { type: 'string' };
    for (const t of ['createdAt', 'updatedAt', 'publishedAt']) {
      properties[t] = { type: 'string', format: 'date-time' };
    }
  }
  return {
    type: 'object',
    ...(options.description ? { description: options.description } : {}),
    required,
    properties,
  };
}
