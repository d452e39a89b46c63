/**
 * The process's clock. Production uses the system clock; tests and jobs inject their own
 * (DESIGN.md: time comes from an injectable clock).
 */
import { systemClock, type Clock } from '../domain/clock';

let current: Clock = systemClock;

export const clock: Clock = { now: () => current.now() };

export function useClock(next: Clock): void {
  current = next;
}

export function resetClock(): void {
  current = systemClock;
}
