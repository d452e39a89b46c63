/**
 * A second, independent connection to the run's database, standing in for another Strapi
 * instance: its own knex and pool, so its queries race the app's for real on PostgreSQL.
 */
import type { Core } from '@strapi/strapi';
import knex, { type Knex } from 'knex';

interface DatabaseConfig {
  client: 'postgres' | 'sqlite';
  connection: Record<string, unknown>;
}

export function openSecondConnection(strapi: Core.Strapi): Knex {
  const config = strapi.config.get('database.connection') as DatabaseConfig;
  if (config.client === 'postgres') {
    return knex({ client: 'pg', connection: config.connection, pool: { min: 0, max: 10 } });
  }
  // SQLite: one process is the supported setup; a second connection still checks the SQL.
  return knex({ client: 'better-sqlite3', connection: config.connection, useNullAsDefault: true });
}
