/**
 * Human-facing case codes, e.g. 'SEG-2026-000123': prefix by kind, year, yearly sequence.
 * Citizens type them over the phone, so parsing is lenient on case and spacing only.
 */
import type { CaseKind } from './case-kind';

export const REFERENCE_PREFIX = { report: 'SEG', request: 'RIC', complaint: 'REC' } as const;

const SEQUENCE_MIN_DIGITS = 6;
const KIND_BY_PREFIX = new Map<string, CaseKind>(
  Object.entries(REFERENCE_PREFIX).map(([kind, prefix]) => [prefix, kind as CaseKind])
);
// Sequences past 999999 keep growing in width; a leading zero is only allowed as 6-digit padding
// so every case has exactly one spelling.
const CODE_PATTERN = /^([A-Z]{3})-(\d{4})-(\d{6}|[1-9]\d{6,})$/;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`year must be a four-digit integer, got ${year}`);
  }
}

function assertSequence(sequence: number): void {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`sequence must be a positive integer, got ${sequence}`);
  }
}

export function formatReferenceCode(kind: CaseKind, year: number, sequence: number): string {
  const prefix = REFERENCE_PREFIX[kind];
  if (!prefix) throw new RangeError(`kind must be report, request or complaint, got ${kind}`);
  assertYear(year);
  assertSequence(sequence);
  return `${prefix}-${year}-${String(sequence).padStart(SEQUENCE_MIN_DIGITS, '0')}`;
}

/** The parts of a code, or null when it is not a well-formed code. */
export function parseReferenceCode(
  code: string
): { kind: CaseKind; year: number; sequence: number } | null {
  if (typeof code !== 'string') return null;
  const match = CODE_PATTERN.exec(code.trim().toUpperCase());
  if (!match) return null;
  const kind = KIND_BY_PREFIX.get(match[1]);
  const year = Number(match[2]);
  const sequence = Number(match[3]);
  if (!kind || year < 1000 || !Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { kind, year, sequence };
}
