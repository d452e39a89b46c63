/**
 * The catalogue for the city website: the organisation tree in one answer, the service search
 * (accents, capitals, plurals, ranking, locales, published only) with its anonymised statistics
 * for editors, and cache validators on the public answers.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { STAFF_ROLES } from '../../src/domain/staff-scope';
import { etagOf } from '../../src/lib/catalogue/http-cache';
import { unique } from '../helpers/fixtures';
import { createStaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;

/** A made-up word of letters only, so the search finds this suite's cards and no others. */
const tag = `kz${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;

type Doc = { documentId: string };
const link = (documentId: string) => ({
  connect: [{ documentId, locale: 'it', status: 'draft' }],
});

async function office(name: string, kind: string, parent?: string, publish = true) {
  const docs = strapi.documents('api::office.office');
  const created = (await docs.create({
    locale: 'it',
    data: { name, slug: unique('o'), kind, ...(parent ? { parent: link(parent) } : {}) } as never,
  })) as unknown as Doc;
  if (publish) await docs.publish({ documentId: created.documentId, locale: 'it' });
  return created;
}

async function service(
  data: { title: string; summary: string; office?: string; topics?: string[] },
  publish = true,
  english?: { title: string; summary: string }
) {
  const docs = strapi.documents('api::service.service');
  const slug = unique('s');
  const created = (await docs.create({
    locale: 'it',
    data: {
      title: data.title,
      slug,
      summary: data.summary,
      availability: 'active',
      ...(data.office ? { responsibleOffice: link(data.office) } : {}),
      ...(data.topics
        ? {
            topics: {
              connect: data.topics.map((d) => ({ documentId: d, locale: 'it', status: 'draft' })),
            },
          }
        : {}),
    } as never,
  })) as unknown as Doc;
  if (english) {
    await docs.update({
      documentId: created.documentId,
      locale: 'en',
      data: {
        title: english.title,
        slug,
        summary: english.summary,
        availability: 'active',
      } as never,
    });
  }
  if (publish) await docs.publish({ documentId: created.documentId, locale: '*' });
  return { ...created, slug };
}

let area: Doc, sector: Doc, unit: Doc, draftUnit: Doc;
let certificate: Doc & { slug: string }, business: Doc, onlySummary: Doc, draft: Doc;
let topic: Doc;

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  area = await office(`Area servizi ${tag}`, 'area');
  sector = await office(`Settore demografici ${tag}`, 'sector', area.documentId);
  unit = await office(`Ufficio anagrafe ${tag}`, 'office', sector.documentId);
  draftUnit = await office(`Ufficio in bozza ${tag}`, 'office', sector.documentId, false);
  const topics = strapi.documents('api::topic.topic');
  topic = (await topics.create({
    locale: 'it',
    data: { name: `Anagrafe ${tag}`, slug: unique('t'), code: unique('T').toUpperCase() } as never,
  })) as unknown as Doc;
  await topics.publish({ documentId: topic.documentId, locale: 'it' });

  certificate = await service(
    {
      title: `Certificato di residenza ${tag}`,
      summary: 'Richiedere il documento che attesta la residenza.',
      office: unit.documentId,
      topics: [topic.documentId],
    },
    true,
    { title: `Residence certificate ${tag}`, summary: 'Ask for the residence document.' }
  );
  business = await service({
    title: `Attività produttive ${tag}`,
    summary: "Aprire un'impresa o un negozio.",
    office: unit.documentId,
  });
  onlySummary = await service({
    title: `Sportello polifunzionale ${tag}`,
    summary: 'Anche certificati e autentiche di firma.',
  });
  draft = await service(
    { title: `Certificato segreto ${tag}`, summary: 'Ancora in bozza.', office: unit.documentId },
    false
  );
});
afterAll(stopStrapi);

describe('GET /api/offices/tree', () => {
  interface Node {
    documentId: string;
    name: string;
    kind: string;
    servicesCount: number;
    subtreeServicesCount: number;
    children: Node[];
  }

  it('gives the published organisation as a tree, each office with its services count', async () => {
    const res = await http.get('/api/offices/tree').expect(200);
    const root = (res.body.data as Node[]).find((n) => n.documentId === area.documentId)!;
    expect(root).toMatchObject({ kind: 'area', name: `Area servizi ${tag}` });
    expect(root.children.map((c) => c.documentId)).toEqual([sector.documentId]);
    const [sectorNode] = root.children;
    // The draft office is not there, and the draft service is not counted.
    expect(sectorNode.children.map((c) => c.documentId)).toEqual([unit.documentId]);
    expect(sectorNode.children[0]).toMatchObject({ servicesCount: 2, subtreeServicesCount: 2 });
    expect(root).toMatchObject({ servicesCount: 0, subtreeServicesCount: 2 });
    expect(JSON.stringify(res.body)).not.toContain(draftUnit.documentId);
  });

  it('answers in a locale, and refuses one it does not have naming the field', async () => {
    const en = await http.get('/api/offices/tree').query({ locale: 'en' }).expect(200);
    expect(JSON.stringify(en.body)).not.toContain(area.documentId);
    const bad = await http.get('/api/offices/tree').query({ locale: 'xx' }).expect(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['locale']);
  });
});

describe('GET /api/services/search', () => {
  const search = (q: string, extra: Record<string, string> = {}) =>
    http.get('/api/services/search').query({ q, ...extra });
  const ids = (res: request.Response) =>
    (res.body.data as { documentId: string }[]).map((h) => h.documentId);

  it('finds a card whatever the capitals and accents, plural or singular', async () => {
    for (const q of [
      `certificato ${tag}`,
      `CERTIFICATI ${tag.toUpperCase()}`,
      `certificàti ${tag}`,
    ]) {
      const res = await search(q).expect(200);
      expect(ids(res)).toContain(certificate.documentId);
    }
    const accents = await search(`attivita produttiva ${tag}`).expect(200);
    expect(ids(accents)).toEqual([business.documentId]);
  });

  it('ranks a match in the title above one in the summary, and searches topic names', async () => {
    const res = await search(`certificato ${tag}`).expect(200);
    expect(ids(res)).toEqual([certificate.documentId, onlySummary.documentId]);
    expect(res.body.data[0].score).toBeGreaterThan(res.body.data[1].score);
    expect(res.body.meta).toMatchObject({ total: 2, start: 0, limit: 10 });
    expect(res.body.data[0]).toMatchObject({
      slug: certificate.slug,
      topics: [{ name: `Anagrafe ${tag}` }],
      responsibleOffice: { name: `Ufficio anagrafe ${tag}` },
    });
    const byTopic = await search(`anagrafe ${tag}`).expect(200);
    expect(ids(byTopic)).toEqual([certificate.documentId]);
  });

  it('never finds a draft, and searches the locale asked for', async () => {
    const res = await search(`segreto ${tag}`).expect(200);
    expect(res.body.data).toEqual([]);
    expect(JSON.stringify(res.body)).not.toContain(draft.documentId);
    const en = await search(`residence ${tag}`, { locale: 'en' }).expect(200);
    expect(en.body.data.map((h: { title: string }) => h.title)).toEqual([
      `Residence certificate ${tag}`,
    ]);
  });

  it('pages through the hits', async () => {
    const second = await search(`certificato ${tag}`, { start: '1', limit: '1' }).expect(200);
    expect(ids(second)).toEqual([onlySummary.documentId]);
    expect(second.body.meta.total).toBe(2);
    const past = await search(`certificato ${tag}`, { start: '5', limit: '1' }).expect(200);
    expect(past.body).toMatchObject({ data: [], meta: { total: 2 } });
  });

  it.each([
    [{}, 'q'],
    [{ q: 'a' }, 'q'],
    [{ q: 'x'.repeat(201) }, 'q'],
    [{ q: 'certificato', limit: '0' }, 'limit'],
    [{ q: 'certificato', limit: 'many' }, 'limit'],
    [{ q: 'certificato', start: '-1' }, 'start'],
    [{ q: 'certificato', locale: 'de' }, 'locale'],
  ])('refuses %j naming %s', async (query, field) => {
    const res = await http.get('/api/services/search').query(query).expect(400);
    expect(res.body.error.details.errors[0].path).toEqual([field]);
  });
});

describe('search statistics', () => {
  it('counts the searches per text, keeps what found nothing, and never a contact', async () => {
    const missing = `parcheggio ${tag} notturno`;
    await http
      .get('/api/services/search')
      .query({ q: `Residènza ${tag}` })
      .expect(200);
    await http
      .get('/api/services/search')
      .query({ q: `residenza  ${tag} ` })
      .expect(200);
    await http.get('/api/services/search').query({ q: missing }).expect(200);
    await http
      .get('/api/services/search')
      .query({ q: `${tag} mario.rossi@example.org 333 1234567` })
      .expect(200);

    const editor = await createStaffUser(strapi, { roles: [STAFF_ROLES.editor] });
    const res = await http
      .get('/urp-console/searches')
      .query({ limit: '100' })
      .set('Authorization', `Bearer ${editor.jwt}`)
      .expect(200);
    const report = res.body.data;
    const mine = (rows: { query: string }[]) => rows.filter((r) => r.query.includes(tag));
    expect(mine(report.top)).toContainEqual({
      query: `residenza ${tag}`,
      searches: 2,
      withoutResults: 0,
      averageResults: 1,
    });
    expect(mine(report.notFound).map((r) => r.query)).toContain(`parcheggio ${tag} notturno`);
    const stored = JSON.stringify(await strapi.db.connection('bc_search_stats').select('*'));
    expect(stored).not.toContain('mario');
    expect(stored).not.toContain('1234567');
    expect(stored).toContain(`${tag} email telefono`);
    // Only what the issue names: the text, its counts, its day and locale.
    const [row] = await strapi.db.connection('bc_search_stats').select('*').limit(1);
    expect(Object.keys(row).sort()).toEqual(
      ['day', 'locale', 'query', 'results_total', 'searches', 'zero_results'].sort()
    );
  });

  it('is for editors and operators, not for technicians', async () => {
    const technician = await createStaffUser(strapi, { roles: [STAFF_ROLES.technician] });
    await http
      .get('/urp-console/searches')
      .set('Authorization', `Bearer ${technician.jwt}`)
      .expect(403);
    const operator = await createStaffUser(strapi, { roles: [STAFF_ROLES.operator] });
    await http
      .get('/urp-console/searches')
      .set('Authorization', `Bearer ${operator.jwt}`)
      .expect(200);
    const bad = await http
      .get('/urp-console/searches')
      .query({ from: '2026-13-01' })
      .set('Authorization', `Bearer ${operator.jwt}`)
      .expect(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['from']);
  });
});

describe('cache validators on the public catalogue', () => {
  it('answers 304 while nothing changed, and the new content as soon as an editor publishes', async () => {
    const url = `/api/services?filters[slug][$eq]=${certificate.slug}`;
    const first = await http.get(url).expect(200);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    // The body is the JSON the tag was computed from, still typed as JSON.
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers.etag).toBe(etagOf(first.text));
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"/);
    const again = await http.get(url).set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    // As the Fetch standard sends it (a website's server revalidating with fetch()).
    await http
      .get(url)
      .set('If-None-Match', etag)
      .set('Cache-Control', 'no-cache')
      .set('Pragma', 'no-cache')
      .expect(304);

    const docs = strapi.documents('api::service.service');
    await docs.update({
      documentId: certificate.documentId,
      locale: 'it',
      data: { title: `Certificato di residenza aggiornato ${tag}` } as never,
    });
    // A saved draft changes nothing for the public...
    await http.get(url).set('If-None-Match', etag).expect(304);
    await docs.publish({ documentId: certificate.documentId, locale: 'it' });
    // ...its publication at once.
    const after = await http.get(url).set('If-None-Match', etag).expect(200);
    expect(after.body.data[0].title).toBe(`Certificato di residenza aggiornato ${tag}`);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('validates the tree and the search too, and marks a signed-in answer private', async () => {
    const tree = await http.get('/api/offices/tree').expect(200);
    await http.get('/api/offices/tree').set('If-None-Match', tree.headers.etag).expect(304);
    const found = await http.get('/api/services/search').query({ q: tag }).expect(200);
    expect(found.headers.etag).toBeDefined();
    const token = await strapi.service('admin::api-token').create({
      name: unique('website'),
      type: 'read-only',
      lifespan: null,
      permissions: [],
    });
    const res = await http
      .get('/api/topics')
      .set('Authorization', `Bearer ${token.accessKey}`)
      .expect(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
  });
});

describe('the search follows what editors publish', () => {
  const ids = async (q: string) =>
    ((await http.get('/api/services/search').query({ q }).expect(200)).body.data as Doc[]).map(
      (h) => h.documentId
    );

  it('finds a card by its new title, topic name and state once published, not before', async () => {
    const services = strapi.documents('api::service.service');
    expect(await ids(`produttive ${tag}`)).toEqual([business.documentId]);
    await services.update({
      documentId: business.documentId,
      locale: 'it',
      data: { title: `Sportello unico economia ${tag}` } as never,
    });
    // A saved draft is not what the public searches...
    expect(await ids(`economia ${tag}`)).toEqual([]);
    await services.publish({ documentId: business.documentId, locale: 'it' });
    // ...its publication is.
    expect(await ids(`economia ${tag}`)).toEqual([business.documentId]);
    expect(await ids(`produttive ${tag}`)).toEqual([]);

    const topics = strapi.documents('api::topic.topic');
    await topics.update({
      documentId: topic.documentId,
      locale: 'it',
      data: { name: `Stato civile ${tag}` } as never,
    });
    await topics.publish({ documentId: topic.documentId, locale: 'it' });
    expect(await ids(`civile ${tag}`)).toEqual([certificate.documentId]);

    await services.unpublish({ documentId: certificate.documentId, locale: 'it' });
    expect(await ids(`civile ${tag}`)).toEqual([]);
  });
});
