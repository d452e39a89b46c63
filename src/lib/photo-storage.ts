/**
 * Stores processed photos (already re-encoded without EXIF by src/lib/photos.ts) through Strapi's
 * upload service, so they appear in the media library with Strapi's responsive formats. The file
 * rows join the caller's transaction; the files on disk do not, so a rollback removes them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { ProcessedPhoto } from './photos';

interface UploadedFile {
  id: number;
  [key: string]: unknown;
}

export async function storePhotos(
  strapi: Core.Strapi,
  photos: ProcessedPhoto[],
  onRollback: (cb: () => void) => void
): Promise<number[]> {
  if (!photos.length) return [];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'benecomune-photo-'));
  const uploaded: UploadedFile[] = [];
  onRollback(() => {
    const provider = strapi.plugin('upload').service('provider');
    for (const file of uploaded) {
      provider
        .delete(file)
        .catch((e: Error) => strapi.log.warn(`orphan photo not removed: ${e.message}`));
    }
  });
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
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
