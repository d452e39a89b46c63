/**
 * Benchmark of the crew route ordering (src/domain/route.ts), pure CPU, no database. For 50, 200
 * and 500 stops in 4 priority bands, seeded within about 5 km of Pisa's centre:
 *
 *   (a) orderRoute: bands, nearest neighbour, then 2-opt;
 *   (b) baseline measured in the same run: the same banding with nearest neighbour only
 *       (maxTwoOptPasses 0);
 *   (c) no optimisation at all: band, then reference code (tour length only).
 *
 * (a) and (b) run in alternating order (a b, then b a, …) so drift on a shared machine hits both
 * alike. The target: 200 stops in 4 bands ordered in under 50 ms at p95.
 *
 *   npm run bench:route
 *
 * Results are printed, and written to bench/results/route-<timestamp>.json.
 */
'use strict';

const { mulberry32, stats, writeResults } = require('./lib');

const { performance } = require('perf_hooks');
const { orderRoute, pathLength } = require('../dist/src/domain/route');

const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 200);
const WARMUP = 20;
const INSTANCES = 10; // different seeded instances per size, visited in turn
// The size series in 4 bands, and 200 stops in one band: the worst case for 2-opt (O(n²) a pass).
const CASES = [
  { stops: 50, bands: 4 },
  { stops: 200, bands: 4 },
  { stops: 500, bands: 4 },
  { stops: 200, bands: 1 },
];
const TARGET = { stops: 200, bands: 4, p95Ms: 50 };
const CENTRE = { latitude: 43.7167, longitude: 10.4018 }; // Piazza Garibaldi
const RADIUS_M = 5000;

/** Uniform in a disc of RADIUS_M around the centre; the base is the first point drawn. */
function instance(seed, n, bands) {
  const rnd = mulberry32(seed);
  const mPerDegLat = 111_320;
  const mPerDegLon = mPerDegLat * Math.cos((CENTRE.latitude * Math.PI) / 180);
  const point = () => {
    const r = RADIUS_M * Math.sqrt(rnd());
    const a = 2 * Math.PI * rnd();
    return {
      latitude: CENTRE.latitude + (r * Math.sin(a)) / mPerDegLat,
      longitude: CENTRE.longitude + (r * Math.cos(a)) / mPerDegLon,
    };
  };
  const base = point();
  const stops = Array.from({ length: n }, (_, i) => ({
    id: `BC-2025-${String(i).padStart(5, '0')}`,
    position: point(),
    band: Math.floor(rnd() * bands),
  }));
  return { base, stops };
}

/** Runs a and b in alternating order on the same instance each round. */
function measurePair(instances, a, b) {
  const samples = { a: [], b: [] };
  const time = (fn, inst, into) => {
    const t = performance.now();
    fn(inst);
    if (into) into.push(performance.now() - t);
  };
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const inst = instances[i % instances.length];
    const keep = i >= WARMUP;
    const order = i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
    for (const k of order) time(k === 'a' ? a : b, inst, keep ? samples[k] : null);
  }
  return { a: stats(samples.a), b: stats(samples.b) };
}

const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const pct = (from, to) => (100 * (from - to)) / from;
const byBandThenId = (x, y) => x.band - y.band || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

function main() {
  console.log(
    `route ordering: ${INSTANCES} seeded instances per case within ` +
      `${RADIUS_M / 1000} km of Pisa, ${ITERATIONS} iterations (+${WARMUP} warmup)\n`
  );
  const results = [];
  for (const { stops: n, bands } of CASES) {
    const instances = Array.from({ length: INSTANCES }, (_, k) =>
      instance(1000 * n + 100 * bands + k, n, bands)
    );
    const timing = measurePair(
      instances,
      ({ base, stops }) => orderRoute(base, stops),
      ({ base, stops }) => orderRoute(base, stops, { maxTwoOptPasses: 0 })
    );
    // Tour lengths (open path from the base), averaged over the instances.
    const optimised = mean(instances.map(({ base, stops }) => orderRoute(base, stops).totalMeters));
    const nearest = mean(
      instances.map(
        ({ base, stops }) => orderRoute(base, stops, { maxTwoOptPasses: 0 }).totalMeters
      )
    );
    const naive = mean(
      instances.map(({ base, stops }) => pathLength(base, [...stops].sort(byBandThenId)))
    );
    const r = {
      stops: n,
      bands,
      orderRoute: timing.a,
      nearestNeighbourOnly: timing.b,
      ratioP50: timing.a.p50 / timing.b.p50,
      ratioP95: timing.a.p95 / timing.b.p95,
      tourKm: {
        optimised: optimised / 1000,
        nearestNeighbour: nearest / 1000,
        naive: naive / 1000,
      },
      improvementPct: {
        optimisedVsNaive: pct(naive, optimised),
        nearestNeighbourVsNaive: pct(naive, nearest),
        twoOptVsNearestNeighbour: pct(nearest, optimised),
      },
    };
    results.push(r);
    const ms = (s) => `p50 ${s.p50.toFixed(3)} ms  p95 ${s.p95.toFixed(3)} ms`;
    console.log(`${n} stops, ${bands} band${bands > 1 ? 's' : ''}`);
    console.log(`  (a) orderRoute (NN + 2-opt)      ${ms(r.orderRoute)}`);
    console.log(`  (b) nearest neighbour only       ${ms(r.nearestNeighbourOnly)}`);
    console.log(
      `  (a)/(b)                          p50 ${r.ratioP50.toFixed(2)}×  p95 ${r.ratioP95.toFixed(2)}×`
    );
    console.log(
      `  tour: naive ${r.tourKm.naive.toFixed(1)} km, NN ${r.tourKm.nearestNeighbour.toFixed(1)} km ` +
        `(−${r.improvementPct.nearestNeighbourVsNaive.toFixed(1)}%), NN + 2-opt ` +
        `${r.tourKm.optimised.toFixed(1)} km (−${r.improvementPct.optimisedVsNaive.toFixed(1)}% vs ` +
        `naive, −${r.improvementPct.twoOptVsNearestNeighbour.toFixed(1)}% vs NN)\n`
    );
  }

  const target = results.find((r) => r.stops === TARGET.stops && r.bands === TARGET.bands);
  const met = target.orderRoute.p95 < TARGET.p95Ms;
  console.log(
    `target: ${TARGET.stops} stops in ${TARGET.bands} bands in under ${TARGET.p95Ms} ms at p95: ` +
      `${met ? 'met' : 'MISSED'} (${target.orderRoute.p95.toFixed(3)} ms)`
  );
  if (!met) process.exitCode = 1;

  writeResults('route', {
    iterations: ITERATIONS,
    instances: INSTANCES,
    target: TARGET,
    met,
    results,
  });
}

main();
