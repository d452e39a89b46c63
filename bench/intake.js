/**
 * Benchmarks of the public intake and tracking, each against Strapi's generic action on the same
 * content type, measured in the same run on the same database:
 *
 *   - POST /api/reports (our intake) vs the Content Manager's generic create
 *     (POST /content-manager/collection-types/api::report.report, admin JWT), with the body the
 *     admin panel sends. Both go through the same Document Service middleware (reference code,
 *     due date, case event, outbox message), so the difference is what each path adds around it.
 *     Strapi's Document Service create, in-process (no HTTP), is measured with them: the floor.
 *   - GET /api/track/:code (public) vs the generic GET /api/reports/:documentId (read-only API
 *     token), for the same random existing reports.
 *
 * Each pair is measured in alternating rounds (A B, then B A, …) so that drift on a shared machine
 * hits both sides alike: sequentially (latency p50/p95 and requests/s) and with BENCH_CONCURRENCY
 * requests in flight (requests/s and latency). Messages stay queued in the outbox (no dispatch, no
 * jobs); the bench deletes the outbox rows it caused and keeps the reports it created (their
 * description starts with "[bench]").
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/benecomune_bench npm run bench
 *
 * Results are printed and written to bench/results/intake-<timestamp>.json.
 */
'use strict';

const { adminJwt: adminSession, stats, writeResults } = require('./lib');

const os = require('os');
const path = require('path');
const { randomBytes } = require('crypto');
const { performance } = require('perf_hooks');

// Before Strapi reads its configuration.
process.env.SEED_DEMO = 'false';
process.env.JOBS_ENABLED = 'false';
process.env.OUTBOX_DISPATCH_ON_COMMIT = 'false';
process.env.RATE_LIMIT_ENABLED = 'false';
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';

const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 8);
/** Requests per path and round; the concurrent phase sends twice as many. */
const WRITES = Number(process.env.BENCH_WRITES || 150);
const READS = Number(process.env.BENCH_READS || 500);
const WARMUP = 30;

/** Runs `count` calls of fn with `concurrency` in flight; latency of each call and wall time. */
async function drive(fn, count, concurrency) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = performance.now();
      await fn(i);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, ms: performance.now() - started };
}

/**
 * Measures two paths (a and b) in alternating rounds, sequentially and concurrently.
 * Returns per path: sequential and concurrent latency stats and throughput over all rounds.
 */
async function compare(title, paths, count) {
  console.log(`\n${title}`);
  for (const p of paths) await drive(p.fn, WARMUP, 1);
  const acc = new Map(
    paths.map((p) => [p.name, { seq: [], seqMs: 0, conc: [], concMs: 0, rounds: [] }])
  );
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? paths : [...paths].reverse();
    for (const mode of ['seq', 'conc']) {
      for (const p of order) {
        const n = mode === 'seq' ? count : count * 2;
        const { latencies, ms } = await drive(p.fn, n, mode === 'seq' ? 1 : CONCURRENCY);
        const a = acc.get(p.name);
        a[mode].push(...latencies);
        a[`${mode}Ms`] += ms;
        a.rounds.push({ round, mode, n, rps: (n * 1000) / ms });
      }
    }
  }
  const out = [];
  for (const p of paths) {
    const a = acc.get(p.name);
    const r = {
      name: p.name,
      sequential: { ...stats(a.seq), rps: (a.seq.length * 1000) / a.seqMs },
      concurrent: {
        ...stats(a.conc),
        rps: (a.conc.length * 1000) / a.concMs,
        inFlight: CONCURRENCY,
      },
      rounds: a.rounds,
    };
    const s = r.sequential;
    const c = r.concurrent;
    console.log(
      `${p.name.padEnd(44)} seq ${s.rps.toFixed(1).padStart(6)} req/s p50 ${s.p50.toFixed(1)} ms ` +
        `p95 ${s.p95.toFixed(1)} ms | ×${CONCURRENCY} ${c.rps.toFixed(1).padStart(6)} req/s ` +
        `p50 ${c.p50.toFixed(1)} ms p95 ${c.p95.toFixed(1)} ms`
    );
    const spread = (mode) =>
      a.rounds
        .filter((x) => x.mode === mode)
        .map((x) => x.rps.toFixed(0))
        .join('/');
    console.log(
      `${''.padEnd(44)} per round req/s: seq ${spread('seq')}, ×${CONCURRENCY} ${spread('conc')}`
    );
    out.push(r);
  }
  return out;
}

function ratios(ours, generic) {
  return {
    sequentialThroughput: ours.sequential.rps / generic.sequential.rps,
    concurrentThroughput: ours.concurrent.rps / generic.concurrent.rps,
    sequentialP50: ours.sequential.p50 / generic.sequential.p50,
    sequentialP95: ours.sequential.p95 / generic.sequential.p95,
    concurrentP50: ours.concurrent.p50 / generic.concurrent.p50,
    concurrentP95: ours.concurrent.p95 / generic.concurrent.p95,
  };
}

function printRatios(label, r) {
  console.log(
    `${label}: throughput ${r.sequentialThroughput.toFixed(2)} (sequential), ` +
      `${r.concurrentThroughput.toFixed(2)} (×${CONCURRENCY}); latency p50 ${r.sequentialP50.toFixed(2)}, ` +
      `p95 ${r.sequentialP95.toFixed(2)} (sequential)`
  );
}

async function dataSizes(strapi) {
  const db = strapi.db.connection;
  const tables = ['reports', 'requests', 'complaints', 'case_events', 'notifications', 'citizens'];
  const out = {};
  for (const t of tables) {
    const rows = Number((await db(t).count({ n: '*' }))[0].n);
    let bytes = null;
    if (strapi.db.dialect.client === 'postgres') {
      const res = await db.raw('SELECT pg_total_relation_size(?::regclass) AS b', [t]);
      bytes = Number(res.rows[0].b);
    }
    out[t] = { rows, bytes };
  }
  return out;
}

async function main() {
  const strapi = await createStrapi({
    appDir: ROOT,
    distDir: path.join(ROOT, 'dist'),
    serveAdminPanel: false,
  }).load();
  await strapi.server.listen();
  const { port } = strapi.server.httpServer.address();
  const base = `http://127.0.0.1:${port}`;
  const db = strapi.db.connection;
  const notificationsTable = strapi.db.metadata.get('api::notification.notification').tableName;

  try {
    const sizes = await dataSizes(strapi);
    const reportsBefore = sizes.reports.rows;
    const [{ max: lastNotification }] = await db(notificationsTable).max({ max: 'id' });
    console.log(`${strapi.db.dialect.client}: ${JSON.stringify(sizes)}`);

    // --- what both paths need ----------------------------------------------------------------
    const topic = await db('topics')
      .select('code', 'document_id', 'name')
      .where({ active: true, accepts_reports: true, locale: 'it' })
      .whereNotNull('published_at')
      .orderBy('id')
      .first();
    if (!topic) throw new Error('No active topic accepting reports: seed the database first.');
    // Citizens whose documentId starts with a letter, as Strapi's own ids do. The bulk seed's hex
    // ids often start with a digit, and Strapi reads a relation given as such a string ('7f3a…')
    // as a numeric id (parseInt), so the intake's `citizen: documentId` fails for those citizens:
    // see docs/BENCHMARKS.md.
    const citizens = (
      await db('citizens')
        .select('id', 'document_id', 'email')
        .where({ blocked: false })
        .whereNotNull('email')
        .orderBy('id')
        .limit(200)
    )
      .filter((c) => /^[a-z]/.test(c.document_id))
      .slice(0, 16);

    const adminJwt = await adminSession(strapi, base);
    const apiToken = (
      await strapi.service('admin::api-token').create({
        name: `bench-intake-${Date.now()}`,
        type: 'read-only',
        lifespan: null,
        permissions: [],
      })
    ).accessKey;

    // The relation entries exactly as the admin's relation picker offers them.
    const pick = async (field, match) => {
      const res = await fetch(
        `${base}/content-manager/relations/api::report.report/${field}?pageSize=100&page=1` +
          (match ? `&_q=${encodeURIComponent(match)}` : ''),
        { headers: { Authorization: `Bearer ${adminJwt}` } }
      );
      if (res.status !== 200) throw new Error(`relations ${field}: HTTP ${res.status}`);
      return (await res.json()).results;
    };
    const topicOptions = (await pick('topic', topic.name)).filter(
      (t) => t.documentId === topic.document_id
    );
    const topicEntry = topicOptions.find((t) => t.locale === 'it') ?? topicOptions[0];
    if (!topicEntry) throw new Error(`topic ${topic.code} not offered by the relation picker`);
    const citizenEntries = [];
    for (const c of citizens) {
      const found = (await pick('citizen', c.email)).find((x) => x.documentId === c.document_id);
      citizenEntries.push(found ?? { id: c.id, documentId: c.document_id, locale: null });
    }
    const connect = (entry) => ({
      connect: [{ id: entry.id, documentId: entry.documentId, locale: entry.locale ?? null }],
      disconnect: [],
    });
    const empty = () => ({ connect: [], disconnect: [] });
    const description = (i) =>
      `[bench] Buca profonda sul manto stradale davanti al civico ${i % 200}, pericolosa per i ciclisti`;

    let seq = 0;
    const post = async (url, body, headers, expected) => {
      const res = await fetch(base + url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const json = await res.json();
      if (res.status !== expected)
        throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    };
    const intake = (emailOf) => () => {
      const i = seq++;
      return post(
        '/api/reports',
        {
          topic: topic.code,
          description: description(i),
          latitude: 43.7167,
          longitude: 10.4017,
          declaredUrgency: 2,
          contact: { email: emailOf(i) },
          privacyConsent: true,
        },
        {},
        201
      );
    };
    // The Content Manager's create, with the form the admin panel submits for a new report.
    const genericCreate = () => {
      const i = seq++;
      return post(
        '/content-manager/collection-types/api::report.report',
        {
          state: 'received',
          channel: 'web',
          citizen: connect(citizenEntries[i % citizenEntries.length]),
          office: empty(),
          team: empty(),
          assignee: empty(),
          events: empty(),
          topic: connect(topicEntry),
          description: description(i),
          latitude: 43.7167,
          longitude: 10.4017,
          declaredUrgency: 2,
          emergency: false,
          awaitingConfirmation: false,
          priority: 0,
          duplicateOf: empty(),
          duplicates: empty(),
          duplicateCount: 0,
          escalationLevel: 0,
          followers: empty(),
        },
        { Authorization: `Bearer ${adminJwt}` },
        201
      );
    };

    // Both paths create the same thing: check one of each before measuring.
    const sampleIntake = (await intake(() => citizens[0].email)()).data;
    const sampleGeneric = (await genericCreate()).data;
    const check = async (code) => {
      const row = await db('reports').where({ reference_code: code }).first();
      const events = Number(
        (await db('case_events').where({ case_code: code }).count({ n: '*' }))[0].n
      );
      const messages = Number(
        (await db(notificationsTable).where({ case_code: code }).count({ n: '*' }))[0].n
      );
      if (
        !row ||
        !row.topic_key ||
        !row.office_key ||
        !row.due_at ||
        events !== 1 ||
        messages !== 1
      )
        throw new Error(`${code}: not a complete report (${events} events, ${messages} messages)`);
      return { code, officeKey: row.office_key, dueAt: row.due_at, events, messages };
    };
    const checked = {
      intake: await check(sampleIntake.code),
      generic: await check(sampleGeneric.referenceCode),
    };
    const relationInput = { topic: connect(topicEntry), citizen: connect(citizenEntries[0]) };
    console.log(
      `checked: ${JSON.stringify(checked)}\nCM relation input: ${JSON.stringify(relationInput)}`
    );

    // The common core of both paths, without HTTP: Strapi's Document Service create, through the
    // same middleware (reference code, due date, case event, outbox message).
    const docs = strapi.documents('api::report.report');
    const documentServiceCreate = () => {
      const i = seq++;
      return docs.create({
        data: {
          description: description(i),
          latitude: 43.7167,
          longitude: 10.4017,
          declaredUrgency: 2,
          channel: 'web',
          citizen: citizens[i % citizens.length].document_id,
          topic: topic.document_id,
        },
      });
    };

    const results = {};
    const emails = citizens.map((c) => c.email);
    const writes = await compare(
      `create a report (${WRITES} sequential + ${WRITES * 2} at ×${CONCURRENCY} per path and round, ${ROUNDS} rounds)`,
      [
        { name: 'intake POST /api/reports', fn: intake((i) => emails[i % emails.length]) },
        { name: 'generic CM create (admin JWT)', fn: genericCreate },
        { name: 'Document Service create (in-process)', fn: documentServiceCreate },
      ],
      WRITES
    );
    results.create = {
      intake: writes[0],
      generic: writes[1],
      documentService: writes[2],
      ratios: ratios(writes[0], writes[1]),
      ratiosToDocumentService: ratios(writes[0], writes[2]),
    };
    printRatios('intake / generic create', results.create.ratios);
    printRatios('intake / Document Service create', results.create.ratiosToDocumentService);

    // Reference, sequential only: a new citizen on each intake (one more insert per report).
    const newCitizen = intake((i) => `bench-${i}-${randomBytes(3).toString('hex')}@example.org`);
    await drive(newCitizen, 10, 1);
    const { latencies: nc, ms: ncMs } = await drive(newCitizen, WRITES, 1);
    const fresh = { ...stats(nc), rps: (WRITES * 1000) / ncMs };
    console.log(
      `\nintake with a new citizen each time (sequential): ${fresh.rps.toFixed(1)} req/s ` +
        `p50 ${fresh.p50.toFixed(1)} ms p95 ${fresh.p95.toFixed(1)} ms`
    );
    results.intakeNewCitizen = fresh;

    // --- reads: the same random existing reports on both paths --------------------------------
    const [{ min, max }] = await db('reports').min({ min: 'id' }).max({ max: 'id' });
    const ids = Array.from(
      { length: 4000 },
      () => Number(min) + Math.floor(Math.random() * (Number(max) - Number(min) + 1))
    );
    const sample = (
      await db('reports')
        .select('reference_code', 'document_id')
        .whereIn('id', ids)
        .andWhere((w) =>
          w.whereNull('awaiting_confirmation').orWhere('awaiting_confirmation', false)
        )
    ).sort(() => Math.random() - 0.5);
    const get = async (url, headers) => {
      const res = await fetch(base + url, { headers });
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
      await res.arrayBuffer();
    };
    let r = 0;
    const track = () => get(`/api/track/${sample[r++ % sample.length].reference_code}`, {});
    let g = 0;
    const findOne = () =>
      get(`/api/reports/${sample[g++ % sample.length].document_id}`, {
        Authorization: `Bearer ${apiToken}`,
      });
    const reads = await compare(
      `read a report (${READS} sequential + ${READS * 2} at ×${CONCURRENCY} per path and round, ${ROUNDS} rounds, ${sample.length} random reports)`,
      [
        { name: 'GET /api/track/:code (public)', fn: track },
        { name: 'generic GET /api/reports/:documentId', fn: findOne },
      ],
      READS
    );
    results.read = { track: reads[0], generic: reads[1], ratios: ratios(reads[0], reads[1]) };
    printRatios('\ntrack / generic findOne', results.read.ratios);

    // --- clean up: the outbox rows the bench caused; its reports stay --------------------------
    const reportsAfter = Number((await db('reports').count({ n: '*' }))[0].n);
    const deleted = await db(notificationsTable)
      .where('id', '>', Number(lastNotification ?? 0))
      .andWhere('state', 'pending')
      .del();
    console.log(
      `\nreports added by this run: ${reportsAfter - reportsBefore} (description "[bench] …"); ` +
        `queued messages deleted: ${deleted}`
    );

    writeResults('intake', {
      database: strapi.db.dialect.client,
      node: process.version,
      cpus: os.cpus().length,
      sizes,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      writesPerRound: WRITES,
      readsPerRound: READS,
      topic: topic.code,
      checked,
      relationInput,
      reportsAdded: reportsAfter - reportsBefore,
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
