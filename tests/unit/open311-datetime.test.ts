import { formatW3c, parseW3c } from '../../src/domain/open311/datetime';

const ROME = 'Europe/Rome';

describe('formatW3c', () => {
  it('writes whole seconds with the zone offset, or Z', () => {
    const at = new Date('2026-11-23T07:58:18.765Z');
    expect(formatW3c(at)).toBe('2026-11-23T07:58:18Z');
    expect(formatW3c(at, ROME)).toBe('2026-11-23T08:58:18+01:00');
    expect(formatW3c(new Date('2026-07-01T22:30:00Z'), ROME)).toBe('2026-07-02T00:30:00+02:00');
  });

  it('follows daylight saving time changes', () => {
    expect(formatW3c(new Date('2026-03-29T00:59:59Z'), ROME)).toBe('2026-03-29T01:59:59+01:00');
    expect(formatW3c(new Date('2026-03-29T01:00:00Z'), ROME)).toBe('2026-03-29T03:00:00+02:00');
    expect(formatW3c(new Date('2026-10-25T00:30:00Z'), ROME)).toBe('2026-10-25T02:30:00+02:00');
    expect(formatW3c(new Date('2026-10-25T01:30:00Z'), ROME)).toBe('2026-10-25T02:30:00+01:00');
  });
});

describe('parseW3c', () => {
  const iso = (text: string, endOfDay = false) => parseW3c(text, ROME, endOfDay)?.toISOString();

  it('reads Z, offsets, and fractions of a second', () => {
    expect(iso('2026-11-23T07:58:18Z')).toBe('2026-11-23T07:58:18.000Z');
    expect(iso('2026-11-23T08:58:18+01:00')).toBe('2026-11-23T07:58:18.000Z');
    expect(iso('2026-11-23T08:58:18.5-0300')).toBe('2026-11-23T11:58:18.000Z');
    expect(iso('2026-11-23T08:58Z')).toBe('2026-11-23T08:58:00.000Z');
  });

  it('reads an unencoded + that arrived as a space', () => {
    expect(iso('2026-11-23T08:58:18 01:00')).toBe('2026-11-23T07:58:18.000Z');
  });

  it('reads a time without offset, and a bare date, in the city’s zone', () => {
    expect(iso('2026-07-01T10:00:00')).toBe('2026-07-01T08:00:00.000Z');
    expect(iso('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
    expect(iso('2026-07-01', true)).toBe('2026-07-01T21:59:59.999Z');
    expect(iso('2026-12-01')).toBe('2026-11-30T23:00:00.000Z');
  });

  it('refuses what is not a date-time', () => {
    for (const text of [
      '',
      'yesterday',
      '2026-02-30',
      '2026-13-01',
      '2026-01-01T24:00:00Z',
      '2026-01-01T10:00:00+15:00',
      '1764000000',
    ])
      expect(parseW3c(text, ROME)).toBeNull();
  });
});
