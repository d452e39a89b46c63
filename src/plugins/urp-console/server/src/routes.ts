/**
 * The URP console's server API: the plugin's admin routes (admin JWT), which Strapi serves under
 * the plugin's name, /urp-console/.... Each route first checks the console permission of the
 * admin's RBAC (editors have none), then loads who is asking (scope.ts) for the handlers.
 */
import type { Core } from '@strapi/strapi';
import { CONSOLE_ACTION, SEARCH_STATS_ACTION } from './permissions';
import { withStaff } from './scope';

export const CONSOLE_PREFIX = '/urp-console';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export const ROUTES: [Method, string, string][] = [
  ['GET', '/queue', 'queue'],
  ['GET', '/queue/counts', 'queueCounts'],
  ['POST', '/cases', 'openCase'],
  ['GET', '/cases/:code', 'showCase'],
  ['GET', '/cases/:code/templates', 'templates'],
  ['POST', '/cases/:code/moderate', 'moderate'],
  ['POST', '/cases/:code/assign', 'assign'],
  ['POST', '/cases/:code/transition', 'transition'],
  ['POST', '/cases/:code/merge', 'merge'],
  ['POST', '/cases/:code/split', 'split'],
  ['POST', '/cases/:code/notes', 'addNote'],
  ['POST', '/cases/:code/messages', 'message'],
  ['GET', '/teams/stats', 'teamStats'],
  ['GET', '/teams/:team/route', 'teamRoute'],
  ['GET', '/reporters', 'reporters'],
  ['GET', '/map', 'map'],
  ['GET', '/kpis', 'kpis'],
  ['GET', '/kpis.csv', 'kpisCsv'],
  ['GET', '/quality-report', 'qualityReport'],
  ['GET', '/quality-report.html', 'qualityReportHtml'],
  ['GET', '/surveys', 'surveys'],
  ['GET', '/surveys/:documentId/stats', 'surveyStats'],
  ['GET', '/surveys/:documentId/responses.csv', 'surveyCsv'],
  ['GET', '/surveys/:documentId/improvements', 'improvementPlan'],
  ['POST', '/surveys/:documentId/improvements', 'createImprovement'],
  ['PUT', '/improvements/:id', 'updateImprovement'],
  ['GET', '/options', 'options'],
  ['GET', '/map/config', 'mapConfig'],
];

export function adminRoutes(strapi: Core.Strapi) {
  const staff = withStaff(strapi);
  return {
    type: 'admin',
    routes: ROUTES.map(([method, path, name]) => ({
      method,
      path,
      handler: `console.${name}`,
      config: {
        policies: [
          'admin::isAuthenticatedAdmin',
          { name: 'admin::hasPermissions', config: { actions: [CONSOLE_ACTION] } },
        ],
        middlewares: [staff],
      },
    })).concat(
      // Not a staff member's page: no office scope, its own permission (editors have it).
      {
        method: 'GET',
        path: '/searches',
        handler: 'console.searchStats',
        config: {
          policies: [
            'admin::isAuthenticatedAdmin',
            { name: 'admin::hasPermissions', config: { actions: [SEARCH_STATS_ACTION] } },
          ],
          middlewares: [],
        },
      }
    ),
  };
}
