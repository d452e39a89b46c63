/**
 * Photos sent with a public report (multipart): real JPEGs with camera and GPS EXIF are stored
 * without any metadata, their GPS position stands in for a missing one, and every refusal or
 * failure leaves nothing behind: no case, no citizen, no file row, no file on disk.
 */
import type { Core } from '@strapi/strapi';
import exifr from 'exifr';
import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import request from 'supertest';
import { createOffice, createTopic } from '../helpers/fixtures';
import {
  UPLOADS_DIR,
  counts,
  eventually,
  filesOnDisk,
  jpegWithGps,
  plainJpeg,
  reportBody,
  uploadsCleaner,
} from '../helpers/intake';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let topic: { code: string };
let removeStoredFiles: () => void;

beforeAll(async () => {
  strapi = await startStrapi();
  removeStoredFiles = uploadsCleaner();
  const office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId);
});
afterAll(async () => {
  await stopStrapi();
  // The database is dropped after the run; the files this suite stored would stay.
  removeStoredFiles();
});

/** Leaning Tower of Pisa: inside the municipality. */
const TOWER = { latitude: 43.723, longitude: 10.3966 };

function postWithPhotos(body: object, photos: { buffer: Buffer; name: string; type?: string }[]) {
  let req = request(strapi.server.httpServer)
    .post('/api/reports')
    .field('data', JSON.stringify(body));
  for (const p of photos) {
    req = req.attach('photos', p.buffer, { filename: p.name, contentType: p.type ?? 'image/jpeg' });
  }
  return req;
}

interface StoredFile {
  url: string;
  formats?: Record<string, { url: string }> | null;
}

async function storedPhotos(code: string): Promise<StoredFile[]> {
  const report = await strapi.db.query('api::report.report').findOne({
    where: { referenceCode: code },
    populate: { photos: true },
  });
  return report.photos ?? [];
}

const onDisk = (url: string) => path.join(UPLOADS_DIR, path.basename(url));

async function expectNoMetadata(file: string) {
  const buffer = fs.readFileSync(file);
  expect(await exifr.parse(buffer, true)).toBeUndefined();
  expect(await exifr.gps(buffer)).toBeUndefined();
  const meta = await sharp(buffer).metadata();
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
}

it('the test photo really carries camera and GPS EXIF', async () => {
  const photo = await jpegWithGps(TOWER);
  const gps = await exifr.gps(photo);
  expect(gps.latitude).toBeCloseTo(TOWER.latitude, 4);
  expect(gps.longitude).toBeCloseTo(TOWER.longitude, 4);
  expect((await exifr.parse(photo)).Make).toBe('BeneComuneCam');
});

it('stores photos without any EXIF, and uses the GPS position when none was given', async () => {
  const body = reportBody(topic.code);
  delete (body as Record<string, unknown>).latitude;
  delete (body as Record<string, unknown>).longitude;
  const diskBefore = new Set(filesOnDisk());
  const res = await postWithPhotos(body, [
    // Large enough for Strapi to make its responsive formats too.
    { buffer: await jpegWithGps(TOWER, { width: 1200, height: 900 }), name: 'IMG_0001.jpg' },
    { buffer: await jpegWithGps(TOWER), name: 'IMG_0002.jpg' },
  ]).expect(201);

  expect(res.body.data.position.latitude).toBeCloseTo(TOWER.latitude, 4);
  expect(res.body.data.position.longitude).toBeCloseTo(TOWER.longitude, 4);
  const report = await strapi.db
    .query('api::report.report')
    .findOne({ where: { referenceCode: res.body.data.code } });
  expect(report.latitude).toBeCloseTo(TOWER.latitude, 4);
  expect(report.longitude).toBeCloseTo(TOWER.longitude, 4);

  const photos = await storedPhotos(res.body.data.code);
  expect(photos).toHaveLength(2);
  const urls = photos.flatMap((p) => [p.url, ...Object.values(p.formats ?? {}).map((f) => f.url)]);
  expect(urls.length).toBeGreaterThan(2); // the formats of the large photo
  const added = filesOnDisk().filter((f) => !diskBefore.has(f));
  expect(added.sort()).toEqual(urls.map((u) => path.basename(u)).sort());
  for (const url of urls) await expectNoMetadata(onDisk(url));
  // The citizen's file name is not kept either.
  expect(JSON.stringify(photos)).not.toContain('IMG_000');
});

it('a position given in the form wins over the photo’s', async () => {
  const body = reportBody(topic.code);
  const res = await postWithPhotos(body, [
    { buffer: await jpegWithGps(TOWER), name: 'a.jpg' },
  ]).expect(201);
  expect(res.body.data.position).toEqual({ latitude: body.latitude, longitude: body.longitude });
});

it('a photo taken outside the municipality, with no other position → 422', async () => {
  const body = reportBody(topic.code);
  delete (body as Record<string, unknown>).latitude;
  delete (body as Record<string, unknown>).longitude;
  const before = await counts(strapi);
  const diskBefore = filesOnDisk();
  const res = await postWithPhotos(body, [
    { buffer: await jpegWithGps({ latitude: 43.7696, longitude: 11.2558 }), name: 'firenze.jpg' },
  ]).expect(422);
  expect(res.body.error.details.errors[0].path).toEqual(['latitude']);
  expect(await counts(strapi)).toEqual(before);
  expect(filesOnDisk()).toEqual(diskBefore);
});

describe('refused photos leave nothing stored', () => {
  let before: Awaited<ReturnType<typeof counts>>;
  let diskBefore: string[];
  beforeEach(async () => {
    before = await counts(strapi);
    diskBefore = filesOnDisk();
  });
  afterEach(async () => {
    expect(await counts(strapi)).toEqual(before);
    expect(filesOnDisk()).toEqual(diskBefore);
  });

  it('text in a file named .jpg and sent as a PNG → 415', async () => {
    const res = await postWithPhotos(reportBody(topic.code), [
      {
        buffer: Buffer.from('this is not an image, just text\n'),
        name: 'foto.jpg',
        type: 'image/png',
      },
    ]).expect(415);
    expect(res.body.error.details.errors[0].path).toEqual(['photos']);
    expect(res.body.error.message).toMatch(/foto\.jpg.*JPEG, PNG and WebP/);
  });

  it('a truncated JPEG → 422', async () => {
    const whole = await jpegWithGps(TOWER, { width: 300, height: 200 });
    const res = await postWithPhotos(reportBody(topic.code), [
      { buffer: whole.subarray(0, 200), name: 'rotta.jpg' },
    ]).expect(422);
    expect(res.body.error.details.errors[0].path).toEqual(['photos']);
  });

  it('a photo over the configured limit → 413', async () => {
    const saved = strapi.config.get('benecomune.intake.maxPhotoBytes');
    const photo = await jpegWithGps(TOWER);
    strapi.config.set('benecomune.intake.maxPhotoBytes', photo.length - 1);
    try {
      const res = await postWithPhotos(reportBody(topic.code), [
        { buffer: await plainJpeg({ width: 8, height: 8 }), name: 'piccola.jpg' },
        { buffer: photo, name: 'grande.jpg' },
      ]).expect(413);
      expect(res.body.error.details.errors[0].path).toEqual(['photos']);
      expect(res.body.error.message).toContain('grande.jpg');
    } finally {
      strapi.config.set('benecomune.intake.maxPhotoBytes', saved);
    }
  });

  it('6 photos → 400', async () => {
    const photo = await plainJpeg();
    const res = await postWithPhotos(
      reportBody(topic.code),
      Array.from({ length: 6 }, (_, i) => ({ buffer: photo, name: `p${i}.jpg` }))
    ).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual(['photos']);
    expect(res.body.error.message).toMatch(/At most 5/);
  });

  it('a bad field with good photos → 400, the photos are not stored', async () => {
    await postWithPhotos(reportBody(topic.code, { description: 'corta' }), [
      { buffer: await jpegWithGps(TOWER), name: 'a.jpg' },
    ]).expect(400);
  });

  it('nothing half-stored when storing the 2nd photo fails', async () => {
    // A full disk or a failing storage provider cannot be caused from outside: make the upload
    // service fail on its second call, after the first photo (and its formats) reached the disk.
    const service = strapi.plugin('upload').service('upload');
    const upload = service.upload;
    let calls = 0;
    service.upload = async (...args: unknown[]) => {
      calls += 1;
      if (calls === 2) throw new Error('ENOSPC: no space left on device (test)');
      return upload.apply(service, args);
    };
    try {
      const res = await postWithPhotos(reportBody(topic.code), [
        { buffer: await jpegWithGps(TOWER, { width: 1200, height: 900 }), name: 'uno.jpg' },
        { buffer: await jpegWithGps(TOWER), name: 'due.jpg' },
      ]);
      expect(calls).toBe(2);
      expect(res.status).toBe(500);
      expect(JSON.stringify(res.body)).not.toContain('ENOSPC');
    } finally {
      service.upload = upload;
    }
  });

  it('nothing left when the case write fails after the photos were stored', async () => {
    // Fault injection: the case's timeline cannot be written (after the report row and its photos).
    let photosStored = 0;
    const remove = strapi.documents.use((async (
      ctx: { uid: string; action: string },
      next: () => Promise<unknown>
    ) => {
      if (ctx.uid === 'api::case-event.case-event' && ctx.action === 'create') {
        photosStored = await strapi.db.query('plugin::upload.file').count();
        throw new Error('case events unavailable (test)');
      }
      return next();
    }) as never);
    try {
      await postWithPhotos(reportBody(topic.code), [
        { buffer: await jpegWithGps(TOWER, { width: 1200, height: 900 }), name: 'uno.jpg' },
        { buffer: await jpegWithGps(TOWER), name: 'due.jpg' },
      ]).expect(500);
      expect(photosStored).toBe(before.files + 2);
    } finally {
      (remove as unknown as () => void)();
    }
    // Strapi runs rollback callbacks without awaiting them: the files go right after the answer.
    await eventually(() => filesOnDisk().length === diskBefore.length);
  });
});
