/**
 * The triage job: priorities that moved a service-level step are re-scored, and emergencies that
 * nobody has taken in charge re-alert the emergency contacts and the control body. Both work out
 * what is due from stored state (review time, re-alert count), so a run twice, late or in two
 * instances at once repeats nothing: re-alerts carry a dedupe key per step, and a job that was
 * down for hours sends the current step once, not every step it missed.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { runAs } from '../lib/actor';
import { appendCaseEvent } from '../lib/case-events';
import { clock } from '../lib/clock';
import { dbInstant } from '../lib/raw-sql';
import { enqueue } from '../lib/outbox';
import { settings } from '../lib/settings';
import { refreshDuePriorities } from '../lib/triage/priority';

const SYSTEM = { type: 'system' as const, name: 'triage-job' };

export interface TriageRun {
  rescored: number;
  realerted: number;
}

/** Which re-alert is due: 1 after one interval untaken, 2 after two… capped at `max`. */
export function realertStep(receivedAt: Date, now: Date, minutes: number, max: number): number {
  if (minutes <= 0) return 0;
  const elapsed = now.getTime() - receivedAt.getTime();
  return Math.min(max, Math.max(0, Math.floor(elapsed / (minutes * 60_000))));
}

async function controlBodyEmails(strapi: Core.Strapi): Promise<string[]> {
  const rows = (await strapi.db.query('api::office.office').findMany({
    where: { kind: 'control_body', email: { $notNull: true }, publishedAt: { $notNull: true } },
    select: ['email'],
  })) as { email: string }[];
  return rows.map((r) => r.email.toLowerCase());
}

interface UntakenEmergency {
  id: number;
  document_id: string;
  reference_code: string;
  received_at: string | number | Date;
  emergency_realerts: number | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

export async function realertEmergencies(strapi: Core.Strapi, now: Date): Promise<number> {
  const { triage, emergency, city, links } = settings(strapi);
  const interval = triage.emergencyRealertMinutes;
  const max = triage.emergencyMaxRealerts;
  if (interval <= 0 || max <= 0) return 0;
  const firstDue = new Date(now.getTime() - interval * 60_000);
  const candidates = (await strapi.db
    .connection('reports')
    .select(
      'id',
      'document_id',
      'reference_code',
      'received_at',
      'emergency_realerts',
      'address',
      'latitude',
      'longitude'
    )
    .where({ emergency: true, state: 'received' })
    .where('received_at', '<=', dbInstant(strapi, firstDue))
    .where((q) => q.where('emergency_realerts', '<', max).orWhereNull('emergency_realerts'))
    .orderBy('received_at')
    .limit(200)) as UntakenEmergency[];

  let sent = 0;
  let recipients: string[] | null = null; // read once per run, and only if something is due
  for (const row of candidates) {
    const receivedAt = new Date(row.received_at as string);
    const step = realertStep(receivedAt, now, interval, max);
    if (step <= (row.emergency_realerts ?? 0)) continue;
    recipients ??= [...new Set([...emergency.emails, ...(await controlBodyEmails(strapi))])];
    const to = recipients;
    const done = await runAs(SYSTEM, () =>
      strapi.db.transaction(async ({ trx }) => {
        // Claim the step first: of two instances racing, one updates the row, the other none.
        const claimed = await trx('reports')
          .where({ id: row.id, state: 'received' })
          .where((q: Knex.QueryBuilder) =>
            q.where('emergency_realerts', '<', step).orWhereNull('emergency_realerts')
          )
          .update({ emergency_realerts: step });
        if (!claimed) return false;
        const payload = {
          code: row.reference_code,
          kind: 'report',
          cityName: city.name,
          address: row.address ?? undefined,
          latitude: row.latitude ?? undefined,
          longitude: row.longitude ?? undefined,
          emergencyNumber: emergency.callNumber,
          adminUrl: links.admin,
          message: `Nessuno ha ancora preso in carico l'emergenza dopo ${step * interval} minuti (sollecito ${step} di ${max}).`,
        };
        await enqueue(
          strapi,
          to.map((email) => ({
            channel: 'email' as const,
            recipient: email,
            template: 'emergency_alert',
            language: 'it' as const,
            payload,
            dedupeKey: `emergency:${row.reference_code}:realert:${step}:email:${email}`,
            caseCode: row.reference_code,
          }))
        );
        await appendCaseEvent(
          strapi,
          'report',
          { documentId: row.document_id, referenceCode: row.reference_code },
          {
            type: 'escalated',
            visibility: 'internal',
            actor: SYSTEM,
            at: now,
            data: { reason: 'emergency_not_taken', realert: step, recipients: to.length },
          }
        );
        return true;
      })
    );
    if (done) sent += 1;
  }
  return sent;
}

export async function runTriageJob(
  strapi: Core.Strapi,
  now: Date = clock.now()
): Promise<TriageRun> {
  const rescored = await refreshDuePriorities(strapi, now);
  const realerted = await realertEmergencies(strapi, now);
  return { rescored, realerted };
}
