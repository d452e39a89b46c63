/** The OpenAPI document's own checks, on the document and on broken examples. */
import { openApiDocument } from '../../src/lib/openapi/spec';
import { renderDocsHtml } from '../../src/lib/openapi/html';
import {
  describedOperations,
  referencedSchemas,
  undeclaredPathParams,
  unresolvedRefs,
} from '../helpers/openapi';

const doc = openApiDocument();

it('is OpenAPI 3.1 with every reference resolved and every path parameter declared', () => {
  expect(doc.openapi).toBe('3.1.0');
  expect(unresolvedRefs(doc)).toEqual([]);
  expect(undeclaredPathParams(doc)).toEqual([]);
});

it('names a Strapi action on every operation, each once', () => {
  const actions = describedOperations(doc).map((o) => o.action);
  expect(actions.every((a) => /^api::[\w-]+\.[\w-]+\.\w+$/.test(a))).toBe(true);
  expect(new Set(actions).size).toBe(actions.length);
});

it('the checks catch a broken reference and an undeclared path parameter', () => {
  const broken = {
    paths: {
      '/api/x/{code}': {
        get: {
          'x-strapi-action': 'api::x.x.show',
          summary: 'x',
          tags: [],
          responses: {
            '200': {
              description: 'x',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } },
            },
          },
        },
      },
    },
    components: { schemas: {} },
  };
  expect(unresolvedRefs(broken)).toEqual(['#/components/schemas/Nope']);
  expect(undeclaredPathParams(broken)).toEqual(['get /api/x/{code}: code']);
});

it('takes the intake bodies from the validators: limits and refusal of unknown keys', () => {
  const body = doc.paths['/api/reports']?.post?.requestBody as {
    content: Record<string, { schema: Record<string, unknown> }>;
  };
  const schema = body.content['application/json'].schema as {
    additionalProperties: boolean;
    required: string[];
    properties: Record<string, { maxLength?: number }>;
  };
  expect(schema.additionalProperties).toBe(false);
  expect(schema.required).toEqual(
    expect.arrayContaining(['topic', 'description', 'privacyConsent'])
  );
  expect(schema.properties.description.maxLength).toBe(4000);
  expect(Object.keys(body.content)).toEqual(['application/json', 'multipart/form-data']);
});

it('describes published types without private attributes or staff-only relations', () => {
  const office = referencedSchemas(doc, 'responses').get('Office');
  expect(office?.has('teams')).toBe(false);
  expect(office?.has('children')).toBe(true);
});

it('renders every path and schema into one page without scripts', () => {
  const html = renderDocsHtml(doc);
  for (const path of Object.keys(doc.paths)) expect(html).toContain(`<code>${path}</code>`);
  for (const name of Object.keys(doc.components.schemas))
    expect(html).toContain(`id="schema-${name}"`);
  expect(html).not.toMatch(/<script/i);
});
