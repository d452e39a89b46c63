import { createCalendar, parseLocalDate } from '../../src/domain/calendar';
import {
  atLocalTime,
  digestPeriod,
  digestTimeOfDay,
  emptyDigest,
  hasNews,
  mergeSection,
  type DigestItem,
} from '../../src/domain/digest';

const rome = createCalendar({ timeZone: 'Europe/Rome', localHolidays: ['06-17'] });
const SEVEN = { hour: 7, minute: 0 };
const options = { time: SEVEN, dueSoonDays: 3 };
const iso = (d: Date | undefined) => d?.toISOString();

describe('digestTimeOfDay', () => {
  it.each([
    ['0 7 * * 1-5', { hour: 7, minute: 0 }],
    ['30 6 * * *', { hour: 6, minute: 30 }],
    ['0 30 6 * * 1-5', { hour: 6, minute: 30 }], // with a seconds field
    ['  5   8 * * 1-5 ', { hour: 8, minute: 5 }],
  ])('reads the single time of %p', (cron, time) => {
    expect(digestTimeOfDay(cron)).toEqual(time);
  });

  it.each(['*/5 * * * *', '0 7,12 * * *', '0 7-9 * * *', '0 24 * * *', '60 7 * * *', 'daily', ''])(
    'gives null for %p, which names no single time',
    (cron) => {
      expect(digestTimeOfDay(cron)).toBeNull();
    }
  );
});

describe('atLocalTime', () => {
  it('is 07:00 in Rome in winter and in summer', () => {
    expect(iso(atLocalTime(rome, parseLocalDate('2026-03-02'), SEVEN))).toBe(
      '2026-03-02T06:00:00.000Z'
    );
    expect(iso(atLocalTime(rome, parseLocalDate('2026-07-01'), SEVEN))).toBe(
      '2026-07-01T05:00:00.000Z'
    );
  });

  it('honours a change of offset in the night (DST starts and ends)', () => {
    expect(iso(atLocalTime(rome, parseLocalDate('2026-03-29'), SEVEN))).toBe(
      '2026-03-29T05:00:00.000Z'
    );
    expect(iso(atLocalTime(rome, parseLocalDate('2026-10-25'), SEVEN))).toBe(
      '2026-10-25T06:00:00.000Z'
    );
  });
});

describe('digestPeriod', () => {
  it("covers the weekend on Monday: new since Friday's digest time", () => {
    const period = digestPeriod(rome, new Date('2026-03-02T06:00:30Z'), options);
    expect(period).toEqual({
      date: '2026-03-02',
      since: new Date('2026-02-27T06:00:00Z'),
      until: new Date('2026-03-02T06:00:00Z'),
      // Due soon: up to the end of Thursday, three days on.
      dueSoonUntil: new Date('2026-03-05T22:59:59.999Z'),
    });
  });

  it('chains working days: each window starts where the previous one ended', () => {
    const monday = digestPeriod(rome, new Date('2026-03-02T06:00:00Z'), options);
    const tuesday = digestPeriod(rome, new Date('2026-03-03T06:00:00Z'), options);
    expect(tuesday?.since).toEqual(monday?.until);
    expect(tuesday?.date).toBe('2026-03-03');
  });

  it('does not depend on when in the day the job runs', () => {
    const early = digestPeriod(rome, new Date('2026-03-03T06:00:00Z'), options);
    const late = digestPeriod(rome, new Date('2026-03-03T16:45:00Z'), options);
    expect(late).toEqual(early);
  });

  it('sends nothing on days the offices are closed', () => {
    expect(digestPeriod(rome, new Date('2026-03-07T08:00:00Z'), options)).toBeNull(); // Saturday
    expect(digestPeriod(rome, new Date('2026-04-06T08:00:00Z'), options)).toBeNull(); // Easter Monday
    expect(digestPeriod(rome, new Date('2026-06-17T08:00:00Z'), options)).toBeNull(); // San Ranieri
  });

  it('covers a holiday in the next working day (Easter Monday, across the DST change)', () => {
    const period = digestPeriod(rome, new Date('2026-04-07T05:00:00Z'), options);
    expect(period?.date).toBe('2026-04-07');
    expect(period?.since).toEqual(new Date('2026-04-03T05:00:00Z')); // Good Friday, 07:00 CEST
  });

  it('follows the configured closures', () => {
    const closed = createCalendar({ closures: ['2026-03-03'] });
    expect(digestPeriod(closed, new Date('2026-03-03T08:00:00Z'), options)).toBeNull();
    const wednesday = digestPeriod(closed, new Date('2026-03-04T08:00:00Z'), options);
    expect(wednesday?.since).toEqual(new Date('2026-03-02T06:00:00Z'));
  });

  it('takes local midnight when the schedule names no single time', () => {
    const period = digestPeriod(rome, new Date('2026-03-03T08:00:00Z'), {
      time: null,
      dueSoonDays: 3,
    });
    expect(period?.since).toEqual(new Date('2026-03-01T23:00:00Z'));
    expect(period?.until).toEqual(new Date('2026-03-02T23:00:00Z'));
  });

  it('reads dueSoonDays as whole calendar days from today', () => {
    const at = new Date('2026-03-02T08:00:00Z');
    expect(digestPeriod(rome, at, { time: SEVEN, dueSoonDays: 0 })?.dueSoonUntil).toEqual(
      new Date('2026-03-02T22:59:59.999Z')
    );
    expect(digestPeriod(rome, at, { time: SEVEN, dueSoonDays: 7 })?.dueSoonUntil).toEqual(
      new Date('2026-03-09T22:59:59.999Z')
    );
  });
});

const item = (code: string, extra: Partial<DigestItem> = {}): DigestItem => ({
  code,
  kind: 'report',
  documentId: code.toLowerCase(),
  dueAt: null,
  receivedAt: new Date('2026-03-01T10:00:00Z'),
  emergency: false,
  ...extra,
});

describe('mergeSection', () => {
  it('adds the counts and lists the most urgent first: emergencies, earliest due, oldest', () => {
    const merged = mergeSection([
      {
        count: 5,
        items: [
          item('SEG-1', { dueAt: new Date('2026-03-04T10:00:00Z') }),
          item('SEG-2', { emergency: true, dueAt: new Date('2026-03-09T10:00:00Z') }),
          item('SEG-3'),
        ],
      },
      {
        count: 2,
        items: [
          item('RIC-1', { kind: 'request', dueAt: new Date('2026-03-03T10:00:00Z') }),
          item('RIC-2', {
            kind: 'request',
            dueAt: new Date('2026-03-03T10:00:00Z'),
            receivedAt: new Date('2026-02-01T10:00:00Z'),
          }),
        ],
      },
      { count: 0, items: [] },
    ]);
    expect(merged.count).toBe(7);
    expect(merged.items.map((i) => i.code)).toEqual(['SEG-2', 'RIC-2', 'RIC-1', 'SEG-1', 'SEG-3']);
  });

  it('cuts the list to the limit, keeping the count whole', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      item(`SEG-${i}`, { dueAt: new Date(Date.UTC(2026, 2, 10 - i)) })
    );
    const merged = mergeSection([{ count: 30, items: many }], 3);
    expect(merged.count).toBe(30);
    expect(merged.items.map((i) => i.code)).toEqual(['SEG-7', 'SEG-6', 'SEG-5']);
  });
});

describe('hasNews', () => {
  it('is false only when all four sections are empty', () => {
    const digest = emptyDigest();
    expect(hasNews(digest)).toBe(false);
    for (const name of ['emergencies', 'overdue', 'dueSoon', 'new'] as const) {
      const one = emptyDigest();
      one[name] = { count: 1, items: [item('SEG-1')] };
      expect(hasNews(one)).toBe(true);
    }
  });
});
