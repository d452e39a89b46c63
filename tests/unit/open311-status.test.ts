import {
  clientStatus,
  mySocietyStatus,
  open311Status,
  statesFor,
} from '../../src/domain/open311/status';

describe('report states through Open311', () => {
  it.each([
    ['received', 'open', 'open'],
    ['triaged', 'open', 'investigating'],
    ['assigned', 'open', 'action_scheduled'],
    ['in_progress', 'open', 'in_progress'],
    ['resolved', 'closed', 'fixed'],
    ['closed', 'closed', 'closed'],
    ['rejected', 'closed', 'no_further_action'],
    ['duplicate', 'closed', 'duplicate'],
  ])('%s is %s, and %s for mySociety', (state, status, mySociety) => {
    expect(open311Status(state)).toBe(status);
    expect(mySocietyStatus(state)).toBe(mySociety);
  });

  it('a report closed after its fix is fixed', () => {
    expect(mySocietyStatus('closed', true)).toBe('fixed');
  });

  it('selects the states of a status filter', () => {
    expect(statesFor(['open']).sort()).toEqual(['assigned', 'in_progress', 'received', 'triaged']);
    expect(statesFor(['closed']).sort()).toEqual(['closed', 'duplicate', 'rejected', 'resolved']);
    expect(statesFor([])).toEqual([]);
  });

  it('reads the statuses clients send, in any case', () => {
    expect(clientStatus('fixed')).toEqual({ status: 'FIXED', closing: true });
    expect(clientStatus('Not Councils Responsibility')).toEqual({
      status: 'NOT_COUNCILS_RESPONSIBILITY',
      closing: true,
    });
    expect(clientStatus('OPEN')).toEqual({ status: 'OPEN', closing: false });
    expect(clientStatus('in_progress')).toEqual({ status: 'IN_PROGRESS', closing: false });
    expect(clientStatus('maybe')).toBeNull();
  });
});
