/**
 * Role permissions set at bootstrap (idempotent), as Strapi's own starter seed does. The public
 * role reads published content only; cases, citizens, events and notifications stay closed.
 * Later issues add their intake and tracking actions to PUBLIC_ACTIONS.
 */
import type { Core } from '@strapi/strapi';

const PERMISSION_UID = 'plugin::users-permissions.permission';
const ROLE_UID = 'plugin::users-permissions.role';

const readable = (type: string) => [`api::${type}.${type}.find`, `api::${type}.${type}.findOne`];

export const PUBLIC_ACTIONS = [
  ...readable('service'),
  ...readable('office'),
  ...readable('topic'),
  // The organisation in one answer and the catalogue search (src/lib/catalogue).
  'api::office.office-tree.show',
  'api::service.service-search.search',
  'api::survey.survey.find',
  // Surveys by slug and their answers (src/lib/surveys/public-survey.ts).
  'api::survey.survey.show',
  'api::survey.survey.respond',
  // Intake and tracking (src/lib/intake.ts, src/lib/public-views.ts).
  'api::report.report.intake',
  'api::report.report.map',
  'api::report.report.support',
  'api::request.request.intake',
  'api::complaint.complaint.intake',
  'api::track.track.show',
  // The private page of a case, opened by the signed link of the citizen's emails.
  'api::private-case.private-case.show',
  'api::private-case.private-case.reply',
  'api::private-case.private-case.confirm',
  // The single-use rating link of the satisfaction follow-up (src/lib/deadlines/ratings.ts).
  'api::rating-invitation.rating-invitation.show',
  'api::rating-invitation.rating-invitation.rate',
  // Anonymous ratings of service pages, website pages and channels, and their public aggregates
  // (src/lib/page-ratings.ts).
  'api::page-rating.page-rating.form',
  'api::page-rating.page-rating.ratePage',
  'api::page-rating.page-rating.rateChannel',
  'api::page-rating.page-rating.channelSummary',
  'api::service.service-rating.rate',
  'api::service.service-rating.summary',
  // Open data: anonymised reports and survey aggregates, and their schema (src/lib/open-data).
  'api::open-data.open-data.reportsCsv',
  'api::open-data.open-data.reportsGeojson',
  'api::open-data.open-data.surveysCsv',
  'api::open-data.open-data.surveysJson',
  'api::open-data.open-data.schema',
  // The description of this public API (src/lib/openapi): JSON and a readable page.
  'api::openapi.openapi.spec',
  'api::openapi.openapi.page',
  // Open311 GeoReport v2 reads (src/lib/open311). Its writes (createRequest, postUpdate) are not
  // public: they check the api_key against the API tokens themselves.
  'api::open311.open311.discovery',
  'api::open311.open311.services',
  'api::open311.open311.serviceDefinition',
  'api::open311.open311.requests',
  'api::open311.open311.request',
  'api::open311.open311.token',
  'api::open311.open311.updates',
];

/** Signed-in citizens: the public content, plus their own cases (scoped in the controllers). */
export const AUTHENTICATED_ACTIONS = [
  ...PUBLIC_ACTIONS,
  'api::me.me.cases',
  'api::me.me.rate',
  ...readable('report'),
  ...readable('request'),
  ...readable('complaint'),
];

async function grant(strapi: Core.Strapi, roleType: string, actions: string[]) {
  const role = await strapi.db.query(ROLE_UID).findOne({ where: { type: roleType } });
  if (!role) return;
  const existing = await strapi.db
    .query(PERMISSION_UID)
    .findMany({ where: { role: role.id, action: { $in: actions } }, select: ['action'] });
  const have = new Set(existing.map((p: { action: string }) => p.action));
  for (const action of actions) {
    if (!have.has(action)) {
      await strapi.db.query(PERMISSION_UID).create({ data: { action, role: role.id } });
    }
  }
}

export async function ensureRolePermissions(strapi: Core.Strapi): Promise<void> {
  await grant(strapi, 'public', PUBLIC_ACTIONS);
  await grant(strapi, 'authenticated', AUTHENTICATED_ACTIONS);
}
