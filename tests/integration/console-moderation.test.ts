/**
 * Moderation of what the public sees of a report (POST /urp-console/cases/:code/moderate), proved
 * through the public endpoints: the edited text is the one GET /api/track shows, a private report
 * leaves the tracking page, the map and "me too", a hidden photo is not listed (and its former
 * address no longer serves it), a blurred photo's public copy differs from the original in the
 * region and carries no EXIF. Each change writes an internal `moderated` event; a refused or
 * failed moderation changes nothing.
 */
import type { Core } from '@strapi/strapi';
import exifr from 'exifr';
import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import request from 'supertest';
import { privateLink } from '../../src/lib/private-links';
import { createOffice, createTopic } from '../helpers/fixtures';
import {
  UPLOADS_DIR,
  eventually,
  filesOnDisk,
  jpegWithGps,
  reportBody,
  requestBody,
  uploadsCleaner,
} from '../helpers/intake';
import { createStaffUser, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const REPORT = 'api::report.report';
const FILE = 'plugin::upload.file';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};
const office: Record<string, { documentId: string }> = {};
const topic: Record<string, { documentId: string; code: string }> = {};
const removeStoredFiles = uploadsCleaner();

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  for (const name of ['A', 'B']) {
    office[name] = await createOffice(strapi);
    topic[name] = await createTopic(strapi, office[name].documentId);
  }
  users.operator = await createStaffUser(strapi, {
    roles: ['bc-urp-operator'],
    firstname: 'Olga',
    lastname: 'Operatrice',
  });
  users.coordinatorA = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.A.documentId],
  });
  users.coordinatorB = await createStaffUser(strapi, {
    roles: ['bc-office-coordinator'],
    offices: [office.B.documentId],
  });
  users.technician = await createStaffUser(strapi, { roles: ['bc-technician'] });
  users.control = await createStaffUser(strapi, { roles: ['bc-control-body'] });
});

afterAll(async () => {
  await stopStrapi();
  removeStoredFiles();
});

/** A checkerboard of 8 px squares: every region has detail a blur visibly removes. */
async function checkerboard(width = 320, height = 240): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = (Math.floor(x / 8) + Math.floor(y / 8)) % 2 ? 240 : 15;
      raw.fill(v, (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .withExif({ IFD0: { Make: 'BeneComuneCam', Artist: 'Maria Rossi' } })
    .toBuffer();
}

interface Filed {
  code: string;
  position: { latitude: number; longitude: number };
  email: string;
}

async function fileReport(photos: Buffer[] = [], topicName: 'A' | 'B' = 'A'): Promise<Filed> {
  const body = reportBody(topic[topicName].code);
  let req = http.post('/api/reports').field('data', JSON.stringify(body));
  photos.forEach((p, i) => {
    req = req.attach('photos', p, { filename: `foto-${i}.jpg`, contentType: 'image/jpeg' });
  });
  const res = await req.expect(201);
  return {
    code: res.body.data.code,
    position: { latitude: body.latitude, longitude: body.longitude },
    email: body.contact.email,
  };
}

function moderate(code: string, who: StaffUser, body: unknown) {
  return http
    .post(`/urp-console/cases/${code}/moderate`)
    .set('Authorization', `Bearer ${who.jwt}`)
    .send(body as object);
}

const track = (code: string) => http.get(`/api/track/${code}`);

async function staffView(code: string) {
  const res = await http
    .get(`/urp-console/cases/${code}`)
    .set('Authorization', `Bearer ${users.operator.jwt}`)
    .expect(200);
  return res.body.data;
}

async function stored(code: string) {
  return strapi.db.query(REPORT).findOne({
    where: { referenceCode: code },
    populate: { photos: true },
  });
}

const events = async (code: string) =>
  (await strapi.db.query('api::case-event.case-event').findMany({
    where: { caseCode: code },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  })) as {
    type: string;
    visibility: string;
    text: string;
    actorType: string;
    actorName: string;
    data: Record<string, unknown>;
  }[];

const fieldOf = (res: request.Response) => res.body.error?.details?.errors?.[0]?.path;

/** Bytes as served over HTTP (the public's view of a file). */
async function download(url: string, status = 200): Promise<Buffer> {
  const res = await http
    .get(url)
    .buffer(true)
    .parse((stream, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  expect(res.status).toBe(status);
  return res.body as Buffer;
}

function mapOf(p: { latitude: number; longitude: number }) {
  const d = 0.0005;
  const bbox = [p.longitude - d, p.latitude - d, p.longitude + d, p.latitude + d].join(',');
  return http.get(`/api/reports/map?bbox=${bbox}`).expect(200);
}
const mapCodes = async (p: { latitude: number; longitude: number }) =>
  (await mapOf(p)).body.features.map((f: { properties: { code: string } }) => f.properties.code);

/** Mean absolute difference of grey values inside a pixel box, and the spread of `b` there. */
async function compare(
  a: Buffer,
  b: Buffer,
  box: { left: number; top: number; width: number; height: number }
) {
  const grey = async (img: Buffer) =>
    sharp(img).extract(box).greyscale().raw().toBuffer({ resolveWithObject: true });
  const [ra, rb] = await Promise.all([grey(a), grey(b)]);
  let diff = 0;
  let sum = 0;
  for (let i = 0; i < ra.data.length; i++) {
    diff += Math.abs(ra.data[i] - rb.data[i]);
    sum += rb.data[i];
  }
  const mean = sum / rb.data.length;
  let variance = 0;
  for (const v of rb.data) variance += (v - mean) ** 2;
  return { meanDiff: diff / ra.data.length, spread: Math.sqrt(variance / rb.data.length) };
}

describe('the public text', () => {
  it('is what GET /api/track shows; staff keep the citizen’s; null gives it back', async () => {
    const report = await fileReport();
    const original = (await track(report.code).expect(200)).body.data.description;

    const res = await moderate(report.code, users.operator, {
      publicText: 'Buca profonda in via Santa Maria (testo moderato)',
      reason: 'Il testo conteneva il nome di un vicino',
    }).expect(200);
    expect(res.body.data).toMatchObject({
      code: report.code,
      changed: ['publicText'],
      event: { type: 'moderated' },
      moderation: { publicText: 'Buca profonda in via Santa Maria (testo moderato)' },
    });

    const view = (await track(report.code).expect(200)).body.data;
    expect(view.description).toBe('Buca profonda in via Santa Maria (testo moderato)');
    expect(JSON.stringify(view)).not.toContain(original);
    // No trace of the moderation in the public timeline.
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(['created']);
    expect(JSON.stringify(view)).not.toContain('vicino');

    const staff = await staffView(report.code);
    expect(staff.description).toBe(original);
    expect(staff.moderation.publicText).toBe('Buca profonda in via Santa Maria (testo moderato)');
    expect(staff.can).toContain('moderate');
    const moderated = staff.timeline.filter((e: { type: string }) => e.type === 'moderated');
    expect(moderated).toHaveLength(1);
    expect(moderated[0]).toMatchObject({
      visibility: 'internal',
      text: 'Il testo conteneva il nome di un vicino',
      actor: { type: 'staff', name: 'Olga Operatrice' },
      data: {
        changed: ['publicText'],
        publicText: { from: null, to: 'Buca profonda in via Santa Maria (testo moderato)' },
      },
    });

    await moderate(report.code, users.operator, {
      publicText: null,
      reason: 'Testo originale ripristinato',
    }).expect(200);
    expect((await track(report.code).expect(200)).body.data.description).toBe(original);
    expect((await events(report.code)).filter((e) => e.type === 'moderated')).toHaveLength(2);
  });

  it('the same moderation again changes nothing and writes no event', async () => {
    const report = await fileReport();
    const body = { publicText: 'Testo per il pubblico', reason: 'Dati personali nel testo' };
    await moderate(report.code, users.operator, body).expect(200);
    const again = await moderate(report.code, users.operator, body).expect(200);
    expect(again.body.data).toMatchObject({ changed: [], event: null });
    expect((await events(report.code)).map((e) => e.type)).toEqual(['created', 'moderated']);
  });
});

describe('a private report', () => {
  it('leaves the tracking page, the map and "me too", and comes back when made public', async () => {
    const report = await fileReport();
    expect(await mapCodes(report.position)).toContain(report.code);

    await moderate(report.code, users.coordinatorA, {
      private: true,
      reason: 'Riguarda una situazione familiare',
    }).expect(200);

    const gone = await track(report.code).expect(404);
    const unknown = await track(report.code.replace(/\d{6}$/, '999999')).expect(404);
    expect(gone.body).toEqual(unknown.body); // indistinguishable from a code that does not exist
    expect(await mapCodes(report.position)).not.toContain(report.code);
    const support = await http
      .post(`/api/reports/${report.code}/support`)
      .send({ contact: { email: 'vicino@example.org' }, privacyConsent: true })
      .expect(404);
    expect(support.body.error.details.errors[0].path).toEqual(['code']);

    // Its author's own page (the signed link of their emails) still opens.
    const row = await stored(report.code);
    const token = privateLink(strapi, report.code, row.documentId);
    const own = await http.get(`/api/private/${encodeURIComponent(token)}`).expect(200);
    expect(own.body.data.code).toBe(report.code);

    // Staff still see and work it.
    const staff = await staffView(report.code);
    expect(staff.moderation.private).toBe(true);
    const [event] = (await events(report.code)).filter((e) => e.type === 'moderated');
    expect(event).toMatchObject({
      visibility: 'internal',
      text: 'Riguarda una situazione familiare',
      data: { changed: ['private'], private: { from: false, to: true } },
    });

    await moderate(report.code, users.operator, {
      private: false,
      reason: 'Nessun dato sensibile',
    }).expect(200);
    await track(report.code).expect(200);
    expect(await mapCodes(report.position)).toContain(report.code);
  });

  it('a public duplicate of a private report does not name it', async () => {
    const master = await fileReport();
    const body = reportBody(topic.A.code, master.position);
    const dup = (await http.post('/api/reports').send(body).expect(201)).body.data;
    expect(dup.duplicateOf.code).toBe(master.code);
    expect((await track(dup.code).expect(200)).body.data.duplicateOf).toBe(master.code);
    await moderate(master.code, users.operator, { private: true, reason: 'Riservata' }).expect(200);
    expect((await track(dup.code).expect(200)).body.data.duplicateOf).toBeNull();
  });
});

describe('photos', () => {
  it('a hidden photo is not listed, and its former address serves nothing', async () => {
    const report = await fileReport([await checkerboard(), await jpegWithGps(nextTower())]);
    const before = (await track(report.code).expect(200)).body.data.photos;
    expect(before).toHaveLength(2);
    const [first, second] = (await stored(report.code)).photos;
    const firstBytes = await download(first.url);

    const res = await moderate(report.code, users.operator, {
      photos: [{ id: first.id, hidden: true }],
      reason: 'Si riconosce il volto di un passante',
    }).expect(200);
    expect(res.body.data.changed).toEqual([`photos.${first.id}.hidden`]);

    const after = (await track(report.code).expect(200)).body.data.photos;
    expect(after).toHaveLength(1);
    expect(after[0].url).toBe(second.url);
    expect(JSON.stringify(after)).not.toContain(path.basename(first.url, '.jpg'));
    // The address the public page used to show no longer serves the photo...
    await eventually(async () => (await http.get(first.url)).status === 404);
    // ...while staff keep it, byte for byte, under a name never published.
    const staffPhotos = (await staffView(report.code)).photos;
    expect(staffPhotos).toHaveLength(2);
    expect(staffPhotos[0].id).toBe(first.id);
    expect(staffPhotos[0].url).not.toBe(first.url);
    expect((await download(staffPhotos[0].url)).equals(firstBytes)).toBe(true);
    expect((await staffView(report.code)).moderation.photos).toEqual([
      { id: first.id, hidden: true, blur: [], publicUrl: null },
      { id: second.id, hidden: false, blur: [], publicUrl: second.url },
    ]);

    await moderate(report.code, users.operator, {
      photos: [{ id: first.id, hidden: false }],
      reason: 'Il passante ha dato il consenso',
    }).expect(200);
    const shown = (await track(report.code).expect(200)).body.data.photos;
    expect(shown.map((p: { url: string }) => p.url)).toEqual([staffPhotos[0].url, second.url]);
  });

  it('a blurred photo: the public copy differs in the region, not elsewhere, and has no EXIF', async () => {
    const report = await fileReport([await checkerboard()]);
    const [photo] = (await stored(report.code)).photos;
    const originalBytes = await download(photo.url);
    const region = { x: 0.25, y: 0.25, w: 0.5, h: 0.5 };

    const res = await moderate(report.code, users.operator, {
      photos: [{ id: photo.id, blur: [region] }],
      reason: 'Targa leggibile',
    }).expect(200);
    expect(res.body.data.changed).toEqual([`photos.${photo.id}.blur`]);

    const [publicPhoto] = (await track(report.code).expect(200)).body.data.photos;
    expect(publicPhoto.url).not.toBe(photo.url);
    const staffPhoto = (await staffView(report.code)).photos[0];
    expect(publicPhoto.url).not.toBe(staffPhoto.url);
    const publicBytes = await download(publicPhoto.url);
    const staffBytes = await download(staffPhoto.url);
    expect(staffBytes.equals(originalBytes)).toBe(true); // the original stays, for staff

    const meta = await sharp(publicBytes).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 320, height: 240 });
    expect(meta.exif).toBeUndefined();
    expect(await exifr.parse(publicBytes, true)).toBeUndefined();
    for (const format of Object.values(
      ((await strapi.db.query(FILE).findOne({ where: { url: publicPhoto.url } })).formats ??
        {}) as Record<string, { url: string }>
    )) {
      expect((await sharp(await download(format.url)).metadata()).exif).toBeUndefined();
    }

    const inside = await compare(staffBytes, publicBytes, {
      left: 80,
      top: 60,
      width: 160,
      height: 120,
    });
    const outside = await compare(staffBytes, publicBytes, {
      left: 0,
      top: 0,
      width: 320,
      height: 40,
    });
    const originalInside = await compare(staffBytes, staffBytes, {
      left: 80,
      top: 60,
      width: 160,
      height: 120,
    });
    expect(originalInside.spread).toBeGreaterThan(80); // the checkerboard
    expect(inside.meanDiff).toBeGreaterThan(60);
    expect(inside.spread).toBeLessThan(20); // flattened: no squares left
    expect(outside.meanDiff).toBeLessThan(12);

    const view = await staffView(report.code);
    expect(view.moderation.photos).toEqual([
      { id: photo.id, hidden: false, blur: [region], publicUrl: publicPhoto.url },
    ]);

    // No more regions: the public copy goes, the original is shown again.
    await moderate(report.code, users.operator, {
      photos: [{ id: photo.id, blur: [] }],
      reason: 'Sfocatura non più necessaria',
    }).expect(200);
    const [plain] = (await track(report.code).expect(200)).body.data.photos;
    expect(plain.url).toBe(staffPhoto.url);
    expect(await strapi.db.query(FILE).count({ where: { url: publicPhoto.url } })).toBe(0);
    await eventually(() => !fs.existsSync(path.join(UPLOADS_DIR, path.basename(publicPhoto.url))));
  });

  it('a failure midway stores nothing: no text, no copy, no moved original', async () => {
    const report = await fileReport([await checkerboard(), await checkerboard(200, 150)]);
    const [first, second] = (await stored(report.code)).photos;
    // The second original cannot be read (a storage failure).
    fs.rmSync(path.join(UPLOADS_DIR, path.basename(second.url)));
    const filesBefore = await strapi.db.query(FILE).count();
    const diskBefore = filesOnDisk();

    const res = await moderate(report.code, users.operator, {
      publicText: 'Testo che non deve restare',
      private: true,
      photos: [
        { id: first.id, blur: [{ x: 0, y: 0, w: 0.5, h: 0.5 }] },
        { id: second.id, hidden: true },
      ],
      reason: 'Prova di un guasto',
    });
    expect(res.status).toBe(500);

    const row = await stored(report.code);
    expect(row.publicText).toBeNull();
    expect(row.isPrivate).toBe(false);
    expect(row.photoModeration).toBeNull();
    expect(row.photos.map((p: { url: string }) => p.url)).toEqual([first.url, second.url]);
    expect(await strapi.db.query(FILE).count()).toBe(filesBefore);
    expect((await events(report.code)).map((e) => e.type)).toEqual(['created']);
    await track(report.code).expect(200);
    await download(first.url);
    // The copies written before the failure are removed from storage too.
    await eventually(() => JSON.stringify(filesOnDisk()) === JSON.stringify(diskBefore));
  });
});

describe('refusals change nothing', () => {
  let report: Filed;
  let photoId: number;
  beforeAll(async () => {
    report = await fileReport([await checkerboard(64, 48)]);
    photoId = (await stored(report.code)).photos[0].id;
  });

  it.each([
    ['no reason', 'reason', () => ({ private: true })],
    ['a blank reason', 'reason', () => ({ private: true, reason: '  ' })],
    ['nothing to moderate', 'publicText', () => ({ reason: 'Niente' })],
    ['an empty public text', 'publicText', () => ({ publicText: ' ', reason: 'Vuoto' })],
    ['private as text', 'private', () => ({ private: 'yes', reason: 'Riservata' })],
    ['an unknown field', 'state', () => ({ private: true, state: 'closed', reason: 'Altro' })],
    [
      'a photo of another report',
      'photos.0.id',
      () => ({ photos: [{ id: 999999, hidden: true }], reason: 'Foto' }),
    ],
    [
      'a photo given twice',
      'photos.1.id',
      () => ({
        photos: [
          { id: photoId, hidden: true },
          { id: photoId, hidden: false },
        ],
        reason: 'Foto',
      }),
    ],
    ['a photo without a change', 'photos.0', () => ({ photos: [{ id: photoId }], reason: 'Foto' })],
    [
      'a region outside the photo',
      'photos.0.blur.0',
      () => ({ photos: [{ id: photoId, blur: [{ x: 0.8, y: 0, w: 0.5, h: 0.1 }] }], reason: 'R' }),
    ],
    [
      'a region in pixels',
      'photos.0.blur.0.x',
      () => ({ photos: [{ id: photoId, blur: [{ x: 10, y: 0, w: 0.5, h: 0.1 }] }], reason: 'R' }),
    ],
  ])('%s → 400 naming %s', async (_, field, body) => {
    const res = await moderate(report.code, users.operator, body());
    expect(res.status).toBe(400);
    expect(fieldOf(res).join('.')).toBe(field);
    const row = await stored(report.code);
    expect(row).toMatchObject({ publicText: null, isPrivate: false, photoModeration: null });
    expect((await events(report.code)).map((e) => e.type)).toEqual(['created']);
  });

  it('a request or a complaint is not moderated (400 naming the code)', async () => {
    const res = await http.post('/api/requests').send(requestBody()).expect(201);
    const refused = await moderate(res.body.data.code, users.operator, {
      private: true,
      reason: 'Riservata',
    });
    expect(refused.status).toBe(400);
    expect(fieldOf(refused)).toEqual(['code']);
  });
});

describe('scope', () => {
  it.each([
    ['a technician', 'technician'],
    ['the control body', 'control'],
    ["another office's coordinator", 'coordinatorB'],
  ])('%s may not moderate (403), and nothing changes', async (_, who) => {
    const report = await fileReport();
    const res = await moderate(report.code, users[who], { private: true, reason: 'Riservata' });
    expect(res.status).toBe(403);
    await track(report.code).expect(200);
    expect((await events(report.code)).map((e) => e.type)).toEqual(['created']);
  });

  it('an unknown code is a 404', async () => {
    const res = await moderate('SEG-2026-999999', users.operator, {
      private: true,
      reason: 'Riservata',
    });
    expect(res.status).toBe(404);
  });
});

let towerStep = 0;
/** Positions near the Leaning Tower, a different one each call (not a duplicate of another). */
function nextTower() {
  towerStep += 1;
  return { latitude: 43.723 + towerStep * 0.0001, longitude: 10.3966 };
}
