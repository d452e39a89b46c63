/**
 * Survey invitations: with the satisfaction follow-up of a case (src/lib/deadlines/ratings.ts),
 * each invitee also gets a single-use, expiring link to the open survey that fits the case (linked
 * to its office or its channel). Only the token's hash is stored. A response spends the link in
 * the same transaction that stores it, with a conditional UPDATE: of two submissions at once, one
 * spends it and the other is refused, on SQLite and PostgreSQL alike.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../../domain/case-kind';
import { IntakeError } from '../intake';
import { dbInstant, inCurrentTransaction, tableOf } from '../raw-sql';
import { settings } from '../settings';
import { SURVEY_UID } from './definition';
import { channelsOf, surveyState, type StoredSurvey } from './questions';

export const SURVEY_INVITATION_UID = 'api::survey-invitation.survey-invitation';
const DAY_MS = 86_400_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SurveyInvitation {
  id: number;
  surveyDocumentId: string;
  caseCode: string | null;
  officeKey: string | null;
  expiresAt: string;
  usedAt: string | null;
}

const NOT_FOUND = 'This invitation link does not open this survey: check that it was copied whole.';
const USED = 'This invitation link has already been used to answer the survey.';

/** The invitation of a token for a survey, refused with the reason when it cannot be used. */
export async function findInvitation(
  strapi: Core.Strapi,
  token: string,
  surveyDocumentId: string,
  now: Date
): Promise<SurveyInvitation> {
  const found = (await strapi.db.query(SURVEY_INVITATION_UID).findOne({
    where: { tokenHash: hashToken(token) },
  })) as SurveyInvitation | null;
  if (!found || found.surveyDocumentId !== surveyDocumentId) {
    throw new IntakeError(404, NOT_FOUND, 'token');
  }
  if (found.usedAt) throw new IntakeError(410, USED, 'token');
  if (new Date(found.expiresAt) <= now) {
    throw new IntakeError(410, 'This invitation link has expired.', 'token');
  }
  return found;
}

/** Spends the invitation inside the caller's transaction; refused if another spent it first. */
export async function spendInvitation(strapi: Core.Strapi, id: number, now: Date): Promise<void> {
  const at = dbInstant(strapi, now);
  const spent = await inCurrentTransaction(strapi, (db) =>
    db(tableOf(strapi, SURVEY_INVITATION_UID))
      .where({ id })
      .whereNull('used_at')
      .where('expires_at', '>', at)
      .update({ used_at: at })
  );
  if (spent !== 1) throw new IntakeError(410, USED, 'token');
}

export interface InvitedCase {
  kind: CaseKind;
  referenceCode: string;
  officeKey: string | null;
  channel: string | null;
}

/**
 * The published surveys open at `now`: what invitations choose from. The deadline sweep reads
 * them once per batch, not once per case it invites.
 */
export async function openSurveys(strapi: Core.Strapi, now: Date): Promise<StoredSurvey[]> {
  const surveys = (await strapi.documents(SURVEY_UID).findMany({
    locale: 'it',
    status: 'published',
    populate: { offices: { fields: ['documentId'] } },
    sort: ['id:asc'],
    limit: 500,
  } as never)) as unknown as StoredSurvey[];
  return surveys.filter((s) => surveyState(s, now) === 'open');
}

/**
 * Of the open surveys (in creation order), the one a case's citizens are invited to. A survey
 * linked to the case's office fits best, then one listing its channel; one linked to neither
 * offices nor channels is general and fits every case, last. Among equals, the one opened last,
 * then the one created last. (A link outliving its survey's close is refused then.)
 */
export function surveyForCase(surveys: StoredSurvey[], c: InvitedCase): StoredSurvey | null {
  /** How well a survey fits the case: null when it does not. */
  const fit = (s: StoredSurvey): number | null => {
    const offices = (s.offices ?? []).map((o) => o.documentId);
    const channels = channelsOf(s);
    if (!offices.length && !channels.length) return 0;
    const score =
      (c.officeKey != null && offices.includes(c.officeKey) ? 2 : 0) +
      (c.channel != null && channels.includes(c.channel) ? 1 : 0);
    return score > 0 ? score : null;
  };
  const opened = (s: StoredSurvey) => (s.opensAt ? new Date(s.opensAt).getTime() : 0);
  let best: { survey: StoredSurvey; score: number } | null = null;
  for (const survey of surveys) {
    const score = fit(survey);
    if (score == null) continue;
    if (
      !best ||
      score > best.score ||
      (score === best.score && opened(survey) >= opened(best.survey))
    ) {
      best = { survey, score };
    }
  }
  return best?.survey ?? null;
}

/**
 * One invitation per email for the survey that fits the case, if any; returns each email's link,
 * for the caller to add to the follow-up message it sends anyway (one email, not two).
 */
export async function createSurveyInvitations(
  strapi: Core.Strapi,
  c: InvitedCase,
  emails: string[],
  now: Date,
  surveys: StoredSurvey[]
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  if (!emails.length) return links;
  const survey = surveyForCase(surveys, c);
  if (!survey) return links;
  const { followUp, links: urls } = settings(strapi);
  const expiresAt = new Date(now.getTime() + followUp.ratingTokenDays * DAY_MS);
  for (const email of emails) {
    const token = randomBytes(24).toString('base64url');
    await strapi.db.query(SURVEY_INVITATION_UID).create({
      data: {
        tokenHash: hashToken(token),
        surveyDocumentId: survey.documentId,
        caseKind: c.kind,
        caseCode: c.referenceCode,
        officeKey: c.officeKey,
        channel: c.channel,
        invitedAt: now,
        expiresAt,
      },
    });
    links.set(
      email,
      urls.survey
        .replace('{slug}', encodeURIComponent(survey.slug))
        .replace('{token}', encodeURIComponent(token))
    );
  }
  return links;
}
