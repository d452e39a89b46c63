/**
 * The URP console at scale (issue: "with 1,000,000 reports (PostgreSQL), the queue page and the map
 * render their first data in under 1 s in the browser on this machine; no request loads unbounded
 * rows"). See docs/BENCHMARKS.md, section "URP console (bench/console.js)".
 *
 * Boots the compiled app (dist/, with the built admin panel when it exists) on a free loopback
 * port, creates two admin users (a URP operator and the coordinator of the busiest office; both
 * deleted at the end), then:
 *
 * 1. API: every console endpoint the queue, map and KPI pages load, over HTTP with the admin JWT,
 *    against baselines measured in the same run and interleaved with it (one call of each per
 *    iteration): the handler's own SQL statements replayed raw (captured from an in-process call
 *    of the same handler through knex's `query` event), Strapi's content-manager list with the
 *    same filter, sort and page size (for the queue), and `GET /admin/users/me` (what any admin
 *    request costs here). Response sizes (bytes, rows) show that nothing is unbounded.
 * 2. Browser: Debian's chromium through playwright-core, signed in as the operator once; for each
 *    page, BENCH_BROWSER_WARMUP untimed loads then BENCH_BROWSER_RUNS timed ones, from
 *    `page.goto()` to the first data on screen (a queue row, a map marker or cluster), against a
 *    trivial admin page (the profile page, first data = the user's email in its form) loaded the
 *    same way in the same run: the admin shell's own cost.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/benecomune_bench npm run bench:console
 *
 * Knobs: BENCH_ITERATIONS (API, default 40), BENCH_WARMUP (5), BENCH_BROWSER_RUNS (10),
 * BENCH_BROWSER_WARMUP (2), BENCH_BROWSER=false (API only), CHROMIUM_PATH (/usr/bin/chromium).
 * The browser part needs the admin panel built into dist/build (`npx strapi build`, with
 * NODE_OPTIONS=--max-old-space-size=4096); without it, or without chromium, it is skipped and the
 * summary says so.
 */
'use strict';
/* global window, document, PopStateEvent -- inside page.evaluate(), run by the browser */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { URLSearchParams } = require('url');
const { stats, writeResults } = require('./lib');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'src');
const ADMIN_BUILD = path.join(ROOT, 'dist', 'build', 'index.html');
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 40);
const WARMUP = Number(process.env.BENCH_WARMUP || 5);
const BROWSER_RUNS = Number(process.env.BENCH_BROWSER_RUNS || 10);
const BROWSER_WARMUP = Number(process.env.BENCH_BROWSER_WARMUP || 2);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TARGET_MS = 1000;
const PASSWORD = 'Bench-Console-Passw0rd!';
const EMAILS = {
  operator: 'bench-console-operator@comune.example',
  coordinator: 'bench-console-coordinator@comune.example',
};
/** The viewport of the browser runs and of the "screen at zoom 16" box below. */
const VIEWPORT = { width: 1440, height: 900 };

const loadavg = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const fmt = (ms) => (ms == null ? '—' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '—');

function summary(samples) {
  const s = stats(samples);
  return { ...s, max: Math.max(...samples) };
}

/** Every table's exact row count: the bench must leave the database as it found it. */
async function rowCounts(db) {
  const { rows } = await db.raw(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`
  );
  const counts = {};
  for (const { tablename } of rows) {
    const [{ n }] = await db(tablename).count({ n: '*' });
    counts[tablename] = Number(n);
  }
  return counts;
}

/** The SQL statements fn() sends through knex, with their bindings, in order. */
async function captureSql(db, fn) {
  const captured = [];
  // knex has already numbered the placeholders for pg ($1, $2…): back to its own `?` for raw().
  const listener = (q) => {
    if (q.sql.includes('?')) throw new Error(`a literal ? in captured SQL: ${q.sql}`);
    captured.push({ sql: q.sql.replace(/\$\d+/g, '?'), bindings: q.bindings ?? [] });
  };
  db.on('query', listener);
  try {
    await fn();
  } finally {
    db.removeListener('query', listener);
  }
  return captured;
}

const rowsOf = (res) => (Array.isArray(res) ? res : (res?.rows ?? []));

/** A sign-in as the admin's own login form does it; the access token of the answer. */
async function login(base, email) {
  const res = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`admin login ${email}: HTTP ${res.status}`);
  const body = await res.json();
  return body.data.token ?? body.data.accessToken;
}

/** A staff admin user with the given role, reused if a crashed run left it behind. */
async function ensureStaffUser(strapi, who, roleCode, offices) {
  const email = EMAILS[who];
  const role = await strapi.service('admin::role').findOne({ code: roleCode });
  if (!role) throw new Error(`no admin role ${roleCode}: has the app bootstrapped its roles?`);
  let user = await strapi.db.query('admin::user').findOne({ where: { email } });
  if (user) {
    await strapi.service('admin::user').updateById(user.id, {
      password: PASSWORD,
      isActive: true,
      roles: [role.id],
    });
  } else {
    user = await strapi.service('admin::user').create({
      email,
      password: PASSWORD,
      firstname: 'Bench',
      lastname: who === 'operator' ? 'Operatore' : 'Coordinatore',
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
  }
  if (offices) {
    const old = await strapi.db
      .query('api::staff-profile.staff-profile')
      .findOne({ where: { user: { id: user.id } } });
    if (!old) {
      await strapi.documents('api::staff-profile.staff-profile').create({
        data: { user: { id: user.id }, offices },
      });
    }
  }
  return { id: user.id, email };
}

/** Deletes the bench users, their staff profiles and their admin sessions. */
async function deleteStaffUsers(strapi) {
  const db = strapi.db.connection;
  for (const email of Object.values(EMAILS)) {
    const user = await strapi.db.query('admin::user').findOne({ where: { email } });
    if (!user) continue;
    const profiles = await strapi.db
      .query('api::staff-profile.staff-profile')
      .findMany({ where: { user: { id: user.id } } });
    for (const p of profiles) {
      await strapi.documents('api::staff-profile.staff-profile').delete({
        documentId: p.documentId,
      });
    }
    await strapi.service('admin::user').deleteById(user.id);
    if (await db.schema.hasTable('strapi_sessions')) {
      await db('strapi_sessions').where('user_id', String(user.id)).del();
    }
  }
}

/**
 * Runs the named variants in turn, once each per iteration (so a change of the machine's load
 * hits all of them alike), after `warmup` untimed rounds. Each variant returns what it measured
 * (bytes, rows) or nothing.
 */
async function interleaved(title, variants, { iterations = ITERATIONS, warmup = WARMUP } = {}) {
  const names = Object.keys(variants);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const last = {};
  for (let i = 0; i < warmup + iterations; i++) {
    for (const n of names) {
      const t = performance.now();
      const info = await variants[n](i);
      const ms = performance.now() - t;
      if (i >= warmup) samples[n].push(ms);
      last[n] = info ?? null;
    }
  }
  const out = { title, load: loadavg(), variants: {} };
  console.log(`\n${title}  (load ${out.load.join(' ')})`);
  for (const n of names) {
    const s = summary(samples[n]);
    out.variants[n] = { ...s, ...(last[n] ?? {}) };
    const info = last[n]
      ? ` ${last[n].rows ?? '?'} rows${last[n].bytes != null ? `, ${last[n].bytes} B` : ''}`
      : '';
    console.log(
      `  ${n.padEnd(34)} p50 ${fmt(s.p50).padStart(7)} ms  p95 ${fmt(s.p95).padStart(7)} ms  max ${fmt(s.max).padStart(7)} ms ${info}`
    );
  }
  return out;
}

async function main() {
  process.env.SEED_DEMO = 'false';
  process.env.JOBS_ENABLED = 'false';
  process.env.OUTBOX_DISPATCH_ON_COMMIT = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
  const { createStrapi } = require('@strapi/strapi');

  const wantBrowser = process.env.BENCH_BROWSER !== 'false';
  const hasAdmin = fs.existsSync(ADMIN_BUILD);
  const hasChromium = fs.existsSync(CHROMIUM);
  const browserSkipped = !wantBrowser
    ? 'BENCH_BROWSER=false'
    : !hasAdmin
      ? 'no built admin panel in dist/build (run `npx strapi build` first)'
      : !hasChromium
        ? `no chromium at ${CHROMIUM}`
        : null;

  const strapi = createStrapi({
    appDir: ROOT,
    distDir: path.join(ROOT, 'dist'),
    serveAdminPanel: !browserSkipped,
  });
  await strapi.load();
  if (strapi.db.dialect.client !== 'postgres') {
    throw new Error('bench/console.js measures PostgreSQL: set DATABASE_URL');
  }
  await strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
  const db = strapi.db.connection;

  const queue = require(path.join(DIST, 'plugins/urp-console/server/src/queue'));
  const map = require(path.join(DIST, 'plugins/urp-console/server/src/map'));
  const kpis = require(path.join(DIST, 'plugins/urp-console/server/src/kpis'));
  const { loadStaff } = require(path.join(DIST, 'plugins/urp-console/server/src/scope'));
  const { readScope } = require(path.join(DIST, 'domain/staff-scope'));
  const { openStatesSql, OPEN_STATES } = require(path.join(DIST, 'database/indexes'));
  const { boundary, streets } = require(path.join(DIST, 'seed/data/places'));

  const before = await rowCounts(db);
  const results = { api: [], browser: null };
  const startedAt = new Date().toISOString();
  const loadAtStart = loadavg();
  try {
    // --- The data and who asks -------------------------------------------------------------
    const open = Number(
      (await db('reports').whereRaw(openStatesSql('report')).count({ n: '*' }))[0].n
    );
    const [busiest] = await db('reports')
      .select('office_key')
      .count({ n: '*' })
      .whereRaw(openStatesSql('report'))
      .whereNotNull('office_key')
      .groupBy('office_key')
      .orderBy('n', 'desc')
      .limit(1);
    const office = busiest.office_key;
    const officeOpen = Number(busiest.n);
    const data = {
      reports: before.reports,
      open,
      requests: before.requests,
      complaints: before.complaints,
      busiestOffice: { documentId: office, open: officeOpen },
      sizes: Object.fromEntries(
        rowsOf(
          await db.raw(
            `SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) AS size FROM pg_class
             WHERE relname IN ('reports', 'reports_office_lnk', 'case_events', 'escalations',
                               'rating_invitations')`
          )
        ).map((r) => [r.relname, r.size])
      ),
    };
    console.log(
      `postgres: ${data.reports} reports (${open} open), ${data.requests} requests, ` +
        `${data.complaints} complaints; busiest office ${office} with ${officeOpen} open`
    );

    await deleteStaffUsers(strapi); // what a crashed run may have left
    const users = {
      operator: await ensureStaffUser(strapi, 'operator', 'bc-urp-operator'),
      coordinator: await ensureStaffUser(strapi, 'coordinator', 'bc-office-coordinator', [office]),
    };
    const jwt = {};
    const scope = {};
    const staff = {};
    for (const [who, u] of Object.entries(users)) {
      jwt[who] = await login(base, u.email);
      const full = await strapi.db
        .query('admin::user')
        .findOne({ where: { id: u.id }, populate: ['roles'] });
      staff[who] = await loadStaff(strapi, full);
      scope[who] = readScope(staff[who]);
    }
    if (scope.coordinator.all || scope.coordinator.offices[0] !== office) {
      throw new Error(`coordinator scope is not the office: ${JSON.stringify(scope.coordinator)}`);
    }

    const get = async (who, url) => {
      const res = await fetch(`${base}${url}`, {
        headers: { Authorization: `Bearer ${jwt[who]}` },
      });
      const buf = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${buf.toString()}`);
      return { bytes: buf.length, body: JSON.parse(buf.toString()) };
    };
    /** Replays captured statements raw, timing each; the rows of the last one. */
    const replay = (statements) => {
      const times = statements.map(() => []);
      const fn = async () => {
        let rows = 0;
        for (const [k, s] of statements.entries()) {
          const t = performance.now();
          rows = rowsOf(await db.raw(s.sql, s.bindings)).length;
          times[k].push(performance.now() - t);
        }
        return { rows };
      };
      fn.statements = () =>
        statements.map((s, k) => ({
          sql: s.sql.replace(/\s+/g, ' ').slice(0, 200),
          p50: stats(times[k]).p50,
        }));
      return fn;
    };
    /** The plan of the slowest statement of a replay, when it takes more than 20 ms. */
    const slowest = async (fn, statements) => {
      const per = fn.statements();
      const k = per.reduce((best, s, i) => (s.p50 > per[best].p50 ? i : best), 0);
      if (per[k].p50 < 20) return { perStatement: per };
      const res = await db.raw(
        `EXPLAIN (ANALYZE, BUFFERS) ${statements[k].sql}`,
        statements[k].bindings
      );
      const plan = rowsOf(res).map((r) => r['QUERY PLAN']);
      console.log(
        `  slowest statement (#${k + 1}, p50 ${fmt(per[k].p50)} ms): ${per[k].sql.slice(0, 100)}…\n    ` +
          plan
            .filter((l) => /Scan|Sort Method|Execution Time/.test(l))
            .slice(0, 6)
            .join('\n    ')
      );
      return { perStatement: per, slowest: k, plan };
    };
    const floor = (who) => async () => {
      const { bytes } = await get(who, '/admin/users/me');
      return { rows: 1, bytes };
    };

    // --- Queue -------------------------------------------------------------------------------
    const cmList = (who, params) => async () => {
      const { bytes, body } = await get(
        who,
        `/content-manager/collection-types/api::report.report?${params}`
      );
      return { rows: body.results.length, total: body.pagination?.total, bytes };
    };
    const openStates = OPEN_STATES.report.map((s, i) => `filters[$and][0][state][$in][${i}]=${s}`);
    const cmParams = (extra = []) =>
      ['page=1', 'pageSize=50', 'sort=priority:DESC', ...openStates, ...extra].join('&');
    // The content manager hides officeKey (visible: false): its UI filters on the relation.
    const nowIso = new Date().toISOString();
    const cmOfficeOverdue = [
      `filters[$and][1][office][documentId][$eq]=${office}`,
      `filters[$and][2][dueAt][$lt]=${nowIso}`,
    ];
    const queueCases = [
      {
        title: 'GET /urp-console/queue, operator, default (open reports by priority, 50)',
        who: 'operator',
        params: { kind: 'report', pageSize: '50' },
        cm: cmParams(),
      },
      {
        title: 'GET /urp-console/queue, operator, office + overdue=true',
        who: 'operator',
        params: { kind: 'report', pageSize: '50', office, overdue: 'true' },
        cm: cmParams(cmOfficeOverdue),
      },
      {
        title: 'GET /urp-console/queue, coordinator of that office, default',
        who: 'coordinator',
        params: { kind: 'report', pageSize: '50' },
        // The coordinator's RBAC condition narrows the content manager to the office.
        cm: cmParams(),
      },
      {
        title: 'GET /urp-console/queue, coordinator, overdue=true',
        who: 'coordinator',
        params: { kind: 'report', pageSize: '50', overdue: 'true' },
        cm: cmParams([`filters[$and][1][dueAt][$lt]=${nowIso}`]),
      },
    ];
    for (const c of queueCases) {
      const q = queue.parseQueueQuery(c.params);
      const sql = await captureSql(db, () => queue.queuePage(strapi, q, scope[c.who]));
      const url = `/urp-console/queue?${new URLSearchParams(c.params)}`;
      const raw = replay(sql);
      const r = await interleaved(c.title, {
        'console API (HTTP)': async () => {
          const { bytes, body } = await get(c.who, url);
          return { rows: body.data.length, bytes };
        },
        [`its SQL raw (${sql.length} statement${sql.length > 1 ? 's' : ''})`]: raw,
        'content-manager list (HTTP)': cmList(c.who, c.cm),
        'GET /admin/users/me (HTTP floor)': floor(c.who),
      });
      results.api.push({ ...r, kind: 'queue', ...(await slowest(raw, sql)) });
    }

    // --- Counts ------------------------------------------------------------------------------
    for (const who of ['operator', 'coordinator']) {
      const q = queue.parseQueueQuery({ kind: 'report' });
      const sql = await captureSql(db, () => queue.queueCounts(strapi, q, scope[who]));
      const raw = replay(sql);
      const r = await interleaved(`GET /urp-console/queue/counts, ${who}, default`, {
        'console API (HTTP)': async () => {
          const { bytes } = await get(who, '/urp-console/queue/counts?kind=report');
          return { rows: 1, bytes };
        },
        [`its SQL raw (${sql.length} statements)`]: raw,
        'GET /admin/users/me (HTTP floor)': floor(who),
      });
      results.api.push({ ...r, kind: 'counts', ...(await slowest(raw, sql)) });
    }

    // --- Map ---------------------------------------------------------------------------------
    const ring = boundary.coordinates[0];
    const cityBox = [
      Math.min(...ring.map((p) => p[0])),
      Math.min(...ring.map((p) => p[1])),
      Math.max(...ring.map((p) => p[0])),
      Math.max(...ring.map((p) => p[1])),
    ];
    // The busiest seeded street: the box around it with the most open reports.
    const street = streets.find((s) => s.name === 'Borgo Stretto') ?? streets[0];
    const around = (lat, lng, dLat, dLng) => [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
    // Degrees per pixel at zoom 16 (Web Mercator, 256 px tiles), and the screen at that zoom.
    const degPerPx = 360 / 256 / 2 ** 16;
    const cos = Math.cos((street.latitude * Math.PI) / 180);
    // The map page opens at the configured centre and zoom (13 over Pisa's centre by default).
    const centre = { latitude: 43.7167, longitude: 10.4 };
    const degPerPx13 = 360 / 256 / 2 ** 13;
    const cosCentre = Math.cos((centre.latitude * Math.PI) / 180);
    const mapCases = [
      { name: 'zoom 12, the whole city', zoom: 12, bbox: cityBox },
      {
        name: `zoom 13, the map page's first view (${VIEWPORT.width}×${VIEWPORT.height} px)`,
        zoom: 13,
        bbox: around(
          centre.latitude,
          centre.longitude,
          (VIEWPORT.height / 2) * degPerPx13 * cosCentre,
          (VIEWPORT.width / 2) * degPerPx13
        ),
      },
      {
        name: `zoom 16, a street (${street.name}, ±150 m)`,
        zoom: 16,
        bbox: around(street.latitude, street.longitude, 0.00135, 0.00185),
      },
      {
        name: `zoom 16, a ${VIEWPORT.width}×${VIEWPORT.height} px screen on it`,
        zoom: 16,
        bbox: around(
          street.latitude,
          street.longitude,
          (VIEWPORT.height / 2) * degPerPx * cos,
          (VIEWPORT.width / 2) * degPerPx
        ),
      },
    ];
    for (const who of ['operator', 'coordinator']) {
      for (const m of mapCases) {
        const bbox = m.bbox.map((x) => x.toFixed(6)).join(',');
        const params = { kind: 'report', bbox, zoom: String(m.zoom) };
        const q = map.parseMapQuery(params);
        const sql = await captureSql(db, () => map.caseMap(strapi, q, scope[who]));
        const raw = replay(sql);
        const r = await interleaved(`GET /urp-console/map, ${who}, ${m.name}`, {
          'console API (HTTP)': async () => {
            const { bytes, body } = await get(
              who,
              `/urp-console/map?${new URLSearchParams(params)}`
            );
            return {
              rows: body.data.clusters.length + body.data.points.length,
              bytes,
              total: body.meta.total,
              clustered: body.meta.clustered,
            };
          },
          [`its SQL raw (${sql.length} statement${sql.length > 1 ? 's' : ''})`]: raw,
          'GET /admin/users/me (HTTP floor)': floor(who),
        });
        results.api.push({ ...r, kind: 'map', bbox, zoom: m.zoom, ...(await slowest(raw, sql)) });
      }
    }

    // --- KPIs --------------------------------------------------------------------------------
    for (const who of ['operator', 'coordinator']) {
      const sql = await captureSql(db, () => kpis.officeKpis(strapi, staff[who], {}));
      const raw = replay(sql);
      const r = await interleaved(
        `GET /urp-console/kpis, ${who}, last 90 days, all kinds`,
        {
          'console API (HTTP)': async () => {
            const { bytes, body } = await get(who, '/urp-console/kpis');
            return { rows: body.data.offices.length + body.data.series.length, bytes };
          },
          [`its SQL raw (${sql.length} statements)`]: raw,
          'GET /admin/users/me (HTTP floor)': floor(who),
        },
        { iterations: Math.min(ITERATIONS, 20), warmup: Math.min(WARMUP, 2) }
      );
      results.api.push({ ...r, kind: 'kpis', ...(await slowest(raw, sql)) });
    }

    // --- Browser -----------------------------------------------------------------------------
    if (browserSkipped) {
      console.log(`\nbrowser: skipped (${browserSkipped})`);
      results.browser = { skipped: browserSkipped };
    } else {
      results.browser = await browserRuns(base, users.operator.email);
    }

    // --- Summary -----------------------------------------------------------------------------
    printSummary(results);
    writeResults('console', {
      startedAt,
      loadAtStart,
      loadAtEnd: loadavg(),
      node: process.version,
      cpus: os.cpus().length,
      iterations: ITERATIONS,
      warmup: WARMUP,
      browserRuns: BROWSER_RUNS,
      browserWarmup: BROWSER_WARMUP,
      data,
      ...results,
    });
  } finally {
    await deleteStaffUsers(strapi).catch((e) => console.error('cleanup:', e));
    const after = await rowCounts(db);
    const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
    if (changed.length) {
      console.log(
        `\nWARNING: row counts changed: ${changed.map((t) => `${t} ${before[t]} → ${after[t]}`).join(', ')}`
      );
    } else {
      console.log(
        `\nthe database is as the bench found it (row counts of ${Object.keys(after).length} tables)`
      );
    }
    await strapi.destroy();
  }
}

/**
 * Time to the first data of each page, in two ways, `BROWSER_RUNS` times after `BROWSER_WARMUP`:
 * - full load: from `page.goto(url)` (the admin's scripts in the browser's cache, as on a
 *   second visit) to the first data on screen: Strapi's admin shell boots, then the page loads;
 * - in-app: from a loaded admin page (the profile page, settled), a client-side navigation to the
 *   URL (history.pushState + popstate, as the browser's back and forward buttons do in the
 *   admin's router) to the first data: what opening the page from the admin's menu costs.
 * The profile page (first data: the user's email in its form) is the baseline of both.
 */
async function browserRuns(base, email) {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const out = { viewport: VIEWPORT, full: {}, inApp: {} };
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/admin/auth/login`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });

    const profileReady = () =>
      page.waitForFunction(
        () => document.querySelector('input[name="email"]')?.value?.includes('@'),
        null,
        { timeout: 60_000, polling: 'raf' }
      );
    const targets = [
      {
        name: 'profile page /admin/me (baseline: admin shell)',
        key: 'shell',
        url: '/admin/me',
        ready: profileReady,
      },
      {
        name: 'queue page /admin/plugins/urp-console',
        key: 'queue',
        url: '/admin/plugins/urp-console',
        ready: () => page.locator('[data-testid="urp-queue-row"]').first().waitFor(),
      },
      {
        name: 'map page /admin/plugins/urp-console/map',
        key: 'map',
        url: '/admin/plugins/urp-console/map',
        ready: () =>
          page
            .locator('.urp-marker, [data-testid="urp-cluster"], .marker-cluster')
            .first()
            .waitFor(),
        optional: true,
      },
      {
        name: 'content-manager list of reports (50 by priority)',
        key: 'cmReports',
        url: '/admin/content-manager/collection-types/api::report.report?page=1&pageSize=50&sort=priority:DESC',
        ready: () => page.locator('tbody tr').first().waitFor(),
      },
    ];
    /** API calls (not scripts or styles) of one run: path, start and end in ms from t0. */
    const apiCalls = (t0Wall) => {
      const calls = [];
      const listener = (req) => {
        const url = req.url();
        if (/\.(js|css|json|ico|png|svg|woff2?)(\?|$)/.test(url) || !url.startsWith(base)) return;
        const t = req.timing();
        const start = t.startTime - t0Wall;
        calls.push({
          path: url.slice(base.length, base.length + 90),
          start: Math.round(start),
          end: Math.round(start + t.responseEnd),
        });
      };
      page.on('requestfinished', listener);
      return { calls, stop: () => page.off('requestfinished', listener) };
    };

    for (const mode of ['full', 'inApp']) {
      for (const t of targets) {
        if (mode === 'inApp' && t.key === 'shell') continue;
        const samples = [];
        const runs = [];
        let skipped = null;
        for (let i = 0; i < BROWSER_WARMUP + BROWSER_RUNS; i++) {
          if (mode === 'full') {
            await page.goto('about:blank');
          } else {
            await page.goto(`${base}/admin/me`);
            await profileReady();
            await page.waitForLoadState('networkidle').catch(() => {});
          }
          const calls = apiCalls(Date.now());
          const t0 = performance.now();
          try {
            if (mode === 'full') {
              await page.goto(`${base}${t.url}`, { waitUntil: 'commit' });
            } else {
              await page.evaluate((url) => {
                window.history.pushState({}, '', url);
                window.dispatchEvent(
                  new PopStateEvent('popstate', { state: window.history.state })
                );
              }, t.url);
            }
            await (t.optional && i === 0
              ? Promise.race([
                  t.ready(),
                  new Promise((_, reject) =>
                    setTimeout(() => reject(new Error('timeout')), 20_000)
                  ),
                ])
              : t.ready());
          } catch (e) {
            calls.stop();
            if (!t.optional) throw e;
            skipped = `no marker or cluster within 20 s (${e.message})`;
            break;
          }
          const ms = performance.now() - t0;
          calls.stop();
          if (i >= BROWSER_WARMUP) {
            samples.push(ms);
            runs.push({ ms: Math.round(ms), load: loadavg()[0], api: calls.calls });
          }
        }
        const label = `${mode === 'full' ? 'full load' : 'in-app'}: ${t.name}`;
        if (skipped) {
          console.log(`\nbrowser, ${label}: TODO, ${skipped}`);
          out[mode][t.key] = { name: t.name, skipped };
          continue;
        }
        const s = summary(samples);
        out[mode][t.key] = { name: t.name, ...s, load: loadavg(), runs };
        console.log(
          `\nbrowser, ${label}: first data p50 ${fmt(s.p50)} ms, p95 ${fmt(s.p95)} ms, max ${fmt(s.max)} ms (load ${loadavg().join(' ')})`
        );
        fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
        await page.screenshot({
          path: path.join(ROOT, 'bench', 'results', `console-${mode}-${t.key}.png`),
        });
      }
    }
    out.pageErrors = [...new Set(errors)].slice(0, 20);
  } finally {
    await browser.close();
  }
  return out;
}

function printSummary(results) {
  console.log('\n=== Summary (p50; ratios against baselines of the same run) ===');
  console.log(
    '| endpoint | console p50 / p95 | its SQL raw p50 | × raw | CM list p50 | CM / console | × /users/me | rows, bytes |'
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results.api) {
    const v = r.variants;
    const api = v['console API (HTTP)'];
    const rawName = Object.keys(v).find((k) => k.startsWith('its SQL raw'));
    const raw = v[rawName];
    const cm = v['content-manager list (HTTP)'];
    const me = v['GET /admin/users/me (HTTP floor)'];
    console.log(
      `| ${r.title} | ${fmt(api.p50)} / ${fmt(api.p95)} ms | ${fmt(raw.p50)} ms | ${ratio(api.p50, raw.p50)} | ` +
        `${cm ? `${fmt(cm.p50)} ms` : '—'} | ${cm ? ratio(cm.p50, api.p50) : '—'} | ${ratio(api.p50, me.p50)} | ` +
        `${api.rows}, ${api.bytes} B |`
    );
  }
  const b = results.browser;
  if (b?.full) {
    const shell = b.full.shell;
    console.log(
      '\n| browser, first data | p50 | p95 | max | 1 s target (p95) | − shell p50 | ÷ shell p50 |'
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const mode of ['full', 'inApp']) {
      for (const p of Object.values(b[mode])) {
        const label = `${mode === 'full' ? 'full load' : 'in-app'}: ${p.name}`;
        if (p.skipped) {
          console.log(`| ${label} | TODO: ${p.skipped} | | | | | |`);
          continue;
        }
        const vsShell = mode === 'full' && shell && !shell.skipped;
        console.log(
          `| ${label} | ${fmt(p.p50)} ms | ${fmt(p.p95)} ms | ${fmt(p.max)} ms | ` +
            `${p.p95 < TARGET_MS ? 'met' : `over by ${fmt(p.p95 - TARGET_MS)} ms`} | ` +
            `${vsShell ? `${fmt(p.p50 - shell.p50)} ms` : '—'} | ${vsShell ? ratio(p.p50, shell.p50) : '—'} |`
        );
      }
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
