/**
 * Allocates reference codes from bc_reference_counters. The counter row is bumped with one
 * upsert inside the caller's transaction: PostgreSQL holds its row lock until commit, so
 * concurrent creations queue on it and a rolled-back creation gives its number back (gapless).
 */
import type { Knex } from 'knex';
import type { CaseKind } from '../domain/case-kind';
import { formatReferenceCode } from '../domain/reference-code';

export const COUNTER_TABLE = 'bc_reference_counters';

/** Reserves `count` consecutive numbers and returns the last one. */
async function bump(db: Knex | Knex.Transaction, kind: CaseKind, year: number, count: number) {
  const result = await db.raw(
    `INSERT INTO ${COUNTER_TABLE} (kind, year, last_value) VALUES (?, ?, ?)
     ON CONFLICT (kind, year) DO UPDATE SET last_value = ${COUNTER_TABLE}.last_value + excluded.last_value
     RETURNING last_value`,
    [kind, year, count]
  );
  // pg answers { rows }, better-sqlite3 answers the rows themselves.
  const rows = (Array.isArray(result) ? result : result.rows) as { last_value: number | string }[];
  return Number(rows[0].last_value);
}

export async function allocateReferenceCode(
  db: Knex | Knex.Transaction,
  kind: CaseKind,
  year: number
): Promise<string> {
  return formatReferenceCode(kind, year, await bump(db, kind, year, 1));
}

/** For bulk loads: `count` consecutive codes in one round trip. */
export async function allocateReferenceCodes(
  db: Knex | Knex.Transaction,
  kind: CaseKind,
  year: number,
  count: number
): Promise<string[]> {
  if (count <= 0) return [];
  const last = await bump(db, kind, year, count);
  return Array.from({ length: count }, (_, i) =>
    formatReferenceCode(kind, year, last - count + 1 + i)
  );
}
