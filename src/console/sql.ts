/** Small helpers for the console's raw SQL, the same on SQLite and PostgreSQL. */
import type { Core, UID } from '@strapi/strapi';
import { fromDb } from '../lib/raw-sql';

export const isPostgres = (strapi: Core.Strapi): boolean => strapi.db.dialect.client === 'postgres';

export { dbInstant, fromDb } from '../lib/raw-sql';

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
