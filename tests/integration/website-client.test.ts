/**
 * The city website's view of the API, driven the way the website would drive it: Strapi's official
 * JavaScript client (@strapi/client) over real HTTP for the catalogue, the organisation tree, a
 * report and its tracking page; and the same catalogue through a plain GraphQL HTTP request.
 */
import type { Core } from '@strapi/strapi';
import { strapi as strapiClient } from '@strapi/client';
import type { AddressInfo } from 'net';
import { createCitizen, createOffice, createTopic, unique } from '../helpers/fixtures';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let base: string;
let topic: { documentId: string; code: string };
let topicSlug: string;
let office: { documentId: string; slug: string };
const titles = [`Passo carrabile ${unique('x')}`, `Occupazione suolo ${unique('x')}`];
let slugs: string[] = [];

async function publishedService(title: string) {
  const docs = strapi.documents('api::service.service');
  const slug = unique('servizio');
  const created = await docs.create({
    locale: 'it',
    data: {
      title,
      slug,
      summary: 'Una scheda del catalogo.',
      availability: 'active',
      channels: [{ kind: 'online', label: 'Servizio online', url: 'https://comune.example/x' }],
      contacts: [{ label: 'Sportello', email: 'sportello@comune.example', phone: '050 000 000' }],
      responsibleOffice: {
        connect: [{ documentId: office.documentId, locale: 'it', status: 'draft' }],
      },
      topics: { connect: [{ documentId: topic.documentId, locale: 'it', status: 'draft' }] },
    } as never,
  });
  await docs.publish({ documentId: created.documentId, locale: 'it' });
  return slug;
}

beforeAll(async () => {
  strapi = await startStrapi();
  await new Promise<void>((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(strapi.server.httpServer.address() as AddressInfo).port}`;
  office = await createOffice(strapi, { name: `Ufficio suolo pubblico ${unique('u')}` });
  topic = await createTopic(strapi, office.documentId);
  const [row] = await strapi.db
    .query('api::topic.topic')
    .findMany({ where: { documentId: topic.documentId }, limit: 1 });
  topicSlug = row.slug;
  slugs = [];
  for (const title of titles) slugs.push(await publishedService(title));
});
afterAll(async () => {
  await new Promise((resolve) => strapi.server.httpServer.close(resolve));
  await stopStrapi();
});

describe('with @strapi/client', () => {
  const client = () => strapiClient({ baseURL: `${base}/api` });

  it('lists the services of a topic, sorted, with their office', async () => {
    const res = (await client()
      .collection('services')
      .find({
        filters: { topics: { slug: { $eq: topicSlug } } },
        populate: { responsibleOffice: { fields: ['name'] } },
        sort: 'title:asc',
        locale: 'it',
      })) as unknown as { data: { title: string; responsibleOffice: { name: string } }[] };
    expect(res.data.map((s) => s.title)).toEqual([...titles].sort());
    expect(res.data[0].responsibleOffice.name).toMatch(/^Ufficio suolo pubblico/);
  });

  it('fetches one service by its slug with its channels, contacts and topics', async () => {
    const res = (await client()
      .collection('services')
      .find({
        filters: { slug: { $eq: slugs[0] } },
        populate: ['channels', 'contacts', 'topics'],
      })) as unknown as {
      data: {
        title: string;
        channels: { url: string }[];
        contacts: { email: string }[];
        topics: { slug: string }[];
      }[];
    };
    expect(res.data).toHaveLength(1);
    expect(res.data[0]).toMatchObject({
      title: titles[0],
      channels: [{ url: 'https://comune.example/x' }],
      contacts: [{ email: 'sportello@comune.example' }],
      topics: [{ slug: topicSlug }],
    });
  });

  it('reads the organisation tree', async () => {
    const res = await client().fetch('/offices/tree');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { documentId: string; servicesCount: number }[] };
    expect(body.data.find((n) => n.documentId === office.documentId)?.servicesCount).toBe(2);
  });

  it('submits a report and follows it by its code, without the citizen in sight', async () => {
    const citizen = await createCitizen(strapi, { verified: true, name: 'Marta Ricci' });
    const sent = await client().fetch('/reports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        topic: topic.code,
        description: 'Auto parcheggiata davanti al passo carrabile da tre giorni',
        latitude: 43.7151,
        longitude: 10.4012,
        contact: { email: citizen.email, name: 'Marta Ricci', phone: '+39 333 000 1111' },
        privacyConsent: true,
      }),
    });
    const filed = (await sent.json()) as { data: { code: string } };
    expect({ status: sent.status, body: filed }).toMatchObject({
      status: 201,
      body: { data: { code: expect.stringMatching(/^SEG-\d{4}-\d{6}$/) } },
    });
    const tracked = await client().fetch(`/track/${filed.data.code}`);
    expect(tracked.status).toBe(200);
    const page = await tracked.text();
    expect(JSON.parse(page).data).toMatchObject({ code: filed.data.code, state: 'received' });
    expect(page).not.toContain(citizen.email);
    expect(page).not.toContain('Ricci');
    expect(page).not.toContain('1111');
  });
});

describe('with a plain GraphQL request', () => {
  const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect({ status: res.status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    return body.data as Record<string, never>;
  };

  it('lists the services of a topic and reads one by slug with its relations', async () => {
    const list = await graphql(
      `
        query ($topic: String!) {
          services(filters: { topics: { slug: { eq: $topic } } }, sort: "title:asc") {
            title
            slug
          }
        }
      `,
      { topic: topicSlug }
    );
    expect((list.services as { title: string }[]).map((s) => s.title)).toEqual([...titles].sort());
    const one = await graphql(
      `
        query ($slug: String!) {
          services(filters: { slug: { eq: $slug } }) {
            title
            channels {
              kind
              url
            }
            contacts {
              label
              email
            }
            topics {
              name
              code
            }
            responsibleOffice {
              name
              slug
            }
          }
        }
      `,
      { slug: slugs[1] }
    );
    expect(one.services).toEqual([
      {
        title: titles[1],
        channels: [{ kind: 'online', url: 'https://comune.example/x' }],
        contacts: [{ label: 'Sportello', email: 'sportello@comune.example' }],
        topics: [expect.objectContaining({ code: topic.code })],
        responsibleOffice: { name: expect.stringMatching(/^Ufficio suolo/), slug: office.slug },
      },
    ]);
  });

  it('reads the offices with their services', async () => {
    const data = await graphql(
      `
        query ($slug: String!) {
          offices(filters: { slug: { eq: $slug } }) {
            name
            services {
              title
            }
            parent {
              name
            }
          }
        }
      `,
      { slug: office.slug }
    );
    const [found] = data.offices as { services: { title: string }[] }[];
    expect(found.services.map((s) => s.title).sort()).toEqual([...titles].sort());
  });
});
