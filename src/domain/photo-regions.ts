/**
 * Regions of a photo that moderation blurs (a face, a number plate, a house number). The console
 * sends them as fractions of the photo's width and height (0..1, from the top-left corner), so they
 * do not depend on the size the photo was shown at; here they become whole pixels of the stored
 * image, and a blur strength that defeats recognition whatever the region's size.
 */

export interface Fraction {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PixelBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const EPSILON = 1e-9;

/** Whether a fractional rectangle lies within the photo and is not empty. */
export function isValidFraction(r: Fraction): boolean {
  const finite = [r.x, r.y, r.w, r.h].every(Number.isFinite);
  return (
    finite &&
    r.x >= 0 &&
    r.y >= 0 &&
    r.w > 0 &&
    r.h > 0 &&
    r.x + r.w <= 1 + EPSILON &&
    r.y + r.h <= 1 + EPSILON
  );
}

/**
 * The pixel box covering a fractional rectangle of a `width` x `height` image: rounded outwards
 * (never leaving a sliver of the region unblurred), clamped to the image, at least one pixel.
 */
export function toPixelBox(r: Fraction, width: number, height: number): PixelBox {
  if (!isValidFraction(r)) throw new RangeError(`not a region of the photo: ${JSON.stringify(r)}`);
  const left = Math.min(width - 1, Math.floor(r.x * width + EPSILON));
  const top = Math.min(height - 1, Math.floor(r.y * height + EPSILON));
  const right = Math.max(left + 1, Math.min(width, Math.ceil((r.x + r.w) * width - EPSILON)));
  const bottom = Math.max(top + 1, Math.min(height, Math.ceil((r.y + r.h) * height - EPSILON)));
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * The Gaussian sigma for a box: a quarter of its shorter side, at least 8 px, so that features
 * inside the box are gone, not merely softened (sharp accepts 0.3..1000).
 */
export function blurSigma(box: PixelBox): number {
  return Math.min(1000, Math.max(8, Math.min(box.width, box.height) / 4));
}

/** Two lists of regions are the same moderation (order kept: it is what staff drew). */
export function sameRegions(a: readonly Fraction[], b: readonly Fraction[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r.x === b[i].x && r.y === b[i].y && r.w === b[i].w && r.h === b[i].h)
  );
}
