/**
 * Retry delays of the outbox: exponential with "equal jitter" (half fixed, half random), so a
 * burst of failures does not retry in lockstep, capped so a message is retried at least every few
 * hours until it is declared dead.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 60_000, maxMs: 6 * 3_600_000 };
export const MAX_DELIVERY_ATTEMPTS = 8;

/** Delay before retry number `attempt` (1 = the first retry after the first failure). */
export function retryDelayMs(attempt: number, opts: BackoffOptions = {}): number {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError('attempt must be an integer ≥ 1');
  const base = opts.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const max = opts.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const random = opts.random ?? Math.random;
  const ceiling = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** After a failed attempt: retry later, or give up once the attempts are spent. */
export function afterFailure(
  attempts: number,
  now: Date,
  opts: BackoffOptions & { maxAttempts?: number } = {}
): { state: 'failed'; nextAttemptAt: Date } | { state: 'dead'; nextAttemptAt: null } {
  if (attempts >= (opts.maxAttempts ?? MAX_DELIVERY_ATTEMPTS))
    return { state: 'dead', nextAttemptAt: null };
  return { state: 'failed', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, opts)) };
}
