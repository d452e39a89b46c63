/**
 * The URP console's server API: admin routes (admin JWT) at /urp-console/..., registered from the
 * app's bootstrap. Routes under src/api are always content-API routes in Strapi 5; the admin API
 * accepts more routes until the server is mounted, which happens after bootstrap. Issue 6 moves
 * them into the urp-console plugin, whose admin routes get the same prefix.
 */
import type { Core } from '@strapi/strapi';
import { consoleControllers } from './controllers';
import { withStaff } from './scope';

export const CONSOLE_PREFIX = '/urp-console';

type Method = 'GET' | 'POST';
const ROUTES: [Method, string, string][] = [
  ['GET', '/queue', 'queue'],
  ['GET', '/queue/counts', 'queueCounts'],
  ['GET', '/cases/:code', 'showCase'],
  ['POST', '/cases/:code/assign', 'assign'],
  ['POST', '/cases/:code/transition', 'transition'],
  ['POST', '/cases/:code/merge', 'merge'],
  ['POST', '/cases/:code/split', 'split'],
  ['POST', '/cases/:code/notes', 'addNote'],
  ['POST', '/cases/:code/messages', 'message'],
  ['GET', '/teams/stats', 'teamStats'],
  ['GET', '/teams/:team/route', 'teamRoute'],
  ['GET', '/reporters', 'reporters'],
];

export function consoleRoutes(strapi: Core.Strapi): Core.Route[] {
  const controllers = consoleControllers(strapi);
  const staff = withStaff(strapi);
  return ROUTES.map(([method, path, name]) => ({
    method,
    path,
    handler: controllers[name] as Core.MiddlewareHandler,
    info: { type: 'admin' },
    config: { policies: ['admin::isAuthenticatedAdmin'], middlewares: [staff] },
  }));
}

export function registerConsoleRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: CONSOLE_PREFIX,
    routes: consoleRoutes(strapi),
  });
}
