/**
 * Benchmarks of the triage engine on a database filled with `npm run seed -- --reports 1000000`
 * (PostgreSQL; see docs/BENCHMARKS.md). Each figure has a baseline measured in the same run:
 *
 * - duplicate lookup: findOpenMaster() (topic rules + bounding-box query on the partial cluster
 *   index + exact distance) against the same box query in raw SQL, and against a naive lookup
 *   that reads every open report of the topic and measures distances in JavaScript;
 * - console queue, first page: queuePage() against its own SQL run raw, for the busiest office,
 *   for everything (URP operator), for a band filter and for the overdue filter;
 * - the triage job with nothing due (cost must not grow with what is stored).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/benecomune_bench npm run bench:triage
 */
'use strict';

const path = require('path');
const { adminJwt, measure: timed, mulberry32, writeResults } = require('./lib');
const { URLSearchParams } = require('url');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'src');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const measure = (name, fn, iterations = ITERATIONS) => timed(name, fn, { iterations });

async function main() {
  process.env.SEED_DEMO = 'false';
  process.env.JOBS_ENABLED = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  const clusters = require(path.join(DIST, 'lib/triage/clusters'));
  const { boxAround } = require(path.join(DIST, 'domain/duplicates'));
  const { distanceMeters } = require(path.join(DIST, 'domain/geo'));
  const { openStatesSql } = require(path.join(DIST, 'database/indexes'));
  const queue = require(path.join(DIST, 'plugins/urp-console/server/src/queue'));
  const { runTriageJob } = require(path.join(DIST, 'jobs/triage'));
  const { streets } = require(path.join(DIST, 'seed/data'));
  const db = strapi.db.connection;
  await strapi.server.listen();
  const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;

  try {
    const reports = Number((await db('reports').count({ n: '*' }))[0].n);
    const open = Number(
      (await db('reports').whereRaw(openStatesSql('report')).count({ n: '*' }))[0].n
    );
    const topics = (
      await db('reports').distinct('topic_key').whereNotNull('topic_key').limit(100)
    ).map((r) => r.topic_key);
    console.log(
      `${strapi.db.dialect.client}: ${reports} reports (${open} open), ${topics.length} topics\n`
    );

    // Probes: a random topic at a random point near a seeded street (where reports are).
    const random = mulberry32(42);
    const probes = Array.from({ length: 500 }, () => {
      const s = streets[Math.floor(random() * streets.length)];
      return {
        topicKey: topics[Math.floor(random() * topics.length)],
        position: {
          latitude: s.latitude + (random() - 0.5) * 0.002,
          longitude: s.longitude + (random() - 0.5) * 0.003,
        },
      };
    });
    // The reports' own time: the window is counted back from the newest reception.
    const [{ latest }] = await db('reports').max({ latest: 'received_at' });
    const now = new Date(latest);
    const since = new Date(now.getTime() - 30 * 86_400_000);
    const results = [];

    const lookup = await measure('duplicate lookup: findOpenMaster()', (i) =>
      clusters.findOpenMaster(strapi, probes[i % probes.length], now)
    );
    const boxSql = (probe) => {
      const box = boxAround(probe.position, 50);
      return db('reports')
        .select('id', 'document_id', 'reference_code', 'latitude', 'longitude', 'received_at')
        .where('topic_key', probe.topicKey)
        .whereRaw(openStatesSql('report'))
        .whereBetween('latitude', [box.minLatitude, box.maxLatitude])
        .whereBetween('longitude', [box.minLongitude, box.maxLongitude])
        .where('received_at', '>=', since)
        .limit(500);
    };
    const lookupRaw = await measure('  baseline: the bounding-box query in raw SQL', (i) =>
      boxSql(probes[i % probes.length])
    );
    const naive = await measure(
      '  naive: every open report of the topic, distances in JS',
      async (i) => {
        const probe = probes[i % probes.length];
        const rows = await db('reports')
          .select('id', 'latitude', 'longitude', 'received_at')
          .where('topic_key', probe.topicKey)
          .whereRaw(openStatesSql('report'))
          .where('received_at', '>=', since);
        return rows.filter((r) => r.latitude != null && distanceMeters(probe.position, r) <= 50);
      },
      Math.min(ITERATIONS, 50)
    );
    const plan = await db.raw(`EXPLAIN ${boxSql(probes[0]).toString()}`).catch(() => null);
    const planText = plan?.rows?.map((r) => r['QUERY PLAN']).join('\n') ?? '(plan not available)';
    console.log(`  plan:\n    ${planText.split('\n').join('\n    ')}\n`);
    results.push(lookup, lookupRaw, naive);

    // The queue: the busiest office's open reports by priority, first page of 25.
    const [{ office_key: officeKey }] = await db('reports')
      .select('office_key')
      .whereNotNull('office_key')
      .groupBy('office_key')
      .orderByRaw('count(*) desc')
      .limit(1);
    const cases = [
      ['queue: busiest office, open, by priority', { office: officeKey }],
      ['queue: all offices (URP operator), open, by priority', {}],
      ['queue: busiest office, band high', { office: officeKey, band: 'high' }],
      ['queue: busiest office, overdue', { office: officeKey, overdue: 'true' }],
      ['queue: busiest office, text search "buca"', { office: officeKey, q: 'buca' }],
    ];
    const jwt = await adminJwt(strapi, base);
    const getQueue = async (params) => {
      const res = await fetch(`${base}/urp-console/queue?${new URLSearchParams(params)}`, {
        headers: { Authorization: `Bearer ${jwt}` },
      });
      if (res.status !== 200) throw new Error(`queue: HTTP ${res.status}`);
      await res.arrayBuffer();
    };
    // The floor of any admin request here: JWT, session and user checks, koa, loopback HTTP.
    const floor = await measure('admin HTTP floor: GET /admin/users/me', async () => {
      const res = await fetch(`${base}/admin/users/me`, {
        headers: { Authorization: `Bearer ${jwt}` },
      });
      if (res.status !== 200) throw new Error(`users/me: HTTP ${res.status}`);
      await res.arrayBuffer();
    });
    results.push(floor);
    const queuePairs = [];
    for (const [name, filters] of cases) {
      const q = queue.parseQueueQuery({ kind: 'report', pageSize: '25', ...filters });
      const scope = { all: true };
      const sql = queue.queueQuery(strapi, q, scope).toString();
      const api = await measure(`${name}: queuePage()`, () => queue.queuePage(strapi, q, scope));
      const raw = await measure(`  baseline: its SQL, raw`, () => db.raw(sql));
      const http = await measure(`  GET /urp-console/queue (admin JWT, HTTP)`, () =>
        getQueue({ kind: 'report', pageSize: '25', ...filters })
      );
      results.push(api, raw, http);
      queuePairs.push({ name, api, raw, http });
    }

    const job = await measure(
      'triage job, nothing due (priority refresh + emergency re-alerts)',
      // The warm-up's first run catches up on whatever the seed left due; then nothing is.
      () => runTriageJob(strapi, now),
      Math.min(ITERATIONS, 50)
    );
    results.push(job);

    console.log('\nratios (p50):');
    console.log(`  duplicate lookup / raw box query: ${(lookup.p50 / lookupRaw.p50).toFixed(2)}×`);
    console.log(`  naive scan / duplicate lookup: ${(naive.p50 / lookup.p50).toFixed(1)}×`);
    for (const { name, api, raw, http } of queuePairs) {
      console.log(
        `  ${name}: ${(api.p50 / raw.p50).toFixed(2)}× its raw SQL; over HTTP ` +
          `${(http.p50 / floor.p50).toFixed(2)}× the admin HTTP floor`
      );
    }
    writeResults('triage', {
      database: strapi.db.dialect.client,
      reports,
      open,
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
