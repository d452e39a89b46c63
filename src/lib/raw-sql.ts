/** Helpers for the few raw knex queries (queues, clusters, jobs) next to Strapi's query layer. */
import type { Core, UID } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * An instant as raw SQL compares it with Strapi's datetime columns: PostgreSQL holds timestamps,
 * Strapi's SQLite dialect stores milliseconds since the epoch.
 */
export function dbInstant(strapi: Core.Strapi, at: Date): Date | number {
  return strapi.db.dialect.client === 'postgres' ? at : at.getTime();
}

/** An instant read back from either database (Date, epoch number or string). */
export function fromDb(value: unknown): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value);
  const text = String(value);
  return new Date(/^\d+$/.test(text) ? Number(text) : text);
}

/**
 * Runs a raw query in the transaction in progress, if any (Strapi keeps it in async context): a
 * raw query outside it would wait for a second connection, which SQLite's single one never frees.
 */
export async function inCurrentTransaction<T>(
  strapi: Core.Strapi,
  fn: (db: Knex | Knex.Transaction) => Promise<T>
): Promise<T> {
  return strapi.db.inTransaction()
    ? strapi.db.transaction(({ trx }) => fn(trx))
    : fn(strapi.db.connection);
}

export const isPostgres = (strapi: Core.Strapi): boolean => strapi.db.dialect.client === 'postgres';

export const isoOrNull = (value: unknown): string | null => fromDb(value)?.toISOString() ?? null;

/** SQLite answers booleans as 0/1. */
export const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1';

export function tableOf(strapi: Core.Strapi, uid: UID.Schema): string {
  return strapi.db.metadata.get(uid).tableName;
}

/** The link table of a to-one or to-many relation, as Strapi named it. */
export function joinTableOf(
  strapi: Core.Strapi,
  uid: UID.Schema,
  attribute: string
): { name: string; ownerColumn: string; targetColumn: string } {
  const attr = strapi.db.metadata.get(uid).attributes[attribute] as {
    joinTable?: {
      name: string;
      joinColumn: { name: string };
      inverseJoinColumn: { name: string };
    };
  };
  if (!attr?.joinTable) throw new Error(`${uid}.${attribute} has no link table`);
  return {
    name: attr.joinTable.name,
    ownerColumn: attr.joinTable.joinColumn.name,
    targetColumn: attr.joinTable.inverseJoinColumn.name,
  };
}

/** A LIKE pattern that matches `text` literally (with ESCAPE '\'). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
