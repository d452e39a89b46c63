/**
 * The public side of surveys: GET /api/surveys/:slug (the published questionnaire in the asked
 * locale) and POST /api/surveys/:slug/responses (a citizen's answers, checked question by
 * question by src/domain/survey-questions.ts). Nothing personal is stored for an anonymous survey
 * (no case code, no citizen, no IP: none is ever stored); a named one keeps the case code of the
 * invitation, which the public never reads back.
 */
import type { Core } from '@strapi/strapi';
import { validateAnswers, type FieldError } from '../../domain/survey-questions';
import { clock } from '../clock';
import { IntakeError } from '../intake';
import { SURVEY_UID } from './definition';
import { spendInvitation, findInvitation } from './invitations';
import {
  channelsOf,
  questionsOf,
  surveyState,
  type StoredSurvey,
  type SurveyState,
} from './questions';

export const SURVEY_RESPONSE_UID = 'api::survey-response.survey-response';
export const SURVEY_LOCALES = ['it', 'en'] as const;
export type SurveyLocale = (typeof SURVEY_LOCALES)[number];
/** The channels a response may say it came by (the response schema's enumeration). */
export const RESPONSE_CHANNELS = ['web', 'app', 'counter', 'email', 'phone', 'kiosk', 'open311'];

/** Several problems at once (each answer's), answered as one 400 listing them all. */
export class SurveyAnswerError extends Error {
  readonly status = 400;
  constructor(readonly problems: FieldError[]) {
    super(problems.map((p) => `${p.field} ${p.message}`).join('; '));
  }
}

const POPULATE = {
  questions: true,
  services: { fields: ['documentId', 'slug', 'title'] },
  offices: { fields: ['documentId', 'slug', 'name'] },
} as const;

export function parseLocale(raw: unknown): SurveyLocale {
  if (raw == null || raw === '') return 'it';
  if (typeof raw === 'string' && (SURVEY_LOCALES as readonly string[]).includes(raw)) {
    return raw as SurveyLocale;
  }
  throw new IntakeError(400, `locale must be one of ${SURVEY_LOCALES.join(', ')}.`, 'locale');
}

async function publishedIn(
  strapi: Core.Strapi,
  filters: Record<string, unknown>,
  locale: string
): Promise<StoredSurvey | null> {
  return (await strapi.documents(SURVEY_UID).findFirst({
    filters,
    locale,
    status: 'published',
    populate: POPULATE,
  } as never)) as unknown as StoredSurvey | null;
}

/**
 * The published survey of a slug, in the asked locale; a slug of the other locale finds the same
 * survey, and a survey not translated yet answers in Italian (the answer says which locale).
 */
export async function findPublishedSurvey(
  strapi: Core.Strapi,
  slug: string,
  locale: SurveyLocale
): Promise<StoredSurvey | null> {
  if (!slug || slug.length > 200) return null;
  const direct = await publishedIn(strapi, { slug }, locale);
  if (direct) return direct;
  for (const other of SURVEY_LOCALES.filter((l) => l !== locale)) {
    const found = await publishedIn(strapi, { slug }, other);
    if (!found) continue;
    return (await publishedIn(strapi, { documentId: found.documentId }, locale)) ?? found;
  }
  return null;
}

export interface PublicSurvey {
  slug: string;
  locale: string;
  title: string;
  description: string | null;
  state: SurveyState;
  opensAt: string | null;
  closesAt: string | null;
  anonymous: boolean;
  requiresInvitation: boolean;
  channels: string[];
  services: { slug: string; title: string }[];
  offices: { slug: string; name: string }[];
  questions: ReturnType<typeof questionsOf>;
}

export function publicSurvey(s: StoredSurvey, now: Date): PublicSurvey {
  return {
    slug: s.slug,
    locale: s.locale,
    title: s.title,
    description: s.description ?? null,
    state: surveyState(s, now),
    opensAt: s.opensAt ?? null,
    closesAt: s.closesAt ?? null,
    anonymous: s.anonymous !== false,
    requiresInvitation: s.requiresInvitation === true,
    channels: channelsOf(s),
    services: (s.services ?? []).map(({ slug, title }) => ({ slug, title })),
    offices: (s.offices ?? []).map(({ slug, name }) => ({ slug, name })),
    questions: questionsOf(s),
  };
}

const STATE_REFUSALS: Record<Exclude<SurveyState, 'open'>, string> = {
  not_open_yet: 'This survey is not open yet.',
  closed: 'This survey is closed: it no longer takes answers.',
};

function pickChannel(survey: StoredSurvey, raw: unknown): string {
  const allowed = channelsOf(survey);
  const channel = raw == null || raw === '' ? (allowed[0] ?? 'web') : raw;
  if (typeof channel !== 'string' || !RESPONSE_CHANNELS.includes(channel)) {
    throw new IntakeError(
      400,
      `channel must be one of ${RESPONSE_CHANNELS.join(', ')}.`,
      'channel'
    );
  }
  if (allowed.length && !allowed.includes(channel)) {
    throw new IntakeError(
      400,
      `channel must be one of ${allowed.join(', ')} for this survey.`,
      'channel'
    );
  }
  return channel;
}

/** The service a response is about: one of the survey's, by slug; the only one by default. */
function pickService(survey: StoredSurvey, raw: unknown): string | null {
  const services = survey.services ?? [];
  if (raw == null || raw === '') return services.length === 1 ? services[0].documentId : null;
  const found = services.find((s) => s.slug === raw || s.documentId === raw);
  if (!found) {
    throw new IntakeError(
      400,
      "service must be the slug of one of the survey's services.",
      'service'
    );
  }
  return found.documentId;
}

export interface SubmittedResponse {
  survey: string;
  locale: string;
  answered: number;
}

export async function submitSurveyResponse(
  strapi: Core.Strapi,
  slug: string,
  locale: SurveyLocale,
  body: Record<string, unknown>
): Promise<SubmittedResponse | null> {
  const survey = await findPublishedSurvey(strapi, slug, locale);
  if (!survey) return null;
  const now = clock.now();
  const state = surveyState(survey, now);
  if (state !== 'open') throw new IntakeError(409, STATE_REFUSALS[state], 'survey');

  const token = body.token;
  if (token != null && (typeof token !== 'string' || token.length > 200)) {
    throw new IntakeError(400, 'token must be the text of the invitation link.', 'token');
  }
  if (!token && survey.requiresInvitation) {
    throw new IntakeError(
      403,
      'This survey is answered through the link of its invitation.',
      'token'
    );
  }
  const channel = pickChannel(survey, body.channel);
  const serviceDocumentId = pickService(survey, body.service);
  const { answers, errors } = validateAnswers(questionsOf(survey), body.answers);
  if (errors.length) throw new SurveyAnswerError(errors);
  if (!Object.keys(answers).length) {
    throw new IntakeError(400, 'answers must answer at least one question.', 'answers');
  }
  const invitation = token ? await findInvitation(strapi, token, survey.documentId, now) : null;
  const offices = survey.offices ?? [];
  const anonymous = survey.anonymous !== false;

  await strapi.db.transaction(async () => {
    if (invitation) await spendInvitation(strapi, invitation.id, now);
    await strapi.db.query(SURVEY_RESPONSE_UID).create({
      data: {
        surveyDocumentId: survey.documentId,
        answers,
        channel,
        language: survey.locale,
        serviceDocumentId,
        officeKey: invitation?.officeKey ?? (offices.length === 1 ? offices[0].documentId : null),
        invited: invitation != null,
        caseCode: anonymous ? null : (invitation?.caseCode ?? null),
        submittedAt: now,
      },
    });
  });
  return { survey: survey.slug, locale: survey.locale, answered: Object.keys(answers).length };
}
