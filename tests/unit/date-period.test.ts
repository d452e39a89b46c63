import { toIsoDate, parseLocalDate } from '../../src/domain/calendar';
import { checkDatePeriod, checkLength, dateParam } from '../../src/domain/date-period';

const today = parseLocalDate('2026-03-15');
const rules = { today, defaultDays: 90, maxDays: 366 };
const iso = (q: Parameters<typeof checkDatePeriod>[0]) => {
  const r = checkDatePeriod(q, rules);
  return r.ok ? `${toIsoDate(r.period.from)}..${toIsoDate(r.period.to)}` : r;
};

describe('checkDatePeriod', () => {
  it('defaults to the last `defaultDays` days up to today, both included', () => {
    // 15 March back 89 days: 16 December (16 + 31 + 28 + 15 = 90 days)
    expect(iso({})).toBe('2025-12-16..2026-03-15');
    expect(iso({ to: '2026-01-31' })).toBe('2025-11-03..2026-01-31');
    expect(iso({ from: '2026-03-01' })).toBe('2026-03-01..2026-03-15');
  });

  it('takes exactly maxDays days and refuses one more, naming `to`', () => {
    expect(iso({ from: '2025-01-01', to: '2026-01-01' })).toBe('2025-01-01..2026-01-01'); // 366
    expect(iso({ from: '2024-12-31', to: '2026-01-01' })).toEqual({
      ok: false,
      field: 'to',
      message: 'a period is at most 366 days',
    });
  });

  it.each([
    [{ from: '2026-3-1' }, 'from', 'must be a date as YYYY-MM-DD'],
    [{ to: '2026-02-30' }, 'to', 'is not a calendar date'],
    [{ from: ['2026-01-01'] }, 'from', 'must be a date as YYYY-MM-DD'],
    [{ from: '2026-03-10', to: '2026-03-09' }, 'from', 'must not be after to'],
  ])('refuses %j naming %s', (query, field, words) => {
    const r = checkDatePeriod(query, rules);
    expect(r).toMatchObject({ ok: false, field });
    expect(r.ok ? '' : r.message).toContain(words);
  });
});

describe('dateParam and checkLength', () => {
  it('parses a real date and says why not otherwise', () => {
    expect(dateParam('from', '2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(dateParam('from', '2023-02-29')).toBe('from is not a calendar date');
  });

  it('a one-day period is fine', () => {
    expect(checkLength({ from: today, to: today }, 1)).toMatchObject({ ok: true });
  });
});
