import {
  IllegalTransitionError,
  allowedNextStatuses,
  isClockRunning,
  isTerminal,
  planTransition,
} from '../../src/domain/lifecycle';

const at = new Date('2026-03-10T09:00:00Z');
const later = new Date('2026-03-12T15:30:00Z');

describe('report lifecycle', () => {
  const path = ['received', 'triaged', 'assigned', 'in_progress', 'resolved', 'closed'];
  it.each(path.slice(0, -1).map((from, i) => [from, path[i + 1]]))('allows %s → %s', (from, to) => {
    expect(planTransition('report', from, to, at).to).toBe(to);
  });

  it.each([
    ['received', 'rejected'],
    ['triaged', 'rejected'],
    ['received', 'duplicate'],
    ['triaged', 'duplicate'],
    ['assigned', 'duplicate'],
    ['in_progress', 'duplicate'],
    ['resolved', 'in_progress'],
  ])('allows %s → %s', (from, to) => {
    expect(() => planTransition('report', from, to, at)).not.toThrow();
  });

  it.each([
    ['received', 'assigned'],
    ['received', 'closed'],
    ['assigned', 'rejected'],
    ['resolved', 'duplicate'],
    ['closed', 'in_progress'],
    ['rejected', 'received'],
    ['duplicate', 'triaged'],
    ['resolved', 'received'],
  ])('refuses %s → %s naming both statuses', (from, to) => {
    expect(() => planTransition('report', from, to, at)).toThrow(IllegalTransitionError);
    expect(() => planTransition('report', from, to, at)).toThrow(new RegExp(`"${from}".*"${to}"`));
  });

  it('refuses an unknown status, listing the valid ones', () => {
    expect(() => planTransition('report', 'received', 'answered', at)).toThrow(
      /not a status of a report.*triaged/
    );
  });

  it('stamps the first response once, on leaving "received"', () => {
    expect(planTransition('report', 'received', 'triaged', at).patch.firstResponseAt).toBe(
      at.toISOString()
    );
    const again = planTransition('report', 'triaged', 'assigned', later, {
      firstResponseAt: at.toISOString(),
    });
    expect(again.patch.firstResponseAt).toBeUndefined();
  });

  it('stamps resolution, clears it on reopening, and stamps closure', () => {
    expect(planTransition('report', 'in_progress', 'resolved', at).patch.resolvedAt).toBe(
      at.toISOString()
    );
    expect(planTransition('report', 'resolved', 'in_progress', later).patch).toEqual({
      resolvedAt: null,
    });
    expect(planTransition('report', 'resolved', 'closed', later).patch.closedAt).toBe(
      later.toISOString()
    );
    expect(planTransition('report', 'received', 'duplicate', at).patch.closedAt).toBe(
      at.toISOString()
    );
  });

  it('knows which statuses are final and which run the clock', () => {
    expect(['closed', 'rejected', 'duplicate'].every((s) => isTerminal('report', s))).toBe(true);
    expect(isTerminal('report', 'resolved')).toBe(false);
    expect(isClockRunning('report', 'in_progress')).toBe(true);
    expect(isClockRunning('report', 'resolved')).toBe(false);
  });
});

describe('request and complaint lifecycle', () => {
  it.each(['request', 'complaint'] as const)(
    '%s: received → assigned → answered → closed',
    (kind) => {
      let stamps = {};
      let status = 'received';
      for (const next of ['assigned', 'answered', 'closed']) {
        const plan = planTransition(kind, status, next, at, stamps);
        stamps = { ...stamps, ...plan.patch };
        status = next;
      }
      expect(stamps).toMatchObject({
        firstResponseAt: at.toISOString(),
        resolvedAt: at.toISOString(),
        closedAt: at.toISOString(),
      });
    }
  );

  it('suspension opens and closes a clock stop', () => {
    const suspend = planTransition('complaint', 'assigned', 'suspended', at);
    expect(suspend.patch.suspensions).toEqual([{ from: at.toISOString(), to: null }]);
    const resume = planTransition('complaint', 'suspended', 'assigned', later, {
      suspensions: suspend.patch.suspensions,
    });
    expect(resume.patch.suspensions).toEqual([{ from: at.toISOString(), to: later.toISOString() }]);
    expect(isClockRunning('complaint', 'suspended')).toBe(false);
  });

  it('keeps earlier suspensions when suspended again', () => {
    const earlier = [{ from: '2026-01-01T00:00:00.000Z', to: '2026-01-05T00:00:00.000Z' }];
    const plan = planTransition('request', 'assigned', 'suspended', at, { suspensions: earlier });
    expect(plan.patch.suspensions).toHaveLength(2);
  });

  it.each([
    ['received', 'answered'],
    ['suspended', 'answered'],
    ['answered', 'assigned'],
    ['closed', 'assigned'],
    ['rejected', 'assigned'],
  ])('refuses %s → %s', (from, to) => {
    expect(() => planTransition('request', from, to, at)).toThrow(IllegalTransitionError);
  });

  it('rejection is possible before the answer and is final', () => {
    expect(allowedNextStatuses('complaint', 'suspended')).toContain('rejected');
    expect(allowedNextStatuses('complaint', 'rejected')).toEqual([]);
    expect(planTransition('complaint', 'received', 'rejected', at).patch.closedAt).toBe(
      at.toISOString()
    );
  });
});
