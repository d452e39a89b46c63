import { boxAround, pickMaster, pickRecurrence, withinRadius } from '../../src/domain/duplicates';
import { distanceMeters } from '../../src/domain/geo';

const centre = { latitude: 43.7167, longitude: 10.4017 };
/** A point `m` metres north and `e` metres east of the centre. */
function offset(m: number, e: number) {
  return {
    latitude: centre.latitude + m / 111_320,
    longitude: centre.longitude + e / (111_320 * Math.cos((centre.latitude * Math.PI) / 180)),
  };
}
const day = (d: number) => new Date(Date.UTC(2026, 2, d));

describe('boxAround', () => {
  it('contains the whole circle (points at the radius in every direction)', () => {
    const box = boxAround(centre, 50);
    for (let deg = 0; deg < 360; deg += 15) {
      const rad = (deg * Math.PI) / 180;
      const p = offset(50 * Math.cos(rad), 50 * Math.sin(rad));
      expect(distanceMeters(centre, p)).toBeCloseTo(50, 0);
      expect(p.latitude).toBeGreaterThanOrEqual(box.minLatitude);
      expect(p.latitude).toBeLessThanOrEqual(box.maxLatitude);
      expect(p.longitude).toBeGreaterThanOrEqual(box.minLongitude);
      expect(p.longitude).toBeLessThanOrEqual(box.maxLongitude);
    }
  });

  it('is barely larger than the circle', () => {
    const box = boxAround(centre, 50);
    const height = distanceMeters(
      { latitude: box.minLatitude, longitude: centre.longitude },
      { latitude: box.maxLatitude, longitude: centre.longitude }
    );
    expect(height).toBeGreaterThan(100);
    expect(height).toBeLessThan(101);
  });
});

describe('withinRadius and pickMaster', () => {
  const candidates = [
    { id: 1, ...offset(45, 0), receivedAt: day(5) },
    { id: 2, ...offset(10, 10), receivedAt: day(8) },
    { id: 3, ...offset(40, 40), receivedAt: day(1) }, // 56.6 m: in the box, out of the circle
    { id: 4, ...offset(0, -20), receivedAt: day(5) },
  ];

  it('keeps the candidates truly within the radius, nearest first', () => {
    expect(withinRadius(centre, 50, candidates).map((c) => c.id)).toEqual([2, 4, 1]);
  });

  it('picks the oldest open report within reach, lowest id on ties', () => {
    expect(pickMaster(centre, 50, candidates)?.id).toBe(1);
    expect(pickMaster(centre, 60, candidates)?.id).toBe(3);
    expect(pickMaster(centre, 5, candidates)).toBeNull();
    expect(pickMaster(centre, 50, [])).toBeNull();
  });
});

describe('pickRecurrence', () => {
  it('picks the most recently fixed report within reach', () => {
    const fixed = [
      { id: 7, ...offset(5, 5), receivedAt: day(1), fixedAt: day(3) },
      { id: 8, ...offset(20, 0), receivedAt: day(2), fixedAt: day(9) },
      { id: 9, ...offset(200, 0), receivedAt: day(2), fixedAt: day(20) },
    ];
    expect(pickRecurrence(centre, 50, fixed)?.id).toBe(8);
    expect(pickRecurrence(centre, 10, fixed)?.id).toBe(7);
  });
});
