import { createCalendar } from '../../src/domain/calendar';
import { fixedClock, systemClock } from '../../src/domain/clock';
import {
  computeDueAt,
  DEFAULT_ANSWER_DAYS,
  elapsedFraction,
  isOverdue,
  type DueDateInput,
  type Suspension,
} from '../../src/domain/due-dates';

const rome = createCalendar();
const at = (s: string) => new Date(s);
const due = (input: DueDateInput, calendar = rome) => computeDueAt(input, calendar)?.toISOString();

// Received Monday 7 Sep 2026 10:00 Rome; 28 days land on Monday 5 Oct, a plain working week.
const monday = (suspensions: Suspension[]): DueDateInput => ({
  kind: 'request',
  receivedAt: at('2026-09-07T08:00:00Z'),
  serviceLevel: { resolutionDays: 28 },
  suspensions,
});
const endOf = (isoDay: string) => rome.endOfDay(rome.localDate(at(`${isoDay}T12:00:00Z`)));

describe('computeDueAt: day-based service levels', () => {
  it('defaults requests and complaints to 30 calendar days, ending at the end of the local day', () => {
    expect(DEFAULT_ANSWER_DAYS).toBe(30);
    const receivedAt = at('2026-03-02T09:00:00Z');
    expect(due({ kind: 'request', receivedAt })).toBe('2026-04-01T21:59:59.999Z');
    expect(due({ kind: 'complaint', receivedAt, serviceLevel: null })).toBe(
      '2026-04-01T21:59:59.999Z'
    );
  });

  it('uses resolutionDays when given, for any kind', () => {
    const receivedAt = at('2026-03-02T09:00:00Z');
    const serviceLevel = { resolutionDays: 10 };
    expect(due({ kind: 'report', receivedAt, serviceLevel })).toBe('2026-03-12T22:59:59.999Z');
    expect(due({ kind: 'complaint', receivedAt, serviceLevel })).toBe('2026-03-12T22:59:59.999Z');
  });

  it('defaults reports without a topic level to 30 days', () => {
    const receivedAt = at('2026-03-02T09:00:00Z');
    const serviceLevel = { resolutionDays: null, urgentResolutionHours: null };
    expect(due({ kind: 'report', receivedAt, serviceLevel })).toBe('2026-04-01T21:59:59.999Z');
  });

  it('counts from the local date of receipt, not the UTC date', () => {
    // 00:30 on 2 March in Rome is still 1 March in UTC.
    const receivedAt = at('2026-03-01T23:30:00Z');
    expect(due({ kind: 'request', receivedAt })).toBe('2026-04-01T21:59:59.999Z');
  });

  it('keeps a leap day that is a working day (2028-01-30 + 30 = Tue 2028-02-29)', () => {
    expect(due({ kind: 'request', receivedAt: at('2028-01-30T10:00:00Z') })).toBe(
      '2028-02-29T22:59:59.999Z'
    );
  });

  it('handles year ends: 31 Dec stays, a Saturday Santo Stefano moves to Monday', () => {
    expect(due({ kind: 'request', receivedAt: at('2026-12-01T10:00:00Z') })).toBe(
      '2026-12-31T22:59:59.999Z'
    );
    expect(due({ kind: 'request', receivedAt: at('2026-11-26T10:00:00Z') })).toBe(
      '2026-12-28T22:59:59.999Z'
    );
  });

  it('moves a deadline falling on Easter Monday to the Tuesday', () => {
    expect(due({ kind: 'complaint', receivedAt: at('2026-03-07T10:00:00Z') })).toBe(
      '2026-04-07T21:59:59.999Z'
    );
  });

  it('moves a deadline falling on 4 October only from 2026 on', () => {
    // 2027-10-04 is a Monday; 2024-10-04 a Friday that was still a working day.
    expect(due({ kind: 'request', receivedAt: at('2027-09-04T10:00:00Z') })).toBe(
      '2027-10-05T21:59:59.999Z'
    );
    expect(due({ kind: 'request', receivedAt: at('2024-09-04T10:00:00Z') })).toBe(
      '2024-10-04T21:59:59.999Z'
    );
  });

  it('moves a deadline falling on the patron saint to the next working day', () => {
    const pisa = createCalendar({ localHolidays: ['06-17'] });
    const input: DueDateInput = { kind: 'request', receivedAt: at('2026-05-18T10:00:00Z') };
    expect(due(input, pisa)).toBe('2026-06-18T21:59:59.999Z');
    expect(due(input, rome)).toBe('2026-06-17T21:59:59.999Z');
  });

  it('skips chains of closures, holidays and weekends', () => {
    // Fri 24 Apr closed, Sat 25 Apr holiday, Sun 26 -> Mon 27 Apr.
    const cal = createCalendar({ closures: ['2026-04-24'] });
    expect(due({ kind: 'request', receivedAt: at('2026-03-25T10:00:00Z') }, cal)).toBe(
      '2026-04-27T21:59:59.999Z'
    );
  });

  it('ends on the correct instant across DST changes', () => {
    // Sun 29 Mar (spring forward) -> Mon 30 Mar, CEST.
    expect(due({ kind: 'request', receivedAt: at('2026-02-27T10:00:00Z') })).toBe(
      '2026-03-30T21:59:59.999Z'
    );
    // Sun 25 Oct (fall back) -> Mon 26 Oct, CET.
    expect(due({ kind: 'request', receivedAt: at('2026-09-25T10:00:00Z') })).toBe(
      '2026-10-26T22:59:59.999Z'
    );
  });
});

describe('computeDueAt: suspensions on day-based levels', () => {
  it('without suspensions the reference case is due Monday 5 October', () => {
    expect(computeDueAt(monday([]), rome)).toEqual(endOf('2026-10-05'));
  });

  it('adds the local calendar days of a closed suspension', () => {
    const s = [{ from: at('2026-09-10T08:00:00Z'), to: at('2026-09-12T08:00:00Z') }];
    expect(computeDueAt(monday(s), rome)).toEqual(endOf('2026-10-07'));
  });

  it('counts a suspension within one day as one day, and a zero-length one as none', () => {
    const sameDay = [{ from: at('2026-09-10T07:00:00Z'), to: at('2026-09-10T09:00:00Z') }];
    expect(computeDueAt(monday(sameDay), rome)).toEqual(endOf('2026-10-06'));
    const zero = [{ from: at('2026-09-10T07:00:00Z'), to: at('2026-09-10T07:00:00Z') }];
    expect(computeDueAt(monday(zero), rome)).toEqual(endOf('2026-10-05'));
  });

  it('adds up several separate suspensions', () => {
    const s = [
      { from: at('2026-09-10T08:00:00Z'), to: at('2026-09-11T08:00:00Z') }, // 1 day
      { from: at('2026-09-20T06:00:00Z'), to: at('2026-09-20T10:00:00Z') }, // same day: 1
      { from: at('2026-09-14T08:00:00Z'), to: at('2026-09-15T08:00:00Z') }, // 1 day, unsorted
    ];
    expect(computeDueAt(monday(s), rome)).toEqual(endOf('2026-10-08'));
  });

  it('merges overlapping suspensions instead of counting them twice', () => {
    const s = [
      { from: at('2026-09-10T08:00:00Z'), to: at('2026-09-12T08:00:00Z') },
      { from: at('2026-09-11T08:00:00Z'), to: at('2026-09-13T08:00:00Z') },
    ];
    // Merged 10 -> 13 Sep = 3 days (4 if counted separately).
    expect(computeDueAt(monday(s), rome)).toEqual(endOf('2026-10-08'));
  });

  it('merges touching and nested suspensions', () => {
    const touching = [
      { from: at('2026-09-10T08:00:00Z'), to: at('2026-09-11T08:00:00Z') },
      { from: at('2026-09-11T08:00:00Z'), to: at('2026-09-11T10:00:00Z') },
    ];
    expect(computeDueAt(monday(touching), rome)).toEqual(endOf('2026-10-06'));
    const nested = [
      { from: at('2026-09-10T08:00:00Z'), to: at('2026-09-12T08:00:00Z') },
      { from: at('2026-09-10T09:00:00Z'), to: at('2026-09-10T10:00:00Z') },
    ];
    expect(computeDueAt(monday(nested), rome)).toEqual(endOf('2026-10-07'));
  });

  it('ignores the part of a suspension before receipt', () => {
    const s = [{ from: at('2026-09-01T08:00:00Z'), to: at('2026-09-09T09:00:00Z') }];
    // Only 7 -> 9 Sep counts: 2 days.
    expect(computeDueAt(monday(s), rome)).toEqual(endOf('2026-10-07'));
  });

  it('moves the extended deadline off holidays too', () => {
    // 2 Mar + 30 = Wed 1 Apr; +5 suspended days = Mon 6 Apr (Easter Monday) -> Tue 7 Apr.
    const input: DueDateInput = {
      kind: 'complaint',
      receivedAt: at('2026-03-02T09:00:00Z'),
      suspensions: [{ from: at('2026-03-10T09:00:00Z'), to: at('2026-03-15T08:00:00Z') }],
    };
    expect(due(input)).toBe('2026-04-07T21:59:59.999Z');
  });

  it('returns null while a suspension is open', () => {
    const open = [{ from: at('2026-09-10T08:00:00Z') }];
    expect(computeDueAt(monday(open), rome)).toBeNull();
    const openNull = [
      { from: at('2026-09-10T08:00:00Z'), to: at('2026-09-11T08:00:00Z') },
      { from: at('2026-09-20T08:00:00Z'), to: null },
    ];
    expect(computeDueAt(monday(openNull), rome)).toBeNull();
  });
});

describe('computeDueAt: urgent reports (hours)', () => {
  const urgentLevel = { resolutionDays: 10, urgentResolutionHours: 24 };

  it('runs around the clock and is not moved for holidays', () => {
    // Received on Easter Sunday evening; due on Easter Monday evening.
    const input: DueDateInput = {
      kind: 'report',
      receivedAt: at('2026-04-05T20:00:00Z'),
      serviceLevel: urgentLevel,
      urgent: true,
    };
    expect(due(input)).toBe('2026-04-06T20:00:00.000Z');
  });

  it('supports fractional hours', () => {
    const input: DueDateInput = {
      kind: 'report',
      receivedAt: at('2026-04-05T20:00:00Z'),
      serviceLevel: { urgentResolutionHours: 1.5 },
      urgent: true,
    };
    expect(due(input)).toBe('2026-04-05T21:30:00.000Z');
  });

  it('adds the exact suspended time, merging overlaps', () => {
    const input: DueDateInput = {
      kind: 'report',
      receivedAt: at('2026-04-05T20:00:00Z'),
      serviceLevel: urgentLevel,
      urgent: true,
      suspensions: [
        { from: at('2026-04-05T21:00:00Z'), to: at('2026-04-05T23:00:00Z') },
        { from: at('2026-04-05T22:00:00Z'), to: at('2026-04-06T00:00:00Z') },
        { from: at('2026-04-06T05:00:00Z'), to: at('2026-04-06T05:00:30Z') },
      ],
    };
    expect(due(input)).toBe('2026-04-06T23:00:30.000Z');
  });

  it('returns null for an urgent report with an open suspension', () => {
    const input: DueDateInput = {
      kind: 'report',
      receivedAt: at('2026-04-05T20:00:00Z'),
      serviceLevel: urgentLevel,
      urgent: true,
      suspensions: [{ from: at('2026-04-05T21:00:00Z'), to: undefined }],
    };
    expect(computeDueAt(input, rome)).toBeNull();
  });

  it('falls back to days when not urgent, when no hours are set, or for other kinds', () => {
    const receivedAt = at('2026-03-02T09:00:00Z');
    const dayDue = '2026-03-12T22:59:59.999Z';
    expect(due({ kind: 'report', receivedAt, serviceLevel: urgentLevel })).toBe(dayDue);
    expect(
      due({ kind: 'report', receivedAt, serviceLevel: { resolutionDays: 10 }, urgent: true })
    ).toBe(dayDue);
    expect(due({ kind: 'request', receivedAt, serviceLevel: urgentLevel, urgent: true })).toBe(
      dayDue
    );
  });
});

describe('computeDueAt: validation', () => {
  const base: DueDateInput = { kind: 'request', receivedAt: at('2026-03-02T09:00:00Z') };
  const fails = (input: DueDateInput, field: RegExp) => {
    expect(() => computeDueAt(input, rome)).toThrow(RangeError);
    expect(() => computeDueAt(input, rome)).toThrow(field);
  };

  it('rejects bad service levels naming the field', () => {
    fails({ ...base, serviceLevel: { resolutionDays: -1 } }, /serviceLevel\.resolutionDays/);
    fails({ ...base, serviceLevel: { resolutionDays: NaN } }, /serviceLevel\.resolutionDays/);
    fails({ ...base, serviceLevel: { resolutionDays: 2.5 } }, /serviceLevel\.resolutionDays/);
    fails(
      { ...base, serviceLevel: { urgentResolutionHours: -2 } },
      /serviceLevel\.urgentResolutionHours/
    );
    fails(
      { ...base, serviceLevel: { urgentResolutionHours: Infinity } },
      /serviceLevel\.urgentResolutionHours/
    );
  });

  it('rejects bad dates and kinds naming the field', () => {
    fails({ ...base, receivedAt: at('not a date') }, /receivedAt/);
    fails({ ...base, kind: 'petition' as never }, /kind/);
    fails({ ...base, suspensions: [{ from: at('nope') }] }, /suspensions\[0\]\.from/);
    fails(
      {
        ...base,
        suspensions: [
          { from: at('2026-03-03T09:00:00Z'), to: at('2026-03-04T09:00:00Z') },
          { from: at('2026-03-05T09:00:00Z'), to: at('2026-03-04T09:00:00Z') },
        ],
      },
      /suspensions\[1\]\.to must not be before suspensions\[1\]\.from/
    );
  });

  it('validates even when a suspension is open', () => {
    fails(
      { ...base, serviceLevel: { resolutionDays: -5 }, suspensions: [{ from: base.receivedAt }] },
      /resolutionDays/
    );
  });
});

describe('isOverdue', () => {
  const dueAt = at('2026-04-01T21:59:59.999Z');

  it('is true only strictly after the due instant', () => {
    expect(isOverdue(dueAt, at('2026-04-01T21:59:59.999Z'))).toBe(false);
    expect(isOverdue(dueAt, at('2026-04-01T22:00:00.000Z'))).toBe(true);
    expect(isOverdue(dueAt, at('2026-03-15T10:00:00Z'))).toBe(false);
  });

  it('is never overdue while the clock is stopped', () => {
    expect(isOverdue(null, at('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('rejects invalid dates', () => {
    expect(() => isOverdue(dueAt, at('x'))).toThrow(/now/);
  });
});

describe('elapsedFraction', () => {
  const receivedAt = at('2026-03-01T00:00:00Z');
  const dueAt = at('2026-03-11T00:00:00Z');

  it('measures the share of the service level used', () => {
    expect(elapsedFraction(receivedAt, dueAt, receivedAt)).toBe(0);
    expect(elapsedFraction(receivedAt, dueAt, at('2026-03-06T00:00:00Z'))).toBeCloseTo(0.5, 10);
    expect(elapsedFraction(receivedAt, dueAt, dueAt)).toBe(1);
    expect(elapsedFraction(receivedAt, dueAt, at('2026-03-16T00:00:00Z'))).toBeCloseTo(1.5, 10);
  });

  it('is 0 before receipt and while the clock is stopped', () => {
    expect(elapsedFraction(receivedAt, dueAt, at('2026-02-20T00:00:00Z'))).toBe(0);
    expect(elapsedFraction(receivedAt, null, at('2026-03-20T00:00:00Z'))).toBe(0);
  });

  it('handles a zero-length service level', () => {
    expect(elapsedFraction(receivedAt, receivedAt, receivedAt)).toBe(0);
    expect(elapsedFraction(receivedAt, receivedAt, at('2026-03-01T00:00:01Z'))).toBe(Infinity);
  });
});

describe('clock', () => {
  it('fixedClock returns copies and moves only when told', () => {
    const clock = fixedClock('2026-03-01T10:00:00Z');
    const first = clock.now();
    first.setTime(0);
    expect(clock.now().toISOString()).toBe('2026-03-01T10:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-03-01T10:01:30.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('fixedClock rejects invalid input', () => {
    expect(() => fixedClock('not a date')).toThrow(RangeError);
    expect(() => fixedClock('2026-03-01T10:00:00Z').advance(NaN)).toThrow(/finite/);
  });

  it('systemClock returns a Date instance', () => {
    expect(systemClock.now()).toBeInstanceOf(Date);
  });
});
