/**
 * The deadline engine across processes and crashes (issue 5): every step of every case is done
 * once, however many runners fire at the same moment, and a runner killed in the middle of a batch
 * leaves nothing half done.
 *
 * The second runner. On PostgreSQL it is a second Strapi process: tests/helpers/strapi-process.js,
 * forked by tests/helpers/second-process.ts, boots the compiled app from dist/ on the run's
 * database with its own connection pool and its own lease coordinator (`coordinatorFor` of its own
 * Strapi, another holder id), and runs on a fixed clock that this suite sets with each command. Both
 * runners start each fire at a shared start line (a wall-clock instant sent with the command), so
 * they really race: through `fireJob` for most slots (the lease must elect one), and bypassing the
 * coordinator for every third slot, calling `runDeadlineSweep` with small batches on both at once
 * (row claiming alone must keep it exactly once). Then both dispatch the outbox at once through the
 * real SMTP server.
 *
 * On SQLite one Strapi process is the supported setup (README, "Scheduled jobs": several instances
 * need PostgreSQL), so the same walk runs single-process: two concurrent runners in this process,
 * each fire elected by its own coordinator (a second holder on the app's connection: a second
 * SQLite connection would block the event loop on the file lock while the first is in a
 * transaction), and two concurrent dispatchers.
 *
 * The crash. The second Strapi process (the same script; on SQLite started for this test alone)
 * sweeps 120 due cases in batches of 5 and is killed with SIGKILL in the middle of a batch. So that
 * the kill lands mid-batch whatever the timing, the script holds the sweep once the batch holding
 * the 33rd case has written its events (its cases updated, nothing of the batch committed) and says so over IPC; this suite then checks the database (some but not all
 * cases done, a write transaction of the child open: on PostgreSQL a backend named by its
 * application_name holds a transaction id, on SQLite the rollback journal exists) and kills it.
 * This works on both databases: SQLite's file locks die with the process and the next connection
 * rolls the hot journal back. Nothing may be half done; then this suite's Strapi sweeps: every case
 * done, each escalation, event and email exactly once. (Checked against a broken sweep that
 * commits case by case and queues the emails at the end of the batch: this test fails on it.)
 *
 * The database is shared with the other suites of the run (their cases have next action times too):
 * every assertion is scoped to this suite's cases, on its own offices, topics and addresses.
 */
import type { Core } from '@strapi/strapi';
import fs from 'fs';
import path from 'path';
import type { ParsedMail } from 'mailparser';
import { fixedClock } from '../../src/domain/clock';
import { appClock, appJobs, appRunCoordinator } from '../helpers/app';
import { createCitizen, createOffice, createReport, createTopic } from '../helpers/fixtures';
import { discardQueuedMessages, dispatchAll } from '../helpers/outbox';
import { SecondProcess } from '../helpers/second-process';
import { createStaffUser } from '../helpers/staff';
import { TestSmtp } from '../helpers/smtp';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const { runDeadlineSweep } =
  require('../../dist/src/lib/deadlines/sweep') as typeof import('../../src/lib/deadlines/sweep');
const { renderTemplate } =
  require('../../dist/src/notifications/templates') as typeof import('../../src/notifications/templates');
const { dispatchDue } =
  require('../../dist/src/lib/outbox') as typeof import('../../src/lib/outbox');
const { createDeliver } =
  require('../../dist/src/lib/delivery') as typeof import('../../src/lib/delivery');
/* eslint-enable @typescript-eslint/no-require-imports */

type SweepRun = Awaited<ReturnType<typeof runDeadlineSweep>>;
type Kind = 'request' | 'complaint' | 'report';
type Uid = 'api::request.request' | 'api::complaint.complaint' | 'api::report.report';
const UIDS: Record<Kind, Uid> = {
  request: 'api::request.request',
  complaint: 'api::complaint.complaint',
  report: 'api::report.report',
};
const EVENT_UID = 'api::case-event.case-event';
const ESCALATION_UID = 'api::escalation.escalation';
const NOTIFICATION_UID = 'api::notification.notification';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const onPostgres = process.env.DATABASE_CLIENT === 'postgres';
const root = path.resolve(__dirname, '..', '..');

let strapi: Core.Strapi;
const smtp = new TestSmtp();
const clock = fixedClock('2026-09-07T08:00:00Z'); // Monday 7 September 2026, 10:00 in Rome
let offices: { office: string; control: string; management: string; officeDoc: string };

/** The second Strapi process, booted once (a boot costs seconds) and named in pg_stat_activity. */
const SECOND_APP_NAME = 'bc-second-process';
let second: SecondProcess | undefined;

async function secondProcess(): Promise<SecondProcess> {
  if (second && !second.hasExited) return second;
  second = await SecondProcess.start({
    now: clock.now(),
    env: onPostgres
      ? { DATABASE_URL: withAppName(process.env.DATABASE_URL as string, SECOND_APP_NAME) }
      : {},
  });
  return second;
}

const connect = (documentId: string) => ({
  connect: [{ documentId, locale: 'it', status: 'draft' }],
});

beforeAll(async () => {
  await smtp.startForApp();
  strapi = await startStrapi();
  appClock.useClock(clock);
  await discardQueuedMessages(strapi);
  const management = await createOffice(strapi, { kind: 'management' });
  const control = await createOffice(strapi, {
    kind: 'control_body',
    escalationTarget: connect(management.documentId),
  });
  const office = await createOffice(strapi, { escalationTarget: connect(control.documentId) });
  const email = (o: { slug: string }) => `${o.slug}@comune.example`;
  offices = {
    office: email(office),
    control: email(control),
    management: email(management),
    officeDoc: office.documentId,
  };
});
afterAll(async () => {
  await second?.stop();
  appClock.resetClock();
  await stopStrapi();
  await smtp.stopForApp();
});

/** Runs `fn` over `items`, `width` at a time (one at a time on SQLite's single connection). */
async function inPool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: onPostgres ? width : 1 }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** Polls a condition with a bounded timeout (no fixed sleeps). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const waitUntil = (startAt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, startAt - Date.now())));

const localDay = (at: string | Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(at));

interface Person {
  email: string;
  language: 'it' | 'en';
}

interface MyCase {
  kind: Kind;
  id: number;
  code: string;
  assignee: string | null;
  citizens: Person[];
  resolved: boolean;
}

interface Expected {
  keys: string[];
  events: string[];
  levels: number[];
}

/** What the deadline engine owes a case over its whole life, by hand from the rules. */
function expectedFor(c: MyCase, dueAt: string | null): Expected {
  if (c.resolved) {
    return {
      keys: c.citizens.map((p) => `case:${c.code}:rating_invitation:${p.email}`),
      events: ['rating_invited'],
      levels: [],
    };
  }
  const key = (step: string, template: string, email: string) =>
    `case:${c.code}:deadline:${step}:${template}:${email}`;
  const handlers = [offices.office, ...(c.assignee ? [c.assignee] : [])];
  const day = localDay(dueAt as string);
  const keys: string[] = [];
  for (const step of ['first_response', `reminder:P10D:${day}`, `reminder:P3D:${day}`]) {
    for (const to of handlers) keys.push(key(step, 'deadline_reminder', to));
  }
  for (const [level, target] of [
    [1, offices.control],
    [2, offices.management],
  ] as const) {
    for (const to of [target, ...handlers])
      keys.push(key(`escalation:${level}`, 'case_escalated', to));
  }
  for (const p of c.citizens) keys.push(key('escalation:1', 'escalation_courtesy', p.email));
  return {
    keys,
    events: ['escalated', 'escalated', 'reminder', 'reminder', 'reminder'],
    levels: [1, 2],
  };
}

interface NotificationRow {
  dedupeKey: string;
  caseCode: string;
  recipient: string;
  template: string;
  language: 'it' | 'en';
  payload: unknown;
  state: string;
  attempts: number;
}

const notificationsOf = async (codes: string[]) =>
  (await strapi.db.query(NOTIFICATION_UID).findMany({
    where: {
      caseCode: { $in: codes },
      template: {
        $in: ['deadline_reminder', 'case_escalated', 'escalation_courtesy', 'rating_invitation'],
      },
    },
  })) as NotificationRow[];

const eventsOf = async (codes: string[]) =>
  (await strapi.db.query(EVENT_UID).findMany({
    where: { caseCode: { $in: codes }, type: { $in: ['reminder', 'escalated', 'rating_invited'] } },
    select: ['caseCode', 'type', 'data'],
  })) as { caseCode: string; type: string; data: { step?: string; level?: number } | null }[];

const escalationsOf = async (codes: string[]) =>
  (await strapi.db.query(ESCALATION_UID).findMany({
    where: { caseCode: { $in: codes } },
    select: ['caseCode', 'level'],
  })) as { caseCode: string; level: number }[];

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(keyOf(row), [...(out.get(keyOf(row)) ?? []), row]);
  return out;
}

/** Case by case: the exact dedupe keys, events and escalation levels, each once. */
async function expectEachStepOnce(cases: MyCase[], expected: Map<string, Expected>) {
  const codes = cases.map((c) => c.code);
  const notifications = groupBy(await notificationsOf(codes), (n) => n.caseCode);
  const events = groupBy(await eventsOf(codes), (e) => e.caseCode);
  const escalations = groupBy(await escalationsOf(codes), (e) => e.caseCode);
  for (const c of cases) {
    const want = expected.get(c.code) as Expected;
    const mine = notifications.get(c.code) ?? [];
    // [code, …] so that a failure names the case.
    expect([c.code, mine.map((n) => n.dedupeKey).sort()]).toEqual([c.code, [...want.keys].sort()]);
    const perRecipient = groupBy(mine, (n) => `${n.template} ${n.recipient}`);
    // Dedupe keys end with `:<template>:<recipient>`.
    const wantPerRecipient = groupBy(want.keys, (k) => k.split(':').slice(-2).join(' '));
    expect([c.code, Object.fromEntries([...perRecipient].map(([k, v]) => [k, v.length]))]).toEqual([
      c.code,
      Object.fromEntries([...wantPerRecipient].map(([k, v]) => [k, v.length])),
    ]);
    expect([c.code, (events.get(c.code) ?? []).map((e) => e.type).sort()]).toEqual([
      c.code,
      want.events,
    ]);
    expect([c.code, (escalations.get(c.code) ?? []).map((e) => e.level).sort()]).toEqual([
      c.code,
      want.levels,
    ]);
  }
}

async function readCases(cases: MyCase[]) {
  const out = new Map<string, Record<string, unknown>>();
  for (const kind of ['request', 'complaint', 'report'] as const) {
    const ids = cases.filter((c) => c.kind === kind).map((c) => c.id);
    if (!ids.length) continue;
    const rows = await strapi.db.query(UIDS[kind]).findMany({ where: { id: { $in: ids } } });
    for (const row of rows) out.set(row.referenceCode as string, row);
  }
  return out;
}

describe(
  onPostgres
    ? 'two Strapi processes on one PostgreSQL database'
    : 'two runners in one process (SQLite: one Strapi process is the supported setup)',
  () => {
    interface Runner {
      fire(slot: Date, startAt: number): Promise<{ elected: boolean; cases: number }>;
      sweep(batchSize: number, startAt: number): Promise<number>;
      /** `lanes` dispatchers side by side in the runner's process. */
      dispatch(limit: number, lanes: number, startAt: number): Promise<number>;
    }

    const SWEEP_BATCH = 3;
    // smtp-server waits 100 ms on each new connection (early-talker check) and the email provider
    // opens one per message: several dispatchers per runner keep the suite's time reasonable.
    const LANES = 4;
    const cases: MyCase[] = [];
    let topic: { documentId: string };

    function localRunner(coordinator = appJobs.coordinatorFor(strapi)): Runner {
      return {
        async fire(slot, startAt) {
          await waitUntil(startAt);
          const outcome = await appJobs.fireJob(strapi, 'deadlines', slot, coordinator);
          if (outcome.error) throw outcome.error;
          return { elected: outcome.elected, cases: (outcome.result as SweepRun)?.cases ?? 0 };
        },
        async sweep(batchSize, startAt) {
          await waitUntil(startAt);
          return (await runDeadlineSweep(strapi, { batchSize })).cases;
        },
        async dispatch(limit, lanes, startAt) {
          await waitUntil(startAt);
          const deliver = createDeliver(strapi);
          const lane = async () => {
            let sent = 0;
            for (;;) {
              const batch = await dispatchDue(strapi, deliver, { limit });
              expect(batch).toEqual(expect.objectContaining({ failed: 0, dead: 0 }));
              sent += batch.sent;
              if (!batch.sent) return sent;
            }
          };
          const sent = await Promise.all(Array.from({ length: lanes }, lane));
          return sent.reduce((x, y) => x + y, 0);
        },
      };
    }

    function processRunner(proc: SecondProcess): Runner {
      const now = () => clock.now().toISOString();
      return {
        async fire(slot, startAt) {
          const outcome = await proc.call<{ elected: boolean; result?: SweepRun; error?: string }>(
            'fire',
            { job: 'deadlines', slot: slot.toISOString(), now: now(), startAt }
          );
          if (outcome.error) throw new Error(outcome.error);
          return { elected: outcome.elected, cases: outcome.result?.cases ?? 0 };
        },
        async sweep(batchSize, startAt) {
          return (await proc.call<SweepRun>('sweep', { now: now(), batchSize, startAt })).cases;
        },
        dispatch: (limit, lanes, startAt) =>
          proc.call<number>('dispatch', { now: now(), limit, lanes, startAt }),
      };
    }

    async function fileCase(
      kind: Kind,
      opts: { assignee?: { id: number }; follower?: boolean; resolve?: boolean }
    ) {
      const citizen = await createCitizen(strapi);
      const citizens: Person[] = [{ email: citizen.email, language: 'it' }];
      let follower: { documentId: string; email: string } | undefined;
      if (opts.follower) {
        follower = await createCitizen(strapi, { language: 'en' });
        citizens.push({ email: follower.email, language: 'en' });
      }
      const base = {
        citizen: citizen.documentId,
        topic: topic.documentId,
        ...(opts.assignee ? { assignee: opts.assignee.id } : {}),
      };
      let created: { id: number; documentId: string; referenceCode: string };
      if (kind === 'report') {
        created = await createReport(strapi, {
          ...base,
          ...(follower ? { followers: [follower.documentId] } : {}),
        });
      } else {
        created = (await strapi.documents(UIDS[kind]).create({
          data: {
            ...(kind === 'request' ? { kind: 'information' } : {}),
            subject: 'Tempi di risposta',
            description: 'Attendo una risposta da settimane.',
            ...base,
          } as never,
        })) as unknown as typeof created;
      }
      return { kind, created, citizens, resolve: opts.resolve ?? false };
    }

    it('files 60 cases in four cohorts, their steps spread over six weeks', async () => {
      topic = await createTopic(strapi, offices.officeDoc, { resolutionDays: 30 });
      const staff = [
        await createStaffUser(strapi, { roles: ['bc-office-coordinator'] }),
        await createStaffUser(strapi, { roles: ['bc-office-coordinator'] }),
      ];
      for (let cohort = 0; cohort < 4; cohort++) {
        const at = new Date(Date.parse('2026-09-07T08:00:00Z') + cohort * DAY);
        clock.set(at);
        const plan: {
          kind: Kind;
          assignee?: { id: number };
          follower?: boolean;
          resolve?: boolean;
        }[] = [
          ...[0, 1, 2, 3, 4].map((i) => ({
            kind: 'request' as const,
            assignee: i === 0 ? staff[0] : undefined,
          })),
          ...[0, 1, 2, 3].map((i) => ({
            kind: 'complaint' as const,
            assignee: i === 0 ? staff[1] : undefined,
          })),
          ...[0, 1, 2].map((i) => ({
            kind: 'report' as const,
            follower: i === 0,
            assignee: i === 1 ? staff[cohort % 2] : undefined,
          })),
          ...[0, 1, 2].map((i) => ({ kind: 'report' as const, follower: i === 0, resolve: true })),
        ];
        const filed = await inPool(plan, 4, (p) => fileCase(p.kind, p));
        // Resolved an hour later: rated three days after that.
        clock.set(new Date(at.getTime() + HOUR));
        await inPool(
          filed.filter((f) => f.resolve),
          4,
          async (f) => {
            for (const state of ['triaged', 'assigned', 'in_progress', 'resolved']) {
              await strapi.documents('api::report.report').update({
                documentId: f.created.documentId,
                data: { state } as never,
              });
            }
          }
        );
        for (const [i, f] of filed.entries()) {
          const p = plan[i];
          const assignee = p.assignee
            ? (staff.find((s) => s.id === p.assignee?.id)?.email ?? null)
            : null;
          cases.push({
            kind: f.kind,
            id: f.created.id,
            code: f.created.referenceCode,
            assignee: assignee?.toLowerCase() ?? null,
            citizens: f.citizens.map((c) => ({ ...c, email: c.email.toLowerCase() })),
            resolved: f.resolve,
          });
        }
      }
      expect(cases).toHaveLength(60);
      const stored = await readCases(cases);
      for (const c of cases) {
        expect([c.code, stored.get(c.code)?.nextActionAt != null]).toEqual([c.code, true]);
      }
    });

    it('fires every slot on both runners at once: each step done once, each email sent once', async () => {
      expect(cases).toHaveLength(60);
      const a = localRunner();
      const b = onPostgres
        ? processRunner(await secondProcess())
        : localRunner(
            new appRunCoordinator.LeaseRunCoordinator({
              knex: strapi.db.connection,
              schema: strapi.db.getSchemaName() || undefined,
            })
          );

      // What the creation queued (acknowledgements, resolutions) is not the engine's: set aside.
      await discardQueuedMessages(strapi);
      const mailsBefore = smtp.messages.length;
      const stored = await readCases(cases);
      const expected = new Map(
        cases.map((c) => [c.code, expectedFor(c, stored.get(c.code)?.dueAt as string | null)])
      );
      // Past every last step: level 2 a week after the due date, the rating three days after
      // resolution.
      const lastStep = Math.max(
        ...[...stored.values()].map((row) =>
          row.dueAt
            ? Date.parse(row.dueAt as string) + 7 * DAY
            : Date.parse(row.resolvedAt as string) + 3 * DAY
        )
      );
      const slots: Date[] = [];
      for (let t = Date.parse('2026-09-10T12:00:00Z'); t <= lastStep + DAY; t += 12 * HOUR) {
        slots.push(new Date(t));
      }
      expect(slots.length).toBeGreaterThan(70);

      const wins = { a: 0, b: 0 };
      const direct = { a: 0, b: 0, both: 0 };
      for (const [i, slot] of slots.entries()) {
        clock.set(slot);
        const startAt = Date.now() + 40;
        if (i % 3 === 2) {
          // No coordinator: both sweep the same due rows in small batches, at once.
          const [fromA, fromB] = await Promise.all([
            a.sweep(SWEEP_BATCH, startAt),
            b.sweep(SWEEP_BATCH, startAt),
          ]);
          direct.a += fromA;
          direct.b += fromB;
          if (fromA && fromB) direct.both++;
        } else {
          const [fromA, fromB] = await Promise.all([a.fire(slot, startAt), b.fire(slot, startAt)]);
          // [slot, …] so that a failure names the slot.
          expect([slot.toISOString(), fromA.elected !== fromB.elected]).toEqual([
            slot.toISOString(),
            true,
          ]);
          if (fromA.elected) wins.a++;
          else wins.b++;
        }
      }
      // Both took part: each was elected for some fires, and each claimed rows in the direct races.
      // On SQLite both runners share the process and its one connection, so which one wins a race
      // is down to the event loop's order (often always the same): there only the outcome counts.
      expect(wins.a + wins.b).toBeGreaterThan(0);
      expect(direct.a + direct.b).toBeGreaterThan(0);
      if (onPostgres) {
        expect(wins.a).toBeGreaterThan(0);
        expect(wins.b).toBeGreaterThan(0);
        expect(direct.a).toBeGreaterThan(0);
        expect(direct.b).toBeGreaterThan(0);
        expect(direct.both).toBeGreaterThan(0);
      }

      const after = await readCases(cases);
      for (const c of cases) {
        const row = after.get(c.code) as Record<string, unknown>;
        expect([c.code, row.nextActionAt, row.stepsDoneUntil != null]).toEqual([
          c.code,
          null,
          true,
        ]);
        if (!c.resolved) expect([c.code, row.escalationLevel]).toEqual([c.code, 2]);
      }
      await expectEachStepOnce(cases, expected);

      // Both runners dispatch at once, in small batches, through the real SMTP server.
      const startAt = Date.now() + 40;
      const [sentA, sentB] = await Promise.all([
        a.dispatch(10, LANES, startAt),
        b.dispatch(10, LANES, startAt),
      ]);
      expect(sentA).toBeGreaterThan(0);
      expect(sentB).toBeGreaterThan(0);
      expect(await dispatchAll(strapi)).toBe(0);

      const notifications = await notificationsOf(cases.map((c) => c.code));
      expect(notifications).toHaveLength(
        [...expected.values()].reduce((sum, e) => sum + e.keys.length, 0)
      );
      // Each claimed once: one attempt, sent.
      expect(notifications.filter((n) => n.state !== 'sent' || n.attempts !== 1)).toEqual([]);
      const payloadOf = (n: NotificationRow) =>
        (typeof n.payload === 'string' ? JSON.parse(n.payload) : n.payload) as never;
      const wanted = notifications
        .map(
          (n) =>
            `${n.recipient} | ${renderTemplate(n.template as never, n.language, payloadOf(n)).subject}`
        )
        .sort();
      const addresses = new Set(notifications.map((n) => n.recipient));
      const arrived = smtp.messages
        .slice(mailsBefore)
        .filter((m) => addresses.has(recipientOf(m)))
        .map((m) => `${recipientOf(m)} | ${m.subject}`)
        .sort();
      expect(arrived).toEqual(wanted);
    });
  }
);

function recipientOf(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return (to?.value[0]?.address ?? '').toLowerCase();
}

function withAppName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('application_name', name);
  return parsed.toString();
}

describe('a runner killed in the middle of a batch', () => {
  const TOTAL = 120;
  const BATCH = 5;
  const requestsTable = () => strapi.db.metadata.get(UIDS.request).tableName;
  const sqliteFile = () => path.resolve(root, process.env.DATABASE_FILENAME as string);

  /** Whether the child has a write transaction open right now. */
  async function childMidTransaction(): Promise<boolean> {
    if (!onPostgres) return fs.existsSync(`${sqliteFile()}-journal`);
    const { rows } = (await strapi.db.connection.raw(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = ? AND backend_xid IS NOT NULL`,
      [SECOND_APP_NAME]
    )) as { rows: { n: number }[] };
    return rows[0].n > 0;
  }

  async function childBackends(): Promise<number> {
    const { rows } = (await strapi.db.connection.raw(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = ?`,
      [SECOND_APP_NAME]
    )) as { rows: { n: number }[] };
    return rows[0].n;
  }

  it('is finished by the next run: the rest done, nothing repeated', async () => {
    const received = new Date('2026-11-02T09:00:00Z'); // Monday, after the walk above
    clock.set(received);
    const topic = await createTopic(strapi, offices.officeDoc, { resolutionDays: 30 });
    // A few citizens share the cases: the courtesy emails' keys still differ by case.
    const citizens = await inPool(
      Array.from({ length: 10 }, (_, i) => i),
      4,
      () => createCitizen(strapi)
    );
    const filed = await inPool(
      Array.from({ length: TOTAL }, (_, i) => i),
      4,
      async (i) => {
        const citizen = citizens[i % citizens.length];
        const created = (await strapi.documents('api::request.request').create({
          data: {
            kind: 'information',
            subject: 'Certificato',
            description: 'Quando sarà pronto il certificato?',
            citizen: citizen.documentId,
            topic: topic.documentId,
          } as never,
        })) as unknown as { id: number; referenceCode: string };
        const c: MyCase = {
          kind: 'request',
          id: created.id,
          code: created.referenceCode,
          assignee: null,
          citizens: [{ email: citizen.email.toLowerCase(), language: 'it' }],
          resolved: false,
        };
        return c;
      }
    );
    const ids = filed.map((c) => c.id);
    const codes = filed.map((c) => c.code);
    // Both escalations are due: the notices before them are superseded, not sent.
    const sweepAt = new Date('2026-12-20T09:00:00Z');
    const expected = new Map(
      filed.map((c) => [
        c.code,
        {
          keys: [
            ...[offices.control, offices.office].map(
              (to) => `case:${c.code}:deadline:escalation:1:case_escalated:${to}`
            ),
            ...[offices.management, offices.office].map(
              (to) => `case:${c.code}:deadline:escalation:2:case_escalated:${to}`
            ),
            `case:${c.code}:deadline:escalation:2:escalation_courtesy:${c.citizens[0].email}`,
          ],
          events: ['escalated', 'escalated'],
          levels: [1, 2],
        },
      ])
    );
    const doneCount = async () => {
      const row = (await strapi.db
        .connection(requestsTable())
        .whereIn('id', ids)
        .whereNotNull('steps_done_until')
        .count({ n: '*' })
        .first()) as { n: number | string };
      return Number(row.n);
    };
    expect(await doneCount()).toBe(0);

    const child = await secondProcess();
    // The child stops, and waits for the kill, once the batch holding the 33rd case has written
    // its events: the cases before that batch done, the batch's cases updated but uncommitted.
    // That is mid-batch, whatever the timing.
    const holding = child.notice('holding');
    const sweeping = child.call('sweep', {
      now: sweepAt.toISOString(),
      batchSize: BATCH,
      holdAt: { codes, event: 2 * (TOTAL / 4 + 2) + 1 },
    });
    sweeping.catch(() => undefined); // it dies before it answers
    const { code: heldCode } = await holding;
    let doneAtKill = 0;
    await until('the child in the middle of a batch, some cases done', async () => {
      doneAtKill = await doneCount();
      return doneAtKill > 0 && doneAtKill < TOTAL && (await childMidTransaction());
    });
    const exit = await child.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    if (onPostgres)
      await until(
        'the dead runner’s connections closed',
        async () => (await childBackends()) === 0
      );

    // Nothing half done: a case is done with all its work, or not at all.
    const done = new Set(
      (
        (await strapi.db
          .connection(requestsTable())
          .whereIn('id', ids)
          .whereNotNull('steps_done_until')
          .select('reference_code')) as { reference_code: string }[]
      ).map((r) => r.reference_code)
    );
    expect(done.size).toBe(doneAtKill);
    expect(done.size).toBeLessThan(TOTAL);
    expect(done.has(heldCode as string)).toBe(false);
    const codesWith = (rows: { caseCode: string }[]) =>
      [...new Set(rows.map((r) => r.caseCode))].sort();
    const doneCases = filed.filter((c) => done.has(c.code));
    expect(codesWith(await notificationsOf(codes))).toEqual(doneCases.map((c) => c.code).sort());
    expect(codesWith(await eventsOf(codes))).toEqual(doneCases.map((c) => c.code).sort());
    expect(codesWith(await escalationsOf(codes))).toEqual(doneCases.map((c) => c.code).sort());
    await expectEachStepOnce(doneCases, expected);

    // This process takes over: the rest is done, nothing repeated.
    clock.set(sweepAt);
    const run = await runDeadlineSweep(strapi, { batchSize: BATCH });
    expect(run.cases).toBeGreaterThanOrEqual(TOTAL - done.size);
    expect(await doneCount()).toBe(TOTAL);
    await expectEachStepOnce(filed, expected);
    const after = await readCases(filed);
    for (const c of filed) {
      const row = after.get(c.code) as Record<string, unknown>;
      expect([c.code, row.nextActionAt, row.escalationLevel, row.firstResponseLate]).toEqual([
        c.code,
        null,
        2,
        true,
      ]);
    }
    // And again: nothing left for a third run.
    await runDeadlineSweep(strapi, { batchSize: BATCH });
    await expectEachStepOnce(filed, expected);
  });
});
