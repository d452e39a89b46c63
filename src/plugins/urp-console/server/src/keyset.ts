/**
 * Keyset pagination for the queues: the page after a cursor is "rows after the last row's sort
 * key", a row-value comparison that both databases can seek in an index, instead of an OFFSET
 * that rereads every earlier page. The cursor is opaque to clients: base64url JSON of the sort
 * name and the last row's key values.
 */
import type { Knex } from 'knex';
import { invalid } from './input';

export interface SortKey {
  column: string;
  /** Dates travel as epoch milliseconds in the cursor and are bound as the database stores them. */
  instant?: boolean;
  /**
   * Where NULLs of the first key go: 'natural' keeps the database's own order (so an index serves
   * it: PostgreSQL sorts NULLs as largest, SQLite as smallest), 'last' puts them last on both.
   */
  nulls?: 'natural' | 'last';
}

export interface SortSpec {
  name: string;
  desc: boolean;
  /** All keys share the direction; the last one is unique (the id). Only the first may be NULL. */
  keys: SortKey[];
}

type CursorValue = number | string | null;

export function encodeCursor(sort: SortSpec, values: CursorValue[]): string {
  return Buffer.from(JSON.stringify({ s: sort.name, v: values })).toString('base64url');
}

export function decodeCursor(sort: SortSpec, cursor: string): CursorValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('cursor', 'not a cursor this queue gave out');
  }
  const { s, v } = (parsed ?? {}) as { s?: unknown; v?: unknown };
  const ok =
    s === sort.name &&
    Array.isArray(v) &&
    v.length === sort.keys.length &&
    v.every((x) => x === null || typeof x === 'number' || typeof x === 'string') &&
    typeof v[v.length - 1] === 'number';
  if (!ok) throw invalid('cursor', 'not a cursor of this queue and sort order');
  return v as CursorValue[];
}

/** Whether NULLs of the first key come after its values in the output order. */
function nullsAfterValues(sort: SortSpec, postgres: boolean): boolean {
  const first = sort.keys[0];
  if (first.nulls === 'last') return true;
  return postgres ? !sort.desc : sort.desc;
}

export function orderBySql(sort: SortSpec, postgres: boolean): string {
  const dir = sort.desc ? 'DESC' : 'ASC';
  const naturalAfter = postgres ? !sort.desc : sort.desc;
  return sort.keys
    .map((k, i) => {
      const forceLast = i === 0 && k.nulls === 'last' && !naturalAfter;
      return `"${k.column}" ${dir}${forceLast ? ' NULLS LAST' : ''}`;
    })
    .join(', ');
}

/** Adds "after the cursor" to the query. `bind` turns a cursor value into a binding. */
export function applyCursor(
  query: Knex.QueryBuilder,
  sort: SortSpec,
  values: CursorValue[],
  postgres: boolean,
  bind: (key: SortKey, value: CursorValue) => unknown
): void {
  const op = sort.desc ? '<' : '>';
  const rowAfter = (keys: SortKey[], vals: CursorValue[]) => ({
    sql: `(${keys.map((k) => `"${k.column}"`).join(', ')}) ${op} (${keys.map(() => '?').join(', ')})`,
    bindings: keys.map((k, i) => bind(k, vals[i])) as Knex.RawBinding[],
  });
  const [first, ...rest] = sort.keys;
  const nullsAfter = nullsAfterValues(sort, postgres);
  if (values[0] === null) {
    const tail = rowAfter(rest, values.slice(1));
    query.where((w) => {
      w.where((x) => x.whereNull(first.column).whereRaw(tail.sql, tail.bindings));
      if (!nullsAfter) w.orWhereNotNull(first.column);
    });
    return;
  }
  const all = rowAfter(sort.keys, values);
  query.where((w) => {
    w.whereRaw(all.sql, all.bindings);
    if (nullsAfter) w.orWhereNull(first.column);
  });
}
