/** The demo municipality is complete, believable, bilingual and seeded only once. */
import type { Core } from '@strapi/strapi';
import {
  offices as officeSeeds,
  services as serviceSeeds,
  topics as topicSeeds,
  boundary,
} from '../../src/seed/data';
import { appDemo } from '../helpers/app';
import { REPORT_STATUSES } from '../../src/domain/lifecycle';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
/** The last case ids before the seed: suites earlier in the run leave cases (and topics) behind. */
const before: Record<string, number> = {};
beforeAll(async () => {
  strapi = await startStrapi();
  for (const table of ['reports', 'requests', 'complaints']) {
    const [{ last }] = await strapi.db.connection(table).max({ last: 'id' });
    before[table] = Number(last ?? 0);
  }
  await appDemo.seedDemo(strapi);
});
afterAll(stopStrapi);

const published = async (
  uid: 'api::office.office' | 'api::topic.topic' | 'api::service.service',
  locale: string
) =>
  (await strapi
    .documents(uid)
    .findMany({ locale, status: 'published', limit: 1000 } as never)) as unknown as Array<
    Record<string, unknown>
  >;

it('publishes the organisation tree in Italian and English, with URP, control body and management', async () => {
  const slugs = new Set(officeSeeds.map((o) => o.slug));
  const it = (await published('api::office.office', 'it')).filter((o) =>
    slugs.has(o.slug as string)
  );
  const en = (await published('api::office.office', 'en')).filter((o) =>
    slugs.has(o.slug as string)
  );
  expect(it.length).toBeGreaterThanOrEqual(12);
  expect(en.length).toBe(it.length);
  const kinds = new Set(it.map((o) => o.kind));
  for (const kind of ['area', 'sector', 'office', 'urp', 'control_body', 'management'])
    expect(kinds).toContain(kind);
  const child = officeSeeds.find((o) => o.parentSlug)!;
  const [withParent] = (await strapi.documents('api::office.office').findMany({
    locale: 'en',
    status: 'published',
    filters: { slug: child.slug },
    populate: ['parent'],
  } as never)) as unknown as Array<{ name: string; parent: { slug: string } }>;
  expect(withParent.parent.slug).toBe(child.parentSlug);
  expect(withParent.name).toBe(child.name.en);
});

it('seeds at least 3 teams, 15 topics with service levels and 12 services in both languages', async () => {
  expect(await strapi.db.query('api::team.team').count()).toBeGreaterThanOrEqual(3);
  const topicSlugs = new Set(topicSeeds.map((t) => t.slug));
  const topics = (await published('api::topic.topic', 'en')).filter((t) =>
    topicSlugs.has(t.slug as string)
  );
  expect(topics.length).toBeGreaterThanOrEqual(15);
  expect(topics.every((t) => Number(t.resolutionDays) > 0)).toBe(true);
  const serviceSlugs = new Set(serviceSeeds.map((s) => s.slug));
  for (const locale of ['it', 'en']) {
    const services = (await published('api::service.service', locale)).filter((s) =>
      serviceSlugs.has(s.slug as string)
    );
    expect(services.length).toBeGreaterThanOrEqual(12);
  }
});

it('spreads a few hundred cases over the last 90 days in every status, inside the city', async () => {
  const db = strapi.db.connection;
  const seeded = (table: string) => db(table).where('id', '>', before[table]);
  const reports = await seeded('reports');
  const requests = await seeded('requests').count({ n: '*' });
  const complaints = await seeded('complaints').count({ n: '*' });
  expect(reports.length + Number(requests[0].n) + Number(complaints[0].n)).toBeGreaterThanOrEqual(
    300
  );
  const statuses = new Set(reports.map((r: { state: string }) => r.state));
  for (const s of REPORT_STATUSES) expect(statuses).toContain(s);
  const lons = boundary.coordinates[0].map((p) => p[0]);
  const lats = boundary.coordinates[0].map((p) => p[1]);
  for (const r of reports as Array<{
    latitude: number;
    longitude: number;
    received_at: string | number;
  }>) {
    expect(r.latitude).toBeGreaterThanOrEqual(Math.min(...lats));
    expect(r.latitude).toBeLessThanOrEqual(Math.max(...lats));
    expect(r.longitude).toBeGreaterThanOrEqual(Math.min(...lons));
    expect(r.longitude).toBeLessThanOrEqual(Math.max(...lons));
  }
});

it('generated cases are readable through the Document Service with their relations and timeline', async () => {
  // Any closed report of a demo topic (which topics get closed reports depends on the day's dates).
  const demoTopics = await strapi.db.query('api::topic.topic').findMany({
    where: { slug: { $in: topicSeeds.map((t) => t.slug) } },
    select: ['documentId'],
  });
  const [report] = (await strapi.documents('api::report.report').findMany({
    filters: {
      state: 'closed',
      topicKey: { $in: demoTopics.map((t: { documentId: string }) => t.documentId) },
    },
    populate: ['office', 'topic', 'citizen', 'events'],
    limit: 1,
  } as never)) as unknown as Array<{
    office: { documentId: string };
    topic: unknown;
    citizen: unknown;
    events: Array<{ type: string }>;
    officeKey: string;
  }>;
  expect(report).toBeDefined();
  expect(report.office).toBeTruthy();
  expect(report.topic).toBeTruthy();
  expect(report.citizen).toBeTruthy();
  expect(report.events.map((e) => e.type)).toContain('created');
  expect(report.events.length).toBeGreaterThanOrEqual(6);
});

it('does not seed again when data exists', async () => {
  const before = await strapi.db.query('api::office.office').count();
  expect(await appDemo.seedDemoIfEmpty(strapi)).toBe(false);
  expect(await strapi.db.query('api::office.office').count()).toBe(before);
});

it('publishes the demo surveys in Italian and English, each linked to its services, with answers', async () => {
  for (const [locale, slug] of [
    ['it', 'servizi-anagrafici'],
    ['en', 'registry-services'],
  ]) {
    const [survey] = (await strapi.documents('api::survey.survey').findMany({
      locale,
      status: 'published',
      filters: { slug },
      populate: { services: true, offices: true, questions: true },
    } as never)) as unknown as {
      documentId: string;
      services: unknown[];
      offices: unknown[];
      questions: unknown[];
    }[];
    expect(survey.services).toHaveLength(2);
    expect(survey.offices).toHaveLength(1);
    expect(survey.questions).toHaveLength(6);
    const answers = await strapi.db
      .query('api::survey-response.survey-response')
      .count({ where: { surveyDocumentId: survey.documentId } });
    expect(answers).toBe(40);
  }
});

it('gives the website searches page a month of searches, found and not found', async () => {
  const http = (await import('supertest')).default(strapi.server.httpServer);
  // The demo's searches ran through the real search: the identity card is found...
  const found = await http.get('/api/services/search').query({ q: "carta d'identità" }).expect(200);
  expect(found.body.data[0].slug).toBe('carta-identita-elettronica');
  const rows = (await strapi.db.connection('bc_search_stats').select('*')) as {
    query: string;
    searches: number;
    zero_results: number;
    results_total: number;
  }[];
  const of = (q: string) => rows.filter((r) => r.query === q);
  expect(of('carta d identita').length).toBeGreaterThanOrEqual(25);
  expect(of('carta d identita').every((r) => r.zero_results === 0 && r.results_total > 0)).toBe(
    true
  );
  // ...and a wedding is not in the demo catalogue: a page to write.
  expect(of('matrimonio civile').every((r) => r.zero_results === r.searches)).toBe(true);
});
