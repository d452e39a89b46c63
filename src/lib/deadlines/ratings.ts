/**
 * Rating invitations: days after a case is resolved its citizens get a single-use link to rate the
 * work (1–5 and a comment). Only the token's hash is stored; the link is spent atomically, so two
 * clicks at once rate once. A case reopened since the invitation can no longer be rated.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../../domain/case-kind';
import { appendCaseEvent } from '../case-events';
import { CASE_UIDS } from '../case-types';
import { clock } from '../clock';
import { IntakeError } from '../intake';
import { parseReferenceCode } from '../../domain/reference-code';
import { requestRatingReview } from './rating-review';
import type { OutgoingMessage } from '../outbox';
import { inCurrentTransaction, dbInstant } from '../raw-sql';
import { settings } from '../settings';
import { createSurveyInvitations } from '../surveys/invitations';
import type { StoredSurvey } from '../surveys/questions';

export const RATING_INVITATION_UID = 'api::rating-invitation.rating-invitation';
const DAY_MS = 86_400_000;
const MAX_COMMENT = 2000;

export interface Invitee {
  id: number;
  email: string | null;
  language?: string | null;
  anonymisedAt?: string | null;
  blocked?: boolean | null;
}

export interface RateableCase {
  referenceCode: string;
  documentId: string;
  office?: { documentId: string } | null;
  channel?: string | null;
  /** Set when the citizen already rated the case from their account: not invited again. */
  ratingScore?: number | null;
  citizen?: Invitee | null;
  followers?: Invitee[] | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The citizens a case writes to on its own initiative (invitations, courtesy messages): its
 * citizen and, for a report, its followers; each address once, none anonymised or blocked.
 */
export function invitees(c: RateableCase): Invitee[] {
  const seen = new Set<string>();
  return [c.citizen, ...(c.followers ?? [])].filter((p): p is Invitee => {
    if (!p?.email || p.anonymisedAt || p.blocked) return false;
    const email = p.email.toLowerCase();
    if (seen.has(email)) return false;
    seen.add(email);
    return true;
  });
}

/**
 * Creates one invitation per invitee and returns the emails to queue (the caller queues them in
 * its transaction). `payload` carries what every message shares (city, topic, office names);
 * `surveys` the open surveys (openSurveys), of which the one fitting the case rides along.
 */
export async function createRatingInvitations(
  strapi: Core.Strapi,
  kind: CaseKind,
  c: RateableCase,
  now: Date,
  payload: Record<string, unknown>,
  surveys: StoredSurvey[]
): Promise<OutgoingMessage[]> {
  const { followUp, links } = settings(strapi);
  const expiresAt = new Date(now.getTime() + followUp.ratingTokenDays * DAY_MS);
  const messages: OutgoingMessage[] = [];
  const people = invitees(c).filter((p) => c.ratingScore == null || p.id !== c.citizen?.id);
  // The survey that fits the case, if any, rides along in the same email.
  const surveyUrls = await createSurveyInvitations(
    strapi,
    {
      kind,
      referenceCode: c.referenceCode,
      officeKey: c.office?.documentId ?? null,
      channel: c.channel ?? null,
    },
    people.map((p) => (p.email as string).toLowerCase()),
    now,
    surveys
  );
  for (const person of people) {
    const token = randomBytes(24).toString('base64url');
    await strapi.db.query(RATING_INVITATION_UID).create({
      data: {
        tokenHash: hashToken(token),
        caseKind: kind,
        caseCode: c.referenceCode,
        citizen: person.id,
        invitedAt: now,
        expiresAt,
      },
    });
    const email = (person.email as string).toLowerCase();
    messages.push({
      channel: 'email',
      recipient: email,
      template: 'rating_invitation',
      language: person.language === 'en' ? 'en' : 'it',
      payload: {
        ...payload,
        ratingUrl: links.rating.replace('{token}', encodeURIComponent(token)),
        surveyUrl: surveyUrls.get(email),
        expiresAt: expiresAt.toISOString(),
      },
      dedupeKey: `case:${c.referenceCode}:rating_invitation:${email}`,
      caseCode: c.referenceCode,
    });
  }
  return messages;
}

interface Invitation {
  id: number;
  caseKind: CaseKind;
  caseCode: string;
  expiresAt: string;
  usedAt: string | null;
  score: number | null;
  citizen?: { id: number } | null;
}

interface RatedCase {
  id: number;
  documentId: string;
  referenceCode: string;
  state: string;
  resolvedAt: string | null;
  citizen?: { id: number } | null;
}

async function findInvitation(strapi: Core.Strapi, token: string): Promise<Invitation | null> {
  if (!token || token.length > 200) return null;
  return (await strapi.db.query(RATING_INVITATION_UID).findOne({
    where: { tokenHash: hashToken(token) },
    populate: { citizen: { select: ['id'] } },
  })) as Invitation | null;
}

async function caseOf(strapi: Core.Strapi, invitation: Invitation): Promise<RatedCase | null> {
  return (await strapi.db.query(CASE_UIDS[invitation.caseKind]).findOne({
    where: { referenceCode: invitation.caseCode },
    select: ['id', 'documentId', 'referenceCode', 'state', 'resolvedAt'],
    populate: { citizen: { select: ['id'] } },
  })) as RatedCase | null;
}

/** Still rateable: resolved (or answered) and not reopened since. */
function isStillDone(kind: CaseKind, c: RatedCase): boolean {
  const done = kind === 'report' ? ['resolved', 'closed'] : ['answered', 'closed'];
  return done.includes(c.state) && c.resolvedAt != null;
}

export interface RatingView {
  code: string;
  kind: CaseKind;
  canRate: boolean;
  /** Why it cannot be rated: used, expired, reopened. */
  reason?: 'used' | 'expired' | 'reopened';
  expiresAt: string;
  score?: number;
}

/** What the rating page shows: no personal data, only the case's code and whether it can rate. */
export async function ratingView(strapi: Core.Strapi, token: string): Promise<RatingView | null> {
  const invitation = await findInvitation(strapi, token);
  if (!invitation) return null;
  const found = await caseOf(strapi, invitation);
  if (!found) return null;
  const view: RatingView = {
    code: invitation.caseCode,
    kind: invitation.caseKind,
    canRate: false,
    expiresAt: new Date(invitation.expiresAt).toISOString(),
  };
  if (invitation.usedAt) return { ...view, reason: 'used', score: invitation.score ?? undefined };
  if (new Date(invitation.expiresAt) <= clock.now()) return { ...view, reason: 'expired' };
  if (!isStillDone(invitation.caseKind, found)) return { ...view, reason: 'reopened' };
  return { ...view, canRate: true };
}

function parseRating(body: Record<string, unknown>): { score: number; comment: string | null } {
  const score = body.score;
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) {
    throw new IntakeError(400, 'score must be a whole number from 1 to 5.', 'score');
  }
  const comment = body.comment;
  if (comment != null && typeof comment !== 'string') {
    throw new IntakeError(400, 'comment must be text.', 'comment');
  }
  const text = typeof comment === 'string' ? comment.trim() : '';
  if (text.length > MAX_COMMENT) {
    throw new IntakeError(400, `comment must be at most ${MAX_COMMENT} characters.`, 'comment');
  }
  return { score, comment: text || null };
}

const used = () =>
  new IntakeError(410, 'This link has already been used to rate the case.', 'token');

/**
 * Spends the invitation and records the rating: on the invitation always, on the case when the
 * invitee is its own citizen (followers' ratings stay on their invitations), and in the timeline.
 */
export async function rateCase(
  strapi: Core.Strapi,
  token: string,
  body: Record<string, unknown>
): Promise<{ code: string; score: number } | null> {
  const rating = parseRating(body);
  const invitation = await findInvitation(strapi, token);
  if (!invitation) return null;
  const now = clock.now();
  if (invitation.usedAt) throw used();
  if (new Date(invitation.expiresAt) <= now)
    throw new IntakeError(410, 'This rating link has expired.', 'token');
  const kind = invitation.caseKind;
  return strapi.db.transaction(async () => {
    const found = await caseOf(strapi, invitation);
    if (!found) return null;
    if (!isStillDone(kind, found)) {
      throw new IntakeError(
        409,
        `${found.referenceCode} has been reopened: it can be rated later.`
      );
    }
    // The atomic spend: of two clicks at once, one updates the row and the other finds it used.
    const spent = await inCurrentTransaction(strapi, (db) =>
      db('rating_invitations')
        .where({ id: invitation.id })
        .whereNull('used_at')
        .update({
          used_at: dbInstant(strapi, now),
          score: rating.score,
          comment: rating.comment,
        })
    );
    if (spent !== 1) throw used();
    const own = invitation.citizen?.id != null && invitation.citizen.id === found.citizen?.id;
    if (own) {
      // The case row is the gate of its own citizen's rating, whichever way it comes (the link,
      // or the account: rateOwnCase): a second one is refused and the link stays unspent.
      const rated = await inCurrentTransaction(strapi, (db) =>
        db(strapi.db.metadata.get(CASE_UIDS[kind]).tableName)
          .where({ id: found.id })
          .whereNull('rating_score')
          .update({ rating_score: rating.score, rating_comment: rating.comment })
      );
      if (rated !== 1) throw used();
    }
    await appendCaseEvent(strapi, kind, found, {
      type: 'rated',
      visibility: 'internal',
      actor: { type: 'citizen' },
      at: now,
      text: rating.comment ?? undefined,
      data: { score: rating.score },
    });
    // A follower's score stays on their invitation: only the case's own citizen calls for a review.
    if (own) await requestRatingReview(strapi, kind, found.referenceCode, rating, now);
    return { code: found.referenceCode, score: rating.score };
  });
}

/**
 * A signed-in citizen rates their own case from their account, once, as with the emailed link:
 * the case row is the gate (its rating is set only while empty, so two requests at once rate
 * once), and the citizen's invitation, if one was sent, is spent with the same rating, so the
 * link then says "used" and the office KPIs count one rating. Without an invitation yet (the
 * follow-up comes days after resolution), one is recorded as already used, for the same KPIs.
 */
export async function rateOwnCase(
  strapi: Core.Strapi,
  userId: number,
  code: string,
  body: Record<string, unknown>
): Promise<{ code: string; score: number } | null> {
  const rating = parseRating(body);
  const parsed = parseReferenceCode(code);
  if (!parsed) return null;
  const { kind } = parsed;
  const found = (await strapi.db.query(CASE_UIDS[kind]).findOne({
    where: { referenceCode: code.trim().toUpperCase(), citizen: { user: { id: userId } } },
    select: ['id', 'documentId', 'referenceCode', 'state', 'resolvedAt'],
    populate: { citizen: { select: ['id'] } },
  })) as RatedCase | null;
  if (!found) return null;
  if (!isStillDone(kind, found)) {
    throw new IntakeError(409, `${found.referenceCode} can be rated once it is completed.`);
  }
  const now = clock.now();
  const at = dbInstant(strapi, now);
  return strapi.db.transaction(async () => {
    const invitations = (await strapi.db.query(RATING_INVITATION_UID).findMany({
      where: { caseCode: found.referenceCode, citizen: { id: found.citizen?.id }, usedAt: null },
      select: ['id'],
    })) as { id: number }[];
    const spend = { usedAt: now, score: rating.score, comment: rating.comment };
    for (const { id } of invitations) {
      await strapi.db.query(RATING_INVITATION_UID).update({ where: { id }, data: spend });
    }
    if (!invitations.length) {
      await strapi.db.query(RATING_INVITATION_UID).create({
        data: {
          // Never sent: a hash of random bytes no link can match.
          tokenHash: hashToken(randomBytes(24).toString('base64url')),
          caseKind: kind,
          caseCode: found.referenceCode,
          citizen: found.citizen?.id ?? null,
          invitedAt: at,
          expiresAt: at,
          ...spend,
        },
      });
    }
    // The gate last, as the link's path takes its locks (invitation, then case): two ratings at
    // once wait for each other instead of deadlocking, and the second is refused here.
    const table = strapi.db.metadata.get(CASE_UIDS[kind]).tableName;
    const rated = await inCurrentTransaction(strapi, (db) =>
      db(table)
        .where({ id: found.id })
        .whereNull('rating_score')
        .update({ rating_score: rating.score, rating_comment: rating.comment })
    );
    if (rated !== 1) {
      throw new IntakeError(410, `You have already rated ${found.referenceCode}.`, 'score');
    }
    await appendCaseEvent(strapi, kind, found, {
      type: 'rated',
      visibility: 'internal',
      actor: { type: 'citizen' },
      at: now,
      text: rating.comment ?? undefined,
      data: { score: rating.score, from: 'account' },
    });
    await requestRatingReview(strapi, kind, found.referenceCode, rating, now);
    return { code: found.referenceCode, score: rating.score };
  });
}
