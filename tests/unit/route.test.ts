import { mulberry32 } from '../../src/domain/random';
import { distanceMeters, type Position } from '../../src/domain/geo';
import {
  nearestNeighbourPath,
  orderRoute,
  pathLength,
  routeGpx,
  routeLineString,
  twoOpt,
  type Stop,
} from '../../src/domain/route';

/** The crew's base, near Pisa Centrale station. */
const base: Position = { latitude: 43.71, longitude: 10.4 };

/** n stops within about ±3 km of the base, ids R-0000… */
function randomStops(seed: number, n: number, bands = 1): Stop[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `R-${String(i).padStart(4, '0')}`,
    position: {
      latitude: base.latitude + (rnd() - 0.5) * 0.054,
      longitude: base.longitude + (rnd() - 0.5) * 0.074,
    },
    band: Math.floor(rnd() * bands),
  }));
}

const at = (id: string, latitude: number, longitude: number, band = 0, label?: string): Stop => ({
  id,
  position: { latitude, longitude },
  band,
  label,
});

const ids = (stops: Stop[]): string[] => stops.map((s) => s.id);

/** Shortest path from start through all stops (then to end) by trying every permutation. */
function bruteForceOptimum(start: Position, stops: Stop[], end?: Position): number {
  const points = [start, ...stops.map((s) => s.position)];
  const d = points.map((p) => points.map((q) => distanceMeters(p, q)));
  const toEnd = points.map((p) => (end ? distanceMeters(p, end) : 0));
  const used = stops.map(() => false);
  let best = Infinity;
  const visit = (from: number, depth: number, length: number): void => {
    if (length >= best) return; // cannot beat the best found: skip the rest of this branch
    if (depth === stops.length) {
      best = Math.min(best, length + toEnd[from]);
      return;
    }
    for (let i = 0; i < stops.length; i++) {
      if (used[i]) continue;
      used[i] = true;
      visit(i + 1, depth + 1, length + d[from][i + 1]);
      used[i] = false;
    }
  };
  visit(0, 0, 0);
  return best;
}

describe('orderRoute: bands', () => {
  it('visits every band-0 stop before a band-1 stop, even one next to the base', () => {
    const stops = [
      at('NEAR-1', 43.7101, 10.4001, 1),
      at('FAR-0a', 43.74, 10.44, 0),
      at('FAR-0b', 43.745, 10.43, 0),
      at('MID-1', 43.72, 10.41, 1),
      at('X-2', 43.7102, 10.4002, 2),
    ];
    const plan = orderRoute(base, stops);
    expect(plan.stops.map((s) => s.band)).toEqual([0, 0, 1, 1, 2]);
    // Within band 1 the path starts from the end of band 0, not from the base.
    expect(ids(plan.stops)).toEqual(['FAR-0b', 'FAR-0a', 'MID-1', 'NEAR-1', 'X-2']);
  });

  it('keeps bands in order on random instances with four bands', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const bands = orderRoute(base, randomStops(seed, 60, 4)).stops.map((s) => s.band);
      expect(bands).toEqual([...bands].sort((a, b) => a - b));
    }
  });

  it('sorts bands numerically, not as text', () => {
    const plan = orderRoute(base, [at('A', 43.72, 10.41, 10), at('B', 43.73, 10.42, 2)]);
    expect(ids(plan.stops)).toEqual(['B', 'A']);
  });
});

describe('orderRoute: result', () => {
  it('is a permutation of the input, starting from the base', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const stops = randomStops(seed, 40, 3);
      const plan = orderRoute(base, stops);
      expect(plan.stops).toHaveLength(stops.length);
      expect(new Set(plan.stops).size).toBe(stops.length);
      for (const s of stops) expect(plan.stops).toContain(s);
      expect(plan.legsMeters[0]).toBeCloseTo(pathLength(base, [plan.stops[0]]), 9);
    }
  });

  it.each([false, true])('totals its legs and recomputes (returnToBase %s)', (returnToBase) => {
    const plan = orderRoute(base, randomStops(7, 30, 2), { returnToBase });
    expect(plan.legsMeters).toHaveLength(30 + (returnToBase ? 1 : 0));
    expect(plan.totalMeters).toBeCloseTo(
      plan.legsMeters.reduce((s, x) => s + x, 0),
      6
    );
    expect(plan.totalMeters).toBeCloseTo(
      pathLength(base, plan.stops, returnToBase ? base : undefined),
      6
    );
    expect(plan.totalMeters).toBeGreaterThan(0);
  });

  it('ends the last band next to the base when it must go back', () => {
    // About 1 km apart: A and B north of the base, C east. Open, the best path is C, A, B and ends
    // 2 km out; a round trip must instead finish at A or C, 1 km from the base.
    const stops = [at('A', 43.719, 10.4), at('B', 43.728, 10.4), at('C', 43.71, 10.4124)];
    const open = orderRoute(base, stops);
    expect(ids(open.stops)).toEqual(['C', 'A', 'B']);
    const round = orderRoute(base, stops, { returnToBase: true });
    const optimum = bruteForceOptimum(base, stops, base);
    expect(round.totalMeters).toBeCloseTo(optimum, 6);
    expect(round.totalMeters).toBeLessThan(pathLength(base, open.stops, base) - 100);
    expect(ids(round.stops)[2]).not.toBe('B');
  });

  it('with returnToBase is never longer than the open order closed by the way back', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const stops = randomStops(seed, 25);
      const round = orderRoute(base, stops, { returnToBase: true });
      const nn = nearestNeighbourPath(base, stops);
      expect(round.totalMeters).toBeLessThanOrEqual(pathLength(base, nn, base) + 1e-6);
    }
  });

  it('is deterministic and does not depend on the input order', () => {
    const stops = randomStops(3, 80, 4);
    const first = ids(orderRoute(base, stops).stops);
    expect(ids(orderRoute(base, stops).stops)).toEqual(first);
    expect(ids(orderRoute(base, [...stops].reverse()).stops)).toEqual(first);
  });

  it('breaks ties by id', () => {
    // Two reports at the same address: the same distance from everywhere.
    const stops = [at('B', 43.72, 10.41), at('A', 43.72, 10.41)];
    expect(ids(nearestNeighbourPath(base, stops))).toEqual(['A', 'B']);
    expect(ids(orderRoute(base, stops).stops)).toEqual(['A', 'B']);
  });

  it('gives an empty plan for no stops', () => {
    expect(orderRoute(base, [])).toEqual({ stops: [], legsMeters: [], totalMeters: 0 });
    expect(orderRoute(base, [], { returnToBase: true }).totalMeters).toBe(0);
  });

  it('goes straight to a single stop (and back)', () => {
    const stop = at('ONLY', 43.72, 10.41);
    const d = pathLength(base, [stop]);
    expect(orderRoute(base, [stop])).toEqual({ stops: [stop], legsMeters: [d], totalMeters: d });
    expect(orderRoute(base, [stop], { returnToBase: true }).totalMeters).toBeCloseTo(2 * d, 9);
  });

  it('refuses invalid positions, bands and pass counts', () => {
    const bad = { ...at('BAD', 0, 0), position: { latitude: NaN, longitude: 10.4 } };
    expect(() => orderRoute(base, [bad])).toThrow(RangeError);
    expect(() => orderRoute(base, [at('BAD', 91, 10.4)])).toThrow(/BAD/);
    expect(() => orderRoute({ latitude: 43.7, longitude: 200 }, [])).toThrow(RangeError);
    expect(() => orderRoute(base, [at('B', 43.7, 10.4, NaN)])).toThrow(RangeError);
    expect(() => orderRoute(base, [], { maxTwoOptPasses: -1 })).toThrow(RangeError);
  });
});

describe('2-opt', () => {
  it('never lengthens the nearest-neighbour path (open and with a fixed end)', () => {
    let strictlyShorter = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const stops = randomStops(seed, 5 + (seed % 40));
      const nn = nearestNeighbourPath(base, stops);
      const improved = twoOpt(base, nn);
      expect(pathLength(base, improved)).toBeLessThanOrEqual(pathLength(base, nn) + 1e-6);
      expect(new Set(improved)).toEqual(new Set(nn));
      if (pathLength(base, improved) < pathLength(base, nn) - 1) strictlyShorter++;
      const closed = twoOpt(base, nn, { end: base });
      expect(pathLength(base, closed, base)).toBeLessThanOrEqual(pathLength(base, nn, base) + 1e-6);
    }
    // Otherwise the test above would pass with a 2-opt that does nothing.
    expect(strictlyShorter).toBeGreaterThan(50);
  });

  it('uncrosses a crossing path', () => {
    // Base → A → C → B → D along a line from west to east: the legs A→C and C→B double back.
    const a = at('A', 43.71, 10.41);
    const b = at('B', 43.71, 10.42);
    const c = at('C', 43.71, 10.43);
    const d = at('D', 43.71, 10.44);
    const crossed = [a, c, b, d];
    const fixed = twoOpt(base, crossed);
    expect(ids(fixed)).toEqual(['A', 'B', 'C', 'D']);
    expect(pathLength(base, fixed)).toBeLessThan(pathLength(base, crossed) - 100);
  });

  it('uncrosses an X in the plane', () => {
    // Corners of a square visited diagonally: NW → SE → NE → SW crosses itself.
    const nw = at('NW', 43.72, 10.41);
    const ne = at('NE', 43.72, 10.42);
    const sw = at('SW', 43.71, 10.41);
    const se = at('SE', 43.71, 10.42);
    const start = { latitude: 43.725, longitude: 10.405 };
    const crossed = [nw, se, ne, sw];
    const fixed = twoOpt(start, crossed);
    expect(pathLength(start, fixed)).toBeLessThan(pathLength(start, crossed) - 100);
  });

  it('keeps the nearest-neighbour order with zero passes', () => {
    const stops = randomStops(11, 30);
    expect(ids(orderRoute(base, stops, { maxTwoOptPasses: 0 }).stops)).toEqual(
      ids(nearestNeighbourPath(base, stops))
    );
    expect(ids(twoOpt(base, stops, { maxPasses: 0 }))).toEqual(ids(stops));
  });
});

describe('orderRoute: quality', () => {
  it('is within 10% of the brute-force optimum on small instances', () => {
    let worst = 1;
    for (let seed = 1; seed <= 40; seed++) {
      const stops = randomStops(seed, 3 + (seed % 6)); // 3..8 stops, one band
      for (const returnToBase of [false, true]) {
        const end = returnToBase ? base : undefined;
        const optimum = bruteForceOptimum(base, stops, end);
        const plan = orderRoute(base, stops, { returnToBase });
        expect(plan.totalMeters).toBeGreaterThanOrEqual(optimum - 1e-6);
        worst = Math.max(worst, plan.totalMeters / optimum);
      }
    }
    expect(worst).toBeLessThanOrEqual(1.1);
  });

  it('is exactly optimal on collinear points, whatever the input order', () => {
    // Along a meridian north of the base, given shuffled: the optimum is south to north.
    const line = [3, 1, 7, 5, 2, 6, 4].map((k) => at(`P${k}`, 43.71 + k * 0.002, 10.4));
    const plan = orderRoute(base, line);
    expect(ids(plan.stops)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7']);
    const optimum = bruteForceOptimum(base, line);
    expect(plan.totalMeters).toBeCloseTo(optimum, 6);
  });

  it('fixes a nearest-neighbour trap on a line on both sides of the base', () => {
    // NN goes 1 north, 2.5 south, then 5.5 north (9 in all); going south first takes 7.
    const stops = [at('N1', 43.711, 10.4), at('S1', 43.7085, 10.4), at('N2', 43.714, 10.4)];
    expect(ids(nearestNeighbourPath(base, stops))).toEqual(['N1', 'S1', 'N2']);
    const plan = orderRoute(base, stops);
    const optimum = bruteForceOptimum(base, stops);
    expect(plan.totalMeters).toBeCloseTo(optimum, 6);
    expect(ids(plan.stops)).toEqual(['S1', 'N1', 'N2']);
  });
});

describe('routeLineString', () => {
  const stops = [at('A', 43.72, 10.41), at('B', 43.73, 10.39)];

  it('starts at the base in [longitude, latitude] order', () => {
    const plan = orderRoute(base, stops);
    const line = routeLineString(base, plan);
    expect(line.type).toBe('LineString');
    expect(line.coordinates).toHaveLength(3);
    expect(line.coordinates[0]).toEqual([10.4, 43.71]);
    expect(line.coordinates[1]).toEqual([
      plan.stops[0].position.longitude,
      plan.stops[0].position.latitude,
    ]);
  });

  it('closes at the base when the plan returns there', () => {
    const plan = orderRoute(base, stops, { returnToBase: true });
    const line = routeLineString(base, plan);
    expect(line.coordinates).toHaveLength(4);
    expect(line.coordinates[3]).toEqual([10.4, 43.71]);
    expect(routeLineString(base, plan, false).coordinates).toHaveLength(3);
  });

  it('gives two positions for an empty plan', () => {
    expect(routeLineString(base, orderRoute(base, [])).coordinates).toEqual([
      [10.4, 43.71],
      [10.4, 43.71],
    ]);
  });
});

describe('routeGpx', () => {
  const stops = [
    at('BC-2025-0001', 43.72, 10.41, 0, 'Buca <stradale> & "pericolosa"'),
    at('BC-2025-0002', 43.73, 10.39, 1, "Lampione dell'Arno"),
    at('A<&"B', 43.715, 10.405, 1),
  ];
  const count = (text: string, part: string): number => text.split(part).length - 1;

  it('has one waypoint per stop and a route from the base', () => {
    const plan = orderRoute(base, stops);
    const gpx = routeGpx({ name: 'Squadra 1 · 2025-03-04', base, plan });
    expect(gpx.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(gpx).toContain(
      '<gpx version="1.1" creator="BeneComune" xmlns="http://www.topografix.com/GPX/1/1">'
    );
    expect(count(gpx, '<wpt ')).toBe(3);
    expect(count(gpx, '</wpt>')).toBe(3);
    expect(count(gpx, '<rtept ')).toBe(4);
    expect(count(gpx, '<rte>')).toBe(1);
    expect(count(gpx, '</rte>')).toBe(1);
    expect(gpx.trimEnd().endsWith('</gpx>')).toBe(true);
    // The route starts at the base, with 6 decimals, latitude first.
    const firstRtept = gpx.indexOf('<rtept ');
    expect(gpx.startsWith('<rtept lat="43.710000" lon="10.400000"/>', firstRtept)).toBe(true);
    expect(gpx).toContain('<wpt lat="43.720000" lon="10.410000">');
  });

  it('lists waypoints in visiting order', () => {
    const plan = orderRoute(base, stops);
    const gpx = routeGpx({ name: 'x', base, plan });
    const positions = plan.stops.map((s) =>
      gpx.indexOf(`<wpt lat="${s.position.latitude.toFixed(6)}"`)
    );
    expect(positions.every((p) => p > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('escapes names and labels', () => {
    const gpx = routeGpx({ name: 'Crew <1> & "2"', base, plan: orderRoute(base, stops) });
    expect(gpx).toContain('<name>Crew &lt;1&gt; &amp; &quot;2&quot;</name>');
    expect(gpx).toContain('<desc>Buca &lt;stradale&gt; &amp; &quot;pericolosa&quot;</desc>');
    expect(gpx).toContain('<desc>Lampione dell&apos;Arno</desc>');
    expect(gpx).toContain('<name>A&lt;&amp;&quot;B</name>');
    expect(gpx).not.toContain('<stradale>');
    // Every & starts an entity.
    expect(gpx.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
  });

  it('drops control characters XML cannot carry', () => {
    const plan = orderRoute(base, [at('C', 43.72, 10.41, 0, 'via\u0007 Roma\ttab')]);
    expect(routeGpx({ name: 'x', base, plan })).toContain('<desc>via Roma\ttab</desc>');
  });

  it('writes a time only when given', () => {
    const plan = orderRoute(base, stops);
    expect(routeGpx({ name: 'x', base, plan })).not.toContain('<time>');
    const timed = routeGpx({ name: 'x', base, plan, time: new Date('2025-03-04T07:30:00Z') });
    expect(timed).toContain('<time>2025-03-04T07:30:00.000Z</time>');
    expect(timed.indexOf('<time>')).toBeLessThan(timed.indexOf('</metadata>'));
  });

  it('ends the route at the base on a round trip', () => {
    const plan = orderRoute(base, stops, { returnToBase: true });
    const gpx = routeGpx({ name: 'x', base, plan });
    expect(count(gpx, '<rtept ')).toBe(5);
    expect(gpx).toMatch(/<rtept lat="43\.710000" lon="10\.400000"\/>\n {2}<\/rte>/);
  });
});
