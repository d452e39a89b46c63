/**
 * PostgreSQL's side of the catalogue search keeps each published service's search vector in
 * `bc_service_search` (GIN-indexed), so a search reads stored vectors instead of running
 * `to_tsvector` over every card's title, topic names and summary (300 ms for 2,000 cards in
 * docs/BENCHMARKS.md; 3 ms stored). A locale's vectors are rebuilt, whole, by the first search
 * after its published services or topics changed: a fingerprint (count, sum of row ids, latest
 * update of the published rows; Strapi gives a published row a new id at each publication) is kept
 * in `bc_service_search_state`. The rebuild runs under an advisory lock, so instances searching at
 * once rebuild it once; nothing is kept in a process's memory.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export const VECTORS_TABLE = 'bc_service_search';
export const STATE_TABLE = 'bc_service_search_state';

const qualified = (strapi: Core.Strapi, table: string) => {
  const schema = strapi.db.getSchemaName();
  return schema ? `"${schema}"."${table}"` : `"${table}"`;
};

/** Creates the tables at bootstrap (PostgreSQL only; SQLite ranks in JavaScript). */
export async function ensureSearchVectorTables(strapi: Core.Strapi): Promise<void> {
  if (strapi.db.dialect.client !== 'postgres') return;
  await strapi.db.connection.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [VECTORS_TABLE]);
    await trx.raw(
      `CREATE TABLE IF NOT EXISTS ${qualified(strapi, VECTORS_TABLE)} (
         service_id integer PRIMARY KEY,
         locale varchar(10) NOT NULL,
         document_id varchar(255) NOT NULL,
         title text NOT NULL,
         vector tsvector NOT NULL
       )`
    );
    await trx.raw(
      `CREATE INDEX IF NOT EXISTS bc_service_search_vector ON ${qualified(strapi, VECTORS_TABLE)} USING gin (vector)`
    );
    await trx.raw(
      `CREATE TABLE IF NOT EXISTS ${qualified(strapi, STATE_TABLE)} (
         locale varchar(10) PRIMARY KEY,
         fingerprint text NOT NULL
       )`
    );
  });
}

/** What changes when a service or topic of the locale is published, unpublished or deleted. */
async function fingerprint(
  db: Knex | Knex.Transaction,
  tables: { services: string; topics: string },
  locale: string
): Promise<string> {
  const parts: string[] = [];
  for (const table of [tables.services, tables.topics]) {
    const [row] = (await db(table)
      .whereNotNull('published_at')
      .andWhere('locale', locale)
      .select(
        db.raw('count(*) as n'),
        db.raw('coalesce(sum(id), 0) as ids'),
        db.raw('max(updated_at) as at')
      )) as { n: unknown; ids: unknown; at: unknown }[];
    parts.push(`${row.n}:${row.ids}:${row.at instanceof Date ? row.at.toISOString() : row.at}`);
  }
  return parts.join('|');
}

/**
 * Makes the stored vectors of the locale current. `vectorsQuery` selects, per published service
 * of the locale, `service_id, locale, document_id, title, vector`.
 */
export async function refreshSearchVectors(
  strapi: Core.Strapi,
  tables: { services: string; topics: string },
  locale: string,
  vectorsQuery: (db: Knex.Transaction) => Knex.QueryBuilder
): Promise<void> {
  const knex = strapi.db.connection;
  const state = qualified(strapi, STATE_TABLE);
  const current = await fingerprint(knex, tables, locale);
  const stored = await knex.raw(`SELECT fingerprint FROM ${state} WHERE locale = ?`, [locale]);
  if (stored.rows[0]?.fingerprint === current) return;
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`${VECTORS_TABLE}:${locale}`]);
    // Another instance may have rebuilt it while this one waited for the lock.
    const now = await fingerprint(trx, tables, locale);
    const again = await trx.raw(`SELECT fingerprint FROM ${state} WHERE locale = ?`, [locale]);
    if (again.rows[0]?.fingerprint === now) return;
    await trx.raw(`DELETE FROM ${qualified(strapi, VECTORS_TABLE)} WHERE locale = ?`, [locale]);
    const select = vectorsQuery(trx).toSQL();
    await trx.raw(
      `INSERT INTO ${qualified(strapi, VECTORS_TABLE)} (service_id, locale, document_id, title, vector) ${select.sql}`,
      select.bindings as unknown[]
    );
    await trx.raw(
      `INSERT INTO ${state} (locale, fingerprint) VALUES (?, ?)
       ON CONFLICT (locale) DO UPDATE SET fingerprint = EXCLUDED.fingerprint`,
      [locale, now]
    );
  });
}
