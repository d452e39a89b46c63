/**
 * Scheduled jobs (node-cron), started in bootstrap and stopped on shutdown. Every instance
 * schedules every enabled job; before each fire node-cron asks the lease coordinator
 * (./run-coordinator.ts), so one instance on the database runs it. Each job is also safe to run
 * twice or in two instances at once: it works out what is due from stored state and claims rows.
 */
import type { Core } from '@strapi/strapi';
import cron, { type Logger, type ScheduledTask, type TaskOptions } from 'node-cron';
import { runOutboxDispatcher } from './outbox-dispatcher';
import { runTriageJob } from './triage';
import { runDeadlineJob } from './deadlines';
import { runRetentionJob } from './retention';
import { runDigestJob } from './digest';
import { LeaseRunCoordinator } from './run-coordinator';
import { settings, type JobName } from '../lib/settings';

export interface JobDefinition {
  name: JobName;
  run: (strapi: Core.Strapi) => Promise<unknown>;
}

/**
 * The jobs the scheduler knows, one line each. A job is scheduled when it is here and switched on
 * in `jobs.schedules` (config/benecomune.ts); one named there but missing here is not scheduled.
 */
export const JOBS: readonly JobDefinition[] = [
  { name: 'outbox', run: runOutboxDispatcher },
  { name: 'triage', run: runTriageJob },
  { name: 'deadlines', run: runDeadlineJob },
  { name: 'digest', run: (strapi) => runDigestJob(strapi) },
  { name: 'retention', run: runRetentionJob },
];

/** How long stopJobs waits for a run in progress before Strapi closes the database under it. */
const STOP_WAIT_MS = 30_000;

interface Scheduler {
  tasks: ScheduledTask[];
  /** Runs in progress, awaited on shutdown. */
  running: Set<Promise<unknown>>;
}

const schedulers = new WeakMap<object, Scheduler>();
const coordinators = new WeakMap<object, LeaseRunCoordinator>();

/** The instance's coordinator: a lease row per fire in the app's database. */
export function coordinatorFor(strapi: Core.Strapi): LeaseRunCoordinator {
  let coordinator = coordinators.get(strapi);
  if (!coordinator) {
    coordinator = new LeaseRunCoordinator({
      knex: strapi.db.connection,
      schema: strapi.db.getSchemaName() || undefined,
      warn: (message) => strapi.log.warn(message),
    });
    coordinators.set(strapi, coordinator);
  }
  return coordinator;
}

/** node-cron's own messages (a coordinator failure that skipped a fire, say) in Strapi's log. */
function cronLogger(strapi: Core.Strapi): Logger {
  const text = (message: string | Error, err?: Error) =>
    [message instanceof Error ? (message.stack ?? message.message) : message, err?.stack ?? err]
      .filter(Boolean)
      .join(': ');
  return {
    info: (message) => strapi.log.info(`cron: ${message}`),
    warn: (message) => strapi.log.warn(`cron: ${message}`),
    error: (message, err) => strapi.log.error(`cron: ${text(message, err)}`),
    debug: (message, err) => strapi.log.debug(`cron: ${text(message, err)}`),
  };
}

export function jobTaskOptions(strapi: Core.Strapi, name: JobName): TaskOptions {
  const { jobs, city } = settings(strapi);
  return {
    name,
    timezone: city.timeZone,
    // One run at a time per instance; across instances the coordinator elects one per fire.
    noOverlap: true,
    distributed: true,
    runCoordinator: coordinatorFor(strapi),
    distributedLease: jobs.leaseSeconds * 1000,
    logger: cronLogger(strapi),
  };
}

/** The jobs that should be scheduled with the current settings. */
export function enabledJobs(strapi: Core.Strapi): JobDefinition[] {
  const { jobs } = settings(strapi);
  if (!jobs.enabled) return [];
  return JOBS.filter((job) => jobs.schedules[job.name]?.enabled);
}

type RunOutcome = { ok: true; result: unknown } | { ok: false; error: unknown };

/** Runs a job; a failure is logged and answered, never thrown: a job must not crash the process. */
async function runLogged(strapi: Core.Strapi, job: JobDefinition): Promise<RunOutcome> {
  try {
    return { ok: true, result: await job.run(strapi) };
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    strapi.log.error(`job ${job.name} failed: ${detail}`);
    return { ok: false, error };
  }
}

export function startJobs(strapi: Core.Strapi): void {
  if (schedulers.has(strapi)) return;
  const scheduler: Scheduler = { tasks: [], running: new Set() };
  schedulers.set(strapi, scheduler);
  const { jobs } = settings(strapi);
  for (const job of enabledJobs(strapi)) {
    const task = cron.schedule(
      jobs.schedules[job.name].cron,
      async () => {
        const run = runLogged(strapi, job);
        scheduler.running.add(run);
        try {
          await run;
        } finally {
          scheduler.running.delete(run);
        }
      },
      jobTaskOptions(strapi, job.name)
    );
    scheduler.tasks.push(task);
  }
}

/** Stops and unregisters every task, then lets runs in progress finish (bounded). */
export async function stopJobs(strapi: Core.Strapi): Promise<void> {
  const scheduler = schedulers.get(strapi);
  if (!scheduler) return;
  schedulers.delete(strapi);
  for (const task of scheduler.tasks) await task.destroy();
  if (scheduler.running.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_WAIT_MS);
  });
  const outcome = await Promise.race([Promise.allSettled([...scheduler.running]), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') strapi.log.warn('jobs: shutting down with a run still in progress');
}

export interface FireResult {
  /** Whether this instance was elected for the fire (and so ran the job). */
  elected: boolean;
  result?: unknown;
  error?: unknown;
}

/**
 * Fires a job for one slot as the scheduler would: the same key (`<name>:<slot ISO>`), lease and
 * sequence as node-cron's distributed runner (shouldRun → run → onComplete, a coordinator error
 * skips the fire). For tests and manual runs, which need not wait for cron time.
 */
export async function fireJob(
  strapi: Core.Strapi,
  job: JobName | JobDefinition,
  slot: Date,
  coordinator: LeaseRunCoordinator = coordinatorFor(strapi)
): Promise<FireResult> {
  const definition = typeof job === 'string' ? JOBS.find((j) => j.name === job) : job;
  if (!definition) throw new Error(`jobs: no job named ${String(job)}`);
  const key = `${definition.name}:${slot.toISOString()}`;
  let elected: boolean;
  try {
    elected = await coordinator.shouldRun(key, settings(strapi).jobs.leaseSeconds * 1000);
  } catch (error) {
    strapi.log.error(`jobs: coordinator failed, ${key} skipped: ${error}`);
    return { elected: false, error };
  }
  if (!elected) return { elected: false };
  try {
    const outcome = await runLogged(strapi, definition);
    return outcome.ok
      ? { elected: true, result: outcome.result }
      : { elected: true, error: outcome.error };
  } finally {
    await coordinator
      .onComplete(key)
      .catch((error) => strapi.log.error(`jobs: could not mark ${key} finished: ${error}`));
  }
}
