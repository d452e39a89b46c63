/**
 * Scheduled jobs on several instances: a lease row per fire elects exactly one runner, a finished
 * fire never runs again, a crashed runner's fire is taken over only after its lease, and the job
 * registry schedules what the settings switch on. The "second instance" is a coordinator on its
 * own connection to the same database. Time is a fixed clock: nothing waits for cron time.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import cron from 'node-cron';
import { fixedClock } from '../../src/domain/clock';
import { appClock, appJobs, appRunCoordinator } from '../helpers/app';
import { discardQueuedMessages } from '../helpers/outbox';
import { openSecondConnection } from '../helpers/second-connection';
import { startStrapi, stopStrapi } from '../helpers/strapi';

const { LeaseRunCoordinator, JOB_RUNS_TABLE } = appRunCoordinator;
type Coordinator = InstanceType<typeof LeaseRunCoordinator>;

const MINUTE = 60_000;
const LEASE_MS = 10 * MINUTE;

// The registry is checked as this suite's Strapi booted it: jobs on, only the outbox. The crons are
// yearly so that nothing fires on its own in the moment before beforeAll stops the tasks.
const JOB_ENV = {
  JOBS_ENABLED: 'true',
  JOB_TRIAGE_ENABLED: 'false',
  JOB_DEADLINES_ENABLED: 'false',
  JOB_DIGEST_ENABLED: 'false',
  JOB_RETENTION_ENABLED: 'false',
  OUTBOX_CRON: '0 0 1 1 *',
  TRIAGE_CRON: '0 0 1 1 *',
  DEADLINES_CRON: '0 0 1 1 *',
  DIGEST_CRON: '0 0 1 1 *',
  RETENTION_CRON: '0 0 1 1 *',
  JOBS_LEASE_SECONDS: '900',
};
const savedEnv: Record<string, string | undefined> = {};

let strapi: Core.Strapi;
let other: Knex;
let tasksAtBoot: string[];
const ourTaskNames = () =>
  [...cron.getTasks().values()]
    .map((t) => t.name ?? '')
    .filter((n) => (appJobs.JOBS as readonly { name: string }[]).some((j) => j.name === n))
    .sort();

beforeAll(async () => {
  for (const [name, value] of Object.entries(JOB_ENV)) {
    savedEnv[name] = process.env[name];
    process.env[name] = value;
  }
  try {
    strapi = await startStrapi();
  } finally {
    // Suites after this one boot their own Strapi with the run's defaults (jobs off).
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  tasksAtBoot = ourTaskNames();
  await appJobs.stopJobs(strapi);
  other = openSecondConnection(strapi);
});
afterAll(async () => {
  appClock.resetClock();
  await other?.destroy();
  await stopStrapi();
});

let keySeq = 0;
const uniqueKey = (label: string) => `test-${label}-${Date.now().toString(36)}-${++keySeq}`;

function coordinatorPair(at: string) {
  const clock = fixedClock(at);
  const schema = strapi.db.getSchemaName() || undefined;
  const a: Coordinator = new LeaseRunCoordinator({ knex: strapi.db.connection, schema, clock });
  const b: Coordinator = new LeaseRunCoordinator({ knex: other, schema, clock });
  return { clock, a, b };
}

const runRow = (key: string) =>
  strapi.db.connection(JOB_RUNS_TABLE).where({ key }).first() as Promise<
    { holder: string; finished_at: unknown } | undefined
  >;

describe('the job registry', () => {
  it('schedules at boot only the jobs switched on, and stopJobs unregisters them', () => {
    expect(tasksAtBoot).toEqual(['outbox']);
    expect(ourTaskNames()).toEqual([]);
  });

  it('reads the time zone, lease and schedule switches from the settings', async () => {
    const options = appJobs.jobTaskOptions(strapi, 'outbox');
    expect(options).toMatchObject({
      name: 'outbox',
      timezone: 'Europe/Rome',
      noOverlap: true,
      distributed: true,
      distributedLease: 900_000,
    });
    expect(options.runCoordinator).toBe(appJobs.coordinatorFor(strapi));

    const jobs = strapi.config.get('benecomune.jobs') as { enabled: boolean };
    try {
      strapi.config.set('benecomune.jobs.schedules.triage.enabled', true);
      appJobs.startJobs(strapi);
      expect(ourTaskNames()).toEqual(['outbox', 'triage']);
      await appJobs.stopJobs(strapi);
      expect(ourTaskNames()).toEqual([]);

      strapi.config.set('benecomune.jobs.enabled', false);
      appJobs.startJobs(strapi);
      expect(ourTaskNames()).toEqual([]);
      await appJobs.stopJobs(strapi);
    } finally {
      strapi.config.set('benecomune.jobs.enabled', jobs.enabled);
      strapi.config.set('benecomune.jobs.schedules.triage.enabled', false);
      await appJobs.stopJobs(strapi);
    }
  });
});

describe('the lease coordinator', () => {
  it('elects exactly one of two instances for each fire, however they race', async () => {
    const { a, b } = coordinatorPair('2026-04-14T08:00:00Z');
    const base = Date.parse('2026-04-14T08:00:00Z');
    const keys = Array.from({ length: 50 }, (_, i) =>
      uniqueKey(`race-${new Date(base + i * MINUTE).toISOString()}`)
    );
    // Every call at once: both instances, all slots.
    const answers = await Promise.all(
      keys.map((key) => Promise.all([a.shouldRun(key, LEASE_MS), b.shouldRun(key, LEASE_MS)]))
    );
    for (const [i, [fromA, fromB]] of answers.entries()) {
      expect([keys[i], fromA !== fromB]).toEqual([keys[i], true]);
      const row = await runRow(keys[i]);
      expect(row?.holder).toBe(fromA ? a.holder : b.holder);
    }
  });

  it('never elects anyone again for a finished fire, even long after its lease', async () => {
    const { clock, a, b } = coordinatorPair('2026-04-14T09:00:00Z');
    const key = uniqueKey('finished');
    expect(await a.shouldRun(key, LEASE_MS)).toBe(true);
    await a.onComplete(key);
    expect((await runRow(key))?.finished_at).not.toBeNull();

    expect(await b.shouldRun(key, LEASE_MS)).toBe(false);
    clock.advance(LEASE_MS + MINUTE);
    expect(await b.shouldRun(key, LEASE_MS)).toBe(false);
    expect(await a.shouldRun(key, LEASE_MS)).toBe(false);
  });

  it('refuses a fire to its own holder while the lease runs', async () => {
    const { a } = coordinatorPair('2026-04-14T09:30:00Z');
    const key = uniqueKey('again');
    expect(await a.shouldRun(key, LEASE_MS)).toBe(true);
    expect(await a.shouldRun(key, LEASE_MS)).toBe(false);
  });

  it("takes over a crashed runner's fire only once its lease has expired", async () => {
    const { clock, a, b } = coordinatorPair('2026-04-14T10:00:00Z');
    const key = uniqueKey('crashed');
    expect(await a.shouldRun(key, LEASE_MS)).toBe(true);
    // a dies without onComplete.
    clock.advance(LEASE_MS - 1);
    expect(await b.shouldRun(key, LEASE_MS)).toBe(false);
    clock.advance(1); // exactly at expiry: still a's
    expect(await b.shouldRun(key, LEASE_MS)).toBe(false);
    clock.advance(1);
    expect(await b.shouldRun(key, LEASE_MS)).toBe(true);
    expect((await runRow(key))?.holder).toBe(b.holder);

    // The old holder coming back cannot close b's run, nor take it back.
    await a.onComplete(key);
    expect((await runRow(key))?.finished_at).toBeNull();
    expect(await a.shouldRun(key, LEASE_MS)).toBe(false);
    await b.onComplete(key);
    expect((await runRow(key))?.finished_at).not.toBeNull();
    clock.advance(2 * LEASE_MS);
    expect(await a.shouldRun(key, LEASE_MS)).toBe(false);
  });

  it('prunes rows whose lease ended a week ago, on the way and at most hourly', async () => {
    const at = (iso: string) => fixedClock(iso);
    const schema = strapi.db.getSchemaName() || undefined;
    const old = uniqueKey('old');
    const recent = uniqueKey('recent');
    const writer = new LeaseRunCoordinator({
      knex: other,
      schema,
      clock: at('2025-03-01T00:00:00Z'),
      pruneEveryMs: Number.MAX_SAFE_INTEGER,
    });
    // The writer's own first fire prunes as of 2025-03-01: nothing of this test yet.
    expect(await writer.shouldRun(old, LEASE_MS)).toBe(true);
    await writer.onComplete(old);

    const clock = at('2025-03-08T01:00:00Z');
    const pruner = new LeaseRunCoordinator({ knex: strapi.db.connection, schema, clock });
    const recentWriter = new LeaseRunCoordinator({
      knex: other,
      schema,
      clock: at('2025-03-02T00:00:00Z'),
      pruneEveryMs: Number.MAX_SAFE_INTEGER,
    });
    expect(await recentWriter.shouldRun(recent, LEASE_MS)).toBe(true);

    // 2025-03-08T01:00 minus 7 days is after old's lease (00:10 on 03-01), before recent's.
    expect(await pruner.shouldRun(uniqueKey('trigger'), LEASE_MS)).toBe(true);
    expect(await runRow(old)).toBeUndefined();
    expect(await runRow(recent)).toBeDefined();

    // Within the hour the pruner does not delete again; an hour later it does.
    const staleAgain = uniqueKey('stale');
    await new LeaseRunCoordinator({
      knex: other,
      schema,
      clock: at('2025-03-01T00:00:00Z'),
      pruneEveryMs: Number.MAX_SAFE_INTEGER,
    }).shouldRun(staleAgain, LEASE_MS);
    clock.set('2025-03-08T01:30:00Z');
    await pruner.shouldRun(uniqueKey('trigger'), LEASE_MS);
    expect(await runRow(staleAgain)).toBeDefined();
    clock.set('2025-03-08T02:00:00Z');
    await pruner.shouldRun(uniqueKey('trigger'), LEASE_MS);
    expect(await runRow(staleAgain)).toBeUndefined();
    expect(await runRow(recent)).toBeDefined();
  });
});

describe('fireJob, as the scheduler fires', () => {
  const slot = new Date('2026-04-14T07:00:00Z');

  beforeEach(() => appClock.useClock(fixedClock('2026-04-14T07:00:05Z')));
  afterEach(() => appClock.resetClock());

  it('runs a registered job once per slot, under the key node-cron uses', async () => {
    // Nothing queued by earlier suites is sent by this run.
    await discardQueuedMessages(strapi);
    const first = await appJobs.fireJob(strapi, 'outbox', slot);
    expect(first).toEqual({ elected: true, result: { sent: 0, failed: 0, dead: 0 } });
    const row = await runRow(`outbox:${slot.toISOString()}`);
    expect(row?.holder).toBe(appJobs.coordinatorFor(strapi).holder);
    expect(row?.finished_at).not.toBeNull();

    expect(await appJobs.fireJob(strapi, 'outbox', slot)).toEqual({ elected: false });
    const { b } = coordinatorPair('2026-04-14T07:00:05Z');
    expect(await appJobs.fireJob(strapi, 'outbox', slot, b)).toEqual({ elected: false });
  });

  it('lets only one of two instances run a fire they reach together', async () => {
    let runs = 0;
    const job = {
      name: 'triage' as const,
      run: async () => {
        runs++;
        return runs;
      },
    };
    const { a, b } = coordinatorPair('2026-04-14T07:00:05Z');
    const results = await Promise.all([
      appJobs.fireJob(strapi, job, slot, a),
      appJobs.fireJob(strapi, job, slot, b),
    ]);
    expect(results.filter((r) => r.elected)).toHaveLength(1);
    expect(runs).toBe(1);
  });

  it('logs a failing run without throwing, and counts the fire as done', async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(strapi.log, 'error').mockImplementation(((message: string) => {
      errors.push(message);
    }) as never);
    const failing = {
      name: 'triage' as const,
      run: async () => {
        throw new Error('boom in the job');
      },
    };
    const failSlot = new Date('2026-04-14T07:05:00Z');
    try {
      const result = await appJobs.fireJob(strapi, failing, failSlot);
      expect(result.elected).toBe(true);
      expect(String(result.error)).toContain('boom in the job');
    } finally {
      spy.mockRestore();
    }
    expect(errors.some((m) => m.includes('job triage failed') && m.includes('boom'))).toBe(true);
    expect((await runRow(`triage:${failSlot.toISOString()}`))?.finished_at).not.toBeNull();
    expect((await appJobs.fireJob(strapi, failing, failSlot)).elected).toBe(false);
  });

  it('skips the fire (fail-closed) when the coordinator cannot answer', async () => {
    let runs = 0;
    const job = { name: 'triage' as const, run: async () => ++runs };
    const broken = new LeaseRunCoordinator({
      knex: strapi.db.connection,
      schema: 'bc_no_such_schema',
    });
    const spy = jest.spyOn(strapi.log, 'error').mockImplementation((() => undefined) as never);
    try {
      const result = await appJobs.fireJob(strapi, job, slot, broken);
      expect(result.elected).toBe(false);
      expect(result.error).toBeDefined();
    } finally {
      spy.mockRestore();
    }
    expect(runs).toBe(0);
  });
});
