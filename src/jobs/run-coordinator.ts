/**
 * Elects one instance per scheduled fire. node-cron (`distributed: true`) asks the coordinator
 * `shouldRun(key, ttlMs)` before each fire, with key `<task name>:<slot as ISO>`, and calls
 * `onComplete(key)` after the run. We keep one lease row per fire in `bc_job_runs`:
 *
 * - the first instance to insert the key holds the fire until `expires_at`;
 * - a row still unfinished after its lease expired belongs to a runner that died: a later caller
 *   may take it over (the same upsert, its WHERE lets the update through);
 * - a finished row is never taken again, so a fire never runs twice to completion.
 *
 * Why a row and not `pg_advisory_lock`: see docs/ARCHITECTURE.md ("Running jobs on several
 * instances"); in short, a session lock lives on one connection, and Strapi's pool hands out a
 * connection per query. The lease is a single atomic statement, the same on SQLite (≥ 3.35, for
 * RETURNING) and PostgreSQL, and needs no connection held across the run.
 *
 * The lease only elects a runner; each job still claims its rows (FOR UPDATE SKIP LOCKED, dedupe
 * keys), so two runs at once (clock skew, a lease that expired mid-run) do nothing twice.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import type { RunCoordinator } from 'node-cron';
import type { Clock } from '../domain/clock';
import { clock as processClock } from '../lib/clock';

export const JOB_RUNS_TABLE = 'bc_job_runs';

const DAY_MS = 24 * 60 * 60 * 1000;
/** node-cron's own default lease, used when a caller passes no usable ttl. */
const DEFAULT_TTL_MS = 5 * 60 * 1000;

export interface LeaseRunCoordinatorOptions {
  knex: Knex;
  /** PostgreSQL schema of the table, when not the search path's (Strapi's DATABASE_SCHEMA). */
  schema?: string;
  /** Defaults to the process's injectable clock (src/lib/clock.ts). */
  clock?: Clock;
  /** This instance's name in the table; defaults to hostname:pid:random. */
  holder?: string;
  /** Rows whose lease ended this long ago are deleted. */
  keepMs?: number;
  /** Pruning runs on the way, at most this often per instance. */
  pruneEveryMs?: number;
  /** Where a failed prune is reported (it never fails the election). */
  warn?: (message: string) => void;
}

export const isPostgresKnex = (knex: Knex): boolean =>
  (knex.client as { dialect?: string }).dialect === 'postgresql';

function tableName(schema?: string): string {
  return schema ? `"${schema}"."${JOB_RUNS_TABLE}"` : `"${JOB_RUNS_TABLE}"`;
}

/**
 * Creates the lease table (bootstrap, after Strapi's schema sync). Times are `timestamptz` on
 * PostgreSQL; SQLite gives the type numeric affinity and knex binds a Date as epoch milliseconds
 * there, Strapi's own convention. On PostgreSQL two instances booting together can collide in
 * `CREATE TABLE IF NOT EXISTS` (a unique violation on pg_type), hence the transaction lock.
 */
export async function ensureJobTables(knex: Knex, schema?: string): Promise<void> {
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${tableName(schema)} (
       key text PRIMARY KEY,
       holder text NOT NULL,
       started_at timestamptz NOT NULL,
       expires_at timestamptz NOT NULL,
       finished_at timestamptz
     )`,
    `CREATE INDEX IF NOT EXISTS "bc_job_runs_expires" ON ${tableName(schema)} (expires_at)`,
  ];
  if (!isPostgresKnex(knex)) {
    for (const sql of statements) await knex.raw(sql);
    return;
  }
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [JOB_RUNS_TABLE]);
    for (const sql of statements) await trx.raw(sql);
  });
}

/** hostname:pid:random — readable in the table, unique even for two coordinators in a process. */
export function createHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Rows of a raw query: PostgreSQL answers `{ rows }`, better-sqlite3 an array. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] } | undefined)?.rows ?? []) as T[];
}

export class LeaseRunCoordinator implements RunCoordinator {
  readonly holder: string;
  private readonly knex: Knex;
  private readonly table: string;
  private readonly clock: Clock;
  private readonly keepMs: number;
  private readonly pruneEveryMs: number;
  private readonly warn: (message: string) => void;
  private lastPrunedAt: number | undefined;

  constructor(options: LeaseRunCoordinatorOptions) {
    this.knex = options.knex;
    this.table = tableName(options.schema);
    this.clock = options.clock ?? processClock;
    this.holder = options.holder ?? createHolderId();
    this.keepMs = options.keepMs ?? 7 * DAY_MS;
    this.pruneEveryMs = options.pruneEveryMs ?? 60 * 60 * 1000;
    this.warn = options.warn ?? (() => undefined);
  }

  /**
   * One atomic upsert: a new key is inserted (elected); an existing one is updated, and so taken
   * over, only when unfinished and expired. PostgreSQL serialises two inserts of one key on the
   * primary key: the second sees the first's row and its WHERE refuses it. RETURNING answers a
   * row only to the caller that wrote it.
   */
  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const ttl = Number.isFinite(ttlMs) && ttlMs > 0 ? ttlMs : DEFAULT_TTL_MS;
    const expires = new Date(now.getTime() + ttl);
    const result = await this.knex.raw(
      `INSERT INTO ${this.table} AS runs (key, holder, started_at, expires_at, finished_at)
       VALUES (?, ?, ?, ?, NULL)
       ON CONFLICT (key) DO UPDATE
         SET holder = excluded.holder, started_at = excluded.started_at,
             expires_at = excluded.expires_at
         WHERE runs.finished_at IS NULL AND runs.expires_at < excluded.started_at
       RETURNING holder`,
      [key, this.holder, now, expires]
    );
    const elected = rowsOf<{ holder: string }>(result).some((r) => r.holder === this.holder);
    await this.pruneNowAndThen(now);
    return elected;
  }

  /** Marks the fire done, if this instance still holds it (not taken over after expiry). */
  async onComplete(key: string): Promise<void> {
    await this.knex.raw(
      `UPDATE ${this.table} SET finished_at = ?
       WHERE key = ? AND holder = ? AND finished_at IS NULL`,
      [this.clock.now(), key, this.holder]
    );
  }

  /** Deletes rows whose lease ended more than `keepMs` ago; their slots never fire again. */
  async prune(now: Date = this.clock.now()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.keepMs);
    const result = await this.knex.raw(`DELETE FROM ${this.table} WHERE expires_at < ?`, [cutoff]);
    this.lastPrunedAt = now.getTime();
    // better-sqlite3 reports `changes`, pg `rowCount`.
    const info = result as { rowCount?: number; changes?: number };
    return info.rowCount ?? info.changes ?? 0;
  }

  /** Housekeeping must never cost a fire: a failed prune is retried next time. */
  private async pruneNowAndThen(now: Date): Promise<void> {
    const last = this.lastPrunedAt;
    if (last !== undefined && now.getTime() - last < this.pruneEveryMs && now.getTime() >= last) {
      return;
    }
    try {
      await this.prune(now);
    } catch (error) {
      this.lastPrunedAt = undefined;
      this.warn(`${JOB_RUNS_TABLE}: pruning failed, retried on the next fire: ${error}`);
    }
  }
}
