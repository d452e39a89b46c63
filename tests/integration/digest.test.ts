/**
 * The daily digest end to end, with a real SMTP server: what an office and its coordinators read
 * on Monday morning (the weekend included), that repeated and simultaneous runs send each digest
 * once, that the next working day brings a new one and a Saturday none, and that an office with
 * nothing to say gets nothing. Time is moved by hand.
 */
import type { Core } from '@strapi/strapi';
import type { ParsedMail } from 'mailparser';
import { fixedClock } from '../../src/domain/clock';
import { appClock } from '../helpers/app';
import { createOffice, createReport, createTopic } from '../helpers/fixtures';
import { discardQueuedMessages, dispatchAll } from '../helpers/outbox';
import { TestSmtp } from '../helpers/smtp';
import { createStaffUser, type StaffUser } from '../helpers/staff';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const appDigest = require('../../dist/src/jobs/digest') as typeof import('../../src/jobs/digest');
/* eslint-enable @typescript-eslint/no-require-imports */

const COORDINATOR = 'bc-office-coordinator';
const TECHNICIAN = 'bc-technician';
// Rome is on UTC+1 in November: the digest time, 07:00, is 06:00Z.
const MONDAY = '2026-11-16T07:00:00Z';
const TUESDAY = '2026-11-17T07:00:00Z';
const SATURDAY = '2026-11-21T07:00:00Z';

let strapi: Core.Strapi;
const smtp = new TestSmtp();
const clock = fixedClock(MONDAY);

type Office = { id: number; documentId: string; slug: string };
let busy: Office;
let quiet: Office;
const email = (office: Office) => `${office.slug}@comune.example`;
let coordinator: StaffUser; // of the busy office, reads English
let silenced: StaffUser; // coordinator of the busy office who turned email off
let technician: StaffUser; // of the busy office, not a coordinator
let quietCoordinator: StaffUser;

/** Reference codes by role in the story. */
const code: Record<string, string> = {};

async function createCase(
  uid: 'api::request.request' | 'api::complaint.complaint',
  data: Record<string, unknown>
): Promise<string> {
  const created = await strapi.documents(uid).create({
    data: {
      subject: 'Una pratica di prova',
      description: 'Descrizione abbastanza lunga della pratica di prova.',
      ...data,
    } as never,
  });
  return (created as unknown as { referenceCode: string }).referenceCode;
}

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  appClock.useClock(clock);

  busy = await createOffice(strapi);
  quiet = await createOffice(strapi);
  const busyTopic = await createTopic(strapi, busy.documentId, { resolutionDays: 15 });
  const quietTopic = await createTopic(strapi, quiet.documentId, { resolutionDays: 15 });

  coordinator = await createStaffUser(strapi, { roles: [COORDINATOR], offices: [busy.documentId] });
  await strapi.db
    .query('admin::user')
    .update({ where: { id: coordinator.id }, data: { preferedLanguage: 'en' } });
  silenced = await createStaffUser(strapi, { roles: [COORDINATOR], offices: [busy.documentId] });
  const profile = await strapi.db
    .query('api::staff-profile.staff-profile')
    .findOne({ where: { user: { id: silenced.id } } });
  await strapi.db
    .query('api::staff-profile.staff-profile')
    .update({ where: { id: profile.id }, data: { notifyByEmail: false } });
  technician = await createStaffUser(strapi, { roles: [TECHNICIAN], offices: [busy.documentId] });
  quietCoordinator = await createStaffUser(strapi, {
    roles: [COORDINATOR],
    offices: [quiet.documentId],
  });

  const topic = busyTopic.documentId;
  const report = async (receivedAt: string, extra: Record<string, unknown> = {}) =>
    (await createReport(strapi, { topic, receivedAt, ...extra })).referenceCode;
  // Due 10 November: overdue on Monday.
  code.overdue = await report('2026-10-26T09:00:00Z');
  // Due at the end of Tuesday 17 November: due soon on Monday.
  code.dueSoon = await createCase('api::request.request', {
    topic,
    kind: 'information',
    receivedAt: '2026-11-02T09:00:00Z',
  });
  // Friday after the digest time, Saturday, Sunday: Monday's new cases (all due 30 November).
  code.friday = await createCase('api::complaint.complaint', {
    topic,
    receivedAt: '2026-11-13T09:00:00Z',
  });
  code.saturday = await report('2026-11-14T10:00:00Z');
  // An emergency on Sunday evening, due within 24 hours: new, due soon and an emergency.
  code.emergency = await report('2026-11-15T20:00:00Z', { emergency: true, declaredUrgency: 5 });
  // Monday 07:30, after the digest time: Tuesday's news.
  code.monday = await report('2026-11-16T06:30:00Z');
  // The quiet office: one case, received on Friday before the digest time (Friday's news, then)
  // and due on 30 November: nothing to say on Monday.
  code.quiet = (
    await createReport(strapi, { topic: quietTopic.documentId, receivedAt: '2026-11-13T05:30:00Z' })
  ).referenceCode;

  // Earlier suites share the database: nothing of theirs (nor our fixtures' notices) is sent.
  await discardQueuedMessages(strapi);
});

afterAll(async () => {
  appClock.resetClock();
  await stopStrapi();
  await smtp.stopForApp();
});

const run = () => appDigest.runDigestJob(strapi);

async function digestRows(office: Office, date: string) {
  return strapi.db.query('api::notification.notification').findMany({
    where: {
      template: 'office_digest',
      dedupeKey: { $startsWith: `digest:${office.documentId}:${date}:` },
    },
  });
}

/** The lines listed under a section's title, e.g. "Pratiche scadute (1):". */
function listed(mail: ParsedMail, title: string): string[] {
  const text = mail.text ?? '';
  const start = text.indexOf(`\n${title} (`);
  if (start < 0) return [];
  const block = text.slice(start + 1).split('\n\n')[0];
  return block
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2, line.indexOf(' (')));
}

const subjects = (address: string) => smtp.to(address).map((m) => m.subject);

describe('the daily digest', () => {
  it('on Monday tells the office and its coordinators of new, due soon, overdue and emergencies', async () => {
    const result = await run();
    expect(result.date).toBe('2026-11-16');
    expect(result.offices).toBeGreaterThanOrEqual(1);
    expect(await dispatchAll(strapi)).toBeGreaterThanOrEqual(2);

    const [mail] = smtp.to(email(busy));
    expect(smtp.to(email(busy))).toHaveLength(1);
    expect(mail.subject).toBe(
      `[Comune di Pisa] Riepilogo giornaliero del 16 novembre 2026 – Ufficio ${busy.slug}`
    );
    expect(mail.text).toContain('Emergenze aperte: 1\n');
    expect(mail.text).toContain('Pratiche scadute: 1\n');
    expect(mail.text).toContain('In scadenza entro 3 giorni: 2\n');
    expect(mail.text).toContain('Nuove pratiche dal 13 novembre 2026, ore 07:00: 3\n');

    expect(listed(mail, 'Emergenze aperte')).toEqual([code.emergency]);
    expect(listed(mail, 'Pratiche scadute')).toEqual([code.overdue]);
    // Most urgent first: the emergency (due tonight) before the request due tomorrow.
    expect(listed(mail, 'In scadenza entro 3 giorni')).toEqual([code.emergency, code.dueSoon]);
    // The weekend's cases and Friday's after 07:00; not Monday's after 07:00.
    expect(listed(mail, 'Nuove pratiche dal 13 novembre 2026, ore 07:00')).toEqual([
      code.emergency,
      code.friday,
      code.saturday,
    ]);
    expect(mail.text).not.toContain(code.monday);
    expect(mail.text).toContain(
      `http://localhost:1337/admin/content-manager/collection-types/api::report.report/`
    );
    expect(mail.html).toContain(`>${code.overdue}</a>`);

    // The coordinator reads it in English; coordinators who opted out and technicians do not.
    expect(subjects(coordinator.email)).toEqual([
      `[Comune di Pisa] Daily digest for 16 November 2026 – Ufficio ${busy.slug}`,
    ]);
    expect(smtp.to(coordinator.email)[0].text).toContain('Overdue cases: 1\n');
    expect(smtp.to(silenced.email)).toHaveLength(0);
    expect(smtp.to(technician.email)).toHaveLength(0);
  });

  it('sends nothing to an office with nothing to say, nor to its coordinator', async () => {
    expect(smtp.to(email(quiet))).toHaveLength(0);
    expect(smtp.to(quietCoordinator.email)).toHaveLength(0);
    expect(await digestRows(quiet, '2026-11-16')).toHaveLength(0);
    expect(smtp.messages.some((m) => (m.text ?? '').includes(code.quiet))).toBe(false);
  });

  it('sends nothing twice on the same day, run again, late, or twice at once', async () => {
    const before = smtp.messages.length;
    clock.set('2026-11-16T15:30:00Z');
    const again = await run();
    const [first, second] = await Promise.all([run(), run()]);
    expect([again.queued, first.queued, second.queued]).toEqual([0, 0, 0]);
    expect(await dispatchAll(strapi)).toBe(0);
    expect(smtp.messages.length).toBe(before);
    expect(await digestRows(busy, '2026-11-16')).toHaveLength(2);
  });

  it('sends a new digest on the next working day, once though two instances run it', async () => {
    clock.set(TUESDAY);
    const runs = await Promise.all([run(), run()]);
    expect(runs.map((r) => r.date)).toEqual(['2026-11-17', '2026-11-17']);
    await dispatchAll(strapi);
    expect(await digestRows(busy, '2026-11-17')).toHaveLength(2);

    const tuesday = smtp.to(email(busy)).filter((m) => m.subject?.includes('17 novembre 2026'));
    expect(tuesday).toHaveLength(1);
    expect(subjects(coordinator.email).filter((s) => s?.includes('17 November 2026'))).toHaveLength(
      1
    );
    const [mail] = tuesday;
    // New since Monday's digest: Monday's late case only, not the weekend again.
    expect(listed(mail, 'Nuove pratiche dal 16 novembre 2026, ore 07:00')).toEqual([code.monday]);
    // The emergency was due last night: now it is overdue, and still an emergency.
    expect(listed(mail, 'Pratiche scadute')).toEqual([code.emergency, code.overdue]);
    expect(listed(mail, 'In scadenza entro 3 giorni')).toEqual([code.dueSoon]);
    expect(listed(mail, 'Emergenze aperte')).toEqual([code.emergency]);
    expect(smtp.to(email(quiet))).toHaveLength(0);
  });

  it('sends nothing on a Saturday: the offices are closed', async () => {
    clock.set(SATURDAY);
    const before = smtp.messages.length;
    expect(await run()).toEqual({ date: null, offices: 0, queued: 0 });
    expect(await dispatchAll(strapi)).toBe(0);
    expect(smtp.messages.length).toBe(before);
  });
});

describe('the cost of a digest', () => {
  const appSections =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../dist/src/lib/digest/sections') as typeof import('../../src/lib/digest/sections');

  /** Every table read of every section query, with what the planner does there. */
  async function plans(): Promise<Array<[string, string, string]>> {
    const now = new Date(MONDAY);
    const period = {
      date: '2026-11-16',
      since: new Date('2026-11-13T06:00:00Z'),
      until: new Date('2026-11-16T06:00:00Z'),
      dueSoonUntil: new Date('2026-11-19T22:59:59.999Z'),
    };
    const out: Array<[string, string, string]> = [];
    for (const { section, kinds, filter } of appSections.sectionFilters(strapi, period, now)) {
      for (const kind of kinds) {
        const { sql, bindings } = appSections.sectionQuery(strapi, kind, filter, 10).toSQL();
        const plan = await strapi.db.connection.transaction(async (trx) => {
          if (strapi.db.dialect.client !== 'postgres') {
            return JSON.stringify(await trx.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings));
          }
          // A handful of rows is cheaper to scan: ask whether an index can serve at all.
          await trx.raw('SET LOCAL enable_seqscan = off');
          return JSON.stringify((await trx.raw(`EXPLAIN ${sql}`, bindings)).rows);
        });
        out.push([section, kind, plan]);
      }
    }
    return out;
  }

  // PostgreSQL (seq scans off) seeks the due ranges, the reception range, the emergencies. SQLite
  // without statistics may seek the open states of the office queue index instead (it does here,
  // with a handful of rows; with ANALYZE it takes the due ranges): open cases at worst, never all.
  it('reads the case tables through an index in every section, never by a full scan', async () => {
    const all = await plans();
    expect(all).toHaveLength(10);
    for (const [section, kind, plan] of all) {
      const table = `${kind}s`;
      const context = `${section} on ${table}: ${plan}`;
      if (strapi.db.dialect.client === 'postgres') {
        expect({ context, seq: new RegExp(`Seq Scan on ${table}\\b`).test(plan) }).toEqual({
          context,
          seq: false,
        });
      } else {
        expect({
          context,
          search: new RegExp(`SEARCH ${table} USING (COVERING )?INDEX bc_`).test(plan),
        }).toEqual({ context, search: true });
      }
    }
  });
});
