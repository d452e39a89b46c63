/**
 * The one gate every case write passes: a Document Service middleware, so the content API, the
 * admin content manager, the console and internal services all obey the same lifecycle
 * (DESIGN.md "Lifecycles"). The status attribute is named `state` because Strapi 5 reserves
 * `status` for draft/published (the admin content manager reads it from the request body). It allocates reference codes, refuses illegal transitions, sets the
 * lifecycle timestamps, derives due dates and queue keys, and appends case events.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import type { CaseKind } from '../domain/case-kind';
import {
  INITIAL_STATUS,
  IllegalTransitionError,
  planTransition,
  type LifecycleStamps,
  type Suspension,
} from '../domain/lifecycle';
import { scheduleCase } from '../domain/case-schedule';
import { currentActor } from './actor';
import { CASE_EVENT_UID, CASE_UIDS, DENORMALISED_KEYS, caseKindOf } from './case-types';
import { clock } from './clock';
import { allocateReferenceCode } from './reference-codes';
import { cityCalendar } from './settings';
import { appendCaseEvent } from './case-events';
import { relationTarget } from './relation-input';
import { notifyCaseEvent } from './case-notifications';

type Data = Record<string, unknown>;
interface MiddlewareContext {
  uid: string;
  action: string;
  params: { data?: Data; documentId?: string } & Record<string, unknown>;
}
type Next = () => Promise<unknown>;

/** Fields only transitions may set; a write that changes them by hand is refused. */
const STAMPS = ['firstResponseAt', 'resolvedAt', 'closedAt', 'suspensions'] as const;
/** Fields the system derives; whatever a caller sends is replaced. */
const DERIVED = ['dueAt', 'nextActionAt', 'officeKey', 'teamKey', 'topicKey'] as const;

function fieldError(field: string, message: string): errors.ValidationError {
  return new errors.ValidationError(message, {
    errors: [{ path: [field], message, name: 'ValidationError' }],
  });
}

function sameInstant(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v == null || v === '' ? null : new Date(v as string).getTime());
  return norm(a) === norm(b);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

interface StoredCase extends LifecycleStamps {
  id: number;
  documentId: string;
  referenceCode: string;
  state: string;
  receivedAt: string;
  emergency?: boolean | null;
  declaredUrgency?: number | null;
  assessedUrgency?: number | null;
  office?: { id: number; documentId: string } | null;
  team?: { id: number; documentId: string } | null;
  assignee?: { id: number } | null;
  topic?: {
    id: number;
    documentId: string;
    resolutionDays?: number | null;
    urgentResolutionHours?: number | null;
  } | null;
}

async function loadCase(
  strapi: Core.Strapi,
  kind: CaseKind,
  where: Data
): Promise<StoredCase | null> {
  return (await strapi.db.query(CASE_UIDS[kind]).findOne({
    where,
    populate: {
      office: { select: ['id', 'documentId'] },
      team: { select: ['id', 'documentId'] },
      assignee: { select: ['id'] },
      topic: {
        select: ['id', 'documentId', 'resolutionDays', 'urgentResolutionHours'],
      },
    },
  })) as StoredCase | null;
}

/** Row lock on PostgreSQL so two concurrent transitions of one case cannot both pass. */
async function lockCase(
  strapi: Core.Strapi,
  kind: CaseKind,
  documentId: string,
  trx: Knex.Transaction
) {
  if (strapi.db.dialect.client !== 'postgres') return;
  const table = strapi.db.metadata.get(CASE_UIDS[kind]).tableName;
  await strapi.db
    .getConnection(table)
    .transacting(trx)
    .where({ document_id: documentId })
    .forUpdate()
    .select('id');
}

/** A new case without an office goes to its topic's default office (set before the write, so
 * Strapi links the office the way it links any relation). */
async function routeByTopic(strapi: Core.Strapi, data: Data): Promise<void> {
  if (relationTarget(data.office)) return;
  const topic = relationTarget(data.topic);
  if (!topic) return;
  const found = (await strapi.db.query('api::topic.topic').findOne({
    where: topic.documentId ? { documentId: topic.documentId } : { id: topic.id },
    populate: { defaultOffice: { select: ['documentId'] } },
  })) as { defaultOffice?: { documentId: string } | null } | null;
  if (found?.defaultOffice) data.office = found.defaultOffice.documentId;
}

/** Derived fields after a write: due date, next action and the queue keys. */
async function deriveAfterWrite(strapi: Core.Strapi, kind: CaseKind, stored: StoredCase) {
  const patch: Data = {};
  for (const { relation, key } of DENORMALISED_KEYS) {
    const target = stored[relation as 'office' | 'team' | 'topic'];
    patch[key] = target?.documentId ?? null;
  }
  const schedule = scheduleCase(
    {
      kind,
      state: stored.state,
      receivedAt: new Date(stored.receivedAt),
      serviceLevel: stored.topic ?? null,
      suspensions: stored.suspensions,
      emergency: stored.emergency,
      declaredUrgency: stored.declaredUrgency,
      assessedUrgency: stored.assessedUrgency,
    },
    cityCalendar(strapi)
  );
  patch.dueAt = schedule.dueAt;
  patch.nextActionAt = schedule.nextActionAt;
  await strapi.db.query(CASE_UIDS[kind]).update({ where: { id: stored.id }, data: patch });
  return patch;
}

async function createCase(strapi: Core.Strapi, kind: CaseKind, ctx: MiddlewareContext, next: Next) {
  const data: Data = { ...(ctx.params.data ?? {}) };
  if (data.state != null && data.state !== INITIAL_STATUS) {
    throw fieldError('state', `A new ${kind} starts as "${INITIAL_STATUS}", not "${data.state}".`);
  }
  if (data.referenceCode) {
    throw fieldError('referenceCode', 'The reference code is assigned by the system.');
  }
  for (const field of STAMPS) {
    if (data[field] != null && !(Array.isArray(data[field]) && !(data[field] as []).length)) {
      throw fieldError(field, `${field} is set by status transitions, not by hand.`);
    }
  }
  const now = clock.now();
  const receivedAt = data.receivedAt ? new Date(data.receivedAt as string) : now;
  if (Number.isNaN(receivedAt.getTime()) || receivedAt.getTime() > now.getTime()) {
    throw fieldError('receivedAt', 'receivedAt must be a valid date, not in the future.');
  }
  for (const field of DERIVED) delete data[field];

  return strapi.db.transaction(async ({ trx }) => {
    await routeByTopic(strapi, data);
    data.state = INITIAL_STATUS;
    data.receivedAt = receivedAt.toISOString();
    data.referenceCode = await allocateReferenceCode(trx, kind, yearOf(strapi, receivedAt));
    ctx.params.data = data;

    const created = (await next()) as { id: number; documentId: string } & Data;
    const stored = await loadCase(strapi, kind, { id: created.id });
    if (!stored) throw new Error(`The ${kind} just created cannot be read back`);
    const derived = await deriveAfterWrite(strapi, kind, stored);
    const event = await appendCaseEvent(strapi, kind, stored, {
      type: 'created',
      visibility: 'public',
      toStatus: INITIAL_STATUS,
      actor: currentActor(strapi),
      at: now,
    });
    await notifyCaseEvent(strapi, kind, stored.documentId, { key: event.id, type: 'created' });
    return { ...created, ...derived };
  });
}

const MAX_MESSAGE_LENGTH = 4000;

/**
 * `messageToCitizen` is not an attribute: staff send it with an update (a question with a
 * suspension, an explanation with a status) and it becomes a public timeline event and an email.
 */
function takeMessageToCitizen(data: Data): string | undefined {
  if (!('messageToCitizen' in data)) return undefined;
  const raw = data.messageToCitizen;
  delete data.messageToCitizen;
  if (raw == null || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.trim().length > MAX_MESSAGE_LENGTH) {
    throw fieldError(
      'messageToCitizen',
      `messageToCitizen must be text of at most ${MAX_MESSAGE_LENGTH} characters.`
    );
  }
  return raw.trim() || undefined;
}

function appendMessageEvent(
  strapi: Core.Strapi,
  kind: CaseKind,
  target: StoredCase,
  text: string,
  actor: ReturnType<typeof currentActor>,
  at: Date
) {
  return appendCaseEvent(strapi, kind, target, {
    type: 'message_to_citizen',
    visibility: 'public',
    text,
    actor,
    at,
  });
}

/** The year of the reference code is the city's local year of reception. */
function yearOf(strapi: Core.Strapi, at: Date): number {
  return cityCalendar(strapi).localDate(at).year;
}

async function updateCase(strapi: Core.Strapi, kind: CaseKind, ctx: MiddlewareContext, next: Next) {
  const documentId = ctx.params.documentId;
  const data: Data = { ...(ctx.params.data ?? {}) };
  if (!documentId) return next();

  return strapi.db.transaction(async ({ trx }) => {
    await lockCase(strapi, kind, documentId, trx);
    const before = await loadCase(strapi, kind, { documentId });
    if (!before) return next(); // let Strapi answer its own "not found"

    if ('referenceCode' in data && data.referenceCode !== before.referenceCode) {
      throw fieldError('referenceCode', 'The reference code cannot be changed.');
    }
    if ('receivedAt' in data && !sameInstant(data.receivedAt, before.receivedAt)) {
      throw fieldError('receivedAt', 'The reception time cannot be changed.');
    }
    for (const field of STAMPS) {
      if (!(field in data)) continue;
      const same =
        field === 'suspensions'
          ? sameJson(data[field], before[field])
          : sameInstant(data[field], before[field]);
      if (!same) throw fieldError(field, `${field} is set by status transitions, not by hand.`);
      delete data[field];
    }
    for (const field of DERIVED) delete data[field];
    const message = takeMessageToCitizen(data);

    const now = clock.now();
    const asked = data.state as string | undefined;
    let transition: ReturnType<typeof planTransition> | null = null;
    if (asked != null && asked !== before.state) {
      try {
        transition = planTransition(kind, before.state, asked, now, before);
      } catch (e) {
        if (e instanceof IllegalTransitionError) throw fieldError('state', e.message);
        throw e;
      }
      Object.assign(data, transition.patch);
    }
    ctx.params.data = data;

    const updated = (await next()) as Data;
    const after = await loadCase(strapi, kind, { documentId });
    if (!after) return updated;
    const derived = await deriveAfterWrite(strapi, kind, after);
    const actor = currentActor(strapi);

    if (transition) {
      const event = await appendCaseEvent(strapi, kind, after, {
        type: 'status_changed',
        visibility: 'public',
        fromStatus: transition.from,
        toStatus: transition.to,
        actor,
        at: now,
      });
      if (message) await appendMessageEvent(strapi, kind, after, message, actor, now);
      await notifyCaseEvent(strapi, kind, documentId, {
        key: event.id,
        type: 'status_changed',
        fromStatus: transition.from,
        message,
      });
    } else if (message) {
      const event = await appendMessageEvent(strapi, kind, after, message, actor, now);
      await notifyCaseEvent(strapi, kind, documentId, {
        key: event.id,
        type: 'message_to_citizen',
        message,
      });
    }
    const reassigned =
      before.office?.documentId !== after.office?.documentId ||
      before.team?.documentId !== after.team?.documentId ||
      before.assignee?.id !== after.assignee?.id;
    if (reassigned) {
      await appendCaseEvent(strapi, kind, after, {
        type: 'assigned',
        visibility: 'internal',
        actor,
        at: now,
        data: {
          office: { from: before.office?.documentId ?? null, to: after.office?.documentId ?? null },
          team: { from: before.team?.documentId ?? null, to: after.team?.documentId ?? null },
          assignee: { from: before.assignee?.id ?? null, to: after.assignee?.id ?? null },
        },
      });
    }
    return { ...updated, ...derived };
  });
}

export function registerCaseWrites(strapi: Core.Strapi): void {
  strapi.documents.use((async (ctx: unknown, next: Next) => {
    const c = ctx as MiddlewareContext;
    if (c.uid === CASE_EVENT_UID && ['update', 'delete', 'publish'].includes(c.action)) {
      throw new errors.ForbiddenError('The case timeline is append-only.');
    }
    const kind = caseKindOf(c.uid);
    if (!kind) return next();
    if (c.action === 'create') return createCase(strapi, kind, c, next);
    if (c.action === 'update') return updateCase(strapi, kind, c, next);
    if (c.action === 'clone') throw new errors.ForbiddenError('Cases cannot be cloned.');
    return next();
  }) as unknown as Parameters<Core.Strapi['documents']['use']>[0]);
}

export type { Suspension };
