/**
 * Scheduled jobs (node-cron), started in bootstrap and stopped on shutdown. Each job is safe to
 * run in several instances at once and twice in a row: it works out what is due from stored state.
 */
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import { runOutboxDispatcher } from './outbox-dispatcher';
import { runTriageJob } from './triage';
import { settings } from '../lib/settings';

const tasks = new WeakMap<object, ScheduledTask[]>();

export function startJobs(strapi: Core.Strapi): void {
  const { jobs, city } = settings(strapi);
  if (!jobs.enabled) return;
  const options = { noOverlap: true, timezone: city.timeZone };
  const { outbox, triage } = jobs.schedules;
  tasks.set(strapi, [
    cron.schedule(outbox.cron, () => runOutboxDispatcher(strapi), { ...options, name: 'outbox' }),
    cron.schedule(triage.cron, () => runTriageJob(strapi), { ...options, name: 'triage' }),
  ]);
}

export async function stopJobs(strapi: Core.Strapi): Promise<void> {
  for (const task of tasks.get(strapi) ?? []) await task.stop();
  tasks.delete(strapi);
}
