import { createCalendar } from '../../src/domain/calendar';
import { scheduleCase } from '../../src/domain/case-schedule';
import { isUrgent } from '../../src/domain/urgency';

const calendar = createCalendar({ timeZone: 'Europe/Rome', localHolidays: ['06-17'] });
const receivedAt = new Date('2026-06-02T10:00:00Z'); // Festa della Repubblica, a Tuesday

describe('scheduleCase', () => {
  it('runs the clock of an open report to its due date', () => {
    const s = scheduleCase(
      { kind: 'report', state: 'assigned', receivedAt, serviceLevel: { resolutionDays: 15 } },
      calendar
    );
    // 2 + 15 = 17 June, San Ranieri in Pisa: moved to Thursday 18 June, end of day (UTC+2).
    expect(s.dueAt?.toISOString()).toBe('2026-06-18T21:59:59.999Z');
    // Received on a holiday: three working days to a first response end on Friday 5 June.
    expect(s.firstResponseDueAt?.toISOString()).toBe('2026-06-05T21:59:59.999Z');
    expect(s.nextActionAt).toEqual(s.firstResponseDueAt);
    const answered = scheduleCase(
      {
        kind: 'report',
        state: 'assigned',
        receivedAt,
        serviceLevel: { resolutionDays: 15 },
        firstResponseAt: receivedAt,
        stepsDoneUntil: new Date('2026-06-20T00:00:00Z'),
      },
      calendar
    );
    // After the due date and its first escalation, the next step is the second escalation.
    expect(answered.firstResponseDueAt).toBeNull();
    expect(answered.nextActionAt?.toISOString()).toBe('2026-06-25T21:59:59.999Z');
  });

  it('stops the clock of resolved, closed and suspended cases', () => {
    for (const [kind, state] of [
      ['report', 'resolved'],
      ['report', 'closed'],
      ['request', 'answered'],
      ['complaint', 'suspended'],
    ] as const) {
      expect(scheduleCase({ kind, state, receivedAt }, calendar).nextActionAt).toBeNull();
    }
  });

  it('uses hours for urgent reports only', () => {
    const urgent = {
      emergency: false,
      declaredUrgency: 5,
      serviceLevel: { resolutionDays: 10, urgentResolutionHours: 4 },
    };
    expect(
      scheduleCase(
        { kind: 'report', state: 'received', receivedAt, ...urgent },
        calendar
      ).dueAt?.toISOString()
    ).toBe('2026-06-02T14:00:00.000Z');
    const asRequest = scheduleCase(
      { kind: 'request', state: 'received', receivedAt, ...urgent },
      calendar
    );
    expect(asRequest.dueAt?.toISOString()).toBe('2026-06-12T21:59:59.999Z');
  });
});

describe('isUrgent', () => {
  it('emergency or urgency 4–5; the assessment replaces the declaration', () => {
    expect(isUrgent({ emergency: true, declaredUrgency: 1 })).toBe(true);
    expect(isUrgent({ declaredUrgency: 4 })).toBe(true);
    expect(isUrgent({ declaredUrgency: 3 })).toBe(false);
    expect(isUrgent({ declaredUrgency: 5, assessedUrgency: 2 })).toBe(false);
    expect(isUrgent({ declaredUrgency: 1, assessedUrgency: 4 })).toBe(true);
  });
});
