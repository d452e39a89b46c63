/**
 * The console map's server-side clusters: a fixed grid of square cells in degrees, anchored at
 * (-90°, -180°), whose size halves at each zoom level. The grid is global, not computed from the
 * visible box, so a cluster does not jump while the map is panned: the same cases fall in the same
 * cell at the same zoom wherever the box is. The database groups by the cell's row and column
 * (the same floor((value + offset) / size) as cellOf() below) and averages the positions.
 *
 * Cells are square in degrees, so on the map (Web Mercator) they look 1/cos(latitude) times
 * taller than wide (1.37 in Pisa): a price worth paying for a grid the SQL can compute with two
 * divisions and no projection.
 */
import type { BBox, Position } from './geo';

/** A Web Mercator tile (256 px) spans 360 / 2^zoom degrees of longitude. */
const TILE_SPLIT = 4; // a cell is a quarter of a tile wide: about 64 px on screen
/** A cell never gets bigger than this (zoom 0 and 1 would otherwise give 90° and 45° cells). */
const MAX_CELL_DEGREES = 45;
export const MAX_ZOOM = 24;

export interface Cell {
  row: number;
  col: number;
}

export interface Grid {
  /** The side of a cell, in degrees. */
  cellDegrees: number;
  /** How many cells of the grid the box touches. */
  rows: number;
  cols: number;
}

/** The side of a cell at a zoom level (fractional zooms count as the level below). */
export function cellDegreesForZoom(zoom: number): number {
  if (!Number.isFinite(zoom) || zoom < 0) throw new RangeError(`zoom must be ≥ 0, got ${zoom}`);
  const level = Math.min(Math.floor(zoom), MAX_ZOOM);
  return Math.min(MAX_CELL_DEGREES, 360 / 2 ** level / TILE_SPLIT);
}

/** The row of a latitude and the column of a longitude in a grid of `size` degrees. */
export function cellIndex(value: number, offset: 90 | 180, size: number): number {
  return Math.floor((value + offset) / size);
}

export function cellOf(p: Position, size: number): Cell {
  return { row: cellIndex(p.latitude, 90, size), col: cellIndex(p.longitude, 180, size) };
}

/** The box a cell covers (what a click on a cluster zooms to). */
export function cellBounds(cell: Cell, size: number): BBox {
  return {
    minLatitude: cell.row * size - 90,
    maxLatitude: (cell.row + 1) * size - 90,
    minLongitude: cell.col * size - 180,
    maxLongitude: (cell.col + 1) * size - 180,
  };
}

/**
 * The grid for a box at a zoom: the zoom's cell size, doubled until the box touches at most
 * `maxCells` cells. So the number of clusters is bounded whatever the client sends (a world-wide
 * box at street zoom gets coarse cells, not millions of clusters).
 */
export function gridFor(bbox: BBox, zoom: number, maxCells: number): Grid {
  if (!Number.isInteger(maxCells) || maxCells < 1) {
    throw new RangeError(`maxCells must be a positive integer, got ${maxCells}`);
  }
  let size = cellDegreesForZoom(zoom);
  for (;;) {
    const rows = cellIndex(bbox.maxLatitude, 90, size) - cellIndex(bbox.minLatitude, 90, size) + 1;
    const cols =
      cellIndex(bbox.maxLongitude, 180, size) - cellIndex(bbox.minLongitude, 180, size) + 1;
    if (rows * cols <= maxCells || size >= 360) return { cellDegrees: size, rows, cols };
    size *= 2;
  }
}

/** Below the zoom threshold, or with more cases in the box than a page of points: clusters. */
export function shouldCluster(opts: {
  zoom: number;
  total: number;
  clusterBelowZoom: number;
  maxPoints: number;
}): boolean {
  return opts.zoom < opts.clusterBelowZoom || opts.total > opts.maxPoints;
}
