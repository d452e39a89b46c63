import { reportScore, reputationOf, type QualifiedReport } from '../../src/domain/reputation';

const accurate: QualifiedReport = { accuracy: 'accurate' };

describe('reputationOf', () => {
  it('starts a newcomer at the neutral prior', () => {
    const r = reputationOf([]);
    expect(r.score).toBe(0.5);
    expect(r.counts.total).toBe(0);
    expect(r.flagged).toBe(false);
    expect(r.recognised).toBe(false);
  });

  it('is a Bayesian average: one report moves it a little, many move it a lot', () => {
    // (0.5 × 5 + 1) / 6
    expect(reputationOf([accurate]).score).toBeCloseTo(0.583, 3);
    // (2.5 + 20) / 25
    expect(reputationOf(Array(20).fill(accurate)).score).toBeCloseTo(0.9, 3);
  });

  it('counts a fake twice and at zero', () => {
    // (2.5 + 0 × 2) / 7
    const r = reputationOf([{ accuracy: 'fake' }]);
    expect(r.score).toBeCloseTo(0.357, 3);
    expect(r.counts.fake).toBe(1);
  });

  it('scores partial and inaccurate reports in between', () => {
    expect(reportScore({ accuracy: 'partly_accurate' }).score).toBe(0.6);
    expect(reportScore({ accuracy: 'inaccurate' }).score).toBe(0.25);
  });

  it('penalises an urgency overstated by two steps or more, not one', () => {
    expect(
      reportScore({ accuracy: 'accurate', declaredUrgency: 5, assessedUrgency: 3 }).score
    ).toBeCloseTo(2 / 3);
    expect(
      reportScore({ accuracy: 'accurate', declaredUrgency: 4, assessedUrgency: 3 }).score
    ).toBe(1);
    expect(
      reportScore({ accuracy: 'accurate', declaredUrgency: 1, assessedUrgency: 5 }).score
    ).toBe(1);
  });

  it('flags for moderation only after enough reports', () => {
    const fakes = (n: number) => Array<QualifiedReport>(n).fill({ accuracy: 'fake' });
    expect(reputationOf(fakes(4)).flagged).toBe(false); // 4 reports < 5
    const five = reputationOf(fakes(5));
    expect(five.score).toBeLessThan(0.3);
    expect(five.flagged).toBe(true);
  });

  it('recognises reliable reporters with enough reports', () => {
    expect(reputationOf(Array(4).fill(accurate)).recognised).toBe(false);
    expect(reputationOf(Array(12).fill(accurate)).recognised).toBe(true);
  });

  it('follows custom rules', () => {
    const r = reputationOf([accurate], {
      prior: 0.2,
      priorWeight: 1,
      flagBelow: 0.5,
      flagAfterReports: 1,
      recogniseFrom: 0.9,
    });
    expect(r.score).toBeCloseTo(0.6, 3);
    expect(r.flagged).toBe(false);
  });
});
