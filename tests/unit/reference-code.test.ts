import {
  formatReferenceCode,
  parseReferenceCode,
  REFERENCE_PREFIX,
} from '../../src/domain/reference-code';

describe('formatReferenceCode', () => {
  it('uses the prefix of each kind and pads the sequence to six digits', () => {
    expect(formatReferenceCode('report', 2026, 123)).toBe('SEG-2026-000123');
    expect(formatReferenceCode('request', 2026, 1)).toBe('RIC-2026-000001');
    expect(formatReferenceCode('complaint', 2027, 999999)).toBe('REC-2027-999999');
    expect(REFERENCE_PREFIX).toEqual({ report: 'SEG', request: 'RIC', complaint: 'REC' });
  });

  it('grows past six digits instead of failing', () => {
    expect(formatReferenceCode('report', 2026, 1_000_000)).toBe('SEG-2026-1000000');
    expect(formatReferenceCode('report', 2026, 12_345_678)).toBe('SEG-2026-12345678');
  });

  it.each([0, -1, 1.5, NaN, Number.MAX_SAFE_INTEGER + 1])('rejects sequence %p', (sequence) => {
    expect(() => formatReferenceCode('report', 2026, sequence)).toThrow(RangeError);
    expect(() => formatReferenceCode('report', 2026, sequence)).toThrow(/sequence/);
  });

  it('rejects bad years and kinds', () => {
    expect(() => formatReferenceCode('report', 26, 1)).toThrow(/year/);
    expect(() => formatReferenceCode('report', 2026.5, 1)).toThrow(/year/);
    expect(() => formatReferenceCode('petition' as never, 2026, 1)).toThrow(/kind/);
  });
});

describe('parseReferenceCode', () => {
  it('parses well-formed codes', () => {
    expect(parseReferenceCode('SEG-2026-000123')).toEqual({
      kind: 'report',
      year: 2026,
      sequence: 123,
    });
    expect(parseReferenceCode('RIC-2025-000001')).toEqual({
      kind: 'request',
      year: 2025,
      sequence: 1,
    });
    expect(parseReferenceCode('REC-2027-1000000')).toEqual({
      kind: 'complaint',
      year: 2027,
      sequence: 1_000_000,
    });
  });

  it('is case-insensitive and trims', () => {
    expect(parseReferenceCode('  seg-2026-000123\n')).toEqual({
      kind: 'report',
      year: 2026,
      sequence: 123,
    });
    expect(parseReferenceCode('Rec-2026-000042')?.kind).toBe('complaint');
  });

  it('round-trips with formatReferenceCode', () => {
    for (const kind of ['report', 'request', 'complaint'] as const) {
      for (const sequence of [1, 42, 999999, 1000000, 31415926]) {
        const code = formatReferenceCode(kind, 2026, sequence);
        expect(parseReferenceCode(code)).toEqual({ kind, year: 2026, sequence });
      }
    }
  });

  it.each([
    '',
    'SEG-2026-123',
    'SEG-2026-00123',
    'SEG-2026-0001234',
    'SEG-26-000123',
    'SEG-2026-000000',
    'ABC-2026-000123',
    'SEG_2026_000123',
    'SEG-2026-000123-1',
    'SEG 2026 000123',
    'SEG-0999-000123',
    'SEG-2026-12345678901234567890',
  ])('returns null for %j', (code) => {
    expect(parseReferenceCode(code)).toBeNull();
  });

  it('returns null for non-strings', () => {
    expect(parseReferenceCode(undefined as unknown as string)).toBeNull();
    expect(parseReferenceCode(123 as unknown as string)).toBeNull();
  });
});
