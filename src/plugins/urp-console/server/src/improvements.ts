/**
 * Improvement plans (the MiglioraPA method): from a survey's weakest questions, managers record
 * actions (what, owner office, due date, status) linked to the survey; the next survey on the
 * same service shows its figures beside the previous one's, with the actions taken in between.
 *
 * GET  /urp-console/surveys/:documentId/improvements  the plan: actions, weakest questions, and
 *                                                     the before/after against the previous survey
 * POST /urp-console/surveys/:documentId/improvements  a new action
 * PUT  /urp-console/improvements/:id                  status, due date, text
 *
 * Operators and the control body plan for every office, coordinators for their own offices.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { OfficeScope, StaffMember } from '../../../../domain/staff-scope';
import {
  compareStats,
  surveyStats,
  type QuestionStats,
  type SurveyStats,
} from '../../../../domain/survey-stats';
import { dateParam } from '../../../../domain/date-period';
import { clock } from '../../../../lib/clock';
import { SURVEY_UID } from '../../../../lib/surveys/definition';
import { SURVEY_RESPONSE_UID } from '../../../../lib/surveys/public-survey';
import { questionsOf, type StoredSurvey } from '../../../../lib/surveys/questions';
import { invalid, parseInput } from './input';
import { publishedNames } from './names';
import { loadSurvey, storedAnswers, surveyScope, surveyThreshold } from './survey-access';

export const IMPROVEMENT_UID = 'api::improvement-action.improvement-action';
const STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
/** How many of a survey's questions the plan names as weakest. */
const WEAKEST = 3;
const MAX_RESPONSES = 100_000;

const isoDate = z
  .string()
  .refine((v) => typeof dateParam('dueDate', v) !== 'string', 'a calendar date as YYYY-MM-DD');
const createSchema = z.object({
  title: z.string().trim().min(1).max(300),
  description: z.string().trim().max(4000).optional(),
  ownerOffice: z.string().trim().min(1).max(40),
  questionCode: z.string().trim().min(1).max(60).optional(),
  service: z.string().trim().min(1).max(40).optional(),
  dueDate: isoDate.optional(),
});
const updateSchema = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    description: z.string().trim().max(4000).optional(),
    status: z.enum(STATUSES).optional(),
    dueDate: isoDate.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });

interface StoredAction {
  id: number;
  surveyDocumentId: string;
  questionCode: string | null;
  serviceDocumentId: string | null;
  title: string;
  description: string | null;
  ownerOfficeKey: string;
  dueDate: string | null;
  status: (typeof STATUSES)[number];
  doneAt: string | null;
  createdByName: string | null;
  createdAt: string;
}

function assertOffice(scope: OfficeScope, office: string) {
  if (!scope.all && !scope.offices.includes(office)) {
    throw new errors.ForbiddenError("You may plan for your own offices' actions only.");
  }
}

type SurveyWithServices = StoredSurvey & { publishedAt?: string | null };

async function publishedSurveys(strapi: Core.Strapi): Promise<SurveyWithServices[]> {
  return (await strapi.documents(SURVEY_UID).findMany({
    locale: 'it',
    status: 'published',
    populate: { questions: true, services: { fields: ['documentId', 'slug', 'title'] } },
    limit: 500,
  } as never)) as unknown as SurveyWithServices[];
}

/** A survey's figures over all its answers (the whole run of the survey). */
async function wholeRunStats(
  strapi: Core.Strapi,
  survey: StoredSurvey,
  scope: OfficeScope
): Promise<SurveyStats> {
  const where: Record<string, unknown> = { surveyDocumentId: survey.documentId };
  // A coordinator's plan rests on their own offices' answers, as their results page does.
  if (!scope.all) where.officeKey = { $in: scope.offices };
  const rows = (await strapi.db.query(SURVEY_RESPONSE_UID).findMany({
    where,
    select: ['answers'],
    limit: MAX_RESPONSES,
  })) as { answers: unknown }[];
  const responses = rows.map((r) => ({ answers: storedAnswers(r.answers) }));
  return surveyStats(questionsOf(survey), responses, {
    dissatisfiedBelow: surveyThreshold(survey),
  });
}

/** Questions by dissatisfied share, worst first (only those with a figure and answers). */
export function weakestQuestions(stats: SurveyStats, count = WEAKEST) {
  const share = (q: QuestionStats) =>
    'dissatisfiedShare' in q ? (q.dissatisfiedShare as number | null) : null;
  return stats.questions
    .filter((q) => q.answered > 0 && share(q) != null)
    .sort((a, b) => (share(b) as number) - (share(a) as number) || a.code.localeCompare(b.code))
    .slice(0, count)
    .map((q) => ({ code: q.code, label: q.label, type: q.type, dissatisfiedShare: share(q) }));
}

/**
 * The survey this one follows: a published survey sharing one of its services that opened
 * before it, the latest such.
 */
function previousOnSameService(all: SurveyWithServices[], survey: StoredSurvey) {
  const services = new Set((survey.services ?? []).map((s) => s.documentId));
  if (!services.size) return null;
  const opened = (s: StoredSurvey) => (s.opensAt ? new Date(s.opensAt).getTime() : 0);
  return (
    all
      .filter(
        (s) =>
          s.documentId !== survey.documentId &&
          opened(s) < opened(survey) &&
          (s.services ?? []).some((x) => services.has(x.documentId))
      )
      .sort((a, b) => opened(b) - opened(a))[0] ?? null
  );
}

async function actionsOf(
  strapi: Core.Strapi,
  surveyDocumentId: string,
  scope: OfficeScope,
  names: Map<string, string>
) {
  const where: Record<string, unknown> = { surveyDocumentId };
  if (!scope.all) where.ownerOfficeKey = { $in: scope.offices };
  const rows = (await strapi.db.query(IMPROVEMENT_UID).findMany({
    where,
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
    limit: 500,
  })) as StoredAction[];
  return rows.map((a) => actionView(a, names));
}

const actionView = (a: StoredAction, names: Map<string, string>) => ({
  id: a.id,
  title: a.title,
  description: a.description,
  questionCode: a.questionCode,
  service: a.serviceDocumentId,
  ownerOffice: { documentId: a.ownerOfficeKey, name: names.get(a.ownerOfficeKey) ?? null },
  dueDate: a.dueDate,
  status: a.status,
  doneAt: a.doneAt,
  createdBy: a.createdByName,
  createdAt: a.createdAt,
});

/** The headline figures of a question, for the before/after table. */
function headline(q: QuestionStats | undefined) {
  if (!q) return null;
  const pick = (name: 'mean' | 'dissatisfiedShare' | 'nps' | 'netScore') =>
    name in q ? ((q as unknown as Record<string, number | null>)[name] ?? null) : null;
  return {
    answered: q.answered,
    mean: pick('mean'),
    dissatisfiedShare: pick('dissatisfiedShare'),
    nps: pick('nps'),
    netScore: pick('netScore'),
  };
}

/** compareStats' deltas with each side's own figures, to show before and after side by side. */
function sideBySide(before: SurveyStats, after: SurveyStats) {
  const comparison = compareStats(before, after);
  const find = (stats: SurveyStats, code: string) => stats.questions.find((q) => q.code === code);
  return {
    ...comparison,
    questions: comparison.questions.map((c) => ({
      ...c,
      label: find(after, c.code)?.label ?? c.code,
      before: headline(find(before, c.code)),
      after: headline(find(after, c.code)),
    })),
  };
}

export async function improvementPlan(
  strapi: Core.Strapi,
  staff: StaffMember,
  surveyDocumentId: string,
  locale: 'it' | 'en'
) {
  const scope = surveyScope(staff, 'Improvement plans');
  const survey = await loadSurvey(strapi, surveyDocumentId);
  const names = await publishedNames(strapi, 'api::office.office', locale);
  const stats = await wholeRunStats(strapi, survey, scope);
  const previous = previousOnSameService(await publishedSurveys(strapi), survey);
  const before = previous ? await wholeRunStats(strapi, previous, scope) : null;
  return {
    data: {
      survey: { documentId: survey.documentId, title: survey.title, slug: survey.slug },
      responses: stats.responses,
      weakest: weakestQuestions(stats),
      actions: await actionsOf(strapi, survey.documentId, scope, names),
      previous:
        previous && before
          ? {
              survey: {
                documentId: previous.documentId,
                title: previous.title,
                slug: previous.slug,
              },
              responses: before.responses,
              // What was planned after the previous survey: the "between" of before and after.
              actions: await actionsOf(strapi, previous.documentId, scope, names),
              comparison: sideBySide(before, stats),
            }
          : null,
    },
  };
}

function doerName(strapi: Core.Strapi, userId: number) {
  return strapi.db
    .query('admin::user')
    .findOne({ where: { id: userId }, select: ['firstname', 'lastname', 'email'] })
    .then((u: { firstname?: string; lastname?: string; email?: string } | null) =>
      u ? [u.firstname, u.lastname].filter(Boolean).join(' ') || (u.email ?? null) : null
    );
}

export async function createImprovement(
  strapi: Core.Strapi,
  staff: StaffMember,
  surveyDocumentId: string,
  body: unknown
) {
  const scope = surveyScope(staff, 'Improvement plans');
  const input = parseInput(createSchema, body);
  const survey = await loadSurvey(strapi, surveyDocumentId);
  const names = await publishedNames(strapi, 'api::office.office', 'it');
  if (!names.has(input.ownerOffice)) {
    throw invalid('ownerOffice', 'no published office has this documentId');
  }
  assertOffice(scope, input.ownerOffice);
  if (input.questionCode && !questionsOf(survey).some((q) => q.code === input.questionCode)) {
    throw invalid('questionCode', 'the survey has no question with this code');
  }
  if (input.service && !(survey.services ?? []).some((s) => s.documentId === input.service)) {
    throw invalid('service', "must be the documentId of one of the survey's services");
  }
  const created = (await strapi.db.query(IMPROVEMENT_UID).create({
    data: {
      surveyDocumentId: survey.documentId,
      questionCode: input.questionCode ?? null,
      serviceDocumentId: input.service ?? null,
      title: input.title,
      description: input.description || null,
      ownerOfficeKey: input.ownerOffice,
      dueDate: input.dueDate ?? null,
      status: 'planned',
      createdByName: await doerName(strapi, staff.userId),
    },
  })) as StoredAction;
  return actionView(created, names);
}

export async function updateImprovement(
  strapi: Core.Strapi,
  staff: StaffMember,
  id: string,
  body: unknown
) {
  const scope = surveyScope(staff, 'Improvement plans');
  const input = parseInput(updateSchema, body);
  const found = /^\d+$/.test(id)
    ? ((await strapi.db
        .query(IMPROVEMENT_UID)
        .findOne({ where: { id: Number(id) } })) as StoredAction | null)
    : null;
  if (!found || (!scope.all && !scope.offices.includes(found.ownerOfficeKey))) {
    throw new errors.NotFoundError('No improvement action you can see has this id.');
  }
  const data: Record<string, unknown> = { ...input };
  if (input.status) data.doneAt = input.status === 'done' ? clock.now() : null;
  const updated = (await strapi.db
    .query(IMPROVEMENT_UID)
    .update({ where: { id: found.id }, data })) as StoredAction;
  return actionView(updated, await publishedNames(strapi, 'api::office.office', 'it'));
}
