/**
 * What the public sees of a report's photos once staff moderate them (src/plugins/urp-console/
 * server/src/moderation.ts). The report's `photos` stay the originals, for staff; the report's
 * `photoModeration` (JSON) says, per photo id, whether the public sees it and which regions are
 * blurred, and names the public copy: the original with those regions blurred, re-encoded by sharp
 * (no EXIF, XMP, IPTC or ICC), stored as a file of its own with Strapi's responsive formats.
 *
 * The first time a photo is moderated its original moves to new, never-published file names
 * (same file row, same id): whoever kept the address the public page used to show finds nothing
 * there any more. Files on disk do not join database transactions: new files are removed if the
 * transaction rolls back, replaced ones only once it has committed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { blurSigma, toPixelBox, type Fraction } from '../domain/photo-regions';
import type { ProcessedPhoto } from './photos';
import { storePhotos } from './photo-storage';

export const FILE_UID = 'plugin::upload.file';

export interface PhotoModerationEntry {
  /** id of the original (a file of the report's `photos`). */
  photo: number;
  hidden: boolean;
  blur: Fraction[];
  /** id of the public copy with `blur` applied; null when nothing is blurred. */
  publicFile: number | null;
  /** The original has moved to names that were never public. */
  rotated: boolean;
}

export interface StoredFile {
  id: number;
  name?: string;
  hash: string;
  ext: string;
  mime: string;
  url: string;
  width?: number | null;
  height?: number | null;
  size?: number;
  formats?: Record<string, StoredFormat> | null;
  provider?: string;
}

interface StoredFormat {
  hash: string;
  ext: string;
  mime: string;
  url: string;
  width?: number;
  height?: number;
  [key: string]: unknown;
}

export interface FileHooks {
  onCommit(cb: () => void): void;
  onRollback(cb: () => void): void;
}

interface Provider {
  upload(file: Record<string, unknown>): Promise<void>;
  delete(file: object): Promise<unknown>;
}

const provider = (strapi: Core.Strapi) => strapi.plugin('upload').provider as unknown as Provider;

/** The moderation entries of a report as stored (JSON; SQLite may hand it back as text). */
export function readModeration(raw: unknown): PhotoModerationEntry[] {
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is Record<string, unknown> => Boolean(e) && typeof e === 'object')
    .map((e) => ({
      photo: Number(e.photo),
      hidden: e.hidden === true,
      blur: Array.isArray(e.blur) ? (e.blur as Fraction[]) : [],
      publicFile: typeof e.publicFile === 'number' ? e.publicFile : null,
      rotated: e.rotated === true,
    }));
}

/** The bytes of a stored file or format: from public/ for the local provider, else by URL. */
export async function readStoredFile(strapi: Core.Strapi, file: { url: string }): Promise<Buffer> {
  if (/^https?:\/\//i.test(file.url)) {
    const res = await fetch(file.url);
    if (!res.ok) throw new Error(`cannot read ${file.url}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
  const publicDir = strapi.dirs.static.public;
  const target = path.resolve(publicDir, `.${decodeURIComponent(file.url.split('?')[0])}`);
  if (!target.startsWith(path.resolve(publicDir) + path.sep)) {
    throw new Error(`refusing to read outside public/: ${file.url}`);
  }
  return fs.readFile(target);
}

function removeLater(strapi: Core.Strapi, files: object[]) {
  return () =>
    void Promise.allSettled(files.map((f) => provider(strapi).delete(f))).then((results) => {
      for (const r of results) {
        if (r.status === 'rejected') strapi.log.warn(`moderation: file not removed: ${r.reason}`);
      }
    });
}

/**
 * Moves a stored file and its formats to fresh names (the same row, so the same id): new copies
 * are written now, the old names removed after the commit.
 */
export async function rotateFile(
  strapi: Core.Strapi,
  file: StoredFile,
  hooks: FileHooks
): Promise<void> {
  const base = `moderated_${randomBytes(12).toString('hex')}`;
  const written: Record<string, unknown>[] = [];
  hooks.onRollback(removeLater(strapi, written));
  const copy = async (part: StoredFile | StoredFormat, hash: string) => {
    const buffer = await readStoredFile(strapi, part);
    const fresh: Record<string, unknown> = { ...part, hash, buffer };
    delete fresh.url;
    await provider(strapi).upload(fresh);
    delete fresh.buffer;
    written.push(fresh);
    return fresh;
  };
  const main = await copy(file, base);
  const formats: Record<string, unknown> = {};
  for (const [key, format] of Object.entries(file.formats ?? {})) {
    formats[key] = await copy(format, `${key}_${base}`);
  }
  await strapi.db.query(FILE_UID).update({
    where: { id: file.id },
    data: { hash: base, url: main.url, formats: file.formats ? formats : file.formats },
  });
  hooks.onCommit(removeLater(strapi, [file, ...Object.values(file.formats ?? {})]));
}

/** Deletes a public copy: its row now, its files after the commit. */
export async function removeFile(strapi: Core.Strapi, id: number, hooks: FileHooks): Promise<void> {
  const file = (await strapi.db.query(FILE_UID).findOne({ where: { id } })) as StoredFile | null;
  if (!file) return;
  await strapi.db.query(FILE_UID).delete({ where: { id } });
  hooks.onCommit(removeLater(strapi, [file, ...Object.values(file.formats ?? {})]));
}

const FORMATS = { jpeg: 'jpg', png: 'png', webp: 'webp' } as const;
type Format = keyof typeof FORMATS;

/**
 * The original with each region pixelated and blurred, in the original's format, without any
 * metadata (sharp writes none unless asked).
 */
export async function blurRegions(original: Buffer, regions: readonly Fraction[]) {
  const image = sharp(original, { failOn: 'error' });
  const { width = 0, height = 0, format } = await image.metadata();
  if (!width || !height) throw new Error('the photo has no dimensions');
  const patches = await Promise.all(
    regions.map(async (region) => {
      const box = toPixelBox(region, width, height);
      // A mosaic first (features are gone, not merely soft), then a blur over its tiles.
      const small = await sharp(original)
        .extract(box)
        .resize({
          width: Math.max(1, Math.round(box.width / 12)),
          height: Math.max(1, Math.round(box.height / 12)),
          fit: 'fill',
        })
        .toBuffer();
      const input = await sharp(small)
        .resize({ width: box.width, height: box.height, fit: 'fill', kernel: 'nearest' })
        .blur(blurSigma(box))
        .toBuffer();
      return { input, left: box.left, top: box.top };
    })
  );
  const kind: Format = format === 'png' || format === 'webp' ? format : 'jpeg';
  const pipeline = sharp(original).composite(patches);
  const encoded =
    kind === 'png'
      ? pipeline.png({ compressionLevel: 9 })
      : kind === 'webp'
        ? pipeline.webp({ quality: 82 })
        : pipeline.jpeg({ quality: 85 });
  const data = await encoded.toBuffer();
  return { data, width, height, mime: `image/${kind}` as const, ext: FORMATS[kind] };
}

/** Stores a blurred public copy through Strapi's upload (with its formats); returns its id. */
export async function storePublicCopy(
  strapi: Core.Strapi,
  blurred: Awaited<ReturnType<typeof blurRegions>>,
  hooks: FileHooks
): Promise<number> {
  const photo: ProcessedPhoto = {
    mime: blurred.mime,
    ext: blurred.ext,
    original: blurred.data,
    web: blurred.data,
    width: blurred.width,
    height: blurred.height,
    webWidth: blurred.width,
    webHeight: blurred.height,
    gps: null,
  };
  const [id] = await storePhotos(strapi, [photo], hooks.onRollback);
  return id;
}

export interface PublicPhotoFile {
  id: number;
  url: string;
  width?: number | null;
  height?: number | null;
  formats?: Record<string, { url: string; width?: number; height?: number }> | null;
}

/**
 * The files the public sees for a report's photos, in the report's order: hidden ones left out,
 * blurred ones replaced by their public copy.
 */
export async function publicPhotoFiles(
  strapi: Core.Strapi,
  photos: readonly PublicPhotoFile[],
  moderationRaw: unknown
): Promise<PublicPhotoFile[]> {
  const moderation = new Map(readModeration(moderationRaw).map((m) => [m.photo, m]));
  if (!moderation.size) return [...photos];
  const copyIds = [...moderation.values()]
    .map((m) => m.publicFile)
    .filter((id): id is number => id != null);
  const copies = new Map<number, PublicPhotoFile>();
  if (copyIds.length) {
    const rows = (await strapi.db.query(FILE_UID).findMany({
      where: { id: { $in: copyIds } },
      select: ['id', 'url', 'width', 'height', 'formats'],
    })) as PublicPhotoFile[];
    for (const row of rows) copies.set(row.id, row);
  }
  const out: PublicPhotoFile[] = [];
  for (const photo of photos) {
    const m = moderation.get(photo.id);
    if (m?.hidden) continue;
    if (m?.blur.length) {
      // No public copy (it could not be read back): better no photo than the unblurred one.
      const copy = m.publicFile != null ? copies.get(m.publicFile) : undefined;
      if (copy) out.push(copy);
      continue;
    }
    out.push(photo);
  }
  return out;
}
