/**
 * Benchmark of the deadline sweep (src/lib/deadlines/sweep.ts) on a database filled with
 * `npm run seed -- --reports 1000000` (PostgreSQL; see docs/BENCHMARKS.md). Two parts, each with
 * baselines measured in the same run:
 *
 * 1. Nothing due. The app clock is fixed one second before the earliest next action time of any
 *    case, and runDeadlineSweep() is timed against (a) its three claim queries run raw through knex
 *    (one transaction per case table, as the sweep does) and (b) the same claim with PostgreSQL's
 *    index scans switched off (a sequential scan of the table: what the sweep would cost without
 *    the partial index on next_action_at). EXPLAIN ANALYZE of both plans is printed.
 * 2. BENCH_DUE cases due (default 100,000): that many open reports (the first by id) get
 *    next_action_at an hour before the bench clock and no steps done, so every step since their
 *    reception is due (first-response notices, reminders, escalations, courtesy messages). First
 *    the baseline: the same cases claimed and updated in raw SQL, batch by batch. Then the sweep,
 *    once per batch size (BENCH_BATCH_SIZES, default the configured one), with process memory
 *    sampled every 20 ms, the queries counted and timed by statement, and the rows it added counted
 *    per table.
 *
 * Clean-up: before changing a case the bench copies its schedule columns into
 * `bench_deadlines_saved`, and the highest id of every table into `bench_deadlines_marks`; after
 * each sweep (and at the start of the next run, should one have crashed) it restores the columns
 * and deletes every row above the marks (events, links, escalations, notifications). Reruns start
 * from the same state.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/benecomune_bench npm run bench:deadlines
 */
'use strict';

const path = require('path');
const { performance } = require('perf_hooks');
const { setInterval, clearInterval } = require('timers');
const { measure: timed, writeResults } = require('./lib');
const { createStrapi } = require('@strapi/strapi');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'src');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const DUE = Number(process.env.BENCH_DUE || 100_000);
const measure = (name, fn, iterations = ITERATIONS) => timed(name, fn, { iterations });
const SAVED = 'bench_deadlines_saved';
const MARKS = 'bench_deadlines_marks';
const SCHEDULE_COLUMNS = [
  'next_action_at',
  'steps_done_until',
  'escalation_level',
  'rating_invited_at',
  'first_response_late',
];
const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;

/** Every table of the schema with an integer `id` column but the cases', and its highest id. */
async function tableMarks(db, caseTables) {
  const { rows } = await db.raw(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'id'
        AND data_type IN ('integer', 'bigint') AND table_name NOT LIKE 'bench_%'
        AND NOT (table_name = ANY(?))`,
    [caseTables]
  );
  const marks = {};
  for (const { table_name: table } of rows) {
    const [{ max }] = await db(table).max({ max: 'id' });
    marks[table] = Number(max ?? 0);
  }
  return marks;
}

/** Deletes every row a sweep added (ids above the marks taken before it). */
async function deleteAdded(db) {
  if (!(await db.schema.hasTable(MARKS))) return;
  await db.transaction(async (trx) => {
    for (const { table_name: table, max_id: max } of await trx(MARKS).select()) {
      if (await trx.schema.hasTable(table)) await trx(table).where('id', '>', max).del();
    }
    await trx.schema.dropTable(MARKS);
  });
}

/** Puts the saved cases' schedule columns back (all of them, or the first `limit` by id). */
async function putBack(db, tables, limit = null) {
  const set = SCHEDULE_COLUMNS.map((c) => `${c} = s.${c}`).join(', ');
  for (const [kind, table] of Object.entries(tables)) {
    const which =
      limit == null
        ? ''
        : `AND s.id IN (SELECT id FROM ${SAVED} WHERE kind = ? ORDER BY id LIMIT ${limit})`;
    await db.raw(
      `UPDATE ${table} t SET ${set} FROM ${SAVED} s WHERE s.kind = ? AND s.id = t.id ${which}`,
      limit == null ? [kind] : [kind, kind]
    );
  }
}

/** Leaves the database as the bench found it: deletes what a run added, restores the cases. */
async function restore(db, tables) {
  await deleteAdded(db);
  if (!(await db.schema.hasTable(SAVED))) return;
  await putBack(db, tables);
  await db.schema.dropTable(SAVED);
}

/** Samples the process's memory every `ms` until stopped; returns the peaks. */
function memorySampler(ms = 20) {
  const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, samples: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal);
    peak.external = Math.max(peak.external, m.external);
    peak.samples++;
  };
  sample();
  const timer = setInterval(sample, ms);
  return () => {
    clearInterval(timer);
    sample();
    return {
      rssMb: mb(peak.rss),
      heapUsedMb: mb(peak.heapUsed),
      heapTotalMb: mb(peak.heapTotal),
      externalMb: mb(peak.external),
      samples: peak.samples,
    };
  };
}

const settle = () => {
  if (globalThis.gc) globalThis.gc();
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed) };
};

/** Counts and times every query knex sends, grouped by statement shape. */
function queryProfiler(db) {
  const started = new Map();
  const byShape = new Map();
  const shape = (sql) => {
    const s = sql.replace(/\s+/g, ' ').trim();
    const verb = s.split(' ')[0].toLowerCase().replace(/;$/, '');
    const table =
      verb === 'insert'
        ? s.match(/^insert into "(?:public"\.")?([\w]+)"/i)?.[1]
        : verb === 'update'
          ? s.match(/^update "(?:public"\.")?([\w]+)"/i)?.[1]
          : verb === 'delete'
            ? s.match(/^delete from "(?:public"\.")?([\w]+)"/i)?.[1]
            : s.match(/ from "(?:public"\.")?([\w]+)"/i)?.[1];
    return `${verb} ${table ?? ''}`.trim();
  };
  const add = (key, ms) => {
    const e = byShape.get(key) ?? { count: 0, ms: 0 };
    e.count++;
    e.ms += ms;
    byShape.set(key, e);
  };
  const onQuery = (q) => {
    // Transaction control gets no response event from knex: counted, not timed.
    if (/^(begin|commit|rollback|savepoint|release)/i.test(q.sql)) add(shape(q.sql), 0);
    else started.set(q.__knexQueryUid, { at: performance.now(), sql: q.sql });
  };
  const onDone = (_r, q) => {
    const s = started.get(q.__knexQueryUid);
    if (!s) return;
    started.delete(q.__knexQueryUid);
    add(shape(s.sql), performance.now() - s.at);
  };
  const onError = (_e, q) => onDone(null, q);
  db.on('query', onQuery);
  db.on('query-response', onDone);
  db.on('query-error', onError);
  return () => {
    db.removeListener('query', onQuery);
    db.removeListener('query-response', onDone);
    db.removeListener('query-error', onError);
    return [...byShape]
      .map(([statement, e]) => ({ statement, count: e.count, ms: Math.round(e.ms) }))
      .sort((a, b) => b.ms - a.ms);
  };
}

async function main() {
  process.env.SEED_DEMO = 'false';
  process.env.JOBS_ENABLED = 'false';
  process.env.OUTBOX_DISPATCH_ON_COMMIT = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  const strapi = await createStrapi({ appDir: ROOT, distDir: path.join(ROOT, 'dist') }).load();
  const { runDeadlineSweep } = require(path.join(DIST, 'lib/deadlines/sweep'));
  const { useClock, resetClock } = require(path.join(DIST, 'lib/clock'));
  const { fixedClock } = require(path.join(DIST, 'domain/clock'));
  const { CASE_UIDS } = require(path.join(DIST, 'lib/case-types'));
  const { openStatesSql } = require(path.join(DIST, 'database/indexes'));
  const { settings } = require(path.join(DIST, 'lib/settings'));
  const db = strapi.db.connection;
  if (strapi.db.dialect.client !== 'postgres') throw new Error('bench:deadlines needs PostgreSQL');
  const tables = Object.fromEntries(
    Object.entries(CASE_UIDS).map(([kind, uid]) => [kind, strapi.db.metadata.get(uid).tableName])
  );
  const configured = settings(strapi).deadlines.batchSize;
  const batchSizes = (process.env.BENCH_BATCH_SIZES || String(configured))
    .split(',')
    .map(Number)
    .filter((n) => n > 0);

  try {
    await restore(db, tables); // a run that crashed half-way leaves its saved state behind
    const count = async (table, where = (q) => q) =>
      Number((await where(db(table)).count({ n: '*' }))[0].n);
    const sizes = {};
    for (const [kind, table] of Object.entries(tables)) {
      sizes[kind] = {
        rows: await count(table),
        open: await count(table, (q) => q.whereRaw(openStatesSql(kind))),
        scheduled: await count(table, (q) => q.whereNotNull('next_action_at')),
      };
    }
    const openTotal = Object.values(sizes).reduce((s, x) => s + x.open, 0);

    // The bench clock: one second before the earliest next action of any case.
    let earliest = null;
    for (const table of Object.values(tables)) {
      const [{ min }] = await db(table).min({ min: 'next_action_at' });
      if (min && (!earliest || new Date(min) < earliest)) earliest = new Date(min);
    }
    const now = new Date((earliest ?? new Date()).getTime() - 1000);
    useClock(fixedClock(now));
    const dueAt = async (table) =>
      count(table, (q) => q.whereNotNull('next_action_at').andWhere('next_action_at', '<=', now));
    let dueNow = 0;
    for (const table of Object.values(tables)) dueNow += await dueAt(table);
    console.log(
      `postgres: ${Object.entries(sizes)
        .map(([k, s]) => `${k}s ${s.rows} (${s.open} open, ${s.scheduled} with a next action)`)
        .join('; ')}\nbench clock ${now.toISOString()}: ${dueNow} cases due; ` +
        `configured batch size ${configured}\n`
    );
    if (dueNow)
      throw new Error('cases are due at the bench clock: the database is not as expected');

    // Every open case gets a next action (as if each still had a step ahead): those the seed left
    // without one (past their last escalation) get one within 30 days after the bench clock.
    await db.raw(
      `CREATE TABLE ${SAVED} AS SELECT 'report'::text AS kind, id, ${SCHEDULE_COLUMNS.join(', ')}
         FROM ${tables.report} WHERE false`
    );
    for (const [kind, table] of Object.entries(tables)) {
      await db.raw(
        `INSERT INTO ${SAVED} SELECT ?, id, ${SCHEDULE_COLUMNS.join(', ')} FROM ${table}
          WHERE ${openStatesSql(kind)}`,
        [kind]
      );
    }
    await db.raw(`ALTER TABLE ${SAVED} ADD PRIMARY KEY (kind, id)`);
    const scheduleAll = async () => {
      for (const [kind, table] of Object.entries(tables)) {
        await db.raw(
          `UPDATE ${table} t
              SET next_action_at = ?::timestamp + ((t.id::bigint * 7919) % 2592000) * interval '1 second'
             FROM ${SAVED} s WHERE s.kind = ? AND s.id = t.id AND t.next_action_at IS NULL`,
          [new Date(now.getTime() + 3_600_000), kind]
        );
        await db.raw(`ANALYZE ${table}`);
      }
    };
    await scheduleAll();
    for (const [kind, table] of Object.entries(tables)) {
      sizes[kind].scheduledInBench = await count(table, (q) => q.whereNotNull('next_action_at'));
    }
    let dueBench = 0;
    for (const table of Object.values(tables)) dueBench += await dueAt(table);
    if (dueBench) throw new Error(`${dueBench} cases due after scheduling every open case`);
    console.log(
      `every open case given a next action after the bench clock: ${Object.entries(sizes)
        .map(([k, s]) => `${k}s ${s.scheduledInBench}`)
        .join(', ')} with a next action (partial index entries), none due\n`
    );

    // ---- 1. Nothing due --------------------------------------------------------------------
    const claimSql = (table, size) =>
      db(table)
        .select('id')
        .whereNotNull('next_action_at')
        .andWhere('next_action_at', '<=', now)
        .orderBy('next_action_at')
        .limit(size)
        .forUpdate()
        .skipLocked();
    const results = [];
    const idle = await measure('deadline sweep, nothing due: runDeadlineSweep()', () =>
      runDeadlineSweep(strapi)
    );
    const rawClaims = await measure(
      '  baseline: its 3 claim queries raw (3 transactions)',
      async () => {
        for (const table of Object.values(tables)) {
          await db.transaction((trx) => claimSql(table, configured).transacting(trx));
        }
      }
    );
    const noIndex = async (trx) => {
      await trx.raw('SET LOCAL enable_indexscan = off');
      await trx.raw('SET LOCAL enable_bitmapscan = off');
      await trx.raw('SET LOCAL enable_indexonlyscan = off');
    };
    const seqClaim = await measure(
      '  without the index: the reports claim as a sequential scan',
      () =>
        db.transaction(async (trx) => {
          await noIndex(trx);
          await claimSql(tables.report, configured).transacting(trx);
        }),
      Math.min(ITERATIONS, 20)
    );
    const explain = async (off) =>
      db.transaction(async (trx) => {
        if (off) await noIndex(trx);
        const sql = claimSql(tables.report, configured).toString();
        const { rows } = await trx.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    const plan = await explain(false);
    const planNoIndex = await explain(true);
    console.log(`  plan:\n    ${plan.split('\n').join('\n    ')}`);
    console.log(`  plan without index scans:\n    ${planNoIndex.split('\n').join('\n    ')}\n`);
    results.push(idle, rawClaims, seqClaim);

    // ---- 2. BENCH_DUE cases due ------------------------------------------------------------
    const report = tables.report;
    // The due set: the first BENCH_DUE open reports by id.
    const dueSet = `(SELECT id FROM ${SAVED} WHERE kind = 'report' ORDER BY id LIMIT ${DUE})`;
    const makeDue = () =>
      db.raw(
        `UPDATE ${report} r SET next_action_at = ?, steps_done_until = NULL, escalation_level = 0,
                rating_invited_at = NULL, first_response_late = false
          WHERE r.id IN ${dueSet}`,
        [new Date(now.getTime() - 3_600_000)]
      );
    const undoDue = async () => {
      await putBack(db, { report }, DUE);
      await scheduleAll();
    };
    const chosen = Number((await db.raw(`SELECT count(*) AS n FROM ${dueSet} x`)).rows[0].n);
    const [{ states }] = (
      await db.raw(
        `SELECT json_object_agg(state, n) AS states FROM
           (SELECT r.state, count(*) AS n FROM ${report} r WHERE r.id IN ${dueSet}
             GROUP BY r.state) x`
      )
    ).rows;
    console.log(`${chosen} open reports made due (by state: ${JSON.stringify(states)})`);

    // Baseline: the same cases claimed and marked done in raw SQL, batch by batch.
    await makeDue();
    await db.raw(`ANALYZE ${report}`);
    let t = performance.now();
    let rawBatches = 0;
    for (;;) {
      const n = await db.transaction(async (trx) => {
        const ids = (await claimSql(report, configured).transacting(trx)).map((r) => r.id);
        if (ids.length) {
          await trx(report)
            .whereIn('id', ids)
            .update({ steps_done_until: now, next_action_at: null });
        }
        return ids.length;
      });
      if (!n) break;
      rawBatches++;
    }
    const rawMs = performance.now() - t;
    const rawDue = {
      name: `baseline: raw claim + update, batches of ${configured}`,
      cases: chosen,
      batches: rawBatches,
      ms: Math.round(rawMs),
      perCaseMs: rawMs / chosen,
    };
    console.log(
      `  ${rawDue.name}: ${(rawMs / 1000).toFixed(1)} s, ${rawDue.perCaseMs.toFixed(3)} ms/case`
    );
    await undoDue();

    const sweeps = [];
    for (const batchSize of batchSizes) {
      await makeDue();
      await db.raw(`ANALYZE ${report}`);
      const marks = await tableMarks(db, Object.values(tables));
      await db.schema.createTable(MARKS, (tb) => {
        tb.text('table_name').primary();
        tb.bigInteger('max_id');
      });
      await db(MARKS).insert(Object.entries(marks).map(([k, v]) => ({ table_name: k, max_id: v })));
      const before = settle();
      const stopMemory = memorySampler();
      const stopProfile = queryProfiler(db);
      const cpu = process.cpuUsage();
      t = performance.now();
      const run = await runDeadlineSweep(strapi, { batchSize });
      const ms = performance.now() - t;
      const cpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu));
      const queries = stopProfile();
      const memory = stopMemory();
      // Rows, not id gaps: a sequence keeps counting past the rows an earlier run deleted.
      const after = await tableMarks(db, Object.values(tables));
      const added = {};
      for (const [k, v] of Object.entries(after)) {
        if (v > (marks[k] ?? 0))
          added[k] = await count(k, (q) => q.where('id', '>', marks[k] ?? 0));
      }
      const left = await dueAt(report);
      const queryCount = queries.reduce((s, q) => s + q.count, 0);
      const queryMs = queries.reduce((s, q) => s + q.ms, 0);
      const sweep = {
        name: `deadline sweep, ${chosen} due, batch size ${batchSize}`,
        batchSize,
        ms: Math.round(ms),
        casesPerSecond: Math.round((run.cases / ms) * 1000),
        perCaseMs: ms / run.cases,
        run,
        leftDue: left,
        nodeCpuMs: Math.round(cpuMs),
        memoryBefore: before,
        memoryPeak: memory,
        rowsAdded: added,
        queries: { count: queryCount, perCase: queryCount / run.cases, ms: queryMs },
        topStatements: queries.slice(0, 15),
      };
      sweeps.push(sweep);
      console.log(
        `\n${sweep.name}: ${(ms / 1000).toFixed(1)} s, ${sweep.casesPerSecond} cases/s, ` +
          `${sweep.perCaseMs.toFixed(2)} ms/case (${(sweep.perCaseMs / rawDue.perCaseMs).toFixed(0)}× ` +
          `the raw claim + update), ${run.batches} batches, ${left} left due\n` +
          `  steps: ${JSON.stringify(run)}\n` +
          `  Node CPU ${(cpuMs / 1000).toFixed(1)} s of ${(ms / 1000).toFixed(1)} s wall; ` +
          `${queryCount} queries (${sweep.queries.perCase.toFixed(1)} per case), ` +
          `${(queryMs / 1000).toFixed(1)} s from send to answer\n` +
          `  memory: before rss ${before.rssMb} MB heap ${before.heapUsedMb} MB; ` +
          `peak rss ${memory.rssMb} MB heap ${memory.heapUsedMb} MB (${memory.samples} samples)\n` +
          `  rows added: ${JSON.stringify(added)}`
      );
      console.log('  statements by time:');
      for (const q of sweep.topStatements) {
        console.log(
          `    ${q.statement.padEnd(44)} ${String(q.count).padStart(8)} ` +
            `(${(q.count / run.cases).toFixed(2)}/case) ${String(q.ms).padStart(7)} ms`
        );
      }
      await deleteAdded(db);
      await undoDue();
    }
    await restore(db, tables);
    // The bench rewrote a few hundred thousand rows: vacuum them away, so the next run's
    // sequential-scan baseline reads the same number of pages as this one.
    for (const table of Object.values(tables)) await db.raw(`VACUUM (ANALYZE) ${table}`);
    let leftAfter = 0;
    for (const table of Object.values(tables)) leftAfter += await dueAt(table);
    if (leftAfter) throw new Error(`clean-up left ${leftAfter} cases due`);

    console.log('\nratios (p50):');
    console.log(`  sweep, nothing due / its raw claims: ${(idle.p50 / rawClaims.p50).toFixed(2)}×`);
    console.log(
      `  claim without the index / sweep, nothing due: ${(seqClaim.p50 / idle.p50).toFixed(0)}×`
    );
    for (const s of sweeps) {
      console.log(
        `  ${s.name}: ${(s.perCaseMs / rawDue.perCaseMs).toFixed(0)}× the raw claim + update per case`
      );
    }
    writeResults('deadlines', {
      database: strapi.db.dialect.client,
      sizes,
      openTotal,
      benchClock: now.toISOString(),
      configuredBatchSize: configured,
      iterations: ITERATIONS,
      nothingDue: { results, plan, planNoIndex },
      due: { cases: chosen, states, baseline: rawDue, sweeps },
    });
  } finally {
    await restore(db, tables).catch((e) => console.error('clean-up failed:', e));
    resetClock();
    await strapi.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
