/**
 * Boots the compiled app once per test file (the pattern of Strapi's own API tests): a real
 * Strapi on the run's database, its HTTP server mounted for supertest.
 */
import { createStrapi, type Core } from '@strapi/strapi';
import path from 'path';

let instance: Core.Strapi | undefined;

export async function startStrapi(): Promise<Core.Strapi> {
  if (instance) return instance;
  const app = createStrapi({
    appDir: path.resolve(__dirname, '..', '..'),
    distDir: path.resolve(__dirname, '..', '..', 'dist'),
    serveAdminPanel: false,
  });
  await app.load();
  await app.server.mount();
  instance = app;
  return app;
}

interface Pool {
  numUsed(): number;
  numPendingAcquires(): number;
}

/**
 * Strapi finishes some writes after answering (an API token's lastUsedAt, for one): wait until the
 * connection pool is idle so destroy() does not abort them.
 */
async function poolIdle(app: Core.Strapi, timeoutMs = 30000): Promise<void> {
  const pool = (app.db.connection.client as { pool?: Pool }).pool;
  const deadline = Date.now() + timeoutMs;
  while (pool && (pool.numUsed() > 0 || pool.numPendingAcquires() > 0) && Date.now() < deadline) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function stopStrapi(): Promise<void> {
  if (!instance) return;
  const app = instance;
  instance = undefined;
  await poolIdle(app);
  await app.destroy();
}

export function isPostgres(strapi: Core.Strapi): boolean {
  return strapi.db.dialect.client === 'postgres';
}
