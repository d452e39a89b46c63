import {
  distanceMeters,
  isInsidePolygon,
  parseBBox,
  publicPosition,
  type Polygon,
} from '../../src/domain/geo';
import { boundary, streets } from '../../src/seed/data';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ],
    [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ],
  ],
};

describe('isInsidePolygon', () => {
  it('tells inside, outside and inside a hole', () => {
    expect(isInsidePolygon(square, { latitude: 2, longitude: 2 })).toBe(true);
    expect(isInsidePolygon(square, { latitude: 11, longitude: 2 })).toBe(false);
    expect(isInsidePolygon(square, { latitude: 5, longitude: 5 })).toBe(false);
  });

  it('places every demo street inside Pisa and Florence outside', () => {
    for (const s of streets) expect(isInsidePolygon(boundary as Polygon, s)).toBe(true);
    expect(isInsidePolygon(boundary as Polygon, { latitude: 43.7696, longitude: 11.2558 })).toBe(
      false
    );
    expect(isInsidePolygon(boundary as Polygon, { latitude: 43.55, longitude: 10.31 })).toBe(false); // Livorno
  });
});

describe('distanceMeters', () => {
  it('measures the Leaning Tower to Piazza Garibaldi as about 1.1 km', () => {
    const d = distanceMeters(
      { latitude: 43.723, longitude: 10.3966 },
      { latitude: 43.7167, longitude: 10.403 }
    );
    expect(d).toBeGreaterThan(800);
    expect(d).toBeLessThan(900);
  });
  it('is zero for the same point', () => {
    expect(
      distanceMeters({ latitude: 43.7, longitude: 10.4 }, { latitude: 43.7, longitude: 10.4 })
    ).toBe(0);
  });
});

describe('parseBBox', () => {
  it('parses minLon,minLat,maxLon,maxLat', () => {
    expect(parseBBox('10.3,43.6,10.5,43.8')).toEqual({
      minLongitude: 10.3,
      minLatitude: 43.6,
      maxLongitude: 10.5,
      maxLatitude: 43.8,
    });
  });
  it.each([undefined, '1,2,3', 'a,b,c,d', '10,95,11,96', '10.5,43.6,10.3,43.8'])(
    'refuses %p with a message',
    (v) => {
      expect(typeof parseBBox(v)).toBe('string');
    }
  );
});

it('publicPosition rounds to about 100 m', () => {
  expect(publicPosition({ latitude: 43.716789, longitude: 10.401234 })).toEqual({
    latitude: 43.717,
    longitude: 10.401,
  });
});
