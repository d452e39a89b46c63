import { gps as exifGps, parse as exifParse } from 'exifr';
import sharp, { type Sharp } from 'sharp';
import { detectImageType, type ImageMime } from '../../src/domain/image-type';
import { PhotoError, processPhoto, type ProcessedPhoto } from '../../src/lib/photos';

const MAX_BYTES = 10 * 2 ** 20;
// 43°43'43" N, 10°24'6" E (Pisa): ≈ 43.7286, 10.4017.
const PISA_GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '43/1 43/1 43/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '10/1 24/1 6/1',
};

/** A two-colour image (left half red, right half blue) so that rotation is visible in pixels. */
function canvas(width: number, height: number): Sharp {
  const half = Math.floor(width / 2);
  return sharp({ create: { width, height, channels: 3, background: '#ff0000' } }).composite([
    {
      input: { create: { width: width - half, height, channels: 3, background: '#0000ff' } },
      left: half,
      top: 0,
    },
  ]);
}

const SHARP_FORMAT = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;

function encoded(pipeline: Sharp, mime: ImageMime): Promise<Buffer> {
  return pipeline.toFormat(SHARP_FORMAT[mime]).toBuffer();
}

async function withGps(mime: ImageMime, gps = PISA_GPS): Promise<Buffer> {
  const plain = await encoded(canvas(300, 200), mime);
  return sharp(plain)
    .withExif({ IFD0: { Make: 'TestPhone', Model: 'Pothole 3000' }, IFD3: gps })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>')
    .withIccProfile('p3')
    .toFormat(SHARP_FORMAT[mime])
    .toBuffer();
}

async function failure(promise: Promise<unknown>): Promise<PhotoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error).toBeInstanceOf(PhotoError);
  return error as PhotoError;
}

interface Segment {
  marker: number;
  offset: number;
  payload: Buffer;
}

/** JPEG marker segments up to the start of scan (the entropy-coded data has none). */
function jpegSegments(buf: Buffer): Segment[] {
  expect([...buf.subarray(0, 2)]).toEqual([0xff, 0xd8]);
  const segments: Segment[] = [];
  let pos = 2;
  while (pos + 4 <= buf.length && buf[pos + 1] !== 0xda) {
    if (buf[pos] !== 0xff) throw new Error(`no marker at ${pos}`);
    const length = buf.readUInt16BE(pos + 2);
    segments.push({
      marker: buf[pos + 1],
      offset: pos,
      payload: buf.subarray(pos + 4, pos + 2 + length),
    });
    pos += 2 + length;
  }
  return segments;
}

/** PNG chunk types, in order. */
function pngChunks(buf: Buffer): string[] {
  const types: string[] = [];
  for (let pos = 8; pos + 8 <= buf.length; pos += 12 + buf.readUInt32BE(pos)) {
    types.push(buf.toString('latin1', pos + 4, pos + 8));
  }
  return types;
}

/** WebP (RIFF) chunk FourCCs, in order. */
function webpChunks(buf: Buffer): string[] {
  const types: string[] = [];
  for (
    let pos = 12;
    pos + 8 <= buf.length;
    pos += 8 + buf.readUInt32LE(pos + 4) + (buf.readUInt32LE(pos + 4) % 2)
  ) {
    types.push(buf.toString('latin1', pos, pos + 4));
  }
  return types;
}

const JPEG_METADATA_MARKERS = new Map([
  [0xe1, 'APP1 (EXIF/XMP)'],
  [0xe2, 'APP2 (ICC)'],
  [0xed, 'APP13 (IPTC)'],
  [0xfe, 'COM'],
]);
const PNG_METADATA_CHUNKS = ['eXIf', 'iCCP', 'tEXt', 'zTXt', 'iTXt'];
const WEBP_METADATA_CHUNKS = ['EXIF', 'XMP ', 'ICCP'];

/** Metadata blocks found by reading the container bytes ourselves, independent of sharp/exifr. */
function metadataBlocks(buf: Buffer, mime: ImageMime): string[] {
  if (mime === 'image/jpeg') {
    return jpegSegments(buf).flatMap(({ marker, payload }) => {
      const name = JPEG_METADATA_MARKERS.get(marker);
      if (!name) return [];
      return [payload.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 'Exif' : name];
    });
  }
  if (mime === 'image/png') return pngChunks(buf).filter((t) => PNG_METADATA_CHUNKS.includes(t));
  return webpChunks(buf).filter((t) => WEBP_METADATA_CHUNKS.includes(t));
}

async function expectNoMetadata(buf: Buffer, mime: ImageMime): Promise<void> {
  expect(detectImageType(buf)).toBe(mime);
  expect(metadataBlocks(buf, mime)).toEqual([]);
  const { exif, xmp, iptc, icc, orientation } = await sharp(buf).metadata();
  expect({ exif, xmp, iptc, icc, orientation }).toEqual({});
  // exifr 7 cannot open WebP at all; the byte and sharp checks above cover it.
  if (mime !== 'image/webp') {
    expect(await exifGps(buf)).toBeUndefined();
    expect(
      await exifParse(buf, { tiff: true, xmp: true, icc: true, iptc: true, ihdr: false })
    ).toBeUndefined();
  }
}

const FORMATS: [ImageMime, ProcessedPhoto['ext']][] = [
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
];

// What withGps() writes, per container: checked so the stripping assertions cannot pass vacuously.
const INPUT_BLOCKS: Record<ImageMime, string[]> = {
  'image/jpeg': ['Exif', 'APP1 (EXIF/XMP)', 'APP2 (ICC)'],
  'image/png': ['eXIf', 'iCCP', 'zTXt'], // libvips stores XMP as a compressed text chunk
  'image/webp': ['EXIF', 'XMP ', 'ICCP'],
};

describe('detectImageType', () => {
  it.each([
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'image/png'],
    [[...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')], 'image/webp'],
  ])('recognises %p as %s', (bytes, mime) => {
    expect(detectImageType(Uint8Array.from(bytes))).toBe(mime);
  });

  it.each([
    ['empty', []],
    ['JPEG cut after two bytes', [0xff, 0xd8]],
    ['PNG with a wrong last byte', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b]],
    ['RIFF WAVE audio', [...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WAVE')]],
    ['RIFF without its form type', [...Buffer.from('RIFF'), 0, 0, 0, 0]],
    ['GIF', [...Buffer.from('GIF89a')]],
    ['PDF', [...Buffer.from('%PDF-1.7')]],
  ])('refuses %s', (_name, bytes) => {
    expect(detectImageType(Uint8Array.from(bytes))).toBeNull();
  });
});

describe('processPhoto', () => {
  it('offers the GPS of a JPEG and strips every metadata block from both renditions', async () => {
    const input = await withGps('image/jpeg');
    // The fixture really carries what must disappear (otherwise the checks below prove nothing).
    expect(metadataBlocks(input, 'image/jpeg')).toEqual(
      expect.arrayContaining(INPUT_BLOCKS['image/jpeg'])
    );
    const fromInput = await exifGps(input);
    expect(fromInput.latitude).toBeCloseTo(43.7286, 4);
    expect(fromInput.longitude).toBeCloseTo(10.4017, 4);

    const photo = await processPhoto(input, { maxBytes: MAX_BYTES });

    expect(photo.gps).not.toBeNull();
    expect(photo.gps?.latitude).toBeCloseTo(43.7286, 4);
    expect(photo.gps?.longitude).toBeCloseTo(10.4017, 4);
    expect(photo).toMatchObject({ mime: 'image/jpeg', ext: 'jpg', width: 300, height: 200 });
    await expectNoMetadata(photo.original, 'image/jpeg');
    await expectNoMetadata(photo.web, 'image/jpeg');
    expect(photo.original.includes('Exif')).toBe(false);
    expect(photo.original.includes('TestPhone')).toBe(false);
    expect(photo.web.includes('TestPhone')).toBe(false);
  });

  it.each(FORMATS.slice(1))('offers the GPS in %s and strips its metadata', async (mime, ext) => {
    const input = await withGps(mime);
    expect(metadataBlocks(input, mime)).toEqual(expect.arrayContaining(INPUT_BLOCKS[mime]));

    const photo = await processPhoto(input, { maxBytes: MAX_BYTES });

    expect(photo).toMatchObject({ mime, ext, width: 300, height: 200 });
    expect(photo.gps?.latitude).toBeCloseTo(43.7286, 4);
    expect(photo.gps?.longitude).toBeCloseTo(10.4017, 4);
    await expectNoMetadata(photo.original, mime);
    await expectNoMetadata(photo.web, mime);
  });

  it('reads southern and western positions as negative', async () => {
    const input = await withGps('image/jpeg', {
      ...PISA_GPS,
      GPSLatitudeRef: 'S',
      GPSLongitudeRef: 'W',
    });
    const { gps } = await processPhoto(input, { maxBytes: MAX_BYTES });
    expect(gps?.latitude).toBeCloseTo(-43.7286, 4);
    expect(gps?.longitude).toBeCloseTo(-10.4017, 4);
  });

  it.each(FORMATS)('accepts %s without EXIF, with no position', async (mime, ext) => {
    const input = await encoded(canvas(64, 48), mime);
    const photo = await processPhoto(input, { maxBytes: MAX_BYTES });
    expect(photo).toMatchObject({ mime, ext, gps: null, width: 64, height: 48 });
    expect(detectImageType(photo.original)).toBe(mime);
  });

  it('treats 0,0 (a device without a fix) as no position', async () => {
    const zero = { ...PISA_GPS, GPSLatitude: '0/1 0/1 0/1', GPSLongitude: '0/1 0/1 0/1' };
    const photo = await processPhoto(await withGps('image/jpeg', zero), { maxBytes: MAX_BYTES });
    expect(photo.gps).toBeNull();
  });

  it('keeps 3000x2000 at full size and fits the web version in 1280x1280', async () => {
    const photo = await processPhoto(await encoded(canvas(3000, 2000), 'image/jpeg'), {
      maxBytes: MAX_BYTES,
    });
    expect([photo.width, photo.height, photo.webWidth, photo.webHeight]).toEqual([
      3000, 2000, 1280, 853,
    ]);
    expect(await sharp(photo.original).metadata()).toMatchObject({ width: 3000, height: 2000 });
    expect(await sharp(photo.web).metadata()).toMatchObject({ width: 1280, height: 853 });
  });

  it('caps the original at 4096 px on the long side', async () => {
    const photo = await processPhoto(await encoded(canvas(2000, 5000), 'image/jpeg'), {
      maxBytes: MAX_BYTES,
    });
    expect([photo.width, photo.height, photo.webWidth, photo.webHeight]).toEqual([
      1638, 4096, 512, 1280,
    ]);
  });

  it('never enlarges a small photo', async () => {
    const photo = await processPhoto(await encoded(canvas(640, 480), 'image/png'), {
      maxBytes: MAX_BYTES,
    });
    expect([photo.width, photo.height, photo.webWidth, photo.webHeight]).toEqual([
      640, 480, 640, 480,
    ]);
  });

  it('applies EXIF orientation 6 to the pixels, so the photo stays upright without the tag', async () => {
    const plain = await encoded(canvas(300, 200), 'image/jpeg');
    const input = await sharp(plain).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect(await sharp(input).metadata()).toMatchObject({
      width: 300,
      height: 200,
      orientation: 6,
    });

    const photo = await processPhoto(input, { maxBytes: MAX_BYTES });

    expect([photo.width, photo.height, photo.webWidth, photo.webHeight]).toEqual([
      200, 300, 200, 300,
    ]);
    // Orientation 6 = rotate 90° clockwise: the stored left (red) half ends up on top.
    const { data, info } = await sharp(photo.original).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
    ];
    expect(pixel(100, 20)[0]).toBeGreaterThan(200);
    expect(pixel(100, 20)[2]).toBeLessThan(50);
    expect(pixel(100, 280)[0]).toBeLessThan(50);
    expect(pixel(100, 280)[2]).toBeGreaterThan(200);
    await expectNoMetadata(photo.original, 'image/jpeg');
  });

  it.each([
    [
      'a GIF',
      () =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
          .gif()
          .toBuffer(),
    ],
    ['a PDF', async () => Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')],
    ['a text file named pothole.jpg', async () => Buffer.from('just some text, not a photo\n')],
    [
      'RIFF WAVE audio',
      async () => Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]),
    ],
    ['an empty file', async () => Buffer.alloc(0)],
  ])('refuses %s with 415', async (_name, make) => {
    const error = await failure(processPhoto(await make(), { maxBytes: MAX_BYTES }));
    expect(error).toMatchObject({ code: 'unsupported_type', status: 415 });
    expect(error.message).toMatch(/JPEG, PNG and WebP/);
  });

  it('refuses an oversize file with 413 before looking at its content', async () => {
    // Not an image at all: 413 rather than 415 shows the size is checked first.
    const error = await failure(processPhoto(Buffer.alloc(MAX_BYTES + 1), { maxBytes: MAX_BYTES }));
    expect(error).toMatchObject({ code: 'too_large', status: 413 });
    expect(error.message).toMatch(/\b10 MB\b/);
  });

  it('applies the configured limit exactly', async () => {
    const input = await encoded(canvas(64, 48), 'image/png');
    const error = await failure(processPhoto(input, { maxBytes: input.length - 1 }));
    expect(error).toMatchObject({ code: 'too_large', status: 413 });
    await expect(processPhoto(input, { maxBytes: input.length })).resolves.toMatchObject({
      width: 64,
    });
  });

  it.each([NaN, 0, -1])('refuses a misconfigured limit of %p', async (maxBytes) => {
    await expect(processPhoto(Buffer.from([0xff, 0xd8, 0xff]), { maxBytes })).rejects.toThrow(
      RangeError
    );
  });

  it('refuses a truncated JPEG with a valid header with 422', async () => {
    const whole = await encoded(canvas(300, 200), 'image/jpeg');
    const error = await failure(
      processPhoto(whole.subarray(0, whole.length >> 1), { maxBytes: MAX_BYTES })
    );
    expect(error).toMatchObject({ code: 'unreadable', status: 422 });
  });

  it('refuses garbage behind a PNG signature with 422', async () => {
    const input = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(100, 7),
    ]);
    const error = await failure(processPhoto(input, { maxBytes: MAX_BYTES }));
    expect(error).toMatchObject({ code: 'unreadable', status: 422 });
  });

  it('refuses a decompression bomb (a small file declaring 10000x10000 px) with 422', async () => {
    const input = Buffer.from(await encoded(canvas(16, 16), 'image/jpeg'));
    const sof = jpegSegments(input).find(({ marker }) => marker === 0xc0);
    expect(sof).toBeDefined();
    // SOF0 payload: precision (1 byte), height (2), width (2).
    input.writeUInt16BE(10_000, sof!.offset + 5);
    input.writeUInt16BE(10_000, sof!.offset + 7);

    const error = await failure(processPhoto(input, { maxBytes: MAX_BYTES }));

    expect(error).toMatchObject({ code: 'unreadable', status: 422 });
    expect(String((error.cause as Error).message)).toMatch(/pixel limit/);
  });
});
