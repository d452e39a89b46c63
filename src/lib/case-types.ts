import type { UID } from '@strapi/strapi';
import type { CaseKind } from '../domain/case-kind';

export const CASE_UIDS = {
  report: 'api::report.report',
  request: 'api::request.request',
  complaint: 'api::complaint.complaint',
} as const satisfies Record<CaseKind, UID.ContentType>;

export type CaseUid = (typeof CASE_UIDS)[CaseKind];

export const CASE_EVENT_UID = 'api::case-event.case-event' as const;

export function caseKindOf(uid: string): CaseKind | null {
  for (const [kind, caseUid] of Object.entries(CASE_UIDS)) {
    if (caseUid === uid) return kind as CaseKind;
  }
  return null;
}

/** Relations whose target documentId is copied to an indexed scalar column (queues filter on it). */
export const DENORMALISED_KEYS = [
  { relation: 'office', key: 'officeKey' },
  { relation: 'team', key: 'teamKey' },
  { relation: 'topic', key: 'topicKey' },
] as const;
