/**
 * Page and channel ratings end to end: the widget's form, the rating of a published service page
 * (by its slug in either locale), of any page of the website and of a counter or channel; every
 * refusal names its field and stores nothing; the public aggregates against hand-computed figures
 * over the city's local days, without a word of the comments; the rate limit; GraphQL and the
 * REST CRUD closed. Time comes from the injected clock.
 */
import type { Core } from '@strapi/strapi';
import { randomInt } from 'crypto';
import request from 'supertest';
import { fixedClock } from '../../src/domain/clock';
import { appClock, appRateLimit } from '../helpers/app';
import { createOffice, createService, unique } from '../helpers/fixtures';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const UID = 'api::page-rating.page-rating';
const NOW = '2026-09-15T10:00:00Z';
const SECRET = 'Commento riservato di Maria Rossi, tel. 333 1234567';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const clock = fixedClock(NOW);
let office: { documentId: string };
let service: { documentId: string; slug: string };

const stored = () => strapi.db.query(UID).count();
const ratingsOf = (where: Record<string, unknown>) =>
  strapi.db.query(UID).findMany({ where, orderBy: { id: 'asc' } });

/** Posts at an instant of the clock, then puts the clock back. */
async function postAt(at: string, path: string, body: unknown) {
  clock.set(at);
  try {
    return await http.post(path).send(body as object);
  } finally {
    clock.set(NOW);
  }
}

function expectRefused(res: request.Response, status: number, field: string) {
  expect(res.status).toBe(status);
  expect(res.body.data).toBeNull();
  expect(res.body.error.status).toBe(status);
  expect(res.body.error.details.errors[0].path.join('.')).toBe(field);
}

async function draftService() {
  const slug = unique('bozza');
  await strapi.documents('api::service.service').create({
    locale: 'it',
    data: { title: `Bozza ${slug}`, slug, summary: 'Non ancora pubblicato' } as never,
  });
  return slug;
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  appClock.useClock(clock);
  office = await createOffice(strapi);
  service = await createService(strapi, office.documentId);
});
afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
});

describe('the form', () => {
  it('gives the questions, keys and labels in Italian by default', async () => {
    const res = await http.get('/api/page-ratings/form').expect(200);
    const form = res.body.data;
    expect(form.locale).toBe('it');
    expect(form.stars.question).toBe('Quanto sono chiare le informazioni su questa pagina?');
    expect(form.difficulties.options[2]).toEqual({
      key: 'unsure_progress',
      label: 'A volte non capivo se stavo procedendo correttamente',
    });
    expect(form.preferred.question).toBe('Quali sono stati gli aspetti che hai preferito?');
    expect(form.comment.maxLength).toBe(200);
    expect(form.channels).toEqual(['counter_urp', 'counter_registry', 'phone', 'web', 'app']);
  });

  it('in English when asked, and refuses a locale it does not have', async () => {
    const res = await http.get('/api/page-ratings/form?locale=en').expect(200);
    expect(res.body.data.difficulties.question).toBe('Where did you have the most difficulty?');
    expectRefused(await http.get('/api/page-ratings/form?locale=fr'), 400, 'locale');
  });
});

describe('rating a service page', () => {
  it('stores the stars, the reasons and the comment, and nothing about who rated', async () => {
    const res = await http
      .post(`/api/services/${service.slug}/rating`)
      .set('X-Forwarded-For', '203.0.113.7')
      .set('User-Agent', 'Browser di Maria')
      .send({ stars: 2, reasons: ['technical', 'unclear'], comment: `  ${SECRET}  ` })
      .expect(201);
    expect(res.body).toEqual({ data: { target: 'service', stars: 2 } });
    const [row] = await ratingsOf({ serviceDocumentId: service.documentId });
    expect(row).toMatchObject({
      target: 'service',
      serviceDocumentId: service.documentId,
      pageUrl: null,
      channel: null,
      stars: 2,
      emoticon: null,
      reasons: ['unclear', 'technical'],
      comment: SECRET,
      language: 'it',
    });
    expect(new Date(row.ratedAt).toISOString()).toBe(new Date(NOW).toISOString());
    const raw = JSON.stringify(await strapi.db.connection('page_ratings').where({ id: row.id }));
    expect(raw).not.toContain('203.0.113.7');
    expect(raw).not.toContain('Browser di Maria');
  });

  it('finds the service by its English slug too, and answers in English by default', async () => {
    const docs = strapi.documents('api::service.service');
    const slug = unique('service-en');
    await docs.update({
      documentId: service.documentId,
      locale: 'en',
      data: { title: `Service ${slug}`, slug, summary: 'A test service' } as never,
    });
    await docs.publish({ documentId: service.documentId, locale: 'en' });
    await http.post(`/api/services/${slug}/rating`).send({ stars: 5 }).expect(201);
    const rows = await ratingsOf({ serviceDocumentId: service.documentId, stars: 5 });
    expect(rows.at(-1)).toMatchObject({ language: 'en', reasons: [], comment: null });
  });

  it('is 404 for a draft service or an unknown slug, and stores nothing', async () => {
    const before = await stored();
    const draft = await draftService();
    expectRefused(await http.post(`/api/services/${draft}/rating`).send({ stars: 4 }), 404, 'slug');
    expectRefused(await http.post('/api/services/nessuno/rating').send({ stars: 4 }), 404, 'slug');
    expectRefused(await http.get(`/api/services/${draft}/ratings`), 404, 'slug');
    expect(await stored()).toBe(before);
  });

  it('leaves the core routes of services working', async () => {
    await http.get('/api/services').expect(200);
    const res = await http.get(`/api/services/${service.documentId}`).expect(200);
    expect(res.body.data.slug).toBe(service.slug);
  });
});

describe('rating a page of the website', () => {
  it('stores the page as the path of its URL', async () => {
    const res = await http
      .post('/api/page-ratings')
      .send({
        url: 'https://www.comune.pisa.example/Servizi/Anagrafe/?nome=Maria#orari',
        stars: 4,
        reasons: ['clear'],
        locale: 'en',
      })
      .expect(201);
    expect(res.body).toEqual({ data: { target: 'page', stars: 4 } });
    const [row] = await ratingsOf({ pageUrl: '/Servizi/Anagrafe' });
    expect(row).toMatchObject({ target: 'page', stars: 4, reasons: ['clear'], language: 'en' });
    expect(row.serviceDocumentId).toBeNull();
  });
});

describe('rating a counter or a channel', () => {
  it('stores the emoticon of a configured channel', async () => {
    const res = await http
      .post('/api/channel-ratings')
      .send({ channel: 'counter_registry', emoticon: 'neutral', comment: 'Attesa lunga' })
      .expect(201);
    expect(res.body).toEqual({
      data: { target: 'channel', channel: 'counter_registry', emoticon: 'neutral' },
    });
    const rows = await ratingsOf({ channel: 'counter_registry' });
    expect(rows.at(-1)).toMatchObject({ target: 'channel', emoticon: 'neutral', stars: null });
  });
});

describe('refusals name their field and store nothing', () => {
  const long = 'x'.repeat(201);
  it.each([
    ['service', 'no stars', { reasons: ['clear'] }, 'stars'],
    ['service', '0 stars', { stars: 0 }, 'stars'],
    ['service', '6 stars', { stars: 6 }, 'stars'],
    ['service', 'half a star', { stars: 4.5 }, 'stars'],
    ['service', 'stars as text', { stars: '5' }, 'stars'],
    ['service', 'a positive reason for 2 stars', { stars: 2, reasons: ['clear'] }, 'reasons.0'],
    [
      'service',
      'a negative reason for 4 stars',
      { stars: 4, reasons: ['clear', 'technical'] },
      'reasons.1',
    ],
    ['service', 'a reason twice', { stars: 1, reasons: ['unclear', 'unclear'] }, 'reasons.1'],
    ['service', 'reasons not a list', { stars: 1, reasons: 'unclear' }, 'reasons'],
    ['service', 'a comment of 201 characters', { stars: 4, comment: long }, 'comment'],
    ['service', 'a comment not text', { stars: 4, comment: { text: 'x' } }, 'comment'],
    ['service', 'a locale not offered', { stars: 4, locale: 'de' }, 'locale'],
    ['service', 'an email', { stars: 4, email: 'maria@example.org' }, 'email'],
    ['service', 'a list for a body', [4], 'body'],
    ['page', 'no url', { stars: 4 }, 'url'],
    ['page', 'an ftp url', { url: 'ftp://comune.example/servizi', stars: 4 }, 'url'],
    ['page', 'a relative path', { url: 'servizi/anagrafe', stars: 4 }, 'url'],
    ['page', 'a host without scheme', { url: '//altro.example/servizi', stars: 4 }, 'url'],
    ['page', 'a url of 501 characters', { url: `/${'a'.repeat(500)}`, stars: 4 }, 'url'],
    ['page', 'no stars', { url: '/servizi' }, 'stars'],
    [
      'page',
      'a negative reason for 5 stars',
      { url: '/servizi', stars: 5, reasons: ['unclear'] },
      'reasons.0',
    ],
    [
      'page',
      'a comment of 201 characters',
      { url: '/servizi', stars: 3, comment: long },
      'comment',
    ],
    [
      'page',
      'a field of the storage',
      { url: '/servizi', stars: 3, serviceDocumentId: 'x' },
      'serviceDocumentId',
    ],
    ['channel', 'no channel', { emoticon: 'positive' }, 'channel'],
    [
      'channel',
      'a channel not configured',
      { channel: 'counter_nowhere', emoticon: 'positive' },
      'channel',
    ],
    ['channel', 'no emoticon', { channel: 'phone' }, 'emoticon'],
    ['channel', 'an emoticon not offered', { channel: 'phone', emoticon: 'angry' }, 'emoticon'],
    [
      'channel',
      'a comment of 201 characters',
      { channel: 'phone', emoticon: 'positive', comment: long },
      'comment',
    ],
    [
      'channel',
      'stars on a channel',
      { channel: 'phone', emoticon: 'positive', stars: 5 },
      'stars',
    ],
  ])('%s rating: %s → 400 on %s', async (target, _what, body, field) => {
    const path = {
      service: `/api/services/${service.slug}/rating`,
      page: '/api/page-ratings',
      channel: '/api/channel-ratings',
    }[target as 'service' | 'page' | 'channel'];
    const before = await stored();
    expectRefused(await http.post(path).send(body), 400, field);
    expect(await stored()).toBe(before);
  });
});

describe('the aggregate of a service', () => {
  let rated: { documentId: string; slug: string };

  beforeAll(async () => {
    rated = await createService(strapi, office.documentId);
    const other = await createService(strapi, office.documentId);
    const rate = (at: string, body: Record<string, unknown>, slug = rated.slug) =>
      postAt(at, `/api/services/${slug}/rating`, body).then((r) => expect(r.status).toBe(201));
    // 17 June, 14:00 in Pisa: before the default period (18 June – 15 September).
    await rate('2026-06-17T12:00:00Z', { stars: 5, reasons: ['complete'] });
    // 18 June, 00:30 in Pisa (still the 17th in UTC): the first minute of the period counts.
    await rate('2026-06-17T22:30:00Z', { stars: 1, reasons: ['unclear'] });
    await rate('2026-07-01T09:00:00Z', { stars: 4, reasons: ['clear'] });
    await rate('2026-08-10T09:00:00Z', {
      stars: 4,
      reasons: ['clear', 'complete'],
      comment: SECRET,
    });
    await rate('2026-09-01T09:00:00Z', { stars: 2, reasons: ['technical', 'unclear'] });
    await rate('2026-09-15T09:59:00Z', { stars: 5 });
    // Not this service's: another service, a page, a channel.
    await rate('2026-09-01T09:00:00Z', { stars: 1, reasons: ['other'] }, other.slug);
    await postAt('2026-09-01T09:00:00Z', '/api/page-ratings', { url: '/x', stars: 3 });
    await postAt('2026-09-01T09:00:00Z', '/api/channel-ratings', {
      channel: 'web',
      emoticon: 'negative',
    });
  });

  it('covers the last 90 days by default', async () => {
    const res = await http.get(`/api/services/${rated.slug}/ratings`).expect(200);
    // 1 + 4 + 4 + 2 + 5 = 16 stars over 5 ratings: 3.2
    expect(res.body.data).toEqual({
      service: { documentId: rated.documentId, slug: rated.slug },
      period: { from: '2026-06-18', to: '2026-09-15' },
      count: 5,
      mean: 3.2,
      distribution: { 1: 1, 2: 1, 3: 0, 4: 2, 5: 1 },
      reasons: {
        difficulties: { unclear: 2, incomplete: 0, unsure_progress: 0, technical: 1, other: 0 },
        preferred: { clear: 2, complete: 1, sure_progress: 0, no_technical: 0, other: 0 },
      },
    });
    expect(JSON.stringify(res.body)).not.toContain('Maria');
    expect(JSON.stringify(res.body)).not.toContain('comment');
  });

  it('over the period asked, by the local days of the city', async () => {
    const wide = await http
      .get(`/api/services/${rated.slug}/ratings?from=2026-06-01&to=2026-09-15`)
      .expect(200);
    // 21 stars over 6 ratings: 3.5
    expect(wide.body.data).toMatchObject({ count: 6, mean: 3.5 });
    expect(wide.body.data.reasons.preferred.complete).toBe(2);
    const day = await http
      .get(`/api/services/${rated.slug}/ratings?from=2026-06-17&to=2026-06-17`)
      .expect(200);
    expect(day.body.data).toMatchObject({ count: 1, mean: 5 });
    const empty = await http
      .get(`/api/services/${rated.slug}/ratings?from=2025-01-01&to=2025-12-31`)
      .expect(200);
    expect(empty.body.data).toMatchObject({ count: 0, mean: null });
  });

  it('takes a period of 366 days and no more', async () => {
    await http.get(`/api/services/${rated.slug}/ratings?from=2025-09-15&to=2026-09-15`).expect(200);
    expectRefused(
      await http.get(`/api/services/${rated.slug}/ratings?from=2025-09-14&to=2026-09-15`),
      400,
      'to'
    );
  });

  it.each([
    ['from=2026-02-30', 'from'],
    ['from=1%2F6%2F2026', 'from'],
    ['to=2026-13-01', 'to'],
    ['to=ieri', 'to'],
    ['from=2026-09-10&to=2026-09-01', 'from'],
    ['from=2026-09-01&from=2026-09-02', 'from'],
  ])('refuses the period %s naming %s', async (query, field) => {
    expectRefused(await http.get(`/api/services/${rated.slug}/ratings?${query}`), 400, field);
  });
});

describe('the aggregate of the channels', () => {
  beforeAll(async () => {
    const rate = (at: string, channel: string, emoticon: string, comment?: string) =>
      postAt(at, '/api/channel-ratings', { channel, emoticon, comment }).then((r) =>
        expect(r.status).toBe(201)
      );
    await rate('2027-03-02T09:00:00Z', 'phone', 'positive');
    await rate('2027-03-10T09:00:00Z', 'phone', 'negative', SECRET);
    await rate('2027-03-20T09:00:00Z', 'phone', 'positive');
    await rate('2027-03-25T09:00:00Z', 'counter_urp', 'neutral');
    // 1 April in Pisa: after the period.
    await rate('2027-03-31T22:30:00Z', 'phone', 'negative');
  });

  const MARCH = 'from=2027-03-01&to=2027-03-31';

  it('counts the faces of one channel and their shares', async () => {
    const res = await http.get(`/api/channel-ratings/summary?channel=phone&${MARCH}`).expect(200);
    // 2 positive, 1 negative of 3: 0.6667 and 0.3333
    expect(res.body.data).toMatchObject({
      period: { from: '2027-03-01', to: '2027-03-31' },
      channel: 'phone',
      count: 3,
      counts: { positive: 2, neutral: 0, negative: 1 },
      shares: { positive: 0.6667, neutral: 0, negative: 0.3333 },
    });
    expect(JSON.stringify(res.body)).not.toContain('Maria');
  });

  it('and of every configured channel, each and together', async () => {
    const res = await http.get(`/api/channel-ratings/summary?${MARCH}`).expect(200);
    const data = res.body.data;
    // 4 ratings: 2 positive, 1 neutral, 1 negative
    expect(data).toMatchObject({
      channel: null,
      count: 4,
      counts: { positive: 2, neutral: 1, negative: 1 },
      shares: { positive: 0.5, neutral: 0.25, negative: 0.25 },
    });
    expect(data.channels.map((c: { channel: string }) => c.channel)).toEqual([
      'counter_urp',
      'counter_registry',
      'phone',
      'web',
      'app',
    ]);
    expect(data.channels[0]).toMatchObject({ channel: 'counter_urp', count: 1 });
    expect(data.channels[1]).toEqual({
      channel: 'counter_registry',
      count: 0,
      counts: { positive: 0, neutral: 0, negative: 0 },
      shares: { positive: null, neutral: null, negative: null },
    });
    expect(JSON.stringify(res.body)).not.toContain('Maria');
  });

  it('refuses a channel not configured and a bad date, naming the field', async () => {
    expectRefused(await http.get('/api/channel-ratings/summary?channel=bar'), 400, 'channel');
    expectRefused(await http.get('/api/channel-ratings/summary?to=2027-02-29'), 400, 'to');
  });
});

describe('what stays closed', () => {
  it('single ratings are not listed over REST', async () => {
    for (const path of ['/api/page-ratings', '/api/channel-ratings']) {
      const res = await http.get(path);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(res.body)).not.toContain('Maria');
    }
  });

  it('nor over GraphQL', async () => {
    const res = await http.post('/graphql').send({ query: '{ pageRatings { comment stars } }' });
    expect(JSON.stringify(res.body)).toMatch(/Cannot query field/);
    expect(JSON.stringify(res.body)).not.toContain('Maria');
  });
});

describe('the rate limit', () => {
  let saved: unknown;
  let savedProxy: boolean;
  beforeAll(() => {
    saved = strapi.config.get('benecomune.rateLimit');
    savedProxy = strapi.server.app.proxy;
    strapi.server.app.proxy = true;
    strapi.config.set('benecomune.rateLimit', {
      enabled: true,
      perIp: { points: 2, durationSeconds: 600 },
      perEmail: { points: 2, durationSeconds: 600 },
    });
    appRateLimit.resetRateLimiters(strapi);
  });
  afterAll(() => {
    strapi.config.set('benecomune.rateLimit', saved);
    appRateLimit.resetRateLimiters(strapi);
    strapi.server.app.proxy = savedProxy;
  });

  it('refuses a client past its budget with 429, storing nothing', async () => {
    const ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
    const post = (path: string, body: object) =>
      http.post(path).set('X-Forwarded-For', ip).send(body);
    await post('/api/page-ratings', { url: '/a', stars: 4 }).expect(201);
    await post('/api/channel-ratings', { channel: 'web', emoticon: 'positive' }).expect(201);
    const before = await stored();
    for (const [path, body] of [
      ['/api/page-ratings', { url: '/a', stars: 4 }],
      ['/api/channel-ratings', { channel: 'web', emoticon: 'positive' }],
      [`/api/services/${service.slug}/rating`, { stars: 4 }],
    ] as const) {
      const res = await post(path, body);
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
    }
    expect(await stored()).toBe(before);
  });
});
