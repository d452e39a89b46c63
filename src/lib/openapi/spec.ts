/**
 * The OpenAPI 3.1 description of the public endpoints, kept by hand as data next to the code it
 * describes, one file per area. Each operation names its Strapi action (`x-strapi-action`):
 * tests/integration/openapi.test.ts checks that every route of a public action
 * (src/lib/permissions.ts PUBLIC_ACTIONS) is described here with the same method and path, and
 * that nothing here describes a route that does not exist. Adding a public endpoint: add its
 * action to PUBLIC_ACTIONS and its operation to an area (or a new area in AREAS).
 */
import { cases } from './cases';
import { catalogue } from './catalogue';
import { ERROR_SCHEMAS, json, type Area, type Paths, type Schema } from './common';
import { feedback } from './feedback';
import { open311 } from './open311';

const docs: Area = {
  tag: { name: 'Documentation', description: 'This description, as JSON and as a page.' },
  paths: {
    '/api/openapi.json': {
      get: {
        'x-strapi-action': 'api::openapi.openapi.spec',
        summary: 'This OpenAPI document',
        tags: ['Documentation'],
        responses: { '200': json('The document.', { type: 'object' }) },
      },
    },
    '/api/docs': {
      get: {
        'x-strapi-action': 'api::openapi.openapi.page',
        summary: 'This description as a readable page',
        tags: ['Documentation'],
        responses: {
          '200': { description: 'HTML.', content: { 'text/html': { schema: { type: 'string' } } } },
        },
      },
    },
  },
  schemas: {},
};

export const AREAS: Area[] = [catalogue, cases, feedback, open311, docs];

export interface OpenApiDocument {
  openapi: string;
  info: Schema;
  servers: Schema[];
  tags: Schema[];
  paths: Paths;
  components: { schemas: Record<string, Schema> };
}

let built: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  if (built) return built;
  const paths: Paths = {};
  const schemas: Record<string, Schema> = { ...ERROR_SCHEMAS };
  for (const area of AREAS) {
    for (const [path, ops] of Object.entries(area.paths)) {
      paths[path] = { ...(paths[path] ?? {}), ...ops };
    }
    Object.assign(schemas, area.schemas);
  }
  built = {
    openapi: '3.1.0',
    info: {
      title: 'BeneComune public API',
      version: '1',
      description:
        "The public endpoints of the city's URP: the service catalogue and organisation, filing and following reports, requests and complaints, ratings, surveys and open data. Errors use Strapi's shape `{ data: null, error: { status, name, message, details } }`. The published catalogue is also served over GraphQL at `/graphql` (depth and cost limited).",
    },
    servers: [{ url: '/' }],
    tags: [
      ...AREAS.map((a) => a.tag),
      { name: 'Surveys', description: 'Satisfaction questionnaires and their answers.' },
      { name: 'Open data', description: 'Anonymised exports for the open data portal.' },
    ],
    paths,
    components: { schemas },
  };
  return built;
}
