/**
 * GraphQL's generated queries read cases through the Document Service, not through the case
 * controllers that scope a signed-in citizen to their own cases in a fixed view
 * (src/lib/case-controller.ts). The citizen role needs `find`/`findOne` of the case types for
 * those controllers, and GraphQL honours the same permissions: without this guard a signed-in
 * citizen could read every case, with its staff fields, over POST /graphql. Citizens use
 * GET /api/me/cases and the REST case endpoints; staff integrations (API tokens) keep GraphQL.
 */
import type { Core } from '@strapi/strapi';
import { CASE_UIDS } from './case-types';

export function registerGraphqlGuards(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const resolversConfig: Record<string, { policies: unknown[] }> = {};
  for (const uid of Object.values(CASE_UIDS)) {
    const { singularName, pluralName } = strapi.getModel(uid).info;
    for (const query of [singularName, pluralName, `${pluralName}_connection`]) {
      resolversConfig[`Query.${query}`] = { policies: ['global::not-a-citizen'] };
    }
  }
  graphql.service('extension').use({ resolversConfig });
}
