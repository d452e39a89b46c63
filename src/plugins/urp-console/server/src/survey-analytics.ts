/**
 * Survey analytics for the console (GET /urp-console/surveys, /surveys/:documentId/stats and
 * /stats.csv): per question the counts, distribution, mean and median, dissatisfied share, NPS and
 * free-text answers (src/domain/survey-stats.ts), the response rate against the invitations sent,
 * filtered by office, channel, service and period. Coordinators read their own offices' answers
 * only. The CSV holds the answers without any case code, free text with contacts redacted.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { toIsoDate } from '../../../../domain/calendar';
import { redactContacts } from '../../../../domain/redact';
import type { OfficeScope, StaffMember } from '../../../../domain/staff-scope';
import { responseRate, surveyStats } from '../../../../domain/survey-stats';
import type { Answers } from '../../../../domain/survey-questions';
import { clock } from '../../../../lib/clock';
import { csvDocument } from '../../../../lib/csv';
import { cityCalendar } from '../../../../lib/settings';
import { SURVEY_INVITATION_UID } from '../../../../lib/surveys/invitations';
import { SURVEY_RESPONSE_UID } from '../../../../lib/surveys/public-survey';
import { SURVEY_UID } from '../../../../lib/surveys/definition';
import { questionsOf, surveyState, type StoredSurvey } from '../../../../lib/surveys/questions';
import { loadSurvey, storedAnswers, surveyScope, surveyThreshold } from './survey-access';
import { invalid, parseInput } from './input';
import { parsePeriod, type Period } from './period';

/** Responses read for one answer at most: beyond, the answer says it is truncated. */
export const MAX_RESPONSES = 100_000;
const MAX_DAYS = 3 * 366;

const statsQuerySchema = z.object({
  office: z.string().trim().min(1).max(40).optional(),
  channel: z.string().trim().min(1).max(20).optional(),
  service: z.string().trim().min(1).max(40).optional(),
  locale: z.enum(['it', 'en']).default('it'),
  dissatisfiedBelow: z.coerce.number().min(0).max(10).optional(),
});

interface StatsQuery extends z.infer<typeof statsQuerySchema> {
  period: Period;
}

interface StoredResponse {
  answers: Answers | string;
  channel: string;
  language: string | null;
  officeKey: string | null;
  serviceDocumentId: string | null;
  invited: boolean | null;
  submittedAt: string;
}

/** The where clause of a survey's responses (or invitations) within the filters and scope. */
function where(
  documentId: string,
  q: StatsQuery,
  scope: OfficeScope,
  at: 'submittedAt' | 'invitedAt'
) {
  const conditions: Record<string, unknown>[] = [
    { surveyDocumentId: documentId },
    { [at]: { $gte: q.period.start, $lte: q.period.end } },
  ];
  if (q.office) conditions.push({ officeKey: q.office });
  if (!scope.all) conditions.push({ officeKey: { $in: scope.offices } });
  if (q.channel) conditions.push({ channel: q.channel });
  return { $and: conditions };
}

async function readResponses(
  strapi: Core.Strapi,
  documentId: string,
  q: StatsQuery,
  scope: OfficeScope
) {
  const base = where(documentId, q, scope, 'submittedAt');
  if (q.service) base.$and.push({ serviceDocumentId: q.service });
  const rows = (await strapi.db.query(SURVEY_RESPONSE_UID).findMany({
    where: base,
    select: [
      'answers',
      'channel',
      'language',
      'officeKey',
      'serviceDocumentId',
      'invited',
      'submittedAt',
    ],
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    limit: MAX_RESPONSES + 1,
  })) as StoredResponse[];
  const truncated = rows.length > MAX_RESPONSES;
  return {
    truncated,
    rows: (truncated ? rows.slice(0, MAX_RESPONSES) : rows).map((r) => ({
      ...r,
      answers: storedAnswers(r.answers),
    })),
  };
}

function parseStatsQuery(strapi: Core.Strapi, raw: unknown): StatsQuery {
  const input = parseInput(statsQuerySchema, raw);
  const period = parsePeriod(strapi, raw, { defaultDaysBack: 365, maxDays: MAX_DAYS });
  return { ...input, period };
}

export async function surveyAnalytics(
  strapi: Core.Strapi,
  staff: StaffMember,
  documentId: string,
  raw: unknown
) {
  const scope = surveyScope(staff, 'Survey results');
  const q = parseStatsQuery(strapi, raw);
  if (q.office && !scope.all && !scope.offices.includes(q.office)) {
    throw new errors.ForbiddenError("You may read your own offices' survey results only.");
  }
  const survey = await loadSurvey(strapi, documentId, q.locale);
  const questions = questionsOf(survey);
  const { rows, truncated } = await readResponses(strapi, documentId, q, scope);
  const threshold = q.dissatisfiedBelow ?? surveyThreshold(survey);
  const stats = surveyStats(questions, rows, { dissatisfiedBelow: threshold });
  const invitations = q.service
    ? null // invitations are sent per case, not per service
    : await strapi.db
        .query(SURVEY_INVITATION_UID)
        .count({ where: where(documentId, q, scope, 'invitedAt') });
  const invitedAnswers = rows.filter((r) => r.invited).length;
  return {
    data: {
      survey: {
        documentId: survey.documentId,
        title: survey.title,
        slug: survey.slug,
        locale: survey.locale,
        anonymous: survey.anonymous !== false,
        state: surveyState(survey, clock.now()),
      },
      from: q.period.from,
      to: q.period.to,
      filters: { office: q.office ?? null, channel: q.channel ?? null, service: q.service ?? null },
      dissatisfiedBelow: threshold ?? null,
      responses: stats.responses,
      truncated,
      invitations,
      invitedResponses: invitedAnswers,
      responseRate: invitations == null ? null : responseRate(invitedAnswers, invitations),
      questions: stats.questions,
    },
  };
}

const csvAnswer = (value: unknown) => {
  if (value == null) return '';
  if (Array.isArray(value)) return value.join('|');
  return typeof value === 'string' ? redactContacts(value) : value;
};

/** The anonymised answers as CSV: one row per response, one column per question code. */
export async function surveyResponsesCsv(
  strapi: Core.Strapi,
  staff: StaffMember,
  documentId: string,
  raw: unknown
) {
  const scope = surveyScope(staff, 'Survey results');
  const q = parseStatsQuery(strapi, raw);
  if (q.office && !scope.all && !scope.offices.includes(q.office)) {
    throw invalid('office', 'you may export your own offices only');
  }
  const survey = await loadSurvey(strapi, documentId, q.locale);
  const codes = questionsOf(survey).map((question) => question.code);
  const { rows } = await readResponses(strapi, documentId, q, scope);
  const calendar = cityCalendar(strapi);
  const body = csvDocument(
    ['date', 'channel', 'language', 'office', 'service', 'invited', ...codes],
    rows.map((r) => [
      toIsoDate(calendar.localDate(new Date(r.submittedAt))),
      r.channel,
      r.language,
      r.officeKey,
      r.serviceDocumentId,
      r.invited ? 'yes' : 'no',
      ...codes.map((code) => csvAnswer(r.answers[code])),
    ])
  );
  return { fileName: `survey-${survey.slug}-${q.period.from}-${q.period.to}.csv`, body };
}

/** The surveys the console lists, with how many answers each has had. */
export async function surveyList(strapi: Core.Strapi, staff: StaffMember, locale: 'it' | 'en') {
  const scope = surveyScope(staff, 'Survey results');
  const surveys = (await strapi.documents(SURVEY_UID).findMany({
    locale,
    status: 'draft', // every survey, published or not; its draft holds the latest definition
    fields: ['documentId', 'title', 'slug', 'opensAt', 'closesAt', 'anonymous', 'publishedAt'],
    sort: ['opensAt:desc', 'id:desc'],
    limit: 500,
  } as never)) as unknown as StoredSurvey[];
  const counts = new Map<string, number>();
  const rows = (await strapi.db
    .connection(strapi.db.metadata.get(SURVEY_RESPONSE_UID).tableName)
    .select('survey_document_id as id')
    .count({ n: '*' })
    .modify((q) => {
      if (!scope.all) q.whereIn('office_key', scope.offices);
    })
    .groupBy('survey_document_id')) as { id: string; n: unknown }[];
  for (const r of rows) counts.set(r.id, Number(r.n));
  const now = clock.now();
  return {
    data: surveys.map((s) => ({
      documentId: s.documentId,
      title: s.title,
      slug: s.slug,
      state: surveyState(s, now),
      anonymous: s.anonymous !== false,
      responses: counts.get(s.documentId) ?? 0,
    })),
  };
}
