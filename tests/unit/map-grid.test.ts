import {
  MAX_ZOOM,
  cellBounds,
  cellDegreesForZoom,
  cellIndex,
  cellOf,
  gridFor,
  shouldCluster,
} from '../../src/domain/map-grid';

const PISA = { minLongitude: 10.35, minLatitude: 43.68, maxLongitude: 10.45, maxLatitude: 43.74 };
const WORLD = { minLongitude: -180, minLatitude: -90, maxLongitude: 180, maxLatitude: 90 };

describe('cellDegreesForZoom', () => {
  it('is a quarter of a tile, halving at each zoom level', () => {
    expect(cellDegreesForZoom(2)).toBe(22.5); // 360 / 4 / 4
    expect(cellDegreesForZoom(12)).toBe(0.02197265625); // 360 / 4096 / 4
    expect(cellDegreesForZoom(14)).toBe(0.0054931640625);
    expect(cellDegreesForZoom(15)).toBe(cellDegreesForZoom(14) / 2);
  });

  it('counts a fractional zoom as the level below, caps the coarse and the fine end', () => {
    expect(cellDegreesForZoom(14.7)).toBe(cellDegreesForZoom(14));
    expect(cellDegreesForZoom(0)).toBe(45);
    expect(cellDegreesForZoom(1)).toBe(45);
    expect(cellDegreesForZoom(40)).toBe(cellDegreesForZoom(MAX_ZOOM));
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p', (zoom) => {
    expect(() => cellDegreesForZoom(zoom)).toThrow(RangeError);
  });
});

describe('cells', () => {
  const size = 0.02197265625; // zoom 12

  it('numbers rows from the south pole and columns from the antimeridian', () => {
    // (43.7167 + 90) / size = 6085.60; (10.4017 + 180) / size = 8665.39
    expect(cellOf({ latitude: 43.7167, longitude: 10.4017 }, size)).toEqual({
      row: 6085,
      col: 8665,
    });
    expect(cellIndex(-90, 90, size)).toBe(0);
    expect(cellIndex(-179.99, 180, 45)).toBe(0);
    expect(cellIndex(0, 180, 45)).toBe(4);
  });

  it('gives the box a cell covers, which holds the point it came from', () => {
    const b = cellBounds({ row: 6085, col: 8665 }, size);
    expect(b.minLatitude).toBeCloseTo(43.70361328125, 10);
    expect(b.maxLatitude).toBeCloseTo(43.7255859375, 10);
    expect(b.minLongitude).toBeCloseTo(10.39306640625, 10);
    expect(b.maxLongitude).toBeCloseTo(10.4150390625, 10);
    expect(43.7167).toBeGreaterThanOrEqual(b.minLatitude);
    expect(43.7167).toBeLessThan(b.maxLatitude);
  });
});

describe('gridFor', () => {
  it("keeps the zoom's cells when the box touches few enough", () => {
    // Pisa at zoom 12: rows 6084..6087 (4), columns 8661..8665 (5)
    expect(gridFor(PISA, 12, 2500)).toEqual({ cellDegrees: 0.02197265625, rows: 4, cols: 5 });
  });

  it('doubles the cell until the box touches at most maxCells cells', () => {
    expect(gridFor(PISA, 12, 19)).toEqual({ cellDegrees: 0.0439453125, rows: 3, cols: 3 });
    expect(gridFor(PISA, 12, 4)).toEqual({ cellDegrees: 0.087890625, rows: 2, cols: 2 });
    // The world at street zoom: 5.625° cells, 33 × 65 = 2145 ≤ 2500 (2.8125° would be 8385).
    expect(gridFor(WORLD, 14, 2500)).toEqual({ cellDegrees: 5.625, rows: 33, cols: 65 });
  });

  it('stops at a cell as wide as the world', () => {
    expect(gridFor(WORLD, 3, 1).cellDegrees).toBe(360);
    expect(() => gridFor(PISA, 12, 0)).toThrow(RangeError);
  });
});

describe('shouldCluster', () => {
  const base = { clusterBelowZoom: 15, maxPoints: 500 };
  it('clusters below the zoom threshold, or over the cap of points', () => {
    expect(shouldCluster({ ...base, zoom: 14.9, total: 3 })).toBe(true);
    expect(shouldCluster({ ...base, zoom: 15, total: 500 })).toBe(false);
    expect(shouldCluster({ ...base, zoom: 18, total: 501 })).toBe(true);
  });
});
