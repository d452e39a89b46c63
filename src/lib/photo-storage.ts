/**
 * Stores processed photos (already re-encoded without EXIF by src/lib/photos.ts) through Strapi's
 * upload service, so they appear in the media library with Strapi's responsive formats. The file
 * rows join the caller's transaction; the files on disk do not, so a failure removes them (and
 * their formats) from the storage provider.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { ProcessedPhoto } from './photos';

interface UploadedFile {
  id: number;
  formats?: Record<string, object> | null;
  [key: string]: unknown;
}

/** Deletes stored files from the provider (Strapi's responsive formats included). */
async function removeFromStorage(strapi: Core.Strapi, files: UploadedFile[]): Promise<void> {
  const provider = strapi.plugin('upload').provider as { delete(file: object): Promise<unknown> };
  const all = files.flatMap((file) => [file, ...Object.values(file.formats ?? {})]);
  const results = await Promise.allSettled(all.map((file) => provider.delete(file)));
  for (const r of results) {
    if (r.status === 'rejected') strapi.log.warn(`orphan photo not removed: ${r.reason}`);
  }
}

export async function storePhotos(
  strapi: Core.Strapi,
  photos: ProcessedPhoto[],
  onRollback: (cb: () => void) => void
): Promise<number[]> {
  if (!photos.length) return [];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'benecomune-photo-'));
  const uploaded: UploadedFile[] = [];
  // Strapi runs rollback callbacks without awaiting them: the files go shortly after the answer.
  onRollback(() => void removeFromStorage(strapi, uploaded.splice(0)));
  try {
    const files = await Promise.all(
      photos.map(async (photo, i) => {
        const name = `segnalazione-${randomBytes(6).toString('hex')}-${i + 1}.${photo.ext}`;
        const filepath = path.join(dir, name);
        await fs.writeFile(filepath, photo.original);
        return {
          filepath,
          originalFilename: name,
          mimetype: photo.mime,
          size: photo.original.length,
        };
      })
    );
    const service = strapi.plugin('upload').service('upload');
    for (const file of files) {
      const [stored] = (await service.upload({ data: {}, files: [file] })) as UploadedFile[];
      uploaded.push(stored);
    }
    return uploaded.map((f) => f.id);
  } catch (error) {
    // A photo failed midway: remove the ones already stored before the refusal is answered.
    await removeFromStorage(strapi, uploaded.splice(0));
    throw error;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
