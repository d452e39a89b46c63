/** Helpers for the public intake tests: bodies, counts of everything an intake writes, photos. */
import type { Core } from '@strapi/strapi';
import fs from 'fs';
import path from 'path';
import sharp from 'sharp';
import { nextSpot, unique } from './fixtures';

/** Where the local upload provider writes (the app's public/uploads). */
export const UPLOADS_DIR = path.resolve(__dirname, '..', '..', 'public', 'uploads');

export const newEmail = (prefix = 'cittadino') => `${unique(prefix)}@example.org`;

/**
 * A valid public report body inside Pisa, at a different spot each time (nextSpot) so that
 * reports of unrelated tests are not grouped as duplicates; give latitude/longitude to choose.
 */
export const reportBody = (topic: string, extra: Record<string, unknown> = {}) => ({
  topic,
  description: 'Lampione spento in via Santa Maria da una settimana',
  ...nextSpot(),
  contact: { email: newEmail(), name: 'Maria Rossi', phone: '+39 333 1234567' },
  privacyConsent: true,
  locale: 'it',
  ...extra,
});

export const requestBody = (extra: Record<string, unknown> = {}) => ({
  subject: 'Orari della biblioteca',
  description: "Vorrei sapere gli orari di apertura della biblioteca comunale d'estate",
  kind: 'information',
  contact: { email: newEmail() },
  privacyConsent: true,
  ...extra,
});

export const complaintBody = (extra: Record<string, unknown> = {}) => ({
  subject: 'Sportello chiuso',
  description: "Lo sportello era chiuso durante l'orario di apertura indicato sul sito",
  contact: { email: newEmail() },
  privacyConsent: true,
  ...extra,
});

/** Row counts of everything an intake may write. */
export async function counts(strapi: Core.Strapi) {
  const count = (uid: string) => strapi.db.query(uid as never).count();
  return {
    reports: await count('api::report.report'),
    requests: await count('api::request.request'),
    complaints: await count('api::complaint.complaint'),
    citizens: await count('api::citizen.citizen'),
    events: await count('api::case-event.case-event'),
    notifications: await count('api::notification.notification'),
    files: await count('plugin::upload.file'),
  };
}

/** The files in public/uploads right now. */
export function filesOnDisk(): string[] {
  return fs.existsSync(UPLOADS_DIR) ? fs.readdirSync(UPLOADS_DIR).sort() : [];
}

/** Degrees to the EXIF "d/1 m/1 s/100" rational triple. */
function dms(value: number): string {
  const abs = Math.abs(value);
  const d = Math.floor(abs);
  const m = Math.floor((abs - d) * 60);
  const s = Math.round(((abs - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
}

/** A real JPEG carrying camera EXIF and a GPS position (IFD3 is the GPS IFD in libvips). */
export function jpegWithGps(
  gps: { latitude: number; longitude: number },
  size: { width: number; height: number } = { width: 64, height: 48 }
): Promise<Buffer> {
  return sharp({ create: { ...size, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'BeneComuneCam', Model: 'Test 1', Artist: 'Maria Rossi' },
      IFD3: {
        GPSLatitudeRef: gps.latitude >= 0 ? 'N' : 'S',
        GPSLatitude: dms(gps.latitude),
        GPSLongitudeRef: gps.longitude >= 0 ? 'E' : 'W',
        GPSLongitude: dms(gps.longitude),
      },
    })
    .toBuffer();
}

/** A plain JPEG without metadata. */
export function plainJpeg(size: { width: number; height: number } = { width: 64, height: 48 }) {
  return sharp({ create: { ...size, channels: 3, background: '#3c3' } })
    .jpeg()
    .toBuffer();
}

/** Polls a condition (for work Strapi finishes after answering), failing after a deadline. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Remembers public/uploads now; the returned function removes the files added since. */
export function uploadsCleaner(): () => void {
  const before = new Set(filesOnDisk());
  return () => {
    for (const f of filesOnDisk()) if (!before.has(f)) fs.rmSync(path.join(UPLOADS_DIR, f));
  };
}
