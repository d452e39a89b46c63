/**
 * Emails end to end, from the public intake to a real SMTP server on loopback: the citizen's
 * acknowledgement (code, tracking link, their language), the staff's status changes and answers,
 * and a report's followers, each address once.
 */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { appActor } from '../helpers/app';
import { createOffice, createTopic } from '../helpers/fixtures';
import { complaintBody, newEmail, reportBody, requestBody } from '../helpers/intake';
import { discardQueuedMessages, dispatchAll as dispatchAllQueued } from '../helpers/outbox';
import { TestSmtp } from '../helpers/smtp';
import { startStrapi, stopStrapi } from '../helpers/strapi';

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let topic: { code: string };
const smtp = new TestSmtp();

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  await discardQueuedMessages(strapi);
  const office = await createOffice(strapi);
  topic = await createTopic(strapi, office.documentId);
});
afterAll(async () => {
  await stopStrapi();
  await smtp.stopForApp();
});

const dispatchAll = () => dispatchAllQueued(strapi);

type Uid = 'api::report.report' | 'api::request.request' | 'api::complaint.complaint';
const staff = { type: 'staff' as const, id: '7', name: 'Giulia Operatrice' };

async function staffUpdate(uid: Uid, code: string, data: Record<string, unknown>) {
  const found = await strapi.db.query(uid).findOne({ where: { referenceCode: code } });
  await appActor.runAs(staff, () =>
    strapi.documents(uid).update({ documentId: found.documentId, data: data as never })
  );
  return found.documentId as string;
}

const TRACKING = 'https://www.comune.pisa.example/segnalazioni/';
const CITY = '[Comune di Pisa] ';

describe('the acknowledgement', () => {
  it('reaches an Italian citizen in Italian, with the code and the tracking link', async () => {
    const email = newEmail('ack-it');
    const res = await http
      .post('/api/reports')
      .send(reportBody(topic.code, { contact: { email: email.toUpperCase() } }))
      .expect(201);
    const code = res.body.data.code as string;
    expect(smtp.to(email)).toHaveLength(0); // queued, not sent, until the dispatcher runs
    expect(await dispatchAll()).toBeGreaterThanOrEqual(1);

    const mails = smtp.to(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail.subject).toBe(`${CITY}Segnalazione ${code} ricevuta`);
    expect(mail.text).toContain(code);
    expect(mail.text).toContain(`${TRACKING}${code}`);
    expect(mail.text).toMatch(/Gentile cittadina/);
    expect(mail.html).toContain(code);
    expect(mail.html).toContain(`${TRACKING}${code}`);
    expect(mail.text).not.toContain('undefined');
    const [row] = await strapi.db
      .query('api::notification.notification')
      .findMany({ where: { caseCode: code } });
    expect(row).toMatchObject({ state: 'sent', language: 'it', attempts: 1 });
  });

  it.each([
    ['requests', () => requestBody({ locale: 'en' }), 'Request'],
    ['complaints', () => complaintBody({ locale: 'en' }), 'Complaint'],
    ['reports', () => reportBody(topic.code, { locale: 'en' }), 'Report'],
  ])('reaches an English-speaking citizen in English (%s)', async (type, body, noun) => {
    const sent = body();
    const res = await http.post(`/api/${type}`).send(sent).expect(201);
    const code = res.body.data.code as string;
    await dispatchAll();
    const [mail] = smtp.to(sent.contact.email);
    expect(mail.subject).toBe(`${CITY}${noun} ${code} received`);
    expect(mail.text).toMatch(/Dear citizen/);
    expect(mail.text).toContain(`${TRACKING}${code}`);
  });
});

describe('what the staff does reaches the citizen', () => {
  it('a status change of a report', async () => {
    const email = newEmail('stato');
    const res = await http
      .post('/api/reports')
      .send(reportBody(topic.code, { contact: { email } }))
      .expect(201);
    const code = res.body.data.code as string;
    await staffUpdate('api::report.report', code, { state: 'triaged' });
    await dispatchAll();
    const subjects = smtp.to(email).map((m) => m.subject);
    expect(subjects).toEqual([
      `${CITY}Segnalazione ${code} ricevuta`,
      `${CITY}Segnalazione ${code} – stato: verificata`,
    ]);
    const change = smtp.to(email)[1];
    expect(change.text).toContain(`${TRACKING}${code}`);
    expect(change.text).not.toContain('undefined');
    // The staff member's name is not the citizen's business.
    expect(change.text).not.toContain('Giulia Operatrice');
  });

  it('the answer to a request, with its text', async () => {
    const email = newEmail('risposta');
    const res = await http
      .post('/api/requests')
      .send(requestBody({ contact: { email } }))
      .expect(201);
    const code = res.body.data.code as string;
    await staffUpdate('api::request.request', code, { state: 'assigned' });
    const answer = 'La biblioteca comunale apre alle 9 e chiude alle 19, anche in agosto.';
    await staffUpdate('api::request.request', code, { state: 'answered', answer });
    await dispatchAll();
    const mails = smtp.to(email);
    expect(mails.map((m) => m.subject)).toEqual([
      `${CITY}Richiesta ${code} ricevuta`,
      `${CITY}Richiesta ${code} – stato: assegnata all'ufficio competente`,
      `${CITY}Risposta alla richiesta ${code}`,
    ]);
    expect(mails[2].text).toContain(answer);
    expect(mails[2].html).toContain('La biblioteca comunale apre alle 9');
  });

  it('a report and its followers: one email per address, the citizen too', async () => {
    const citizenEmail = newEmail('autore');
    const followerEmail = newEmail('seguace');
    const master = await http
      .post('/api/reports')
      .send(reportBody(topic.code, { contact: { email: citizenEmail } }))
      .expect(201);
    // The follower filed a duplicate of the same problem, in English.
    const duplicate = await http
      .post('/api/reports')
      .send(reportBody(topic.code, { contact: { email: followerEmail }, locale: 'en' }))
      .expect(201);
    await dispatchAll();
    const citizens = strapi.db.query('api::citizen.citizen');
    const author = await citizens.findOne({ where: { email: citizenEmail } });
    const follower = await citizens.findOne({ where: { email: followerEmail } });
    const code = master.body.data.code as string;

    // Merging the duplicate makes its citizen a follower; the author is listed as well.
    const masterId = await staffUpdate('api::report.report', code, {
      followers: {
        connect: [{ documentId: author.documentId }, { documentId: follower.documentId }],
      },
    });
    await staffUpdate('api::report.report', duplicate.body.data.code, {
      state: 'duplicate',
      duplicateOf: masterId,
    });
    await staffUpdate('api::report.report', code, { state: 'triaged' });
    await dispatchAll();

    const aboutMaster = (address: string) =>
      smtp.to(address).filter((m) => m.subject?.includes(code));
    expect(aboutMaster(citizenEmail).map((m) => m.subject)).toEqual([
      `${CITY}Segnalazione ${code} ricevuta`,
      `${CITY}Segnalazione ${code} – stato: verificata`,
    ]);
    expect(aboutMaster(followerEmail).map((m) => m.subject)).toEqual([
      `${CITY}Report ${code} – status: verified`,
    ]);
    // Nothing queued twice either, whatever the dispatcher does.
    const queued = await strapi.db
      .query('api::notification.notification')
      .findMany({ where: { caseCode: code, template: 'case_status_changed' } });
    expect(queued.map((n: { recipient: string }) => n.recipient).sort()).toEqual(
      [citizenEmail, followerEmail].sort()
    );
  });
});
