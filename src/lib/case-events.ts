/** Appends to a case's timeline (case events are never updated or deleted). */
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../domain/case-kind';
import type { Actor } from './actor';
import { appendLinks, documentId, insertRows, linkSpec } from './bulk-insert';
import { CASE_EVENT_UID } from './case-types';
import { inCurrentTransaction } from './raw-sql';

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
  | 'rating_invited'
  | 'review_requested'
  | 'moderated';

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

/**
 * Appends many events at once (the deadline sweep's batches): the same rows as appendCaseEvent
 * writes, in a few bulk statements instead of a Document Service call (about ten queries) each.
 */
export async function insertCaseEvents(
  strapi: Core.Strapi,
  kind: CaseKind,
  items: { caseId: number; code: string; event: NewCaseEvent }[]
): Promise<void> {
  if (!items.length) return;
  const table = strapi.db.metadata.get(CASE_EVENT_UID).tableName;
  await inCurrentTransaction(strapi, async (db) => {
    const rows = items.map(({ code, event }) => ({
      document_id: documentId(),
      type: event.type,
      visibility: event.visibility,
      case_kind: kind,
      case_code: code,
      actor_type: event.actor.type,
      actor_id: event.actor.id ?? null,
      actor_name: event.actor.name ?? null,
      from_status: event.fromStatus ?? null,
      to_status: event.toStatus ?? null,
      text: event.text ?? null,
      data: event.data ? JSON.stringify(event.data) : null,
      at: event.at,
      created_at: event.at,
      updated_at: event.at,
      published_at: event.at,
    }));
    const ids = await insertRows(db, table, rows, true);
    const link = linkSpec(strapi, CASE_EVENT_UID, kind);
    await appendLinks(
      db,
      link,
      items.map((item, i) => [ids[i], item.caseId])
    );
  });
}
