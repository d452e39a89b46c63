/**
 * Duplicate and recurrence lookup (issue 4). The database narrows the candidates with a bounding
 * box on the indexed (latitude, longitude) columns, restricted to the topic and the time window;
 * this module draws the box and keeps the candidates truly within the radius.
 *
 * Why a bounding box rather than a grid-cell key: the composite index on coordinates already
 * exists for the public map, it needs no extra column kept in step on every write, the radius is a
 * per-topic setting (a fixed grid would have to be as coarse as the largest radius), and at a
 * city's scale the box around a 50 m circle holds a handful of rows.
 */
import { distanceMeters, type BBox, type Position } from './geo';

// On the sphere distanceMeters() uses: the box must agree with it, or it would cut the circle.
const METERS_PER_DEGREE_LATITUDE = (6_371_008.8 * Math.PI) / 180;

/** The smallest latitude/longitude box containing the circle (a little larger, never smaller). */
export function boxAround(center: Position, radiusMeters: number): BBox {
  const dLat = (radiusMeters / METERS_PER_DEGREE_LATITUDE) * 1.001;
  const maxLatitudeInBox = Math.min(89.9, Math.abs(center.latitude) + dLat);
  const dLon = dLat / Math.cos((maxLatitudeInBox * Math.PI) / 180);
  return {
    minLatitude: center.latitude - dLat,
    maxLatitude: center.latitude + dLat,
    minLongitude: center.longitude - dLon,
    maxLongitude: center.longitude + dLon,
  };
}

export interface Candidate extends Position {
  id: number;
  receivedAt: Date;
}

/** Candidates within the radius, nearest first (ties: oldest first). */
export function withinRadius<T extends Candidate>(
  center: Position,
  radiusMeters: number,
  candidates: T[]
): (T & { distance: number })[] {
  return candidates
    .map((c) => ({ ...c, distance: distanceMeters(center, c) }))
    .filter((c) => c.distance <= radiusMeters)
    .sort((a, b) => a.distance - b.distance || a.receivedAt.getTime() - b.receivedAt.getTime());
}

/** The candidate within the radius that `better` prefers to all others (null when none is). */
function bestWithin<T extends Candidate>(
  center: Position,
  radiusMeters: number,
  candidates: T[],
  better: (a: T, b: T) => boolean
): T | null {
  const near = withinRadius(center, radiusMeters, candidates);
  if (!near.length) return null;
  const best = near.reduce((b, c) => (better(c, b) ? c : b));
  return candidates.find((c) => c.id === best.id) ?? null;
}

/**
 * The master of a cluster: the oldest open report within the radius (ties: lowest id), so every
 * newcomer joins the same case however the cluster grew.
 */
export function pickMaster<T extends Candidate>(
  center: Position,
  radiusMeters: number,
  candidates: T[]
): T | null {
  return bestWithin(center, radiusMeters, candidates, (c, b) => {
    const dc = c.receivedAt.getTime();
    const db = b.receivedAt.getTime();
    return dc < db || (dc === db && c.id < b.id);
  });
}

/** The earlier fixed report a new one repeats: the most recently fixed within the radius. */
export function pickRecurrence<T extends Candidate & { fixedAt: Date }>(
  center: Position,
  radiusMeters: number,
  candidates: T[]
): T | null {
  return bestWithin(
    center,
    radiusMeters,
    candidates,
    (c, b) => c.fixedAt.getTime() > b.fixedAt.getTime()
  );
}
