import { createCalendar } from '../../src/domain/calendar';
import {
  DEFAULT_DEADLINE_POLICY,
  deadlineSteps,
  dueSteps,
  nextActionAt,
  type DeadlineCase,
} from '../../src/domain/deadlines';

const calendar = createCalendar({ timeZone: 'Europe/Rome', localHolidays: ['06-17'] });
const policy = DEFAULT_DEADLINE_POLICY;
const iso = (d: Date) => d.toISOString();

/** A request received Monday 2 March 2026, 10:00 in Rome, due 30 days later. */
const request = (over: Partial<DeadlineCase> = {}): DeadlineCase => ({
  kind: 'request',
  state: 'assigned',
  receivedAt: new Date('2026-03-02T09:00:00Z'),
  dueAt: new Date('2026-04-01T21:59:59.999Z'), // Wednesday 1 April, end of day (UTC+2 since 29 March)
  urgent: false,
  firstResponseAt: null,
  resolvedAt: null,
  escalationLevel: 0,
  ratingInvitedAt: null,
  ...over,
});

const at = (steps: { key: string; at: Date }[]) => steps.map((s) => [s.key, iso(s.at)]);

describe('deadlineSteps', () => {
  it('plans first response, two reminders on working mornings and two escalation levels', () => {
    expect(at(deadlineSteps(request(), policy, calendar))).toEqual([
      // Three working days: Thursday 5 March, end of day (UTC+1).
      ['first_response', '2026-03-05T22:59:59.999Z'],
      // 10 days before is Sunday 22 March: Friday 20 March at 08:00 (UTC+1).
      ['reminder:P10D:2026-04-01', '2026-03-20T07:00:00.000Z'],
      // 3 days before is Sunday 29 March (DST starts): Friday 27 March at 08:00 (UTC+1).
      ['reminder:P3D:2026-04-01', '2026-03-27T07:00:00.000Z'],
      ['escalation:1', '2026-04-01T21:59:59.999Z'],
      ['escalation:2', '2026-04-08T21:59:59.999Z'],
    ]);
  });

  it('moves a reminder off a holiday to the working day before it', () => {
    // Due Thursday 16 April 2026: 10 days before is Easter Monday (6 April), a national holiday.
    const steps = deadlineSteps(
      request({ dueAt: new Date('2026-04-16T21:59:59.999Z'), firstResponseAt: new Date() }),
      policy,
      calendar
    );
    expect(at(steps.filter((s) => s.kind === 'reminder'))[0]).toEqual([
      'reminder:P10D:2026-04-16',
      '2026-04-03T06:00:00.000Z', // Friday 3 April, 08:00 (UTC+2)
    ]);
  });

  it("counts the first response in working days, skipping the city's holidays", () => {
    // Received Monday 15 June 2026: 17 June is San Ranieri in Pisa.
    const steps = deadlineSteps(
      request({
        receivedAt: new Date('2026-06-15T08:00:00Z'),
        dueAt: new Date('2026-07-15T21:59:59.999Z'),
      }),
      policy,
      calendar
    );
    // Tuesday 16, (17 off), Thursday 18, Friday 19: end of Friday 19 June (UTC+2).
    expect(iso(steps[0].at)).toBe('2026-06-19T21:59:59.999Z');
  });

  it('uses the topic first-response days when it has them', () => {
    const steps = deadlineSteps(request({ firstResponseDays: 1 }), policy, calendar);
    expect(iso(steps[0].at)).toBe('2026-03-03T22:59:59.999Z');
  });

  it('drops reminders that would fall before the case was received', () => {
    const short = request({
      receivedAt: new Date('2026-03-25T09:00:00Z'),
      firstResponseAt: new Date('2026-03-25T10:00:00Z'),
    });
    expect(deadlineSteps(short, policy, calendar).map((s) => s.key)).toEqual([
      'reminder:P3D:2026-04-01',
      'escalation:1',
      'escalation:2',
    ]);
  });

  it('reminds urgent reports on hours before their due time', () => {
    const urgent: DeadlineCase = {
      ...request(),
      kind: 'report',
      state: 'in_progress',
      urgent: true,
      receivedAt: new Date('2026-03-02T09:00:00Z'),
      dueAt: new Date('2026-03-04T09:00:00Z'),
      firstResponseAt: new Date('2026-03-02T09:30:00Z'),
    };
    expect(at(deadlineSteps(urgent, policy, calendar))).toEqual([
      ['reminder:PT24H:2026-03-04', '2026-03-03T09:00:00.000Z'],
      ['escalation:1', '2026-03-04T09:00:00.000Z'],
      ['escalation:2', '2026-03-11T09:00:00.000Z'],
    ]);
  });

  it('plans only the escalations above the level reached', () => {
    const steps = deadlineSteps(
      request({ escalationLevel: 1, firstResponseAt: new Date() }),
      policy,
      calendar
    );
    expect(steps.filter((s) => s.kind === 'escalation').map((s) => s.level)).toEqual([2]);
    expect(
      deadlineSteps(
        request({ escalationLevel: 2, firstResponseAt: new Date() }),
        policy,
        calendar
      ).filter((s) => s.kind === 'escalation')
    ).toEqual([]);
  });

  it('plans nothing while suspended, and nothing for rejected cases', () => {
    expect(deadlineSteps(request({ state: 'suspended', dueAt: null }), policy, calendar)).toEqual(
      []
    );
    expect(deadlineSteps(request({ state: 'rejected' }), policy, calendar)).toEqual([]);
  });

  it('invites to rate days after resolution, once, and not after a reopening', () => {
    const resolvedAt = new Date('2026-03-20T10:00:00Z');
    const resolved: DeadlineCase = { ...request(), kind: 'report', state: 'resolved', resolvedAt };
    expect(at(deadlineSteps(resolved, policy, calendar))).toEqual([
      ['satisfaction', '2026-03-23T10:00:00.000Z'],
    ]);
    expect(deadlineSteps({ ...resolved, state: 'closed' }, policy, calendar)).toHaveLength(1);
    expect(deadlineSteps({ ...resolved, ratingInvitedAt: new Date() }, policy, calendar)).toEqual(
      []
    );
    // Reopened: back in progress, the resolution cleared; the deadline steps run again instead.
    const reopened = {
      ...resolved,
      state: 'in_progress',
      resolvedAt: null,
      firstResponseAt: resolvedAt,
    };
    expect(deadlineSteps(reopened, policy, calendar).some((s) => s.kind === 'satisfaction')).toBe(
      false
    );
    const answered = request({ state: 'answered', resolvedAt, firstResponseAt: resolvedAt });
    expect(
      deadlineSteps(answered, { ...policy, satisfactionDelayDays: 5 }, calendar)[0].at
    ).toEqual(new Date('2026-03-25T10:00:00Z'));
  });

  it('follows the configured offsets', () => {
    const custom = { ...policy, reminderDays: [5], secondEscalationDays: 2, reminderHour: 9 };
    expect(at(deadlineSteps(request({ firstResponseAt: new Date() }), custom, calendar))).toEqual([
      ['reminder:P5D:2026-04-01', '2026-03-27T08:00:00.000Z'], // Friday 27 March, 09:00 (UTC+1)
      ['escalation:1', '2026-04-01T21:59:59.999Z'],
      ['escalation:2', '2026-04-03T21:59:59.999Z'],
    ]);
  });
});

describe('dueSteps', () => {
  const steps = deadlineSteps(request(), policy, calendar);
  const keys = (list: { key: string }[]) => list.map((s) => s.key);

  it('does what is due and nothing twice', () => {
    const now = new Date('2026-03-06T08:00:00Z');
    expect(keys(dueSteps(steps, null, now).perform)).toEqual(['first_response']);
    expect(dueSteps(steps, now, now)).toEqual({ perform: [], superseded: [] });
    const later = new Date('2026-03-20T07:00:00Z');
    expect(keys(dueSteps(steps, now, later).perform)).toEqual(['reminder:P10D:2026-04-01']);
  });

  it('catching up after days down sends the latest reminder only', () => {
    const due = dueSteps(steps, new Date('2026-03-10T00:00:00Z'), new Date('2026-03-30T00:00:00Z'));
    expect(keys(due.perform)).toEqual(['reminder:P3D:2026-04-01']);
    expect(keys(due.superseded)).toEqual(['reminder:P10D:2026-04-01']);
  });

  it('once overdue, escalates (every level due) and sends no stale reminder', () => {
    const due = dueSteps(steps, null, new Date('2026-04-20T00:00:00Z'));
    expect(keys(due.perform)).toEqual(['escalation:1', 'escalation:2']);
    expect(keys(due.superseded)).toEqual([
      'first_response',
      'reminder:P10D:2026-04-01',
      'reminder:P3D:2026-04-01',
    ]);
  });

  it('points the next action at the first step not yet handled', () => {
    expect(nextActionAt(steps, null)).toEqual(steps[0].at);
    expect(nextActionAt(steps, new Date('2026-03-06T00:00:00Z'))).toEqual(steps[1].at);
    expect(nextActionAt(steps, new Date('2026-05-01T00:00:00Z'))).toBeNull();
  });
});
