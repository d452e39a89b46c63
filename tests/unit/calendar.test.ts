import {
  createCalendar,
  easterSunday,
  italianNationalHolidays,
  parseLocalDate,
  toIsoDate,
  type LocalDate,
} from '../../src/domain/calendar';

const d = parseLocalDate;
const iso = (x: LocalDate) => toIsoDate(x);
const rome = createCalendar();

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, expected) => {
    expect(iso(easterSunday(year))).toBe(expected);
  });

  it('rejects years before the Gregorian reform and non-integers', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(/year/);
  });
});

describe('italianNationalHolidays', () => {
  it('lists the 2025 holidays in date order, including Easter Monday, without 4 October', () => {
    expect(italianNationalHolidays(2025).map(iso)).toEqual([
      '2025-01-01',
      '2025-01-06',
      '2025-04-20',
      '2025-04-21',
      '2025-04-25',
      '2025-05-01',
      '2025-06-02',
      '2025-08-15',
      '2025-11-01',
      '2025-12-08',
      '2025-12-25',
      '2025-12-26',
    ]);
  });

  it('adds San Francesco (4 October) from 2026 on', () => {
    expect(italianNationalHolidays(2026).map(iso)).toContain('2026-10-04');
    expect(italianNationalHolidays(2026)).toHaveLength(13);
    expect(italianNationalHolidays(2030).map(iso)).toContain('2030-10-04');
  });
});

describe('createCalendar: holidays and working days', () => {
  it('treats Easter Monday as a holiday', () => {
    expect(rome.isHoliday(d('2026-04-06'))).toBe(true);
    expect(rome.isWorkingDay(d('2026-04-06'))).toBe(false);
    expect(rome.isWorkingDay(d('2026-04-07'))).toBe(true);
  });

  it('treats 4 October as a working day before 2026 and a holiday from 2026', () => {
    expect(rome.isHoliday(d('2024-10-04'))).toBe(false);
    expect(rome.isWorkingDay(d('2024-10-04'))).toBe(true); // a Friday
    expect(rome.isHoliday(d('2026-10-04'))).toBe(true);
    expect(rome.isWorkingDay(d('2027-10-04'))).toBe(false); // a Monday
  });

  it('excludes weekends by default', () => {
    expect(rome.isWorkingDay(d('2026-03-07'))).toBe(false); // Saturday
    expect(rome.isWorkingDay(d('2026-03-08'))).toBe(false); // Sunday
    expect(rome.isWorkingDay(d('2026-03-09'))).toBe(true); // Monday
    expect(rome.isHoliday(d('2026-03-07'))).toBe(false);
  });

  it('honours recurring local holidays (patron saint) every year', () => {
    const pisa = createCalendar({ localHolidays: ['06-17'] });
    expect(pisa.isHoliday(d('2026-06-17'))).toBe(true);
    expect(pisa.isHoliday(d('2031-06-17'))).toBe(true);
    expect(pisa.isWorkingDay(d('2026-06-17'))).toBe(false);
    expect(rome.isWorkingDay(d('2026-06-17'))).toBe(true);
  });

  it('honours one-off closures only on their date', () => {
    const cal = createCalendar({ closures: ['2026-04-24'] });
    expect(cal.isWorkingDay(d('2026-04-24'))).toBe(false);
    expect(cal.isWorkingDay(d('2027-04-23'))).toBe(true);
    expect(cal.nextWorkingDay(d('2026-04-24'))).toEqual(d('2026-04-27'));
  });

  it('accepts custom working weekdays', () => {
    const sixDays = createCalendar({ workingWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(sixDays.isWorkingDay(d('2026-03-07'))).toBe(true); // Saturday
    expect(sixDays.isWorkingDay(d('2026-03-08'))).toBe(false); // Sunday
    expect(sixDays.isWorkingDay(d('2026-04-25'))).toBe(false); // Saturday, but a holiday
  });
});

describe('createCalendar: date arithmetic', () => {
  it('nextWorkingDay returns the day itself when working, else the next one', () => {
    expect(rome.nextWorkingDay(d('2026-04-07'))).toEqual(d('2026-04-07'));
    expect(rome.nextWorkingDay(d('2026-04-04'))).toEqual(d('2026-04-07'));
    expect(rome.nextWorkingDay(d('2026-12-24'))).toEqual(d('2026-12-24'));
    expect(rome.nextWorkingDay(d('2026-12-25'))).toEqual(d('2026-12-28'));
  });

  it('addDays crosses month, leap day and year ends', () => {
    expect(iso(rome.addDays(d('2028-01-30'), 30))).toBe('2028-02-29');
    expect(iso(rome.addDays(d('2027-01-30'), 30))).toBe('2027-03-01');
    expect(iso(rome.addDays(d('2026-12-15'), 30))).toBe('2027-01-14');
    expect(iso(rome.addDays(d('2026-03-01'), -1))).toBe('2026-02-28');
  });

  it('addWorkingDays skips weekends and holidays in both directions', () => {
    expect(iso(rome.addWorkingDays(d('2026-04-02'), 1))).toBe('2026-04-03');
    expect(iso(rome.addWorkingDays(d('2026-04-02'), 2))).toBe('2026-04-07');
    expect(iso(rome.addWorkingDays(d('2026-04-02'), 0))).toBe('2026-04-02');
    expect(iso(rome.addWorkingDays(d('2026-04-07'), -1))).toBe('2026-04-03');
    expect(iso(rome.addWorkingDays(d('2026-12-23'), 3))).toBe('2026-12-29');
  });

  it('toIso pads month, day and year', () => {
    expect(rome.toIso({ year: 2026, month: 3, day: 9 })).toBe('2026-03-09');
    expect(rome.toIso({ year: 987, month: 12, day: 31 })).toBe('0987-12-31');
  });
});

describe('createCalendar: time zones and DST', () => {
  it('localDate uses the calendar zone, not UTC', () => {
    const instant = new Date('2026-03-01T23:30:00Z'); // 00:30 on 2 March in Rome
    expect(rome.localDate(instant)).toEqual(d('2026-03-02'));
    expect(createCalendar({ timeZone: 'UTC' }).localDate(instant)).toEqual(d('2026-03-01'));
    expect(rome.localDate(new Date('2026-07-31T21:59:59.999Z'))).toEqual(d('2026-07-31'));
    expect(rome.localDate(new Date('2026-07-31T22:00:00.000Z'))).toEqual(d('2026-08-01'));
  });

  it('handles the spring-forward day in Rome (23 hours)', () => {
    expect(rome.startOfDay(d('2026-03-29')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(rome.endOfDay(d('2026-03-29')).toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(rome.endOfDay(d('2026-03-28')).toISOString()).toBe('2026-03-28T22:59:59.999Z');
  });

  it('handles the fall-back day in Rome (25 hours)', () => {
    expect(rome.startOfDay(d('2026-10-25')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(rome.endOfDay(d('2026-10-25')).toISOString()).toBe('2026-10-25T22:59:59.999Z');
    expect(rome.endOfDay(d('2026-10-24')).toISOString()).toBe('2026-10-24T21:59:59.999Z');
  });

  it('works for other zones, including a DST gap at midnight', () => {
    const newYork = createCalendar({ timeZone: 'America/New_York' });
    expect(newYork.endOfDay(d('2026-03-08')).toISOString()).toBe('2026-03-09T03:59:59.999Z');
    // Chile springs forward at 00:00, so 6 September 2026 starts at 01:00 local (-03).
    const santiago = createCalendar({ timeZone: 'America/Santiago' });
    expect(santiago.startOfDay(d('2026-09-06')).toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(santiago.endOfDay(d('2026-09-05')).toISOString()).toBe('2026-09-06T03:59:59.999Z');
    // ...and falls back at 00:00 on 5 April 2026, so 23:00-24:00 of 4 April happens twice.
    expect(santiago.startOfDay(d('2026-04-05')).toISOString()).toBe('2026-04-05T04:00:00.000Z');
    expect(santiago.endOfDay(d('2026-04-04')).toISOString()).toBe('2026-04-05T03:59:59.999Z');
  });
});

describe('createCalendar: validation', () => {
  it.each(['6-17', '13-01', '02-30', '06/17', ''])('rejects local holiday %j', (bad) => {
    expect(() => createCalendar({ localHolidays: [bad] })).toThrow(
      new RegExp(`Invalid local holiday .*MM-DD`)
    );
  });

  it('accepts 29 February as a recurring local holiday', () => {
    const cal = createCalendar({ localHolidays: ['02-29'] });
    expect(cal.isHoliday(d('2028-02-29'))).toBe(true);
  });

  it.each(['2026-02-30', '2026-4-24', '24/04/2026'])('rejects closure %j', (bad) => {
    expect(() => createCalendar({ closures: [bad] })).toThrow(/Invalid closure .*YYYY-MM-DD/);
  });

  it('rejects unknown time zones and bad weekdays', () => {
    expect(() => createCalendar({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone "Mars\/Olympus"/);
    expect(() => createCalendar({ workingWeekdays: [0, 1] })).toThrow(/workingWeekdays/);
    expect(() => createCalendar({ workingWeekdays: [] })).toThrow(/workingWeekdays/);
  });

  it('rejects impossible dates passed to its methods', () => {
    expect(() => rome.isWorkingDay({ year: 2026, month: 2, day: 30 })).toThrow(RangeError);
    expect(() => rome.addDays(d('2026-01-01'), 1.5)).toThrow(/integer/);
    expect(() => rome.localDate(new Date('nope'))).toThrow(/invalid instant/);
    expect(() => parseLocalDate('2026-13-01')).toThrow(/YYYY-MM-DD/);
  });
});
