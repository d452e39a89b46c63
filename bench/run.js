/**
 * Benchmarks of the foundation, on whatever database the environment names (set DATABASE_URL to a
 * PostgreSQL database filled with `npm run seed -- --reports 1000000`). Every figure is reported
 * with a baseline measured in the same run: the same query in raw SQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/benecomune_bench npm run bench
 *
 * Results are printed and written to bench/results/queues-<timestamp>.json.
 */
'use strict';

const path = require('path');
const { measure: timed, writeResults } = require('./lib');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const measure = (name, fn) => timed(name, fn, { iterations: ITERATIONS });

async function main() {
  process.env.SEED_DEMO = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  await strapi.server.listen();
  const { port } = strapi.server.httpServer.address();
  const base = `http://127.0.0.1:${port}`;
  const db = strapi.db.connection;

  try {
    const reports = Number((await db('reports').count({ n: '*' }))[0].n);
    // The busiest office and a state with a full first page: the queue an operator opens.
    const [{ office_key: officeKey }] = await db('reports')
      .select('office_key')
      .whereNotNull('office_key')
      .groupBy('office_key')
      .orderByRaw('count(*) desc')
      .limit(1);
    const state = 'assigned';
    const token = (
      await strapi.service('admin::api-token').create({
        name: `bench-${Date.now()}`,
        type: 'read-only',
        lifespan: null,
        permissions: [],
      })
    ).accessKey;
    const headers = { Authorization: `Bearer ${token}` };
    const get = async (url) => {
      const res = await fetch(base + url, { headers });
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
      await res.arrayBuffer();
    };
    console.log(
      `${strapi.db.dialect.client}: ${reports} reports; queue of office ${officeKey}, state ${state}\n`
    );

    const results = [];
    const raw = await measure('raw SQL: state + office_key, priority desc, 50 rows', () =>
      db('reports')
        .select('id', 'document_id', 'reference_code', 'state', 'priority', 'received_at', 'due_at')
        .where({ state, office_key: officeKey })
        .orderBy('priority', 'desc')
        .limit(50)
    );
    results.push(raw);
    results.push(
      await measure('REST generic: filter officeKey (indexed column)', () =>
        get(
          `/api/reports?filters[state][$eq]=${state}&filters[officeKey][$eq]=${officeKey}` +
            `&sort=priority:desc&pagination[pageSize]=50&pagination[withCount]=false`
        )
      )
    );
    results.push(
      await measure('REST generic: filter office relation (link table)', () =>
        get(
          `/api/reports?filters[state][$eq]=${state}&filters[office][documentId][$eq]=${officeKey}` +
            `&sort=priority:desc&pagination[pageSize]=50&pagination[withCount]=false`
        )
      )
    );
    const codes = (
      await db('reports').select('reference_code').orderBy('id', 'desc').limit(500)
    ).map((r) => r.reference_code);
    const rawCode = await measure('raw SQL: report by reference code', (i) =>
      db('reports')
        .where({ reference_code: codes[i % codes.length] })
        .first()
    );
    results.push(rawCode);
    results.push(
      await measure('REST generic: report by reference code', (i) =>
        get(`/api/reports?filters[referenceCode][$eq]=${codes[i % codes.length]}`)
      )
    );

    console.log('\nratios against raw SQL (p50):');
    for (const r of results) {
      const baseline = r.name.includes('reference code') ? rawCode : raw;
      if (r !== baseline) console.log(`  ${r.name}: ${(r.p50 / baseline.p50).toFixed(1)}×`);
    }
    writeResults('queues', {
      database: strapi.db.dialect.client,
      reports,
      iterations: ITERATIONS,
      results,
    });
  } finally {
    await strapi.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
