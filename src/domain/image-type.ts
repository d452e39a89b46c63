/**
 * Image type sniffing by magic bytes: a citizen's file name and declared Content-Type are not
 * trusted, only the first bytes of the content.
 */
export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

const JPEG_SOI = [0xff, 0xd8, 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = [0x52, 0x49, 0x46, 0x46]; // 'RIFF'
const WEBP = [0x57, 0x45, 0x42, 0x50]; // 'WEBP', after the 4-byte RIFF chunk size

function hasBytesAt(head: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (head.length < offset + expected.length) return false;
  return expected.every((byte, i) => head[offset + i] === byte);
}

/** The type of an accepted image from its first bytes (12 are enough), or null for anything else. */
export function detectImageType(head: Uint8Array): ImageMime | null {
  if (hasBytesAt(head, 0, JPEG_SOI)) return 'image/jpeg';
  if (hasBytesAt(head, 0, PNG_SIGNATURE)) return 'image/png';
  if (hasBytesAt(head, 0, RIFF) && hasBytesAt(head, 8, WEBP)) return 'image/webp';
  return null;
}
