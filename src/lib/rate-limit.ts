/**
 * Rate limits on the public intake (POST /api/reports, /api/requests, /api/complaints), built on
 * rate-limiter-flexible. Every attempt, valid or not, spends one point of two budgets: the client
 * IP's and the contact email's. A spent budget is a 429 with Retry-After, answered before the body
 * is validated and before anything is written.
 *
 * Where the counters live:
 * - PostgreSQL: the table `bc_rate_limits`, shared by every instance on the database. The table is
 *   created at bootstrap (`ensureRateLimitTable`) under an advisory lock, so instances booting
 *   together do not race, and the limiters are told it exists (`tableCreated: true`). Should the
 *   database fail during a check, the library falls back to a per-process memory limiter.
 * - SQLite: the process's memory (RateLimiterMemory). Counts are per process and start again at
 *   every restart; a SQLite installation runs one instance, so that is the whole server.
 *
 * Keys are SHA-256 digests of the IP and of the lower-cased email: the table holds no addresses,
 * and no key outgrows the table's varchar(255) whatever a client sends.
 */
import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { sendError } from './http-errors';
import { settings, type RateLimitRule } from './settings';

export const RATE_LIMIT_TABLE = 'bc_rate_limits';
export const IP_KEY_PREFIX = 'intake_ip';
export const EMAIL_KEY_PREFIX = 'intake_email';

/** Rows expired for an hour are deleted, by each instance at most this often (on a request). */
const CLEANUP_EVERY_MS = 5 * 60 * 1000;
const CLEANUP_AFTER_MS = 60 * 60 * 1000;

interface Limiters {
  ip: RateLimiterAbstract;
  email: RateLimiterAbstract;
  /** PostgreSQL only: when this instance last deleted expired rows. */
  lastCleanup?: number;
}

const instances = new WeakMap<object, Limiters | null>();

const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

function tableIdentifier(strapi: Core.Strapi): string {
  const schema = strapi.db.getSchemaName();
  return schema ? `"${schema}"."${RATE_LIMIT_TABLE}"` : `"${RATE_LIMIT_TABLE}"`;
}

/**
 * Creates the counters' table on PostgreSQL (bootstrap). Its columns are the ones
 * RateLimiterPostgres expects. `CREATE TABLE IF NOT EXISTS` alone fails when two instances run
 * it at the same moment (a unique violation on pg_type), so it runs under an advisory lock.
 */
export async function ensureRateLimitTable(strapi: Core.Strapi): Promise<void> {
  if (!isPostgres(strapi)) return;
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [RATE_LIMIT_TABLE]);
    await trx.raw(
      `CREATE TABLE IF NOT EXISTS ${tableIdentifier(strapi)} (
         key varchar(255) PRIMARY KEY,
         points integer NOT NULL DEFAULT 0,
         expire bigint
       )`
    );
  });
}

function createLimiter(strapi: Core.Strapi, keyPrefix: string, rule: RateLimitRule) {
  const opts = { keyPrefix, points: rule.points, duration: rule.durationSeconds };
  if (!isPostgres(strapi)) return new RateLimiterMemory(opts);
  return new RateLimiterPostgres({
    ...opts,
    // Strapi's knex: the limiter borrows a pooled connection per query and gives it back.
    storeClient: strapi.db.connection,
    storeType: 'knex',
    tableName: RATE_LIMIT_TABLE,
    schemaName: strapi.db.getSchemaName(),
    tableCreated: true,
    // Its own cleanup timer would outlive strapi.destroy(); expired rows are deleted below.
    clearExpiredByTimeout: false,
    insuranceLimiter: new RateLimiterMemory(opts),
  });
}

function limiters(strapi: Core.Strapi): Limiters | null {
  let entry = instances.get(strapi);
  if (entry === undefined) {
    const cfg = settings(strapi).rateLimit;
    entry = cfg?.enabled
      ? {
          ip: createLimiter(strapi, IP_KEY_PREFIX, cfg.perIp),
          email: createLimiter(strapi, EMAIL_KEY_PREFIX, cfg.perEmail),
        }
      : null;
    instances.set(strapi, entry);
  }
  return entry;
}

/**
 * Forgets this instance's limiters: the next attempt builds them again from the configuration
 * (tests change `benecomune.rateLimit` at runtime). Counters in the shared table are kept; those
 * of the memory limiters start again.
 */
export function resetRateLimiters(strapi: Core.Strapi): void {
  instances.delete(strapi);
}

/** The key under which a value is counted: its SHA-256 digest (hex). */
export function rateLimitKey(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function parseObject(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * The contact email of an intake body, lower-cased as the intake stores it: `contact.email` of a
 * JSON body, of the JSON string in the multipart field `data`, or of a multipart `contact` field
 * holding JSON. Null when there is none (validation will say so later).
 */
export function intakeEmail(body: unknown): string | null {
  let input = parseObject(body);
  if (input && typeof input.data === 'string') input = parseObject(input.data);
  const contact = parseObject(input?.contact);
  const email = contact?.email;
  if (typeof email !== 'string') return null;
  return email.trim().toLowerCase() || null;
}

export interface RateLimitRefusal {
  /** the body field to blame: contact.email for the email budget, none for the IP's */
  field?: string;
  retryAfterSeconds: number;
}

function deleteExpired(strapi: Core.Strapi, entry: Limiters): void {
  const now = Date.now();
  if (!isPostgres(strapi) || now - (entry.lastCleanup ?? 0) < CLEANUP_EVERY_MS) return;
  entry.lastCleanup = now;
  strapi.db.connection
    .raw(`DELETE FROM ${tableIdentifier(strapi)} WHERE expire < ?`, [now - CLEANUP_AFTER_MS])
    .catch((error: unknown) => strapi.log.warn(`rate limit cleanup failed: ${error}`));
}

/**
 * Spends one point of the IP's budget and one of the email's. Null when the attempt may go on;
 * otherwise which budget is spent (the email's first) and when the client may try again.
 */
export async function consumeIntakeAttempt(
  strapi: Core.Strapi,
  ip: string,
  email: string | null
): Promise<RateLimitRefusal | null> {
  const entry = limiters(strapi);
  if (!entry) return null;
  deleteExpired(strapi, entry);
  const checks: [string | undefined, Promise<RateLimiterRes>][] = [
    [undefined, entry.ip.consume(rateLimitKey(ip || 'unknown'))],
  ];
  if (email) checks.push(['contact.email', entry.email.consume(rateLimitKey(email))]);
  const outcomes = await Promise.allSettled(checks.map(([, check]) => check));

  const refused: RateLimitRefusal[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === 'fulfilled') continue;
    if (outcome.reason instanceof RateLimiterRes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(outcome.reason.msBeforeNext / 1000));
      refused.push({ field: checks[i][0], retryAfterSeconds });
    } else {
      // Neither the store nor the memory fallback answered: let the attempt through.
      strapi.log.warn(`rate limit check failed: ${outcome.reason}`);
    }
  }
  if (!refused.length) return null;
  return {
    // When both budgets are spent the email is named: it is what the citizen can act on.
    field: refused.find((r) => r.field)?.field,
    retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)),
  };
}

function waitText(seconds: number): string {
  if (seconds < 90) return 'a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

function refusalMessage(strapi: Core.Strapi, refusal: RateLimitRefusal): string {
  const who = refusal.field ? 'this email address' : 'your connection';
  return (
    `We are sorry: we have received too many submissions from ${who} in a short time. ` +
    `Please try again in ${waitText(refusal.retryAfterSeconds)}, or contact the URP by phone ` +
    `or at the counter. If anyone is in danger, call ${settings(strapi).emergency.callNumber} now.`
  );
}

/** Strapi 5.54 names its API-token strategy `content-api-token` (earlier 5.x: `api-token`). */
export const API_TOKEN_STRATEGIES = new Set(['content-api-token', 'api-token']);

/** Requests authenticated with an API token come from staff integrations, not the public. */
export function isStaffIntegration(ctx: Context): boolean {
  const state = ctx.state as { auth?: { strategy?: { name?: string } } };
  return API_TOKEN_STRATEGIES.has(state.auth?.strategy?.name ?? '');
}

/**
 * The intake's first step: true when the attempt may go on; otherwise a 429 with Retry-After
 * has been answered and the caller stops.
 */
export async function allowIntakeAttempt(strapi: Core.Strapi, ctx: Context): Promise<boolean> {
  if (isStaffIntegration(ctx)) return true;
  const body = (ctx.request as unknown as { body?: unknown }).body;
  const refusal = await consumeIntakeAttempt(strapi, ctx.request.ip, intakeEmail(body));
  if (!refusal) return true;
  ctx.set('Retry-After', String(refusal.retryAfterSeconds));
  sendError(ctx, 429, refusalMessage(strapi, refusal), refusal.field);
  return false;
}
