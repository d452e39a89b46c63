/** Geometry on WGS84 coordinates, small scale (a municipality): no projection library needed. */

export interface Position {
  latitude: number;
  longitude: number;
}

/** GeoJSON Polygon: rings of [longitude, latitude]; the first ring is the outer boundary. */
export interface Polygon {
  type: 'Polygon';
  coordinates: number[][][];
}

export interface BBox {
  minLongitude: number;
  minLatitude: number;
  maxLongitude: number;
  maxLatitude: number;
}

const EARTH_RADIUS_M = 6_371_008.8;

export function isValidPosition(p: Partial<Position>): p is Position {
  return (
    typeof p.latitude === 'number' &&
    typeof p.longitude === 'number' &&
    Number.isFinite(p.latitude) &&
    Number.isFinite(p.longitude) &&
    Math.abs(p.latitude) <= 90 &&
    Math.abs(p.longitude) <= 180
  );
}

/** Even-odd ray casting on one ring. */
function inRing(ring: number[][], { latitude: y, longitude: x }: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function isInsidePolygon(polygon: Polygon, p: Position): boolean {
  const [outer, ...holes] = polygon.coordinates;
  return inRing(outer, p) && !holes.some((hole) => inRing(hole, p));
}

/** Great-circle distance in metres (haversine). */
export function distanceMeters(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Parses "minLon,minLat,maxLon,maxLat" (the GeoJSON/OGC order). Returns an error message naming
 * the problem instead of throwing, for a 400 answer.
 */
export function parseBBox(value: unknown): BBox | string {
  if (typeof value !== 'string') return 'bbox is required as minLon,minLat,maxLon,maxLat';
  const parts = value.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    return 'bbox must be four numbers: minLon,minLat,maxLon,maxLat';
  }
  const [minLongitude, minLatitude, maxLongitude, maxLatitude] = parts;
  if (Math.abs(minLatitude) > 90 || Math.abs(maxLatitude) > 90)
    return 'bbox latitudes must be within ±90';
  if (Math.abs(minLongitude) > 180 || Math.abs(maxLongitude) > 180)
    return 'bbox longitudes must be within ±180';
  if (minLatitude >= maxLatitude || minLongitude >= maxLongitude)
    return 'bbox minimums must be below maximums';
  return { minLongitude, minLatitude, maxLongitude, maxLatitude };
}

/**
 * The position shown to the public: rounded to a grid of about 100 m (3 decimals), so a report
 * made from home does not publish the reporter's door.
 */
export function publicPosition(p: Position, decimals = 3): Position {
  const f = 10 ** decimals;
  return { latitude: Math.round(p.latitude * f) / f, longitude: Math.round(p.longitude * f) / f };
}
