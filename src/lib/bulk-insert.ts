/**
 * Bulk writes that bypass the Document Service where it costs too much per row (the bulk seed, the
 * deadline sweep's events and escalations): rows in chunks under the databases' bind limits, and
 * the link rows of their relations, named as Strapi names them.
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
/**
 * 24 characters of [a-z0-9] starting with a letter, like Strapi's own ids (cuid2). An id that
 * starts with a digit would be taken for a numeric id when passed as a plain relation string.
 */
export const documentId = () =>
  Array.from(randomBytes(24), (b, i) => ALPHABET[b % (i === 0 ? 26 : 36)]).join('');

export interface LinkSpec {
  table: string;
  joinColumn: string;
  inverseColumn: string;
  orderColumn?: string;
  inverseOrderColumn?: string;
}

export function linkSpec(strapi: Core.Strapi, uid: string, attribute: string): LinkSpec {
  const attr = strapi.db.metadata.get(uid as never).attributes[attribute] as {
    joinTable: {
      name: string;
      joinColumn: { name: string };
      inverseJoinColumn: { name: string };
      orderColumnName?: string;
      inverseOrderColumnName?: string;
    };
  };
  const jt = attr.joinTable;
  return {
    table: jt.name,
    joinColumn: jt.joinColumn.name,
    inverseColumn: jt.inverseJoinColumn.name,
    orderColumn: jt.orderColumnName,
    inverseOrderColumn: jt.inverseOrderColumnName,
  };
}

export function links(spec: LinkSpec, pairs: [number, number][]) {
  return pairs.map(([from, to], i) => {
    const row: Record<string, number> = { [spec.joinColumn]: from, [spec.inverseColumn]: to };
    if (spec.orderColumn) row[spec.orderColumn] = 1;
    if (spec.inverseOrderColumn) row[spec.inverseOrderColumn] = i + 1;
    return row;
  });
}

/** Inserts rows in chunks that stay under PostgreSQL's 65,535 bind parameters. */
export async function insertRows(
  db: Knex | Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
  returnIds = false
) {
  if (!rows.length) return [] as number[];
  const perRow = Object.keys(rows[0]).length;
  // SQLite turns a multi-row insert into a compound SELECT, limited to 500 terms.
  const postgres = db.client.dialect === 'postgresql';
  const maxRows = postgres ? 5000 : 400;
  const chunk = Math.max(1, Math.min(maxRows, Math.floor(60000 / perRow)));
  const ids: number[] = [];
  // Store instants as Strapi does: epoch milliseconds on SQLite, timestamps on PostgreSQL.
  const toDb = (v: unknown) => (v instanceof Date && !postgres ? v.getTime() : v);
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk).map((row) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) out[k] = toDb(v);
      return out;
    });
    if (returnIds) {
      const res = (await db(table).insert(part).returning('id')) as ({ id: number } | number)[];
      for (const r of res) ids.push(typeof r === 'number' ? r : Number(r.id));
    } else {
      await db(table).insert(part);
    }
  }
  return ids;
}

/**
 * Link rows for new rows of `spec`'s owner, appended after the target's existing links (the
 * inverse order column keeps a to-many list such as a case's events in order).
 */
export async function appendLinks(
  db: Knex | Knex.Transaction,
  spec: LinkSpec,
  pairs: [number, number][]
): Promise<void> {
  if (!pairs.length) return;
  const next = new Map<number, number>();
  if (spec.inverseOrderColumn) {
    const targets = [...new Set(pairs.map(([, to]) => to))];
    const rows = (await db(spec.table)
      .select(spec.inverseColumn)
      .max({ last: spec.inverseOrderColumn })
      .whereIn(spec.inverseColumn, targets)
      .groupBy(spec.inverseColumn)) as Record<string, number>[];
    for (const r of rows) next.set(Number(r[spec.inverseColumn]), Number(r.last ?? 0));
  }
  const rows = pairs.map(([from, to]) => {
    const row: Record<string, number> = { [spec.joinColumn]: from, [spec.inverseColumn]: to };
    if (spec.orderColumn) row[spec.orderColumn] = 1;
    if (spec.inverseOrderColumn) {
      const order = (next.get(to) ?? 0) + 1;
      next.set(to, order);
      row[spec.inverseOrderColumn] = order;
    }
    return row;
  });
  await insertRows(db, spec.table, rows);
}
