/**
 * The console map: the reports of the visible box, with the queue's filters and scope (the same
 * query builder, filteredCases), as single markers or as grid clusters grouped in SQL. Never
 * unbounded: single markers only when the box holds at most `maxPoints` cases at a zoom from
 * `clusterBelowZoom` on; otherwise one row per grid cell (src/domain/map-grid.ts), and the grid is
 * coarsened until the box touches at most MAX_CELLS cells. The box is a range on latitude and
 * longitude inside the open states' predicate, which the partial index bc_reports_open_map serves
 * alone: it holds every column the map reads or filters on, so PostgreSQL answers from the index
 * without visiting the table (an index-only scan).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { parseBBox, type BBox } from '../../../../domain/geo';
import { MAX_ZOOM, cellBounds, gridFor, shouldCluster } from '../../../../domain/map-grid';
import { bandOf } from '../../../../domain/priority';
import type { ReadScope } from '../../../../domain/staff-scope';
import { clock } from '../../../../lib/clock';
import { dbInstant, fromDb, isPostgres, truthy } from '../../../../lib/raw-sql';
import { settings } from '../../../../lib/settings';
import { invalid, parseInput } from './input';
import { caseFilters, caseFiltersSchema, filteredCases, type CaseFilters } from './queue';

/** At most so many clusters in one answer (a 2560 × 1440 screen of 64 px cells is 880). */
export const MAX_CELLS = 2500;
const EXCERPT = 120;

const mapQuerySchema = caseFiltersSchema.extend({
  bbox: z.string({ error: 'required, as west,south,east,north' }).trim().min(1).max(200),
  zoom: z.coerce.number({ error: 'a number from 0 to 24 is required' }).min(0).max(MAX_ZOOM),
});

export interface MapQuery {
  filters: CaseFilters;
  bbox: BBox;
  zoom: number;
}

export function parseMapQuery(raw: unknown): MapQuery {
  const input = parseInput(mapQuerySchema, raw);
  const filters = caseFilters(input);
  if (filters.kind !== 'report') throw invalid('kind', 'only reports have a position on the map');
  const bbox = parseBBox(input.bbox);
  if (typeof bbox === 'string') throw invalid('bbox', bbox.replace(/^bbox /, ''));
  return { filters, bbox, zoom: input.zoom };
}

/** The open reports of the box within the filters and the scope (a query builder, not run). */
export function mapCases(strapi: Core.Strapi, q: MapQuery, scope: ReadScope): Knex.QueryBuilder {
  return filteredCases(strapi, q.filters, scope)
    .whereBetween('latitude', [q.bbox.minLatitude, q.bbox.maxLatitude])
    .whereBetween('longitude', [q.bbox.minLongitude, q.bbox.maxLongitude]);
}

type Row = Record<string, unknown>;
const num = (v: unknown) => (v == null ? null : Number(v));
const round6 = (v: unknown) => Math.round(Number(v) * 1e6) / 1e6;

/** floor((value + offset) / size) as SQL: SQLite truncates a positive value cast to INTEGER. */
function cellSql(strapi: Core.Strapi, column: string, offset: number, size: number): string {
  // `size` is our own number (a power of two times 360), written as a literal so that the
  // SELECT and GROUP BY expressions are one and the same on PostgreSQL.
  const ratio = `(${column} + ${offset}) / ${size}`;
  return isPostgres(strapi) ? `FLOOR(${ratio})` : `CAST(${ratio} AS INTEGER)`;
}

async function clusters(
  strapi: Core.Strapi,
  q: MapQuery,
  scope: ReadScope,
  size: number,
  now: Date
) {
  const db = strapi.db.connection;
  const rows = (await mapCases(strapi, q, scope)
    .select(
      db.raw(`${cellSql(strapi, 'latitude', 90, size)} AS cell_row`),
      db.raw(`${cellSql(strapi, 'longitude', 180, size)} AS cell_col`),
      db.raw('COUNT(*) AS n'),
      db.raw('AVG(latitude) AS lat'),
      db.raw('AVG(longitude) AS lng'),
      db.raw('MAX(priority) AS max_priority'),
      db.raw('SUM(CASE WHEN emergency THEN 1 ELSE 0 END) AS emergencies'),
      db.raw('SUM(CASE WHEN due_at < ? THEN 1 ELSE 0 END) AS overdue', [
        dbInstant(strapi, now) as Knex.Value,
      ]),
      db.raw('MIN(reference_code) AS first_code')
    )
    .groupByRaw('1, 2')
    .orderByRaw('1, 2')
    .limit(MAX_CELLS)) as Row[];
  return rows.map((r) => {
    const count = Number(r.n);
    const maxPriority = num(r.max_priority);
    const b = cellBounds({ row: Number(r.cell_row), col: Number(r.cell_col) }, size);
    return {
      lat: round6(r.lat),
      lng: round6(r.lng),
      count,
      maxPriority,
      band: maxPriority == null ? null : bandOf(maxPriority),
      emergencies: Number(r.emergencies ?? 0),
      overdue: Number(r.overdue ?? 0),
      // A cell holding one case names it, so the map can open it like a marker.
      referenceCode: count === 1 ? (r.first_code as string) : null,
      bounds: [b.minLongitude, b.minLatitude, b.maxLongitude, b.maxLatitude],
    };
  });
}

async function points(
  strapi: Core.Strapi,
  q: MapQuery,
  scope: ReadScope,
  limit: number,
  now: Date
) {
  const rows = (await mapCases(strapi, q, scope)
    .select(
      'reference_code',
      'latitude',
      'longitude',
      'priority',
      'state',
      'emergency',
      'due_at',
      'address'
    )
    .select(strapi.db.connection.raw(`SUBSTR(description, 1, ${EXCERPT}) AS excerpt`))
    .orderBy([
      { column: 'priority', order: 'desc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(limit)) as Row[];
  return rows.map((r) => {
    const priority = num(r.priority);
    const dueAt = fromDb(r.due_at);
    return {
      referenceCode: r.reference_code as string,
      lat: Number(r.latitude),
      lng: Number(r.longitude),
      band: priority == null ? null : bandOf(priority),
      priority,
      state: r.state as string,
      emergency: truthy(r.emergency),
      overdue: Boolean(dueAt && dueAt.getTime() < now.getTime()),
      excerpt: (r.excerpt as string | null) ?? '',
      address: (r.address as string | null) ?? null,
    };
  });
}

/**
 * Whether the box holds more than `limit` cases, reading at most limit + 1 rows: a dense box is
 * not counted in full only to learn that it must be clustered.
 */
async function countUpTo(strapi: Core.Strapi, q: MapQuery, scope: ReadScope, limit: number) {
  const probe = mapCases(strapi, q, scope)
    .select('id')
    .limit(limit + 1);
  const [{ n }] = (await strapi.db.connection.count({ n: '*' }).from(probe.as('probe'))) as {
    n: unknown;
  }[];
  return Number(n);
}

/**
 * One pass over the box: below `clusterBelowZoom` straight to the clusters (their counts sum to
 * the total); above it, a bounded probe decides between markers and clusters.
 */
export async function caseMap(strapi: Core.Strapi, q: MapQuery, scope: ReadScope) {
  const { clusterBelowZoom, maxPoints } = settings(strapi).consoleMap;
  const now = clock.now();
  const probed = q.zoom < clusterBelowZoom ? null : await countUpTo(strapi, q, scope, maxPoints);
  const clustered = shouldCluster({
    zoom: q.zoom,
    total: probed ?? Infinity,
    clusterBelowZoom,
    maxPoints,
  });
  const grid = clustered ? gridFor(q.bbox, q.zoom, MAX_CELLS) : null;
  const cells = grid ? await clusters(strapi, q, scope, grid.cellDegrees, now) : [];
  const markers = grid ? [] : await points(strapi, q, scope, maxPoints, now);
  return {
    data: { clusters: cells, points: markers },
    meta: {
      // gridFor keeps the cells under MAX_CELLS, so the clusters hold every case of the box.
      total: grid ? cells.reduce((sum, c) => sum + c.count, 0) : markers.length,
      clustered,
      cellDegrees: grid?.cellDegrees ?? null,
      zoom: q.zoom,
      bbox: [q.bbox.minLongitude, q.bbox.minLatitude, q.bbox.maxLongitude, q.bbox.maxLatitude],
      clusterBelowZoom,
      maxPoints,
    },
  };
}
