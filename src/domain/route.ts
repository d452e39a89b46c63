/**
 * Visiting order for a crew's day: priority bands first, and within a band a short path
 * (nearest neighbour, then 2-opt). Pure and deterministic; the caller loads the stops and keeps
 * the ones without a position apart.
 */
import { distanceMeters, isValidPosition, type Position } from './geo';

export interface Stop {
  /** The report's reference code. */
  id: string;
  position: Position;
  /** 0 is the most urgent band, visited first. */
  band: number;
  /** Shown to the crew, e.g. topic and address. */
  label?: string;
}

export interface RoutePlan {
  /** In visiting order. */
  stops: Stop[];
  /** Base to the first stop, then stop to stop, then back to base when asked. */
  legsMeters: number[];
  totalMeters: number;
}

export interface RouteOptions {
  returnToBase?: boolean;
  /** 0 keeps the nearest-neighbour order. */
  maxTwoOptPasses?: number;
}

/** A move must gain more than this: float noise must not make 2-opt cycle. */
const MIN_GAIN_M = 1e-9;
const DEFAULT_PASSES = 50;

function checkPosition(p: Position, what: string): void {
  if (!isValidPosition(p)) throw new RangeError(`${what} has no valid position`);
}

function checkStops(stops: Stop[]): void {
  for (const s of stops) {
    checkPosition(s.position, `stop ${s.id}`);
    if (!Number.isFinite(s.band)) throw new RangeError(`stop ${s.id} has no valid band`);
  }
}

function checkPasses(passes: number): void {
  if (!Number.isInteger(passes) || passes < 0) {
    throw new RangeError('maxTwoOptPasses must be a non-negative integer');
  }
}

/** Code-unit order, not locale order: the same result on every server. */
const byId = (a: Stop, b: Stop): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Flat n×n matrix: each distance computed once, not once per 2-opt check. */
function distanceMatrix(points: Position[]): Float64Array {
  const n = points.length;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      d[i * n + j] = d[j * n + i] = distanceMeters(points[i], points[j]);
    }
  }
  return d;
}

/** Point indices: 0 is the start, 1..m the stops. Returns 0 followed by the stops in order. */
function nearestNeighbourIndices(d: Float64Array, n: number, m: number): number[] {
  const seq = [0];
  const visited = new Uint8Array(m + 1);
  let current = 0;
  for (let k = 0; k < m; k++) {
    let best = -1;
    // Strictly nearer only: on a tie the lower index (the lower id) wins.
    for (let i = 1; i <= m; i++) {
      if (!visited[i] && (best < 0 || d[current * n + i] < d[current * n + best])) best = i;
    }
    visited[best] = 1;
    seq.push(best);
    current = best;
  }
  return seq;
}

function reverse(seq: number[], i: number, j: number): void {
  for (; i < j; i++, j--) [seq[i], seq[j]] = [seq[j], seq[i]];
}

/**
 * 2-opt on seq in place. seq[0] (the start) stays put, and so does the last element when
 * fixedEnd; otherwise the end is free and reversing a suffix just changes the last leg.
 */
function twoOptIndices(
  d: Float64Array,
  n: number,
  seq: number[],
  fixedEnd: boolean,
  maxPasses: number
): void {
  const last = fixedEnd ? seq.length - 2 : seq.length - 1; // last position that may move
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (let i = 1; i < last; i++) {
      for (let j = i + 1; j <= last; j++) {
        // Reversing seq[i..j] swaps edges (a,b) and (c,next) for (a,c) and (b,next).
        const a = seq[i - 1];
        const b = seq[i];
        const c = seq[j];
        let gain = d[a * n + b] - d[a * n + c];
        if (j + 1 < seq.length) {
          const next = seq[j + 1];
          gain += d[c * n + next] - d[b * n + next];
        }
        if (gain > MIN_GAIN_M) {
          reverse(seq, i, j);
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
}

/** Sum of the legs from start through the stops (and on to end, when given). */
export function pathLength(start: Position, stops: Stop[], end?: Position): number {
  let total = 0;
  let from = start;
  for (const s of stops) {
    total += distanceMeters(from, s.position);
    from = s.position;
  }
  return end ? total + distanceMeters(from, end) : total;
}

/** Always on to the nearest stop not yet visited; ties go to the lower id. */
export function nearestNeighbourPath(start: Position, stops: Stop[]): Stop[] {
  checkPosition(start, 'start');
  checkStops(stops);
  const sorted = [...stops].sort(byId);
  const points = [start, ...sorted.map((s) => s.position)];
  const seq = nearestNeighbourIndices(distanceMatrix(points), points.length, sorted.length);
  return seq.slice(1).map((i) => sorted[i - 1]);
}

/** Improves an open path from start (to end, when given) by 2-opt; never makes it longer. */
export function twoOpt(
  start: Position,
  path: Stop[],
  options: { end?: Position; maxPasses?: number } = {}
): Stop[] {
  const { end, maxPasses = DEFAULT_PASSES } = options;
  checkPosition(start, 'start');
  if (end) checkPosition(end, 'end');
  checkStops(path);
  checkPasses(maxPasses);
  const points = [start, ...path.map((s) => s.position), ...(end ? [end] : [])];
  const seq = points.map((_, i) => i);
  twoOptIndices(distanceMatrix(points), points.length, seq, Boolean(end), maxPasses);
  return seq.slice(1, path.length + 1).map((i) => path[i - 1]);
}

function orderBand(
  start: Position,
  band: Stop[],
  end: Position | undefined,
  maxPasses: number
): Stop[] {
  const points = [start, ...band.map((s) => s.position), ...(end ? [end] : [])];
  const n = points.length;
  const d = distanceMatrix(points);
  const seq = nearestNeighbourIndices(d, n, band.length);
  if (end) seq.push(n - 1);
  twoOptIndices(d, n, seq, Boolean(end), maxPasses);
  return seq.slice(1, band.length + 1).map((i) => band[i - 1]);
}

/**
 * Bands in ascending order; each band is an open path from where the previous one ended (the
 * base for the first). With returnToBase the last band ends at the base, and that leg counts.
 */
export function orderRoute(base: Position, stops: Stop[], options: RouteOptions = {}): RoutePlan {
  const { returnToBase = false, maxTwoOptPasses = DEFAULT_PASSES } = options;
  checkPosition(base, 'base');
  checkStops(stops);
  checkPasses(maxTwoOptPasses);

  // Sorted by id first, so the order of the input never changes the result.
  const bands = new Map<number, Stop[]>();
  for (const s of [...stops].sort(byId)) {
    const band = bands.get(s.band);
    if (band) band.push(s);
    else bands.set(s.band, [s]);
  }
  const keys = [...bands.keys()].sort((a, b) => a - b);

  const ordered: Stop[] = [];
  let start = base;
  keys.forEach((key, k) => {
    const end = returnToBase && k === keys.length - 1 ? base : undefined;
    ordered.push(...orderBand(start, bands.get(key) as Stop[], end, maxTwoOptPasses));
    start = ordered[ordered.length - 1].position;
  });

  const legsMeters: number[] = [];
  let from = base;
  for (const s of ordered) {
    legsMeters.push(distanceMeters(from, s.position));
    from = s.position;
  }
  if (returnToBase && ordered.length > 0) legsMeters.push(distanceMeters(from, base));
  const totalMeters = legsMeters.reduce((sum, leg) => sum + leg, 0);
  return { stops: ordered, legsMeters, totalMeters };
}

/**
 * GeoJSON path from the base through the stops, [longitude, latitude]. returnToBase defaults to
 * what the plan says (a final leg back). An empty plan gives [base, base]: a LineString needs two
 * positions.
 */
export function routeLineString(
  base: Position,
  plan: RoutePlan,
  returnToBase = plan.legsMeters.length > plan.stops.length
): { type: 'LineString'; coordinates: [number, number][] } {
  const points = [base, ...plan.stops.map((s) => s.position)];
  if (returnToBase || points.length === 1) points.push(base);
  return {
    type: 'LineString',
    coordinates: points.map((p): [number, number] => [p.longitude, p.latitude]),
  };
}

/** Also drops the control characters XML 1.0 forbids: a label comes from citizens' input. */
function xml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const latLon = (p: Position): string =>
  `lat="${p.latitude.toFixed(6)}" lon="${p.longitude.toFixed(6)}"`;

/**
 * GPX 1.1 for a navigator: one waypoint per stop and the route from the base. The time is the
 * caller's (no wall clock here), and is left out when not given.
 */
export function routeGpx(input: {
  name: string;
  base: Position;
  plan: RoutePlan;
  time?: Date;
  returnToBase?: boolean;
}): string {
  const { name, base, plan, time } = input;
  const returnToBase = input.returnToBase ?? plan.legsMeters.length > plan.stops.length;
  const stopName = (s: Stop): string => `<name>${xml(s.id)}</name>`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gpx version="1.1" creator="BeneComune" xmlns="http://www.topografix.com/GPX/1/1">',
    '  <metadata>',
    `    <name>${xml(name)}</name>`,
    ...(time ? [`    <time>${time.toISOString()}</time>`] : []),
    '  </metadata>',
    ...plan.stops.map((s) => {
      const desc = s.label === undefined ? '' : `<desc>${xml(s.label)}</desc>`;
      return `  <wpt ${latLon(s.position)}>${stopName(s)}${desc}</wpt>`;
    }),
    '  <rte>',
    `    <name>${xml(name)}</name>`,
    `    <rtept ${latLon(base)}/>`,
    ...plan.stops.map((s) => `    <rtept ${latLon(s.position)}>${stopName(s)}</rtept>`),
    ...(returnToBase ? [`    <rtept ${latLon(base)}/>`] : []),
    '  </rte>',
    '</gpx>',
    '',
  ];
  return lines.join('\n');
}
