/** Small, unique test data built through the real Document Service. */
import type { Core } from '@strapi/strapi';
import { randomBytes } from 'crypto';
import request from 'supertest';

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

export async function createOffice(strapi: Core.Strapi, extra: Record<string, unknown> = {}) {
  const slug = unique('office');
  const docs = strapi.documents('api::office.office');
  const office = await docs.create({
    locale: 'it',
    data: {
      name: `Ufficio ${slug}`,
      slug,
      kind: 'office',
      email: `${slug}@comune.example`,
      ...extra,
    } as never,
  });
  await docs.publish({ documentId: office.documentId, locale: '*' });
  return office as unknown as { id: number; documentId: string; slug: string };
}

export async function createTopic(
  strapi: Core.Strapi,
  officeDocumentId: string,
  extra: Record<string, unknown> = {}
) {
  const slug = unique('topic');
  const docs = strapi.documents('api::topic.topic');
  const topic = await docs.create({
    locale: 'it',
    data: {
      name: `Argomento ${slug}`,
      slug,
      code: slug.toUpperCase(),
      acceptsReports: true,
      acceptsRequests: true,
      acceptsComplaints: true,
      resolutionDays: 15,
      urgentResolutionHours: 24,
      defaultOffice: { connect: [{ documentId: officeDocumentId, locale: 'it', status: 'draft' }] },
      ...extra,
    } as never,
  });
  await docs.publish({ documentId: topic.documentId, locale: '*' });
  return topic as unknown as { id: number; documentId: string; code: string };
}

export async function createService(strapi: Core.Strapi, officeDocumentId: string) {
  const slug = unique('service');
  const docs = strapi.documents('api::service.service');
  const service = await docs.create({
    locale: 'it',
    data: {
      title: `Servizio ${slug}`,
      slug,
      summary: 'Un servizio comunale di prova',
      availability: 'active',
      responsibleOffice: {
        connect: [{ documentId: officeDocumentId, locale: 'it', status: 'draft' }],
      },
    } as never,
  });
  await docs.publish({ documentId: service.documentId, locale: '*' });
  return service as unknown as { id: number; documentId: string; slug: string };
}

export async function createCitizen(strapi: Core.Strapi, extra: Record<string, unknown> = {}) {
  return (await strapi.documents('api::citizen.citizen').create({
    data: {
      email: `${unique('citizen')}@example.org`,
      name: 'Maria Rossi',
      phone: '+39 333 1234567',
      ...extra,
    } as never,
  })) as unknown as { id: number; documentId: string; email: string };
}

let spot = 0;
/**
 * A different point of central Pisa at each call (a grid of ~150 m steps), so reports of one topic
 * made by unrelated tests do not fall within each other's duplicate radius.
 */
export function nextSpot(): { latitude: number; longitude: number } {
  const i = spot++;
  return {
    latitude: Math.round((43.706 + (i % 17) * 0.0014) * 1e6) / 1e6,
    longitude: Math.round((10.385 + (Math.floor(i / 17) % 17) * 0.0019) * 1e6) / 1e6,
  };
}

export async function createReport(strapi: Core.Strapi, data: Record<string, unknown>) {
  return (await strapi.documents('api::report.report').create({
    data: {
      description: 'Buca profonda sul manto stradale davanti al civico 12',
      ...nextSpot(),
      declaredUrgency: 3,
      ...data,
    } as never,
  })) as unknown as Record<string, unknown> & {
    id: number;
    documentId: string;
    referenceCode: string;
    state: string;
  };
}

/** An API token with full access, as a staff integration would hold. */
export async function fullAccessToken(strapi: Core.Strapi): Promise<string> {
  const token = await strapi.service('admin::api-token').create({
    name: unique('token'),
    type: 'full-access',
    lifespan: null,
    permissions: [],
  });
  return token.accessKey as string;
}

/** An admin (super admin) session for the admin API and content manager. */
export async function adminJwt(strapi: Core.Strapi): Promise<string> {
  const email = `${unique('staff')}@comune.example`;
  const password = 'Str0ngPassw0rd!';
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    password,
    firstname: 'Giulia',
    lastname: 'Operatrice',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  const res = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email, password })
    .expect(200);
  return res.body.data.token as string;
}

/** Registers a citizen account (users-permissions) linked to a citizen record. */
export async function citizenSession(strapi: Core.Strapi) {
  const username = unique('user');
  const email = `${username}@example.org`;
  const res = await request(strapi.server.httpServer)
    .post('/api/auth/local/register')
    .send({ username, email, password: 'Citt4dino!' })
    .expect(200);
  const citizen = await createCitizen(strapi, { email, user: res.body.user.id });
  return { jwt: res.body.jwt as string, userId: res.body.user.id as number, citizen };
}

/**
 * Closes, as of `at`, every case received before `before` and still open, and clears its next
 * deadline step: suites that place their cases in a past of their own call it when done, so their
 * cases do not stand in a later suite's backlog (console-kpis.test.ts counts whatever is open in
 * March 2019) nor in its deadline sweep.
 */
export async function closeCasesReceivedBefore(strapi: Core.Strapi, before: Date, at: Date) {
  for (const uid of ['api::report.report', 'api::request.request', 'api::complaint.complaint']) {
    await strapi.db.query(uid as 'api::report.report').updateMany({
      where: { receivedAt: { $lt: before }, closedAt: { $null: true } },
      data: { closedAt: at },
    });
    // Nor in a later suite's deadline sweep: a suite on a later clock would escalate them to the
    // first control body it finds, its own (deadlines-concurrency.test.ts counts its emails).
    await strapi.db.query(uid as 'api::report.report').updateMany({
      where: { receivedAt: { $lt: before }, nextActionAt: { $notNull: true } },
      data: { nextActionAt: null },
    });
  }
}
