import {
  BAND_FLOORS,
  EMERGENCY_FLOOR,
  bandOf,
  bandRange,
  elapsedStep,
  priorityOf,
  reliabilityFactor,
  reportersTerm,
  type PriorityInput,
} from '../../src/domain/priority';

const received = new Date('2026-03-02T08:00:00Z');
const due = new Date('2026-03-12T08:00:00Z'); // ten days
const base: PriorityInput = { declaredUrgency: 3, reporters: 1, receivedAt: received, dueAt: due };
const at = (days: number) => new Date(received.getTime() + days * 86_400_000);

describe('priorityOf', () => {
  it('scores a fresh, neutral, single report by its urgency only', () => {
    // 4000 × (3 − 1) / 4 = 2000, no reporters bonus, no time gone, reliability 1.
    expect(priorityOf(base, received).score).toBe(2000);
    expect(priorityOf({ ...base, declaredUrgency: 5 }, received).score).toBe(4000);
    expect(priorityOf({ ...base, declaredUrgency: 1 }, received).score).toBe(0);
  });

  it('uses the assessed urgency once known, instead of the declared one', () => {
    const assessed = priorityOf({ ...base, declaredUrgency: 5, assessedUrgency: 2 }, received);
    expect(assessed.score).toBe(1000);
  });

  it('rises with the number of citizens behind the report, up to 32', () => {
    const scores = [1, 2, 4, 8, 16, 32, 64].map(
      (n) => priorityOf({ ...base, reporters: n }, received).score
    );
    for (let i = 1; i < 6; i++) expect(scores[i]).toBeGreaterThan(scores[i - 1]);
    expect(scores[6]).toBe(scores[5]); // capped
    expect(scores[5] - scores[0]).toBe(2500);
    // 20 reporters of the same pothole: 2500 × log2(20) / 5 = 2161 more.
    expect(priorityOf({ ...base, reporters: 20 }, received).score).toBe(2000 + 2161);
  });

  it('rises as the service level runs out, in quarter steps, and says when it next changes', () => {
    const fresh = priorityOf(base, at(2));
    expect(fresh.score).toBe(2000);
    expect(fresh.reviewAt).toEqual(at(2.5));
    const quarter = priorityOf(base, at(2.5));
    expect(quarter.score).toBe(2000 + Math.round((3500 * 0.25) / 1.5));
    expect(quarter.reviewAt).toEqual(at(5));
    const overdue = priorityOf(base, at(15));
    expect(overdue.score).toBe(2000 + 3500);
    expect(overdue.reviewAt).toBeNull(); // capped at 150 %: nothing changes any more
  });

  it('ignores time when there is no due date', () => {
    const p = priorityOf({ ...base, dueAt: null }, at(100));
    expect(p.score).toBe(2000);
    expect(p.reviewAt).toBeNull();
  });

  it('weighs reporters’ reliability as a bounded factor (±20 %)', () => {
    expect(reliabilityFactor(0.5)).toBeCloseTo(1);
    expect(reliabilityFactor(0)).toBeCloseTo(0.8);
    expect(reliabilityFactor(1)).toBeCloseTo(1.2);
    expect(reliabilityFactor(7)).toBeCloseTo(1.2);
    expect(reliabilityFactor(null)).toBeCloseTo(1);
    expect(priorityOf({ ...base, reputation: 0 }, received).score).toBe(1600);
    expect(priorityOf({ ...base, reputation: 1 }, received).score).toBe(2400);
  });

  it('puts every emergency above every ordinary report, even from a distrusted reporter', () => {
    const worstEmergency = priorityOf(
      { ...base, emergency: true, declaredUrgency: 1, reputation: 0 },
      received
    );
    const bestOrdinary = priorityOf(
      { ...base, declaredUrgency: 5, reporters: 1000, reputation: 1 },
      at(30)
    );
    expect(worstEmergency.score).toBeGreaterThanOrEqual(EMERGENCY_FLOOR);
    expect(bestOrdinary.score).toBeLessThan(EMERGENCY_FLOOR);
    expect(bestOrdinary.score).toBe(12000);
    expect(worstEmergency.band).toBe('emergency');
  });
});

describe('bands', () => {
  it('maps scores to bands by their floors', () => {
    expect(bandOf(0)).toBe('low');
    expect(bandOf(BAND_FLOORS.medium - 1)).toBe('low');
    expect(bandOf(BAND_FLOORS.medium)).toBe('medium');
    expect(bandOf(BAND_FLOORS.high)).toBe('high');
    expect(bandOf(EMERGENCY_FLOOR)).toBe('emergency');
  });

  it('gives contiguous ranges for queue filters', () => {
    expect(bandRange('emergency')).toEqual({ min: EMERGENCY_FLOOR, max: null });
    expect(bandRange('high')).toEqual({ min: BAND_FLOORS.high, max: EMERGENCY_FLOOR });
    expect(bandRange('low')).toEqual({ min: 0, max: BAND_FLOORS.medium });
  });
});

describe('terms', () => {
  it('counts at least one reporter', () => {
    expect(reportersTerm(0)).toBe(0);
    expect(reportersTerm(1)).toBe(0);
    expect(reportersTerm(32)).toBe(1);
  });

  it('treats a due date at or before reception as fully elapsed', () => {
    expect(elapsedStep(received, received, received)).toEqual({ step: 1.5, nextAt: null });
  });
});
