/**
 * Time source abstraction: domain code asks a Clock for "now" instead of calling `new Date()`,
 * so jobs and tests can run against a controlled time.
 */
export interface Clock {
  now(): Date;
}

export interface FixedClock extends Clock {
  set(at: Date | string): void;
  advance(ms: number): void;
}

export const systemClock: Clock = { now: () => new Date() };

function toMillis(at: Date | string): number {
  const ms = (at instanceof Date ? at : new Date(at)).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`fixedClock: invalid date ${String(at)}`);
  return ms;
}

/** A clock that only moves when told to; `now()` returns a fresh copy so callers cannot mutate it. */
export function fixedClock(at: Date | string): FixedClock {
  let current = toMillis(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = toMillis(next);
    },
    advance(ms) {
      if (!Number.isFinite(ms))
        throw new RangeError('fixedClock.advance: ms must be a finite number');
      current += ms;
    },
  };
}
