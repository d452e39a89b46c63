/** The database has what the queues and jobs need, on SQLite and on PostgreSQL alike. */
import type { Core } from '@strapi/strapi';
import { INDEXES, OBSOLETE_INDEXES, ensureIndexes } from '../../src/database/indexes';
import { isPostgres, startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(stopStrapi);

async function indexNames(): Promise<Set<string>> {
  const db = strapi.db.connection;
  if (isPostgres(strapi)) {
    const res = await db.raw(
      'SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()'
    );
    return new Set(res.rows.map((r: { indexname: string }) => r.indexname));
  }
  const rows = await db.raw("SELECT name FROM sqlite_master WHERE type = 'index'");
  return new Set(rows.map((r: { name: string }) => r.name));
}

it.each(INDEXES.map((i) => [i.name, i.table, i.columns.join(', ')]))(
  'index %s exists on %s (%s)',
  async (name) => {
    expect((await indexNames()).has(name)).toBe(true);
  }
);

it('indexes a newer version replaced are dropped at start-up', async () => {
  const db = strapi.db.connection;
  // As an earlier version left it on a database being upgraded.
  await db.raw('CREATE INDEX IF NOT EXISTS "bc_reports_open_position" ON "reports" ("state")');
  expect((await indexNames()).has('bc_reports_open_position')).toBe(true);
  await ensureIndexes(db);
  const names = await indexNames();
  for (const name of OBSOLETE_INDEXES) expect(names.has(name)).toBe(false);
  for (const spec of INDEXES) expect(names.has(spec.name)).toBe(true);
});

it('the queue query can use the queue index (PostgreSQL plan)', async () => {
  if (!isPostgres(strapi)) {
    const plan = await strapi.db.connection.raw(
      "EXPLAIN QUERY PLAN SELECT id FROM reports WHERE state = 'received' AND office_key = 'x' ORDER BY priority DESC LIMIT 50"
    );
    expect(JSON.stringify(plan)).toContain('bc_reports_queue');
    return;
  }
  await strapi.db.connection.raw('SET enable_seqscan = off');
  const plan = await strapi.db.connection.raw(
    "EXPLAIN SELECT id FROM reports WHERE state = 'received' AND office_key = 'x' ORDER BY priority DESC LIMIT 50"
  );
  await strapi.db.connection.raw('SET enable_seqscan = on');
  // An open state also matches the console's partial index on open reports, which PostgreSQL may
  // prefer (it gives the order): either serves the query.
  expect(JSON.stringify(plan.rows)).toMatch(/bc_reports_(queue|open_office_priority)/);
});

it('Italian is the default content locale, English the second', async () => {
  const locales = strapi.plugin('i18n').service('locales');
  expect(await locales.getDefaultLocale()).toBe('it');
  const codes = (await locales.find()).map((l: { code: string }) => l.code);
  expect(codes).toEqual(expect.arrayContaining(['it', 'en']));
});

it('personal fields of citizens are private in the schema', () => {
  const attrs = strapi.contentType('api::citizen.citizen').attributes as Record<
    string,
    { private?: boolean }
  >;
  for (const field of ['email', 'name', 'phone']) expect(attrs[field].private).toBe(true);
  const n = strapi.contentType('api::notification.notification').attributes as Record<
    string,
    { private?: boolean }
  >;
  expect(n.recipient.private).toBe(true);
});

it('published content is versioned and bilingual; cases are not', () => {
  for (const uid of [
    'api::service.service',
    'api::office.office',
    'api::topic.topic',
    'api::survey.survey',
  ] as const) {
    const ct = strapi.contentType(uid) as unknown as {
      options: { draftAndPublish: boolean };
      pluginOptions: { i18n?: { localized: boolean } };
    };
    expect(ct.options.draftAndPublish).toBe(true);
    expect(ct.pluginOptions.i18n?.localized).toBe(true);
  }
  const report = strapi.contentType('api::report.report') as unknown as {
    options: { draftAndPublish: boolean };
  };
  expect(report.options.draftAndPublish).toBe(false);
});
