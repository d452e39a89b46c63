/** Reference codes are unique, consecutive and gapless per type and year, even under concurrency. */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { parseReferenceCode } from '../../src/domain/reference-code';
import { startStrapi, stopStrapi } from '../helpers/strapi';
import { createReport } from '../helpers/fixtures';
import { requestBody } from '../helpers/intake';

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(stopStrapi);

const sequence = (code: string) => parseReferenceCode(code)!.sequence;

it('200 concurrent public requests over HTTP get 200 distinct consecutive codes', async () => {
  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      request(strapi.server.httpServer)
        .post('/api/requests')
        .send(
          requestBody({
            subject: `Richiesta ${i}`,
            description: 'Richiesta concorrente numero ' + i,
          })
        )
    )
  );
  expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
  const numbers = responses.map((r) => sequence(r.body.data.code)).sort((a, b) => a - b);
  expect(new Set(numbers).size).toBe(200);
  expect(numbers[199] - numbers[0]).toBe(199);
  // Each answer's code is the one stored: nothing was renumbered after answering.
  const stored = await strapi.db.query('api::request.request').findMany({
    where: { referenceCode: { $in: responses.map((r) => r.body.data.code) } },
    select: ['referenceCode'],
  });
  expect(stored).toHaveLength(200);
});

it('a refused public intake consumes no number', async () => {
  const first = await request(strapi.server.httpServer)
    .post('/api/requests')
    .send(requestBody())
    .expect(201);
  // A blocked citizen is refused inside the intake's transaction.
  const blocked = await strapi.documents('api::citizen.citizen').create({
    data: { email: `blocked-${Date.now()}@example.org`, blocked: true } as never,
  });
  await request(strapi.server.httpServer)
    .post('/api/requests')
    .send(requestBody({ contact: { email: (blocked as unknown as { email: string }).email } }))
    .expect(403);
  const next = await request(strapi.server.httpServer)
    .post('/api/requests')
    .send(requestBody())
    .expect(201);
  expect(sequence(next.body.data.code)).toBe(sequence(first.body.data.code) + 1);
});

it('a creation that fails gives its number back: no gap', async () => {
  const first = await createReport(strapi, {});
  await expect(createReport(strapi, { description: 'corta' })).rejects.toThrow();
  const next = await createReport(strapi, {});
  expect(sequence(next.referenceCode)).toBe(sequence(first.referenceCode) + 1);
});

it('the database itself refuses a duplicate code', async () => {
  const report = await createReport(strapi, {});
  let failure = 'inserted';
  try {
    await strapi.db.connection('reports').insert({
      document_id: 'dup-test-000000000000000',
      reference_code: report.referenceCode,
      state: 'received',
      description: 'duplicato',
    });
  } catch (e) {
    failure = String((e as Error).message);
  }
  expect(failure).toMatch(/unique/i);
});
