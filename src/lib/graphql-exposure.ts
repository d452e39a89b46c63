/**
 * GraphQL's shadow CRUD would expose every content type with its generic resolvers, which bypass
 * our controllers: a signed-in citizen allowed to `find` reports over REST (scoped to their own by
 * src/lib/case-controller.ts) would read everyone's over GraphQL. Cases, citizens and the other
 * staff-only types are therefore not in the GraphQL schema at all; it serves published content.
 */
import type { Core } from '@strapi/strapi';

export const STAFF_ONLY_TYPES = [
  'api::report.report',
  'api::request.request',
  'api::complaint.complaint',
  'api::citizen.citizen',
  'api::case-event.case-event',
  'api::notification.notification',
  'api::survey-response.survey-response',
  'api::team.team',
  'api::staff-profile.staff-profile',
  'api::rating-invitation.rating-invitation',
  'api::survey-invitation.survey-invitation',
  'api::improvement-action.improvement-action',
  'api::escalation.escalation',
  'api::response-template.response-template',
  // Single ratings (their comments are private); the public reads aggregates over REST only.
  'api::page-rating.page-rating',
] as const;

export function hideStaffTypesFromGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of STAFF_ONLY_TYPES) extension.shadowCRUD(uid).disable();
}
