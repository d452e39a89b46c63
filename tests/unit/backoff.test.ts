import { afterFailure, retryDelayMs } from '../../src/domain/backoff';

describe('retryDelayMs', () => {
  it('doubles per attempt, with the jitter between half and all of the ceiling', () => {
    expect(retryDelayMs(1, { random: () => 0 })).toBe(30_000);
    expect(retryDelayMs(1, { random: () => 1 })).toBe(60_000);
    expect(retryDelayMs(3, { random: () => 0.5 })).toBe(180_000);
  });

  it('is capped', () => {
    expect(retryDelayMs(30, { random: () => 1, maxMs: 3_600_000 })).toBe(3_600_000);
  });

  it('refuses a non-positive attempt', () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
  });
});

describe('afterFailure', () => {
  const now = new Date('2026-05-04T10:00:00Z');
  it('schedules a retry while attempts remain', () => {
    const next = afterFailure(2, now, { random: () => 0, maxAttempts: 5 });
    expect(next).toEqual({ state: 'failed', nextAttemptAt: new Date('2026-05-04T10:01:00Z') });
  });
  it('declares the message dead when the attempts are spent', () => {
    expect(afterFailure(5, now, { maxAttempts: 5 })).toEqual({
      state: 'dead',
      nextAttemptAt: null,
    });
  });
});
