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

/**
 * Accounts and files. Citizens sign in with users-permissions, so its users hold their email and
 * username. Disabling the user type altogether breaks the schema (users-permissions' own
 * `createUsersPermissionsUser`/`update…`/`delete…` mutations and the `login` payload are built on
 * it: "NEXUS__UNKNOWN__TYPE"), so the type stays but nothing public leads to it: no user or role
 * query, no `users` relation on roles, no `related` (polymorphic) field on files. It remains the
 * return type of those three mutations only, which users-permissions guards by the scopes
 * `plugin::users-permissions.user.create|update|destroy` (held by no public or citizen role).
 * `me`, `login` and `register` answer with `UsersPermissionsMe`, the caller's own account.
 *
 * Files: case photos are stored through the upload plugin, so the `uploadFile(s)` queries (which
 * list every file) are left out; files stay reachable as the media of published content (a
 * service's documents).
 */
export const HIDDEN_QUERIES = [
  'plugin::users-permissions.user',
  'plugin::users-permissions.role',
  'plugin::upload.file',
] as const;

export const HIDDEN_FIELDS = [
  { uid: 'plugin::users-permissions.role', field: 'users' },
  { uid: 'plugin::upload.file', field: 'related' },
] as const;

export function hideStaffTypesFromGraphql(strapi: Core.Strapi): void {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of STAFF_ONLY_TYPES) extension.shadowCRUD(uid).disable();
  for (const uid of HIDDEN_QUERIES) extension.shadowCRUD(uid).disableQueries();
  for (const { uid, field } of HIDDEN_FIELDS) extension.shadowCRUD(uid).field(field).disable();
}
