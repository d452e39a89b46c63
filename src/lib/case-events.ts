/** Appends to a case's timeline (case events are never updated or deleted). */
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../domain/case-kind';
import type { Actor } from './actor';
import { CASE_EVENT_UID } from './case-types';

export type CaseEventType =
  | 'created'
  | 'status_changed'
  | 'assigned'
  | 'message_to_citizen'
  | 'message_from_citizen'
  | 'internal_note'
  | 'supported'
  | 'merged'
  | 'split'
  | 'reminder'
  | 'escalated'
  | 'qualified'
  | 'rated'
  | 'rating_invited';

export interface NewCaseEvent {
  type: CaseEventType;
  visibility: 'public' | 'internal';
  actor: Actor;
  at: Date;
  fromStatus?: string;
  toStatus?: string;
  text?: string;
  data?: Record<string, unknown>;
}

export async function appendCaseEvent(
  strapi: Core.Strapi,
  kind: CaseKind,
  target: { documentId: string; referenceCode: string },
  event: NewCaseEvent
) {
  return strapi.documents(CASE_EVENT_UID).create({
    data: {
      type: event.type,
      visibility: event.visibility,
      caseKind: kind,
      caseCode: target.referenceCode,
      [kind]: target.documentId,
      actorType: event.actor.type,
      actorId: event.actor.id ?? null,
      actorName: event.actor.name ?? null,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      text: event.text ?? null,
      data: event.data ?? null,
      at: event.at.toISOString(),
    } as never,
  });
}
