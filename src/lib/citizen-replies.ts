/**
 * What a citizen does through the private link of their emails: reply to a request for more
 * information, add details and photos, confirm a report sent from a new address. A reply lands in
 * the timeline, resumes a suspended request or complaint, and notifies whoever handles the case.
 */
import type { Core } from '@strapi/strapi';
import { isTerminal } from '../domain/lifecycle';
import { runAs } from './actor';
import { appendCaseEvent } from './case-events';
import { notifyCaseEvent } from './case-notifications';
import { CASE_UIDS } from './case-types';
import { clock } from './clock';
import { IntakeError, processPhotos } from './intake';
import { enqueue } from './outbox';
import { storePhotos } from './photo-storage';
import type { LinkedCase } from './private-links';
import { settings } from './settings';

const MIN_MESSAGE = 2;
const MAX_MESSAGE = 4000;
/** A report keeps at most this many photos, however many replies bring them. */
const MAX_PHOTOS_PER_CASE = 20;

export interface CitizenReply {
  message?: unknown;
  website?: unknown; // the honeypot, as in the intake
  files: { buffer: Buffer; name: string }[];
}

interface Handler {
  email: string | null;
  topicKey: string | null;
  officeName: string | null;
}

async function loadForReply(strapi: Core.Strapi, linked: LinkedCase) {
  const populate: Record<string, unknown> = {
    assignee: { select: ['email'] },
    office: { select: ['email', 'name'] },
  };
  if (linked.kind === 'report') populate.photos = { select: ['id'] };
  return (await strapi.db.query(CASE_UIDS[linked.kind]).findOne({
    where: { id: linked.id },
    populate,
  })) as {
    state: string;
    dueAt: string | null;
    topicKey: string | null;
    awaitingConfirmation?: boolean | null;
    assignee?: { email: string } | null;
    office?: { email: string | null; name: string } | null;
    photos?: { id: number }[] | null;
  } | null;
}

function validMessage(raw: unknown, hasPhotos: boolean): string | undefined {
  if (raw == null || raw === '') {
    if (hasPhotos) return undefined;
    throw new IntakeError(400, 'Write a message or attach a photo.', 'message');
  }
  if (typeof raw !== 'string') throw new IntakeError(400, 'message must be text.', 'message');
  const text = raw.trim();
  if (text.length < MIN_MESSAGE || text.length > MAX_MESSAGE) {
    throw new IntakeError(
      400,
      `message must be between ${MIN_MESSAGE} and ${MAX_MESSAGE} characters.`,
      'message'
    );
  }
  return text;
}

/** The assignee, or else the office's mailbox, learns that the citizen wrote. */
async function notifyHandler(
  strapi: Core.Strapi,
  linked: LinkedCase,
  handler: Handler,
  eventId: number | string,
  message: string | undefined,
  state: string,
  dueAt: string | null
) {
  if (!handler.email) return 0;
  const config = settings(strapi);
  return enqueue(strapi, [
    {
      channel: 'email',
      recipient: handler.email,
      template: 'assignee_notice',
      language: 'it',
      payload: {
        code: linked.referenceCode,
        kind: linked.kind,
        cityName: config.city.name,
        officeName: handler.officeName ?? undefined,
        status: state,
        dueAt: dueAt ?? undefined,
        message,
        event: 'citizen_replied',
        adminUrl: config.links.admin,
      },
      dedupeKey: `case:${linked.referenceCode}:event:${eventId}:assignee_notice:${handler.email}`,
      caseCode: linked.referenceCode,
    },
  ]);
}

export async function replyToCase(strapi: Core.Strapi, linked: LinkedCase, reply: CitizenReply) {
  if (reply.website) throw new IntakeError(400, 'The submission was refused.', 'website');
  if (linked.kind !== 'report' && reply.files.length) {
    throw new IntakeError(400, 'Photos go with reports only.', 'photos');
  }
  const current = await loadForReply(strapi, linked);
  if (!current) throw new IntakeError(404, 'No case has this link.', 'token');
  if (current.awaitingConfirmation) {
    throw new IntakeError(409, 'Please confirm the report first.', 'token');
  }
  if (isTerminal(linked.kind, current.state)) {
    throw new IntakeError(
      409,
      'This case is closed and takes no more replies: please file a new one.',
      'token'
    );
  }
  const message = validMessage(reply.message, reply.files.length > 0);
  const existing = (current.photos ?? []).map((p) => p.id);
  if (existing.length + reply.files.length > MAX_PHOTOS_PER_CASE) {
    throw new IntakeError(400, `A report keeps at most ${MAX_PHOTOS_PER_CASE} photos.`, 'photos');
  }
  const photos = await processPhotos(strapi, reply.files);
  const handler: Handler = {
    email: current.assignee?.email ?? current.office?.email ?? null,
    topicKey: current.topicKey,
    officeName: current.office?.name ?? null,
  };

  return runAs({ type: 'citizen', name: null }, () =>
    strapi.db.transaction(async ({ onRollback }) => {
      const now = clock.now();
      const photoIds = await storePhotos(strapi, photos, onRollback);
      const event = await appendCaseEvent(strapi, linked.kind, linked, {
        // Internal: the citizen's words may carry personal data; the private page shows them.
        type: 'message_from_citizen',
        visibility: 'internal',
        text: message,
        data: photoIds.length ? { photos: photoIds } : undefined,
        actor: { type: 'citizen', name: null },
        at: now,
      });
      const docs = strapi.documents(CASE_UIDS[linked.kind]);
      if (photoIds.length) {
        await docs.update({
          documentId: linked.documentId,
          data: { photos: [...existing, ...photoIds] } as never,
        });
      }
      let state = current.state;
      if (state === 'suspended') {
        // The answer the office waited for: the clock runs again (lifecycle closes the suspension).
        await docs.update({ documentId: linked.documentId, data: { state: 'assigned' } as never });
        state = 'assigned';
      }
      const after = (await strapi.db
        .query(CASE_UIDS[linked.kind])
        .findOne({ where: { id: linked.id }, select: ['dueAt'] })) as { dueAt: string | null };
      await notifyHandler(strapi, linked, handler, event.id, message, state, after.dueAt);
      return { code: linked.referenceCode, state, photos: photoIds.length, at: now.toISOString() };
    })
  );
}

/** Confirms a report sent from a new address; confirming twice changes nothing. */
export async function confirmCase(strapi: Core.Strapi, linked: LinkedCase) {
  if (linked.kind !== 'report') return { code: linked.referenceCode, confirmed: true };
  return runAs({ type: 'citizen', name: null }, () =>
    strapi.db.transaction(async () => {
      const report = (await strapi.db.query(CASE_UIDS.report).findOne({
        where: { id: linked.id },
        select: ['awaitingConfirmation'],
        populate: { citizen: { select: ['id'] } },
      })) as { awaitingConfirmation: boolean | null; citizen?: { id: number } | null };
      if (!report.awaitingConfirmation) return { code: linked.referenceCode, confirmed: true };
      await strapi.documents(CASE_UIDS.report).update({
        documentId: linked.documentId,
        data: { awaitingConfirmation: false } as never,
      });
      if (report.citizen) {
        await strapi.db
          .query('api::citizen.citizen')
          .update({ where: { id: report.citizen.id }, data: { verified: true } });
      }
      await notifyCaseEvent(strapi, 'report', linked.documentId, {
        key: 'confirmed',
        type: 'confirmed',
      });
      return { code: linked.referenceCode, confirmed: true };
    })
  );
}
