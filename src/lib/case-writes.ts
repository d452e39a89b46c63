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
  isOpenReport,
  planTransition,
  type LifecycleStamps,
  type Suspension,
} from '../domain/lifecycle';
import { scheduleCase } from '../domain/case-schedule';
import { caseScheduleInput, deadlinePolicy } from './deadlines/policy';
import { currentActor } from './actor';
import { CASE_EVENT_UID, CASE_UIDS, DENORMALISED_KEYS, caseKindOf } from './case-types';
import { clock } from './clock';
import { allocateReferenceCode } from './reference-codes';
import { cityCalendar } from './settings';
import { appendCaseEvent } from './case-events';
import { relationTarget } from './relation-input';
import { inCurrentTransaction } from './raw-sql';
import { notifyCaseEvent } from './case-notifications';
import { notifyAssignees } from './triage/assignment-notices';
import {
  absorbInto,
  clusterRules,
  findOpenMaster,
  findRecurrence,
  lockClusters,
} from './triage/clusters';
import { refreshPriority } from './triage/priority';
import { recomputeReputation } from './triage/reputation';

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
const DERIVED = [
  'dueAt',
  'nextActionAt',
  'officeKey',
  'teamKey',
  'topicKey',
  // Reports: kept by the triage engine (src/lib/triage).
  'priority',
  'priorityReviewAt',
  'duplicateCount',
  'supporterCount',
  'stateBeforeMerge',
  'recurrenceOf',
  'recurrenceTeamKey',
  'emergencyRealerts',
  // Kept by the deadline engine (src/lib/deadlines).
  'firstResponseDueAt',
  'firstResponseLate',
  'stepsDoneUntil',
  'ratingInvitedAt',
  'escalationLevel',
  // Set by the retention job only (src/jobs/retention.ts).
  'anonymisedAt',
] as const;

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
  escalationLevel?: number | null;
  ratingInvitedAt?: string | null;
  stepsDoneUntil?: string | null;
  emergency?: boolean | null;
  declaredUrgency?: number | null;
  assessedUrgency?: number | null;
  office?: { id: number; documentId: string } | null;
  team?: { id: number; documentId: string } | null;
  assignee?: { id: number } | null;
  // Reports only:
  qualification?: string | null;
  qualificationNote?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  awaitingConfirmation?: boolean | null;
  citizen?: { id: number } | null;
  duplicateOf?: { id: number; documentId: string; referenceCode: string; state: string } | null;
  topic?: {
    id: number;
    documentId: string;
    resolutionDays?: number | null;
    urgentResolutionHours?: number | null;
    firstResponseDays?: number | null;
  } | null;
}

async function loadCase(
  strapi: Core.Strapi,
  kind: CaseKind,
  where: Data
): Promise<StoredCase | null> {
  const populate: Data = {
    office: { select: ['id', 'documentId'] },
    team: { select: ['id', 'documentId'] },
    assignee: { select: ['id'] },
    topic: {
      select: ['id', 'documentId', 'resolutionDays', 'urgentResolutionHours', 'firstResponseDays'],
    },
  };
  if (kind === 'report') {
    populate.citizen = { select: ['id'] };
    populate.duplicateOf = { select: ['id', 'documentId', 'referenceCode', 'state'] };
  }
  return (await strapi.db.query(CASE_UIDS[kind]).findOne({ where, populate })) as StoredCase | null;
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
async function routeByTopic(strapi: Core.Strapi, data: Data): Promise<string | null> {
  const topic = relationTarget(data.topic);
  if (!topic) return null;
  const found = (await strapi.db.query('api::topic.topic').findOne({
    where: topic.documentId ? { documentId: topic.documentId } : { id: topic.id },
    populate: { defaultOffice: { select: ['documentId'] } },
  })) as { documentId: string; defaultOffice?: { documentId: string } | null } | null;
  if (!relationTarget(data.office) && found?.defaultOffice) {
    data.office = found.defaultOffice.documentId;
  }
  return found?.documentId ?? null;
}

/** Derived fields after a write: due date, first-response target, next action, queue keys. */
async function deriveAfterWrite(strapi: Core.Strapi, kind: CaseKind, stored: StoredCase) {
  const patch: Data = {};
  for (const { relation, key } of DENORMALISED_KEYS) {
    const target = stored[relation as 'office' | 'team' | 'topic'];
    patch[key] = target?.documentId ?? null;
  }
  const schedule = scheduleCase(
    caseScheduleInput(kind, stored),
    cityCalendar(strapi),
    deadlinePolicy(strapi)
  );
  patch.dueAt = schedule.dueAt;
  patch.firstResponseDueAt = schedule.firstResponseDueAt;
  patch.nextActionAt = schedule.nextActionAt;
  await strapi.db.query(CASE_UIDS[kind]).update({ where: { id: stored.id }, data: patch });
  if (kind === 'report') {
    const priority = await refreshPriority(strapi, { id: stored.id }, clock.now());
    if (priority != null) patch.priority = priority;
  }
  return patch;
}

/** Re-derives due dates, queue keys and priority after a write made outside this gate (a split). */
export async function rederiveCase(strapi: Core.Strapi, kind: CaseKind, documentId: string) {
  const stored = await loadCase(strapi, kind, { documentId });
  return stored ? deriveAfterWrite(strapi, kind, stored) : null;
}

/**
 * A new report joins the cluster of an open report of its topic nearby (becoming its duplicate),
 * or is marked as a recurrence of one fixed there recently. Reports waiting for their author's
 * confirmation are left out until confirmed.
 */
async function placeInCluster(strapi: Core.Strapi, stored: StoredCase, now: Date): Promise<void> {
  if (stored.awaitingConfirmation || !stored.topic) return;
  if (stored.latitude == null || stored.longitude == null) return;
  const rules = await clusterRules(strapi, stored.topic.documentId);
  const probe = {
    topicKey: stored.topic.documentId,
    position: { latitude: stored.latitude, longitude: stored.longitude },
    excludeId: stored.id,
  };
  const master = await findOpenMaster(strapi, probe, now, rules);
  if (master) {
    const { patch } = planTransition('report', stored.state, 'duplicate', now, stored);
    await strapi.db.query(CASE_UIDS.report).update({
      where: { id: stored.id },
      data: {
        ...patch,
        state: 'duplicate',
        duplicateOf: master.id,
        stateBeforeMerge: stored.state,
      },
    });
    const actor = { type: 'system' as const, name: 'duplicate-detection' };
    await appendCaseEvent(strapi, 'report', stored, {
      type: 'status_changed',
      visibility: 'public',
      fromStatus: stored.state,
      toStatus: 'duplicate',
      actor,
      at: now,
      data: { duplicateOf: master.referenceCode },
    });
    await absorbInto(strapi, stored, master, {
      actor,
      at: now,
      fromState: stored.state,
      automatic: true,
    });
    stored.state = 'duplicate';
    return;
  }
  const earlier = await findRecurrence(strapi, probe, now, rules);
  if (!earlier) return;
  await strapi.db.query(CASE_UIDS.report).update({
    where: { id: stored.id },
    data: { recurrenceOf: earlier.id, recurrenceTeamKey: earlier.teamKey },
  });
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
    const topicKey = await routeByTopic(strapi, data);
    // Cluster lock before the reference-code counter: one order for every writer (clusters.ts).
    if (kind === 'report') await lockClusters(strapi, [topicKey]);
    data.state = INITIAL_STATUS;
    data.receivedAt = receivedAt.toISOString();
    data.referenceCode = await allocateReferenceCode(trx, kind, yearOf(strapi, receivedAt));
    ctx.params.data = data;

    const created = (await next()) as { id: number; documentId: string } & Data;
    const stored = await loadCase(strapi, kind, { id: created.id });
    if (!stored) throw new Error(`The ${kind} just created cannot be read back`);
    const event = await appendCaseEvent(strapi, kind, stored, {
      type: 'created',
      visibility: 'public',
      toStatus: INITIAL_STATUS,
      actor: currentActor(strapi),
      at: now,
    });
    if (kind === 'report') await placeInCluster(strapi, stored, now);
    const derived = await deriveAfterWrite(strapi, kind, stored);
    if (stored.state !== INITIAL_STATUS) derived.state = stored.state;
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
    // A merge, or a confirmation that lets a report join a cluster: cluster locks come first.
    const clustering =
      kind === 'report' && (data.state === 'duplicate' || data.awaitingConfirmation === false);
    if (clustering) await lockClusters(strapi, await topicsOfMerge(strapi, documentId, data));
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
    // A message to the citizen is a response: the first-response target is met.
    if (message && !before.firstResponseAt && !data.firstResponseAt) {
      data.firstResponseAt = now.toISOString();
    }
    if (kind === 'report') await checkMaster(strapi, before, data, transition?.to === 'duplicate');
    ctx.params.data = data;

    const updated = (await next()) as Data;
    const after = await loadCase(strapi, kind, { documentId });
    if (!after) return updated;
    const actor = currentActor(strapi);
    if (transition?.to === 'duplicate' && after.duplicateOf) {
      await absorbInto(strapi, after, after.duplicateOf, {
        actor,
        at: now,
        fromState: before.state,
        automatic: false,
      });
    }
    if (kind === 'report' && before.awaitingConfirmation && !after.awaitingConfirmation) {
      await placeInCluster(strapi, after, now);
    }
    const derived = await deriveAfterWrite(strapi, kind, after);
    if (kind === 'report') await recordQualification(strapi, before, after, actor, now);

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
      const assigned = await appendCaseEvent(strapi, kind, after, {
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
      await notifyAssignees(strapi, kind, before, after, assigned.id);
    }
    return { ...updated, ...derived };
  });
}

/** Topic keys of both sides of a merge, read before any row lock (lock order: clusters.ts). */
async function topicsOfMerge(strapi: Core.Strapi, documentId: string, data: Data) {
  const topicOf = (where: Record<string, unknown>) =>
    inCurrentTransaction(strapi, async (db) => {
      const row = await db('reports').first('topic_key').where(where);
      return (row?.topic_key as string | undefined) ?? null;
    });
  const keys = [await topicOf({ document_id: documentId })];
  const target = relationTarget(data.duplicateOf);
  if (target) {
    keys.push(
      await topicOf(target.documentId ? { document_id: target.documentId } : { id: target.id })
    );
  }
  return keys;
}

/**
 * A merge names its master (`duplicateOf`), an open report other than itself; `duplicateOf`
 * changes only with a merge (a split undoes one: src/lib/triage/merge.ts).
 */
async function checkMaster(strapi: Core.Strapi, before: StoredCase, data: Data, merging: boolean) {
  const asked = relationTarget(data.duplicateOf);
  if (!merging) {
    if (asked === undefined) return;
    const current = before.duplicateOf;
    const same = asked
      ? Boolean(current) &&
        (asked.documentId ? asked.documentId === current?.documentId : asked.id === current?.id)
      : !current;
    if (!same) {
      throw fieldError(
        'duplicateOf',
        'duplicateOf changes with a merge: set the state to "duplicate" together with it.'
      );
    }
    return;
  }
  if (!asked) {
    throw fieldError('duplicateOf', 'Say which report this one duplicates (duplicateOf).');
  }
  const master = (await strapi.db.query(CASE_UIDS.report).findOne({
    where: asked.documentId ? { documentId: asked.documentId } : { id: asked.id },
    select: ['id', 'documentId', 'referenceCode', 'state'],
  })) as { id: number; documentId: string; referenceCode: string; state: string } | null;
  if (!master) throw fieldError('duplicateOf', 'The report named in duplicateOf does not exist.');
  if (master.documentId === before.documentId) {
    throw fieldError('duplicateOf', 'A report cannot be a duplicate of itself.');
  }
  if (!isOpenReport(master.state)) {
    throw fieldError(
      'duplicateOf',
      `${master.referenceCode} is "${master.state}": only an open report can take duplicates.`
    );
  }
  data.duplicateOf = master.documentId;
  data.stateBeforeMerge = before.state;
}

/**
 * A technician's qualification (accuracy, assessed urgency, note) becomes a timeline event, holds
 * for the report's duplicates (they described the same problem), and moves the reputation of
 * every citizen behind them.
 */
async function recordQualification(
  strapi: Core.Strapi,
  before: StoredCase,
  after: StoredCase,
  actor: ReturnType<typeof currentActor>,
  now: Date
) {
  const changed =
    after.qualification !== before.qualification ||
    (after.qualification && after.assessedUrgency !== before.assessedUrgency);
  if (!changed || !after.qualification) return;
  await appendCaseEvent(strapi, 'report', after, {
    type: 'qualified',
    visibility: 'internal',
    actor,
    at: now,
    text: after.qualificationNote ?? undefined,
    data: { accuracy: after.qualification, assessedUrgency: after.assessedUrgency ?? null },
  });
  const reports = strapi.db.query(CASE_UIDS.report);
  const duplicates = (await reports.findMany({
    where: { duplicateOf: { id: after.id } },
    select: ['id'],
    populate: { citizen: { select: ['id'] } },
  })) as { id: number; citizen?: { id: number } | null }[];
  for (const d of duplicates) {
    await reports.update({
      where: { id: d.id },
      data: { qualification: after.qualification, assessedUrgency: after.assessedUrgency ?? null },
    });
  }
  const citizens = new Set(
    [after.citizen?.id, ...duplicates.map((d) => d.citizen?.id)].filter(
      (id): id is number => id != null
    )
  );
  for (const id of citizens) await recomputeReputation(strapi, id, now);
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
