/**
 * Response templates: kept by operators in the admin content manager (a save with an unknown
 * placeholder or a state foreign to the kind is refused, naming the field), never public, and
 * offered by GET /urp-console/cases/:code/templates for the case at hand, most specific first,
 * filled in with the case's values in the language asked.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import {
  createCitizen,
  createOffice,
  createReport,
  createTopic,
  unique,
} from '../helpers/fixtures';
import { seedResponseTemplates } from '../../src/seed/response-templates';
import { createStaffUser, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const UID = 'api::response-template.response-template';
const CM = `/content-manager/collection-types/${UID}`;

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
const users: Record<string, StaffUser> = {};
const office: Record<string, { documentId: string }> = {};
const topic: Record<string, { documentId: string; code: string }> = {};
/** This suite's templates carry the tag in their names: suites share the database. */
const tag = unique('tpl');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Item = Record<string, any> & { name: string };
const mine = (items: Item[]) => items.filter((t) => t.name.startsWith(tag));

async function template(name: string, data: Record<string, unknown>) {
  return strapi.documents(UID).create({
    data: { name: `${tag} ${name}`, kind: 'any', active: true, ...data } as never,
  });
}

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  for (const name of ['A', 'B']) {
    office[name] = await createOffice(strapi);
    topic[name] = await createTopic(strapi, office[name].documentId);
  }
  users.operator = await createStaffUser(strapi, { roles: ['bc-urp-operator'] });
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
  users.editor = await createStaffUser(strapi, { roles: ['bc-editor'] });

  await template('generica', {
    bodyIt: 'Gentile {{citizenName}}, pratica {{referenceCode}} ({{status}}).',
    bodyEn: 'Dear {{citizenName}}, case {{referenceCode}} ({{status}}).',
  });
  await template('segnalazioni', {
    kind: 'report',
    bodyIt: 'Segnalazione {{referenceCode}} presso {{office}}, entro il {{dueDate}}.',
  });
  await template('argomento A', {
    kind: 'report',
    topic: topic.A.documentId,
    bodyIt: 'Argomento {{topic}}: {{referenceCode}}. Segua: {{trackingUrl}} ({{cityName}})',
    bodyEn: 'Topic {{topic}}: {{referenceCode}}. Follow: {{trackingUrl}} ({{cityName}})',
  });
  await template('argomento A, ricevuta', {
    kind: 'report',
    topic: topic.A.documentId,
    state: 'received',
    bodyIt: 'Ricevuta: {{referenceCode}}',
    bodyEn: 'Received: {{referenceCode}}',
  });
  // These do not fit a received report of topic A:
  await template('argomento B', { kind: 'report', topic: topic.B.documentId, bodyIt: 'B' });
  await template('verificata', { kind: 'report', state: 'triaged', bodyIt: 'Verificata' });
  await template('richieste', { kind: 'request', bodyIt: 'Richiesta {{referenceCode}}' });
  await template('spenta', { kind: 'report', active: false, bodyIt: 'Non più usata' });
});

afterAll(stopStrapi);

function templatesOf(code: string, who: StaffUser, locale?: string) {
  return http
    .get(`/urp-console/cases/${code}/templates`)
    .query(locale ? { locale } : {})
    .set('Authorization', `Bearer ${who.jwt}`);
}

async function reportOfA(citizenName: string | null = 'Maria Rossi') {
  const citizen = await createCitizen(strapi, { name: citizenName });
  return createReport(strapi, { topic: topic.A.documentId, citizen: citizen.documentId });
}

describe('GET /urp-console/cases/:code/templates', () => {
  it('gives the templates that fit the case, most specific first, filled in', async () => {
    const report = await reportOfA();
    const res = await templatesOf(report.referenceCode, users.operator).expect(200);
    const list = mine(res.body.data);
    expect(list.map((t: { name: string }) => t.name.slice(tag.length + 1))).toEqual([
      'argomento A, ricevuta',
      'argomento A',
      'segnalazioni',
      'generica',
    ]);
    expect(res.body.meta).toMatchObject({ code: report.referenceCode, locale: 'it' });
    expect(res.body.meta.placeholders).toEqual(
      expect.arrayContaining(['referenceCode', 'citizenName', 'office', 'dueDate', 'status'])
    );

    const [received, byTopic, reports, generic] = list;
    expect(received).toMatchObject({
      kind: 'report',
      state: 'received',
      topic: { documentId: topic.A.documentId },
      locale: 'it',
      text: `Ricevuta: ${report.referenceCode}`,
      missing: [],
      unknown: [],
    });
    expect(received.topic.name).toMatch(/^Argomento /);
    expect(received.specificity).toBeGreaterThan(byTopic.specificity);
    expect(byTopic.text).toBe(
      `Argomento ${received.topic.name}: ${report.referenceCode}. ` +
        `Segua: https://www.comune.pisa.example/segnalazioni/${report.referenceCode} (Pisa)`
    );
    const row = await strapi.db.query('api::report.report').findOne({ where: { id: report.id } });
    const due = new Intl.DateTimeFormat('it-IT', {
      timeZone: 'Europe/Rome',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(row.dueAt));
    expect(reports.text).toMatch(/ presso Ufficio office-[0-9a-f]+, entro il /);
    expect(reports.text).toMatch(new RegExp(`entro il ${due}\\.$`));
    expect(generic.text).toBe(`Gentile Maria Rossi, pratica ${report.referenceCode} (ricevuta).`);
  });

  it('in English when asked; a template without an English text stays Italian', async () => {
    const report = await reportOfA('John Smith');
    const list = mine((await templatesOf(report.referenceCode, users.operator, 'en')).body.data);
    const byName = Object.fromEntries(list.map((t) => [t.name.slice(tag.length + 1), t]));
    expect(byName['argomento A, ricevuta']).toMatchObject({
      locale: 'en',
      text: `Received: ${report.referenceCode}`,
    });
    expect(byName.generica.text).toBe(`Dear John Smith, case ${report.referenceCode} (received).`);
    expect(byName.segnalazioni.locale).toBe('it');
    expect(byName.segnalazioni.text).toMatch(/^Segnalazione /);
  });

  it('names what the case lacks (no citizen name) and leaves it blank', async () => {
    const report = await reportOfA(null);
    const list = mine((await templatesOf(report.referenceCode, users.operator)).body.data);
    const generic = list.find((t) => t.name.endsWith('generica')) as Item;
    expect(generic.missing).toEqual(['citizenName']);
    expect(generic.text).toBe(`Gentile , pratica ${report.referenceCode} (ricevuta).`);
  });

  it('follows the state: a triaged report gets the triaged template, not the received one', async () => {
    const report = await reportOfA();
    await strapi
      .documents('api::report.report')
      .update({ documentId: report.documentId, data: { state: 'triaged' } as never });
    const names = mine((await templatesOf(report.referenceCode, users.operator)).body.data).map(
      (t: { name: string }) => t.name.slice(tag.length + 1)
    );
    expect(names).toEqual(['argomento A', 'verificata', 'segnalazioni', 'generica']);
  });

  it('a request gets the templates for requests and for any case', async () => {
    const res = await http
      .post('/api/requests')
      .send({
        subject: 'Orari della biblioteca',
        description: "Vorrei sapere gli orari di apertura della biblioteca d'estate",
        contact: { email: `${unique('tpl')}@example.org` },
        privacyConsent: true,
      })
      .expect(201);
    const names = mine((await templatesOf(res.body.data.code, users.operator)).body.data).map(
      (t: { name: string }) => t.name.slice(tag.length + 1)
    );
    expect(names).toEqual(['richieste', 'generica']);
  });

  it('is scoped like the case: 404 out of reach, also for a technician not on it', async () => {
    const report = await reportOfA();
    await templatesOf(report.referenceCode, users.coordinatorA).expect(200);
    await templatesOf(report.referenceCode, users.control).expect(200);
    await templatesOf(report.referenceCode, users.coordinatorB).expect(404);
    await templatesOf(report.referenceCode, users.technician).expect(404);
    await templatesOf(report.referenceCode, users.editor).expect(403);
    await templatesOf('SEG-2026-999999', users.operator).expect(404);
  });
});

describe('kept in the admin content manager', () => {
  it('operators create and update templates; an unknown placeholder is refused by field', async () => {
    const auth = { Authorization: `Bearer ${users.operator.jwt}` };
    const bad = await http
      .post(CM)
      .set(auth)
      .send({ name: `${tag} refusa`, kind: 'any', bodyIt: 'Gentile {{nomeCittadino}}' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['bodyIt']);
    expect(bad.body.error.message).toContain('{{nomeCittadino}}');
    expect(await strapi.db.query(UID).count({ where: { name: `${tag} refusa` } })).toBe(0);

    const created = await http
      .post(CM)
      .set(auth)
      .send({ name: `${tag} dal CM`, kind: 'complaint', bodyIt: 'Reclamo {{referenceCode}}' });
    expect(created.status).toBeLessThan(300);
    const documentId = created.body.data.documentId as string;

    const badState = await http.put(`${CM}/${documentId}`).set(auth).send({ state: 'in_progress' });
    expect(badState.status).toBe(400);
    expect(badState.body.error.details.errors[0].path).toEqual(['state']);

    const badEn = await http
      .put(`${CM}/${documentId}`)
      .set(auth)
      .send({ bodyEn: 'Complaint {{code}}' });
    expect(badEn.status).toBe(400);
    expect(badEn.body.error.details.errors[0].path).toEqual(['bodyEn']);

    await http
      .put(`${CM}/${documentId}`)
      .set(auth)
      .send({ state: 'answered', bodyEn: 'Complaint {{ referenceCode }}' })
      .expect(200);
    const row = await strapi.db.query(UID).findOne({ where: { documentId } });
    expect(row).toMatchObject({ state: 'answered', bodyEn: 'Complaint {{ referenceCode }}' });
    // Read, create, update: deleting is for administrators.
    await http.delete(`${CM}/${documentId}`).set(auth).expect(403);
  });

  it('coordinators, technicians and editors do not edit them', async () => {
    for (const who of [users.coordinatorA, users.technician, users.editor]) {
      await http.get(CM).set('Authorization', `Bearer ${who.jwt}`).expect(403);
    }
  });

  it('the demo templates are valid and fit cases (Italian and English)', async () => {
    await seedResponseTemplates(strapi);
    expect(await seedResponseTemplates(strapi)).toBe(0); // idempotent
    const report = await reportOfA();
    for (const locale of ['it', 'en']) {
      const list = (await templatesOf(report.referenceCode, users.operator, locale)).body.data;
      const welcome = list.find((t: { name: string }) => t.name === 'Presa in carico');
      expect(welcome).toMatchObject({ locale, missing: [], unknown: [] });
      expect(welcome.text).toContain(report.referenceCode);
      expect(welcome.text).toContain('Maria Rossi');
    }
  });
});

describe('never public', () => {
  it('neither the REST API nor GraphQL serves them', async () => {
    await http.get('/api/response-templates').expect(403);
    const res = await http.post('/graphql').send({ query: '{ responseTemplates { name } }' });
    expect(JSON.stringify(res.body)).toMatch(/Cannot query field/);
  });
});
