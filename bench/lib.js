/** What every benchmark script shares: percentiles, a timed loop, the seeded PRNG. */
'use strict';

const { randomBytes } = require('crypto');
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
  };
}

/** Runs fn `warmup` times untimed, then `iterations` times timed; prints and returns p50/p95. */
async function measure(name, fn, { iterations = 200, warmup = 20 } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  const s = stats(samples);
  console.log(`${name.padEnd(66)} p50 ${s.p50.toFixed(2)} ms  p95 ${s.p95.toFixed(2)} ms`);
  return { name, iterations, ...s };
}

/** The compiled PRNG of src/domain/random.ts (run `npm run compile` first). */
function mulberry32(seed) {
  return require(path.join(__dirname, '..', 'dist', 'src', 'domain', 'random')).mulberry32(seed);
}

/** A fresh super admin (bench-…@comune.example, left in place) and its admin JWT. */
async function adminJwt(strapi, base) {
  const email = `bench-${randomBytes(4).toString('hex')}@comune.example`;
  const password = 'Bench-Passw0rd!';
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    password,
    firstname: 'Bench',
    lastname: 'Operatore',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  const login = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`admin login: HTTP ${login.status}`);
  return (await login.json()).data.token;
}

/** Writes a run's figures to bench/results/<name>-<timestamp>.json (git-ignored) and says where. */
function writeResults(name, payload) {
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(payload, null, 2));
  console.log(`\nwritten to ${path.relative(path.join(__dirname, '..'), file)}`);
}

module.exports = { stats, measure, mulberry32, adminJwt, writeResults };
