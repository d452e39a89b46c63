/**
 * The notification outbox (DESIGN.md: every message goes through it with a dedupe key).
 *
 * - enqueue() writes a row inside the caller's transaction; a second enqueue with the same dedupe
 *   key is ignored by the database (INSERT … ON CONFLICT DO NOTHING), so a job run twice, or by two
 *   instances, queues nothing twice.
 * - dispatchDue() claims due rows (FOR UPDATE SKIP LOCKED on PostgreSQL) by pushing their next
 *   attempt a lease ahead and counting the attempt, commits, then sends outside the transaction.
 *   Success marks the row sent; failure schedules a retry with backoff, then "dead" (visible in the
 *   admin). A crash mid-send leaves the lease to expire and the row is tried again: nothing is lost.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { dbInstant, inCurrentTransaction } from './raw-sql';
import { afterFailure, type BackoffOptions } from '../domain/backoff';
import { clock } from './clock';

export const NOTIFICATION_UID = 'api::notification.notification';

export interface OutgoingMessage {
  channel: 'email' | 'webhook';
  recipient: string;
  template: string;
  language: 'it' | 'en';
  payload: Record<string, unknown>;
  dedupeKey: string;
  caseCode?: string | null;
}

export interface ClaimedNotification extends OutgoingMessage {
  id: number;
  attempts: number;
}

/** Sends one claimed message; throws when it could not be delivered. */
export type Deliver = (message: ClaimedNotification) => Promise<void>;

const LEASE_MS = 5 * 60_000;

type DispatchHook = (strapi: Core.Strapi) => void;
let afterQueued: DispatchHook | null = null;

/** Called (after commit) whenever new messages were queued: bootstrap wires the dispatcher here. */
export function onMessagesQueued(hook: DispatchHook | null): void {
  afterQueued = hook;
}

/** Rows per INSERT when queueing: 14 bind parameters each; SQLite takes 500 rows at most. */
const ENQUEUE_CHUNK = 400;

function table(strapi: Core.Strapi): string {
  return strapi.db.metadata.get(NOTIFICATION_UID).tableName;
}

function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}

/** Queues messages; returns how many were new (duplicates by dedupe key are ignored). */
export async function enqueue(strapi: Core.Strapi, messages: OutgoingMessage[]): Promise<number> {
  if (!messages.length) return 0;
  const now = dbInstant(strapi, clock.now());
  const rows = messages.map((m) => ({
    document_id: randomBytes(12).toString('hex'),
    channel: m.channel,
    recipient: m.recipient,
    template: m.template,
    language: m.language,
    payload: JSON.stringify(m.payload),
    dedupe_key: m.dedupeKey,
    state: 'pending',
    attempts: 0,
    next_attempt_at: now,
    case_code: m.caseCode ?? null,
    created_at: now,
    updated_at: now,
    published_at: now,
  }));
  const inserted = await inCurrentTransaction(strapi, async (db) => {
    let count = 0;
    // In chunks: the messages of one deadline sweep batch can exceed what one INSERT may bind
    // (65,535 parameters on PostgreSQL; 500 rows in SQLite's compound SELECT).
    for (let i = 0; i < rows.length; i += ENQUEUE_CHUNK) {
      const ids = (await db(table(strapi))
        .insert(rows.slice(i, i + ENQUEUE_CHUNK))
        .onConflict('dedupe_key')
        .ignore()
        .returning('id')) as unknown[];
      count += ids.length;
    }
    return count;
  });
  if (inserted && afterQueued) {
    const hook = afterQueued;
    const kick = () => setImmediate(() => hook(strapi));
    if (strapi.db.inTransaction())
      await strapi.db.transaction(async ({ onCommit }) => onCommit(kick));
    else kick();
  }
  return inserted;
}

interface Row {
  id: number;
  channel: 'email' | 'webhook';
  recipient: string;
  template: string;
  language: 'it' | 'en';
  payload: string | Record<string, unknown> | null;
  dedupe_key: string;
  case_code: string | null;
  attempts: number;
}

async function claim(
  strapi: Core.Strapi,
  now: Date,
  limit: number
): Promise<ClaimedNotification[]> {
  return strapi.db.connection.transaction(async (trx) => {
    let query = trx(table(strapi))
      .select(
        'id',
        'channel',
        'recipient',
        'template',
        'language',
        'payload',
        'dedupe_key',
        'case_code',
        'attempts'
      )
      .whereIn('state', ['pending', 'failed'])
      .andWhere('next_attempt_at', '<=', dbInstant(strapi, now))
      .orderBy('next_attempt_at')
      .limit(limit);
    if (isPostgres(strapi)) query = query.forUpdate().skipLocked();
    const rows = (await query) as Row[];
    if (!rows.length) return [];
    await trx(table(strapi))
      .whereIn(
        'id',
        rows.map((r) => r.id)
      )
      .update({
        next_attempt_at: dbInstant(strapi, new Date(now.getTime() + LEASE_MS)),
        attempts: trx.raw('attempts + 1'),
        updated_at: dbInstant(strapi, now),
      });
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      recipient: r.recipient,
      template: r.template,
      language: r.language,
      payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : (r.payload ?? {}),
      dedupeKey: r.dedupe_key,
      caseCode: r.case_code,
      attempts: r.attempts + 1,
    }));
  });
}

export interface DispatchResult {
  sent: number;
  failed: number;
  dead: number;
}

/** Sends what is due now; returns what happened. Safe to run concurrently and repeatedly. */
export async function dispatchDue(
  strapi: Core.Strapi,
  deliver: Deliver,
  opts: { limit?: number; backoff?: BackoffOptions & { maxAttempts?: number } } = {}
): Promise<DispatchResult> {
  const now = clock.now();
  const claimed = await claim(strapi, now, opts.limit ?? 50);
  const result: DispatchResult = { sent: 0, failed: 0, dead: 0 };
  for (const message of claimed) {
    try {
      await deliver(message);
      await strapi.db
        .connection(table(strapi))
        .where({ id: message.id })
        .update({
          state: 'sent',
          sent_at: dbInstant(strapi, clock.now()),
          last_error: null,
          next_attempt_at: null,
        });
      result.sent++;
    } catch (error) {
      const next = afterFailure(message.attempts, clock.now(), opts.backoff);
      await strapi.db
        .connection(table(strapi))
        .where({ id: message.id })
        .update({
          state: next.state,
          next_attempt_at: next.nextAttemptAt ? dbInstant(strapi, next.nextAttemptAt) : null,
          last_error: String(error instanceof Error ? error.message : error).slice(0, 4000),
        });
      result[next.state === 'dead' ? 'dead' : 'failed']++;
    }
  }
  return result;
}
