import { Open311Error } from '../../src/domain/open311/errors';
import { commaList, parseRequestQuery } from '../../src/domain/open311/query';

const NOW = new Date('2026-10-01T08:00:00Z');
const parse = (q: Record<string, unknown>) => parseRequestQuery(q, NOW, 'Europe/Rome');
const DAY = 86_400_000;

function refusal(q: Record<string, unknown>): string {
  try {
    parse(q);
  } catch (error) {
    expect(error).toBeInstanceOf(Open311Error);
    expect((error as Open311Error).status).toBe(400);
    return (error as Open311Error).errors.map((e) => e.description).join(' | ');
  }
  throw new Error('not refused');
}

describe('commaList', () => {
  it('splits comma lists and repeated parameters, dropping blanks', () => {
    expect(commaList('a, b,,c ')).toEqual(['a', 'b', 'c']);
    expect(commaList(['a,b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(commaList(undefined)).toEqual([]);
  });
});

describe('parseRequestQuery', () => {
  it('ids override every other filter', () => {
    expect(
      parse({ service_request_id: 'seg-2026-000001,SEG-2026-000002', status: 'bogus' })
    ).toEqual({
      ids: ['SEG-2026-000001', 'SEG-2026-000002'],
      serviceCodes: [],
      statuses: [],
      limit: 1000,
    });
  });

  it('defaults to the 90 days up to now, at most 1000 results', () => {
    expect(parse({})).toEqual({
      serviceCodes: [],
      statuses: [],
      window: { from: new Date(NOW.getTime() - 90 * DAY), to: NOW },
      limit: 1000,
    });
  });

  it('one date opens 90 days from or up to it', () => {
    const start = parse({ start_date: '2026-01-01T00:00:00Z' }).window;
    expect(start).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date(new Date('2026-01-01T00:00:00Z').getTime() + 90 * DAY),
    });
    const end = parse({ end_date: '2026-05-01T00:00:00Z' }).window;
    expect(end?.to).toEqual(new Date('2026-05-01T00:00:00Z'));
    expect(end?.from).toEqual(new Date(new Date('2026-05-01T00:00:00Z').getTime() - 90 * DAY));
  });

  it('reads codes and statuses as comma lists', () => {
    const q = parse({ service_code: 'BUCHE,LUCI', status: 'Open, closed' });
    expect(q.serviceCodes).toEqual(['BUCHE', 'LUCI']);
    expect(q.statuses).toEqual(['open', 'closed']);
  });

  it('refuses bad dates, a reversed or too long window, and unknown statuses', () => {
    expect(refusal({ start_date: 'ieri' })).toMatch(/start_date must be a W3C/);
    expect(refusal({ end_date: '2026-02-30' })).toMatch(/end_date must be a W3C/);
    expect(refusal({ start_date: '2026-03-02', end_date: '2026-03-01' })).toMatch(/not be after/);
    expect(refusal({ start_date: '2026-01-01', end_date: '2026-04-02' })).toMatch(/90 days/);
    expect(refusal({ status: 'pending' })).toMatch(/status must be open or closed/);
    expect(refusal({ status: 'x', start_date: 'y' }).split(' | ')).toHaveLength(2);
  });

  it('refuses more than 1000 ids', () => {
    const ids = Array.from(
      { length: 1001 },
      (_, i) => `SEG-2026-${String(i + 1).padStart(6, '0')}`
    );
    expect(refusal({ service_request_id: ids.join(',') })).toMatch(/At most 1000/);
  });
});
