import {
  blurSigma,
  isValidFraction,
  sameRegions,
  toPixelBox,
} from '../../src/domain/photo-regions';

describe('regions of a photo', () => {
  it('must lie within the photo and not be empty', () => {
    expect(isValidFraction({ x: 0, y: 0, w: 1, h: 1 })).toBe(true);
    expect(isValidFraction({ x: 0.5, y: 0.25, w: 0.5, h: 0.75 })).toBe(true);
    expect(isValidFraction({ x: 0.6, y: 0, w: 0.5, h: 0.1 })).toBe(false);
    expect(isValidFraction({ x: 0, y: 0, w: 0, h: 0.1 })).toBe(false);
    expect(isValidFraction({ x: -0.1, y: 0, w: 0.2, h: 0.1 })).toBe(false);
    expect(isValidFraction({ x: Number.NaN, y: 0, w: 0.2, h: 0.1 })).toBe(false);
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: still the edge.
    expect(isValidFraction({ x: 0.7, y: 0.8, w: 0.3, h: 0.2 })).toBe(true);
  });

  it('become pixel boxes rounded outwards and clamped to the image', () => {
    expect(toPixelBox({ x: 0.25, y: 0.5, w: 0.5, h: 0.25 }, 200, 100)).toEqual({
      left: 50,
      top: 50,
      width: 100,
      height: 25,
    });
    // 0.333 of 100 px starts at 33 and 0.333 + 0.334 ends at 66.7 -> 67
    expect(toPixelBox({ x: 0.333, y: 0, w: 0.334, h: 1 }, 100, 10)).toEqual({
      left: 33,
      top: 0,
      width: 34,
      height: 10,
    });
    expect(toPixelBox({ x: 0, y: 0, w: 1, h: 1 }, 640, 480)).toEqual({
      left: 0,
      top: 0,
      width: 640,
      height: 480,
    });
  });

  it('a tiny region still covers at least one pixel, even at the far edge', () => {
    expect(toPixelBox({ x: 0.999, y: 0.999, w: 0.001, h: 0.001 }, 10, 10)).toEqual({
      left: 9,
      top: 9,
      width: 1,
      height: 1,
    });
  });

  it('refuses a region outside the photo', () => {
    expect(() => toPixelBox({ x: 0.9, y: 0, w: 0.2, h: 0.1 }, 10, 10)).toThrow(RangeError);
  });

  it('blur strength grows with the region, within what sharp accepts', () => {
    expect(blurSigma({ left: 0, top: 0, width: 10, height: 10 })).toBe(8);
    expect(blurSigma({ left: 0, top: 0, width: 400, height: 200 })).toBe(50);
    expect(blurSigma({ left: 0, top: 0, width: 9000, height: 9000 })).toBe(1000);
  });

  it('two lists are the same moderation only with the same regions in the same order', () => {
    const a = { x: 0, y: 0, w: 0.5, h: 0.5 };
    const b = { x: 0.5, y: 0.5, w: 0.5, h: 0.5 };
    expect(sameRegions([a, b], [{ ...a }, { ...b }])).toBe(true);
    expect(sameRegions([a, b], [b, a])).toBe(false);
    expect(sameRegions([], [])).toBe(true);
    expect(sameRegions([a], [])).toBe(false);
  });
});
