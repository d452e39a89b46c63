/**
 * GraphQL operation limits: Strapi's depth limit and our cost limit (src/lib/graphql-complexity.ts).
 * An ordinary website query passes; nested lists and deep nesting are refused with 400 before
 * anything runs, with a message that names the limit.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { createOffice, createService, createTopic } from '../helpers/fixtures';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let parentSlug: string;

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  const parent = await createOffice(strapi);
  parentSlug = parent.slug;
  const child = await createOffice(strapi, {
    parent: { connect: [{ documentId: parent.documentId, locale: 'it', status: 'draft' }] },
  });
  await createTopic(strapi, child.documentId);
  await createService(strapi, child.documentId);
});
afterAll(stopStrapi);

const gql = (query: string, variables?: Record<string, unknown>) =>
  http.post('/graphql').send({ query, variables });

it('serves an ordinary website query: services with topics and office, offices with children', async () => {
  const res = await gql(
    `query($parent: String) {
    services(pagination: { pageSize: 50 }) {
      documentId title slug summary availability
      topics { name slug code }
      responsibleOffice { name slug email pec phone managerName openingHours { weekday } }
      channels { kind label url }
    }
    offices(pagination: { pageSize: 50 }) { name slug kind parent { name } children { name slug } }
    mine: offices(filters: { slug: { eq: $parent } }) { name children { name slug } }
    topics { name code acceptsReports }
  }`,
    { parent: parentSlug }
  ).expect(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.services.length).toBeGreaterThan(0);
  expect(res.body.data.offices.length).toBeGreaterThan(0);
  expect(res.body.data.mine[0].children).toHaveLength(1);
});

it('refuses nested lists with 400 and says the cost and the limit', async () => {
  const res = await gql('{ offices { children { children { children { name } } } } }').expect(400);
  expect(res.body.data).toBeUndefined();
  const [error] = res.body.errors;
  expect(error.extensions.code).toBe('GRAPHQL_QUERY_TOO_COMPLEX');
  expect(error.extensions.cost).toBe(25 + 625 + 15625 + 390625);
  expect(error.extensions.maxComplexity).toBe(10000);
  expect(error.message).toMatch(/estimated cost is 406,900, over the limit of 10,000/);
  expect(error.message).toContain('GRAPHQL_MAX_COMPLEXITY');
});

it('counts the page sizes given in variables, and aliases one by one', async () => {
  const q = `query($p: PaginationArg) {
    offices(pagination: $p) { children(pagination: $p) { name } }
  }`;
  await gql(q, { p: { limit: 10 } }).expect(200);
  const big = await gql(q, { p: { limit: 100 } }).expect(400);
  expect(big.body.errors[0].extensions.cost).toBe(100 + 100 * 100);
  const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: offices { children { name } }`).join(
    ' '
  );
  const many = await gql(`{ ${aliases} }`).expect(400);
  expect(many.body.errors[0].extensions.cost).toBe(20 * 650);
});

it('refuses an operation deeper than the depth limit (8) with 400', async () => {
  // Single relations only: cheap, but ten levels deep.
  const deep =
    '{ offices { parent { parent { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } } } }';
  const res = await gql(deep).expect(400);
  expect(res.body.errors[0].message).toMatch(/exceeds maximum operation depth of 8/);
  expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  // Eight levels pass.
  const ok = await gql(
    '{ offices { parent { parent { parent { parent { parent { parent { parent { name } } } } } } } } }'
  );
  expect(ok.status).toBe(200);
  expect(ok.body.errors).toBeUndefined();
});

it('reads the limit from the configuration at each request', async () => {
  const before = strapi.config.get('plugin::graphql.maxComplexity');
  strapi.config.set('plugin::graphql.maxComplexity', 30);
  try {
    const res = await gql('{ offices { name } }').expect(200);
    expect(res.body.errors).toBeUndefined();
    await gql('{ offices { parent { name } } }').expect(400);
  } finally {
    strapi.config.set('plugin::graphql.maxComplexity', before);
  }
});
