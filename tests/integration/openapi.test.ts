/**
 * The OpenAPI document (src/lib/openapi) against the routes Strapi really serves: every route of a
 * public action (PUBLIC_ACTIONS) is described with its method, path and action, and nothing
 * described is missing from the routes. A new public action without its description fails here.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { PUBLIC_ACTIONS } from '../../src/lib/permissions';
import { openApiDocument } from '../../src/lib/openapi/spec';
import { PERSONAL_FIELD } from '../helpers/graphql-schema';
import { institutionalFields } from '../helpers/institutional-fields';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import {
  describedOperations,
  referencedSchemas,
  undeclaredPathParams,
  unresolvedRefs,
} from '../helpers/openapi';

interface RouteInfo {
  method: string;
  path: string;
  action: string;
}

/**
 * The content-API routes of the app's APIs, as Strapi registers them: `strapi.apis[api].routes`
 * holds each router's routes with a handler `controller.action` (short, for the app's own routers)
 * or the full `api::api.controller.action` (core routers); the prefix is `/api` unless the route
 * sets its own (`config.prefix`, as Open311 routes may).
 */
function contentApiRoutes(strapi: Core.Strapi): RouteInfo[] {
  const prefix = String(strapi.config.get('api.rest.prefix', '/api'));
  const out: RouteInfo[] = [];
  for (const [apiName, api] of Object.entries(strapi.apis)) {
    const routers = (api as { routes?: Record<string, { type?: string; routes?: unknown[] }> })
      .routes;
    for (const router of Object.values(routers ?? {})) {
      if (router.type && router.type !== 'content-api') continue;
      for (const r of (router.routes ?? []) as {
        method: string;
        path: string;
        handler: unknown;
        config?: { prefix?: string };
      }[]) {
        if (typeof r.handler !== 'string') continue;
        const action = r.handler.includes('::') ? r.handler : `api::${apiName}.${r.handler}`;
        const routePrefix = r.config?.prefix ?? prefix;
        out.push({
          method: r.method.toLowerCase(),
          path: `${routePrefix}${r.path}`.replace(/:(\w+)/g, '{$1}'),
          action,
        });
      }
    }
  }
  return out;
}

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let publicRoutes: RouteInfo[];
const doc = openApiDocument();

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  publicRoutes = contentApiRoutes(strapi).filter((r) => PUBLIC_ACTIONS.includes(r.action));
});
afterAll(stopStrapi);

it('every public action has a route (the enumeration sees them all)', () => {
  const routed = new Set(publicRoutes.map((r) => r.action));
  expect(PUBLIC_ACTIONS.filter((a) => !routed.has(a))).toEqual([]);
  expect(publicRoutes.length).toBeGreaterThanOrEqual(PUBLIC_ACTIONS.length);
});

it('every route of a public action is described, with its method, path and action', () => {
  const described = new Map(
    describedOperations(doc).map((o) => [`${o.method} ${o.path}`, o.action])
  );
  const missing = publicRoutes
    .filter((r) => described.get(`${r.method} ${r.path}`) !== r.action)
    .map((r) => `${r.method.toUpperCase()} ${r.path} (${r.action})`);
  expect(missing).toEqual([]);
});

it('nothing described is missing from the public routes (no stale description)', () => {
  const served = new Set(publicRoutes.map((r) => `${r.method} ${r.path} ${r.action}`));
  const stale = describedOperations(doc)
    .filter((o) => !served.has(`${o.method} ${o.path} ${o.action}`))
    .map((o) => `${o.method.toUpperCase()} ${o.path} (${o.action})`);
  expect(stale).toEqual([]);
});

it('is well formed: every $ref resolves and every path parameter is declared', () => {
  expect(doc.openapi).toMatch(/^3\.1\./);
  expect(unresolvedRefs(doc)).toEqual([]);
  expect(undeclaredPathParams(doc)).toEqual([]);
  for (const { op } of describedOperations(doc)) {
    expect(Object.keys(op.responses).length).toBeGreaterThan(0);
  }
});

/** Public on purpose (tests/helpers/institutional-fields.ts), and Open311's empty or public fields. */
const INSTITUTIONAL = new Set([
  ...institutionalFields({ office: 'Office', accessChannel: 'AccessChannel', contact: 'Contact' }),
  // Open311 (src/lib/openapi/open311.ts): spec fields that are always empty (the address is not
  // published), and a token that is a report's public code.
  'Open311Request.address',
  'Open311Request.address_id',
  'Open311Token.token',
]);

it('documents no personal data in public answers', () => {
  const found: string[] = [];
  for (const [schemaName, names] of referencedSchemas(doc, 'responses')) {
    for (const name of names) {
      const pair = `${schemaName}.${name}`;
      if (PERSONAL_FIELD.test(name) && !INSTITUTIONAL.has(pair)) found.push(pair);
    }
  }
  expect(found).toEqual([]);
  // The check sees fields: the office's email is there, and allowed.
  const office = referencedSchemas(doc, 'responses').get('Office');
  expect(office?.has('email')).toBe(true);
});

it('GET /api/openapi.json serves the document as JSON, cacheable, without credentials', async () => {
  const res = await http.get('/api/openapi.json').expect(200);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.headers['cache-control']).toBe('public, max-age=3600');
  expect(res.body.openapi).toBe('3.1.0');
  expect(Object.keys(res.body.paths).sort()).toEqual(Object.keys(doc.paths).sort());
});

it('GET /api/docs is a self-contained page listing every path', async () => {
  const res = await http.get('/api/docs').expect(200);
  expect(res.headers['content-type']).toMatch(/text\/html/);
  expect(res.headers['cache-control']).toBe('public, max-age=3600');
  for (const path of Object.keys(doc.paths)) {
    expect(res.text).toContain(`<code>${path.replace(/&/g, '&amp;')}</code>`);
  }
  expect(res.text).not.toMatch(/<script|<link|https?:\/\/(?!page\.invalid)/i);
});
