/**
 * Citizens' photos: accepted by content, bounded in size, and always re-encoded so that no EXIF
 * (GPS included), XMP, IPTC or ICC data reaches storage. Strapi's upload cannot be relied on for
 * this: it keeps the original bytes whenever its own optimised output comes out larger.
 */
import { gps as exifGps } from 'exifr';
import sharp, { type Sharp, type SharpOptions } from 'sharp';
import { detectImageType, type ImageMime } from '../domain/image-type';

export type PhotoErrorCode = 'unsupported_type' | 'too_large' | 'unreadable';

export class PhotoError extends Error {
  constructor(
    readonly code: PhotoErrorCode,
    message: string,
    readonly status: 415 | 413 | 422,
    options?: ErrorOptions
  ) {
    super(message, options);
    this.name = 'PhotoError';
  }
}

export interface GpsPosition {
  latitude: number;
  longitude: number;
}

export interface ProcessedPhoto {
  mime: ImageMime;
  ext: 'jpg' | 'png' | 'webp';
  /** Full size (long side at most 4096 px), upright, without any metadata. */
  original: Buffer;
  /** Fits 1280x1280 (never enlarged), same format, without any metadata. */
  web: Buffer;
  width: number;
  height: number;
  webWidth: number;
  webHeight: number;
  /** Read from the input before stripping; null when absent or implausible. */
  gps: GpsPosition | null;
}

const ORIGINAL_MAX_SIDE = 4096;
const WEB_MAX_SIDE = 1280;
const EXT: Record<ImageMime, ProcessedPhoto['ext']> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};
const INPUT_OPTIONS: SharpOptions = {
  // A few KB can declare a gigapixel canvas: refuse before allocating it.
  limitInputPixels: 50_000_000,
  // Truncated or corrupt data fails, benign encoder warnings (common on phones) do not.
  failOn: 'error',
};
// No withMetadata()/keep*(): sharp's default output carries no EXIF, XMP, IPTC or ICC profile.
const ENCODERS: Record<ImageMime, (pipeline: Sharp) => Sharp> = {
  'image/jpeg': (pipeline) => pipeline.jpeg({ quality: 85, mozjpeg: false }),
  'image/png': (pipeline) => pipeline.png({ compressionLevel: 9 }),
  'image/webp': (pipeline) => pipeline.webp({ quality: 82 }),
};
const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

interface Rendition {
  data: Buffer;
  width: number;
  height: number;
}

function assertMaxBytes(maxBytes: number): void {
  // A misread setting (NaN, 0) must not silently disable the limit.
  if (!Number.isFinite(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`maxBytes must be a positive number, got ${maxBytes}`);
  }
}

function formatMegabytes(bytes: number): string {
  return String(Math.round((bytes / 2 ** 20) * 10) / 10);
}

function assertSize(input: Buffer, maxBytes: number): void {
  if (input.length > maxBytes) {
    const limit = formatMegabytes(maxBytes);
    throw new PhotoError('too_large', `A photo may be at most ${limit} MB`, 413);
  }
}

function detectAccepted(input: Buffer): ImageMime {
  const mime = detectImageType(input);
  if (!mime) {
    throw new PhotoError('unsupported_type', 'Only JPEG, PNG and WebP photos are accepted', 415);
  }
  return mime;
}

async function render(input: Buffer, mime: ImageMime, maxSide: number): Promise<Rendition> {
  const pipeline = sharp(input, INPUT_OPTIONS)
    // Bake the EXIF orientation into the pixels, since the tag itself is dropped.
    .rotate()
    .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true });
  const { data, info } = await ENCODERS[mime](pipeline).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

async function decode(input: Buffer, mime: ImageMime) {
  try {
    // Header first: a broken file fails here, before two full decodes start.
    const { exif } = await sharp(input, INPUT_OPTIONS).metadata();
    const [original, web] = await Promise.all([
      render(input, mime, ORIGINAL_MAX_SIDE),
      render(input, mime, WEB_MAX_SIDE),
    ]);
    return { exif, original, web };
  } catch (error) {
    throw new PhotoError('unreadable', 'The photo could not be read', 422, { cause: error });
  }
}

function plausiblePosition(latitude: unknown, longitude: unknown): GpsPosition | null {
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  // 0,0 is what some devices record without a fix, never a real report here.
  if (latitude === 0 && longitude === 0) return null;
  return { latitude, longitude };
}

/**
 * GPS from the EXIF block sharp extracted. Going through sharp covers every accepted container
 * (exifr cannot open WebP); exifr then does the GPS IFD parsing and DMS/ref conversion.
 */
async function readGps(exif: Buffer | undefined): Promise<GpsPosition | null> {
  if (!exif) return null;
  const tiff = exif.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER)
    ? exif.subarray(EXIF_HEADER.length)
    : exif;
  try {
    const position = await exifGps(tiff);
    return plausiblePosition(position?.latitude, position?.longitude);
  } catch {
    // Broken EXIF costs the position, not the photo.
    return null;
  }
}

/**
 * Validates a citizen's photo (size, then type by content, then decoding) and returns metadata-free
 * full-size and web renditions, plus the GPS position the input carried.
 */
export async function processPhoto(
  input: Buffer,
  opts: { maxBytes: number }
): Promise<ProcessedPhoto> {
  assertMaxBytes(opts.maxBytes);
  assertSize(input, opts.maxBytes);
  const mime = detectAccepted(input);
  const { exif, original, web } = await decode(input, mime);
  return {
    mime,
    ext: EXT[mime],
    original: original.data,
    web: web.data,
    width: original.width,
    height: original.height,
    webWidth: web.width,
    webHeight: web.height,
    gps: await readGps(exif),
  };
}
