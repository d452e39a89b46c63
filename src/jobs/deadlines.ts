/**
 * The deadline job: first-response flags, reminders, escalations to the control body and to
 * management, courtesy messages and satisfaction invitations (src/lib/deadlines/sweep.ts).
 */
import type { Core } from '@strapi/strapi';
import { runDeadlineSweep, type SweepRun } from '../lib/deadlines/sweep';

export async function runDeadlineJob(strapi: Core.Strapi): Promise<SweepRun> {
  const run = await runDeadlineSweep(strapi);
  if (run.cases) strapi.log.info(`deadlines: ${JSON.stringify(run)}`);
  return run;
}
