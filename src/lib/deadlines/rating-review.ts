/**
 * A low rating sends the case to the control body for review (RATING_REVIEW_BELOW, default
 * scores 1–2): the body of the case's office (its escalation target, or the city's first control
 * body) gets an email with the score and the comment, the timeline records it, and a resolved
 * report goes back to work (RATING_REVIEW_REOPENS) through the write gate, which tells the
 * citizen as for any status change. Runs inside the rating's transaction.
 */
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../../domain/case-kind';
import { appendCaseEvent } from '../case-events';
import { CASE_UIDS } from '../case-types';
import { enqueue } from '../outbox';
import { settings } from '../settings';
import { EscalationTargets, type OfficeRef } from './targets';

interface ReviewedCase {
  id: number;
  documentId: string;
  referenceCode: string;
  state: string;
  office?: OfficeRef | null;
  topic?: { name?: string | null } | null;
}

export function needsReview(strapi: Core.Strapi, score: number): boolean {
  const { reviewBelowScore } = settings(strapi).followUp;
  return reviewBelowScore > 0 && score < reviewBelowScore;
}

export async function requestRatingReview(
  strapi: Core.Strapi,
  kind: CaseKind,
  code: string,
  rating: { score: number; comment: string | null },
  now: Date
): Promise<{ reopened: boolean; target: string | null } | null> {
  if (!needsReview(strapi, rating.score)) return null;
  const config = settings(strapi);
  const found = (await strapi.db.query(CASE_UIDS[kind]).findOne({
    where: { referenceCode: code },
    select: ['id', 'documentId', 'referenceCode', 'state'],
    populate: { office: EscalationTargets.officePopulate, topic: { select: ['name'] } },
  })) as ReviewedCase | null;
  if (!found) return null;
  const target = await new EscalationTargets(strapi).forLevel(found.office ?? null, 1);
  const reopened = config.followUp.reviewReopens && kind === 'report' && found.state === 'resolved';
  if (reopened) {
    await strapi.documents(CASE_UIDS[kind]).update({
      documentId: found.documentId,
      data: { state: 'in_progress' } as never,
    });
  }
  await appendCaseEvent(strapi, kind, found, {
    type: 'review_requested',
    visibility: 'internal',
    actor: { type: 'citizen' },
    at: now,
    text: rating.comment ?? undefined,
    data: { score: rating.score, target: target?.name ?? null, reopened },
  });
  if (target?.email) {
    await enqueue(strapi, [
      {
        channel: 'email',
        recipient: target.email.toLowerCase(),
        template: 'rating_review',
        language: 'it',
        payload: {
          code: found.referenceCode,
          kind,
          cityName: config.city.name,
          officeName: found.office?.name ?? undefined,
          topicName: found.topic?.name ?? undefined,
          status: reopened ? 'in_progress' : found.state,
          score: rating.score,
          message: rating.comment ?? undefined,
          reopened,
          adminUrl: config.links.admin,
        },
        dedupeKey: `case:${found.referenceCode}:rating_review:${now.toISOString()}`,
        caseCode: found.referenceCode,
      },
    ]);
  }
  return { reopened, target: target?.name ?? null };
}
