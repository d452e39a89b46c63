/**
 * Rate limits on the public intake: per client IP and per contact email, across the three
 * endpoints, answered with 429 + Retry-After before anything is validated or stored. The limits
 * are lowered at runtime for this file only; each test uses its own client IP (X-Forwarded-For
 * with the proxy trusted) and its own emails, so tests do not share budgets.
 */
import type { Core } from '@strapi/strapi';
import { createHash, randomInt } from 'crypto';
import request from 'supertest';
import { appRateLimit } from '../helpers/app';
import { createOffice, createTopic, fullAccessToken, unique } from '../helpers/fixtures';
import { isPostgres, startStrapi, stopStrapi } from '../helpers/strapi';

const IP_POINTS = 5;
const EMAIL_POINTS = 3;
const WINDOW_SECONDS = 600;

let strapi: Core.Strapi;
let topicCode: string;
let savedLimits: unknown;
let savedProxy: boolean;

beforeAll(async () => {
  strapi = await startStrapi();
  const office = await createOffice(strapi);
  topicCode = (await createTopic(strapi, office.documentId)).code;
  savedLimits = strapi.config.get('benecomune.rateLimit');
  savedProxy = strapi.server.app.proxy;
  strapi.server.app.proxy = true;
  strapi.config.set('benecomune.rateLimit', {
    enabled: true,
    perIp: { points: IP_POINTS, durationSeconds: WINDOW_SECONDS },
    perEmail: { points: EMAIL_POINTS, durationSeconds: WINDOW_SECONDS },
  });
  appRateLimit.resetRateLimiters(strapi);
});

afterAll(async () => {
  if (strapi) {
    strapi.config.set('benecomune.rateLimit', savedLimits);
    appRateLimit.resetRateLimiters(strapi);
    strapi.server.app.proxy = savedProxy;
  }
  await stopStrapi();
});

type Kind = 'reports' | 'requests' | 'complaints';

const newIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const newEmail = () => `${unique('cittadino')}@example.org`;

function body(kind: Kind, email: string): Record<string, unknown> {
  const common = { topic: topicCode, contact: { email }, privacyConsent: true };
  if (kind === 'reports') {
    return {
      ...common,
      description: 'Buca profonda sul manto stradale davanti al civico 12',
      latitude: 43.7167,
      longitude: 10.4017,
    };
  }
  return { ...common, subject: 'Orari di apertura', description: 'Vorrei sapere gli orari.' };
}

const post = (kind: Kind, ip: string) =>
  request(strapi.server.httpServer).post(`/api/${kind}`).set('X-Forwarded-For', ip);

const file = (kind: Kind, ip: string, email: string) => post(kind, ip).send(body(kind, email));

const counts = async () => ({
  reports: await strapi.db.query('api::report.report').count(),
  requests: await strapi.db.query('api::request.request').count(),
  complaints: await strapi.db.query('api::complaint.complaint').count(),
  citizens: await strapi.db.query('api::citizen.citizen').count(),
  events: await strapi.db.query('api::case-event.case-event').count(),
  notifications: await strapi.db.query('api::notification.notification').count(),
});

function expectRefused(res: request.Response, field?: string) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(res.body.data).toBeNull();
  expect(res.body.error).toMatchObject({ status: 429, name: 'RateLimitError' });
  expect(res.body.error.message).toMatch(/try again in/);
  if (field) expect(res.body.error.details.errors[0].path).toEqual(field.split('.'));
  else expect(res.body.error.details).toEqual({});
}

/** The counter of a key in the shared table (PostgreSQL only). */
async function storedPoints(prefix: string, value: string): Promise<number | undefined> {
  const key = `${prefix}:${createHash('sha256').update(value).digest('hex')}`;
  const row = await strapi.db.connection('bc_rate_limits').where({ key }).first();
  return row?.points;
}

describe('per email', () => {
  it(`accepts ${EMAIL_POINTS} cases from one address, then refuses with 429 and stores nothing`, async () => {
    const email = newEmail();
    for (let i = 0; i < EMAIL_POINTS; i++) {
      await file('reports', newIp(), email).expect(201);
    }
    const before = await counts();
    // The same address however it is written: the intake stores it lower-cased.
    const res = await file('reports', newIp(), `  ${email.toUpperCase()} `);
    expectRefused(res, 'contact.email');
    expect(await counts()).toEqual(before);

    if (isPostgres(strapi)) {
      // The counter is in the table every instance shares, under a digest of the address.
      expect(await storedPoints('intake_email', email)).toBe(EMAIL_POINTS + 1);
      const raw = await strapi.db.connection('bc_rate_limits').where('key', 'like', `%${email}%`);
      expect(raw).toHaveLength(0);
    }
  });

  it('counts the address across reports, requests and complaints', async () => {
    const email = newEmail();
    await file('reports', newIp(), email).expect(201);
    await file('requests', newIp(), email).expect(201);
    await file('complaints', newIp(), email).expect(201);
    const before = await counts();
    expectRefused(await file('requests', newIp(), email), 'contact.email');
    expectRefused(await file('complaints', newIp(), email), 'contact.email');
    expect(await counts()).toEqual(before);
  });

  it('reads the address from the JSON of a multipart "data" field', async () => {
    const email = newEmail();
    for (let i = 0; i < EMAIL_POINTS; i++) {
      await post('reports', newIp())
        .field('data', JSON.stringify(body('reports', email)))
        .expect(201);
    }
    const res = await post('reports', newIp()).field(
      'data',
      JSON.stringify(body('reports', email))
    );
    expectRefused(res, 'contact.email');
  });
});

describe('per IP', () => {
  it(`accepts ${IP_POINTS} cases from one IP with different addresses, then refuses`, async () => {
    const ip = newIp();
    for (let i = 0; i < IP_POINTS; i++) {
      await file('reports', ip, newEmail()).expect(201);
    }
    const before = await counts();
    expectRefused(await file('reports', ip, newEmail()));
    expect(await counts()).toEqual(before);

    if (isPostgres(strapi)) {
      expect(await storedPoints('intake_ip', ip)).toBe(IP_POINTS + 1);
    }
  });

  it('counts the IP across the three endpoints, invalid attempts included', async () => {
    const ip = newIp();
    await file('reports', ip, newEmail()).expect(201);
    await file('requests', ip, newEmail()).expect(201);
    await file('complaints', ip, newEmail()).expect(201);
    // Refused by validation, but attempts all the same: the limit comes before validation.
    await post('requests', ip).send({ subject: 'x' }).expect(400);
    await post('complaints', ip).send({}).expect(400);
    expectRefused(await file('reports', ip, newEmail()));
    expectRefused(await file('requests', ip, newEmail()));
    expectRefused(await post('complaints', ip).send({}));
  });

  it('lets exactly the budget through when attempts arrive all at once', async () => {
    const ip = newIp();
    const statuses = (
      await Promise.all(Array.from({ length: 4 * IP_POINTS }, () => post('requests', ip).send({})))
    ).map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(IP_POINTS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3 * IP_POINTS);
  });

  it('behind a trusted proxy, two X-Forwarded-For addresses are counted separately', async () => {
    const [first, second] = [newIp(), newIp()];
    for (let i = 0; i < IP_POINTS; i++) await post('requests', first).send({}).expect(400);
    expectRefused(await post('requests', first).send({}));
    await file('requests', second, newEmail()).expect(201);
  });

  it('a client cannot dodge the limit by writing its own X-Forwarded-For in front', async () => {
    // The proxy appends the address it saw; with one trusted hop, only that one counts.
    const real = newIp();
    for (let i = 0; i < IP_POINTS; i++) {
      await post('requests', `${newIp()}, ${real}`).send({}).expect(400);
    }
    expectRefused(await post('requests', `${newIp()}, ${real}`).send({}));
  });

  it('without a trusted proxy, X-Forwarded-For is ignored: the socket address counts', async () => {
    strapi.server.app.proxy = false;
    try {
      // Whatever this file's earlier requests left on 127.0.0.1, at most IP_POINTS more get in.
      const statuses: number[] = [];
      for (let i = 0; i <= IP_POINTS; i++) {
        statuses.push((await post('requests', newIp()).send({})).status);
      }
      expect(statuses).toContain(429);
    } finally {
      strapi.server.app.proxy = true;
    }
  });
});

it('staff integrations with an API token are not limited', async () => {
  const token = await fullAccessToken(strapi);
  const ip = newIp();
  for (let i = 0; i <= IP_POINTS; i++) {
    const res = await post('requests', ip).set('Authorization', `Bearer ${token}`).send({});
    expect(res.status).not.toBe(429);
  }
});

it('can be switched off', async () => {
  strapi.config.set('benecomune.rateLimit.enabled', false);
  appRateLimit.resetRateLimiters(strapi);
  try {
    const ip = newIp();
    for (let i = 0; i <= IP_POINTS; i++) await post('requests', ip).send({}).expect(400);
  } finally {
    strapi.config.set('benecomune.rateLimit.enabled', true);
    appRateLimit.resetRateLimiters(strapi);
  }
});
