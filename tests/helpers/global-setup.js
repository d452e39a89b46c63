/**
 * Compiles the app once, then gives the run a fresh database: a SQLite file under .tmp/ by
 * default, or a new PostgreSQL database when DATABASE_URL / DATABASE_CLIENT=postgres is set.
 * Test files run in band and share it, so each test creates its own data.
 */
const { execFileSync } = require('child_process');
const { URL } = require('url');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
// One state file per jest process (setup and teardown run in it), so that a second jest run in
// the same checkout (a unit-only run, say) never tears down this run's database.
const stateFile = path.join(root, '.tmp', `test-db-${process.pid}.json`);

function postgresAdminUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const u = encodeURIComponent(process.env.DATABASE_USERNAME || 'postgres');
  const p = process.env.DATABASE_PASSWORD
    ? `:${encodeURIComponent(process.env.DATABASE_PASSWORD)}`
    : '';
  const host = process.env.DATABASE_HOST || '127.0.0.1';
  const port = process.env.DATABASE_PORT || '5432';
  return `postgres://${u}${p}@${host}:${port}/${process.env.DATABASE_NAME || 'postgres'}`;
}

module.exports = async () => {
  fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
  fs.mkdirSync(path.join(root, 'public', 'uploads'), { recursive: true });
  process.env.NODE_ENV = 'test';
  process.env.SEED_DEMO = 'false';
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  process.env.AUTH_RATE_LIMIT = 'false';
  // Intake rate limits stay on, but out of reach of suites that file many cases from one IP (the
  // 200 concurrent intakes of reference-codes); rate-limit.test.ts lowers them at runtime.
  process.env.RATE_LIMIT_ENABLED = 'true';
  process.env.RATE_LIMIT_IP_POINTS = '100000';
  process.env.RATE_LIMIT_EMAIL_POINTS = '100000';

  // `jest --selectProjects unit` needs neither the compiled app nor a database.
  const argv = process.argv.join(' ');
  if (/--selectProjects[ =]unit\b/.test(argv) && !argv.includes('integration')) return;

  if (!process.env.SKIP_COMPILE) {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: root,
      stdio: 'inherit',
    });
  }

  const name = `benecomune_test_${process.pid}_${Date.now().toString(36)}`;
  const usePostgres =
    Boolean(process.env.DATABASE_URL) || process.env.DATABASE_CLIENT === 'postgres';
  if (usePostgres) {
    const { Client } = require('pg');
    const adminUrl = postgresAdminUrl();
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_CLIENT = 'postgres';
    process.env.DATABASE_URL = url.toString();
    fs.writeFileSync(stateFile, JSON.stringify({ client: 'postgres', adminUrl, name }));
  } else {
    const filename = `.tmp/${name}.db`;
    process.env.DATABASE_CLIENT = 'sqlite';
    process.env.DATABASE_FILENAME = filename;
    fs.writeFileSync(stateFile, JSON.stringify({ client: 'sqlite', filename }));
  }
};
