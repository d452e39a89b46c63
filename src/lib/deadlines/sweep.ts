/**
 * The deadline sweep: cases whose next action time has come are claimed in batches (one
 * transaction each, `FOR UPDATE SKIP LOCKED` on PostgreSQL so a second runner takes other rows),
 * their due steps (src/domain/deadlines.ts) are performed, and `stepsDoneUntil` moves to now in
 * the same transaction as the events and the queued emails. A crash rolls a batch back whole;
 * a rerun finds nothing left to do. Cost follows what is due: the claim reads the partial index
 * on next_action_at.
 */
import type { Core } from '@strapi/strapi';
import { CASE_KINDS, type CaseKind } from '../../domain/case-kind';
import { scheduleCase } from '../../domain/case-schedule';
import { dueSteps, type DeadlineStep } from '../../domain/deadlines';
import type { Suspension } from '../../domain/lifecycle';
import { runAs } from '../actor';
import { appendCaseEvent } from '../case-events';
import { localizedName } from '../case-notifications';
import { CASE_UIDS } from '../case-types';
import { clock } from '../clock';
import { enqueue, type OutgoingMessage } from '../outbox';
import { privateUrl } from '../private-links';
import { dbInstant, inCurrentTransaction } from '../raw-sql';
import { cityCalendar, settings } from '../settings';
import { caseScheduleInput, deadlinePolicy, type ScheduledCaseRow } from './policy';
import { createRatingInvitations, type Invitee } from './ratings';
import { EscalationTargets, type OfficeRef } from './targets';

const SYSTEM = { type: 'system' as const, name: 'deadline-engine' };
/** A run stops after this many batches per kind; the next fire goes on from there. */
const MAX_BATCHES_PER_RUN = 1000;

export interface SweepRun {
  cases: number;
  firstResponse: number;
  reminders: number;
  escalations: number;
  courtesy: number;
  invitations: number;
  superseded: number;
  batches: number;
}

interface DueCase extends ScheduledCaseRow {
  id: number;
  documentId: string;
  referenceCode: string;
  dueAt: string | null;
  firstResponseDueAt: string | null;
  firstResponseLate?: boolean | null;
  office?: OfficeRef | null;
  assignee?: {
    email: string | null;
    isActive?: boolean | null;
    preferedLanguage?: string | null;
  } | null;
  citizen?: Invitee | null;
  followers?: Invitee[] | null;
  suspensions?: Suspension[] | null;
}

const emptyRun = (): SweepRun => ({
  cases: 0,
  firstResponse: 0,
  reminders: 0,
  escalations: 0,
  courtesy: 0,
  invitations: 0,
  superseded: 0,
  batches: 0,
});

function tableOf(strapi: Core.Strapi, kind: CaseKind): string {
  return strapi.db.metadata.get(CASE_UIDS[kind]).tableName;
}

/** Claims up to `size` due cases in the current transaction; locked ones belong to another runner. */
async function claimDue(strapi: Core.Strapi, kind: CaseKind, now: Date, size: number) {
  return inCurrentTransaction(strapi, async (db) => {
    let query = db(tableOf(strapi, kind))
      .select('id')
      .whereNotNull('next_action_at')
      .andWhere('next_action_at', '<=', dbInstant(strapi, now))
      .orderBy('next_action_at')
      .limit(size);
    if (strapi.db.dialect.client === 'postgres') query = query.forUpdate().skipLocked();
    return ((await query) as { id: number }[]).map((r) => r.id);
  });
}

const PERSON = ['id', 'email', 'language', 'anonymisedAt', 'blocked'];

async function loadCases(strapi: Core.Strapi, kind: CaseKind, ids: number[]): Promise<DueCase[]> {
  const populate: Record<string, unknown> = {
    topic: { select: ['id', 'resolutionDays', 'urgentResolutionHours', 'firstResponseDays'] },
    office: EscalationTargets.officePopulate,
    assignee: { select: ['id', 'email', 'isActive', 'preferedLanguage'] },
    citizen: { select: PERSON },
  };
  if (kind === 'report') populate.followers = { select: PERSON };
  return (await strapi.db
    .query(CASE_UIDS[kind])
    .findMany({ where: { id: { $in: ids } }, populate, orderBy: { id: 'asc' } })) as DueCase[];
}

/** The office's mailbox and the assignee: who is reminded of a case. */
function handlers(c: DueCase): { email: string; language: 'it' | 'en' }[] {
  const out = new Map<string, 'it' | 'en'>();
  if (c.office?.email) out.set(c.office.email.toLowerCase(), 'it');
  const assignee = c.assignee;
  if (assignee?.email && assignee.isActive !== false) {
    out.set(assignee.email.toLowerCase(), assignee.preferedLanguage === 'en' ? 'en' : 'it');
  }
  return [...out].map(([email, language]) => ({ email, language }));
}

function citizensOf(c: DueCase): { email: string; language: 'it' | 'en' }[] {
  const out = new Map<string, 'it' | 'en'>();
  for (const p of [c.citizen, ...(c.followers ?? [])]) {
    if (!p?.email || p.anonymisedAt || p.blocked) continue;
    const email = p.email.toLowerCase();
    if (!out.has(email)) out.set(email, p.language === 'en' ? 'en' : 'it');
  }
  return [...out].map(([email, language]) => ({ email, language }));
}

class CaseSweep {
  readonly messages: OutgoingMessage[] = [];
  private readonly config;

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly kind: CaseKind,
    private readonly now: Date,
    private readonly targets: EscalationTargets,
    private readonly run: SweepRun
  ) {
    this.config = settings(strapi);
  }

  private base(c: DueCase, extra: Record<string, unknown> = {}) {
    return {
      code: c.referenceCode,
      kind: this.kind,
      cityName: this.config.city.name,
      officeName: c.office?.name ?? undefined,
      status: c.state,
      dueAt: c.dueAt ?? undefined,
      adminUrl: this.config.links.admin,
      ...extra,
    };
  }

  private send(
    c: DueCase,
    to: { email: string; language: 'it' | 'en' }[],
    template: string,
    key: string,
    payload: Record<string, unknown>
  ) {
    for (const r of to) {
      this.messages.push({
        channel: 'email',
        recipient: r.email,
        template,
        language: r.language,
        payload,
        dedupeKey: `case:${c.referenceCode}:deadline:${key}:${template}:${r.email}`,
        caseCode: c.referenceCode,
      });
    }
  }

  private async notice(c: DueCase, step: DeadlineStep) {
    const firstResponse = step.kind === 'first_response';
    await appendCaseEvent(this.strapi, this.kind, c, {
      type: 'reminder',
      visibility: 'internal',
      actor: SYSTEM,
      at: this.now,
      data: { step: step.key, dueAt: c.dueAt },
    });
    const payload = this.base(c, {
      step: firstResponse ? 'first_response' : 'reminder',
      firstResponseDueAt: c.firstResponseDueAt ?? undefined,
    });
    this.send(c, handlers(c), 'deadline_reminder', step.key, payload);
    this.run[firstResponse ? 'firstResponse' : 'reminders']++;
  }

  private async escalate(c: DueCase, step: DeadlineStep): Promise<OfficeRef | null> {
    const level = step.level as number;
    const target = await this.targets.forLevel(c.office ?? null, level);
    const dedupeKey = `${c.referenceCode}:escalation:${level}:${c.dueAt ?? ''}`;
    await this.strapi.db.query('api::escalation.escalation').create({
      data: {
        office: c.office?.id ?? null,
        officeKey: c.office?.documentId ?? null,
        caseKind: this.kind,
        caseCode: c.referenceCode,
        level,
        dueAt: c.dueAt,
        escalatedAt: this.now,
        target: target?.id ?? null,
        targetName: target?.name ?? null,
        dedupeKey,
      },
    });
    await appendCaseEvent(this.strapi, this.kind, c, {
      type: 'escalated',
      visibility: 'public',
      actor: SYSTEM,
      at: this.now,
      data: { level, target: target?.name ?? null, dueAt: c.dueAt },
    });
    const to = new Map<string, 'it' | 'en'>();
    if (target?.email) to.set(target.email.toLowerCase(), 'it');
    for (const h of handlers(c)) to.set(h.email, h.language);
    const recipients = [...to].map(([email, language]) => ({ email, language }));
    const payload = this.base(c, { level, targetName: target?.name ?? undefined });
    this.send(c, recipients, 'case_escalated', step.key, payload);
    c.escalationLevel = level;
    this.run.escalations++;
    return target;
  }

  /** Once per case, at its first escalation: the citizens hear who now follows it. */
  private async courtesy(c: DueCase, target: OfficeRef | null, key: string) {
    const people = citizensOf(c);
    for (const language of ['it', 'en'] as const) {
      const to = people.filter((p) => p.language === language);
      if (!to.length) continue;
      const targetName = target
        ? await localizedName(this.strapi, 'api::office.office', target.documentId, language)
        : undefined;
      const officeName = c.office
        ? await localizedName(this.strapi, 'api::office.office', c.office.documentId, language)
        : undefined;
      const payload = {
        code: c.referenceCode,
        kind: this.kind,
        cityName: this.config.city.name,
        dueAt: c.dueAt ?? undefined,
        officeName,
        targetName,
        trackingUrl: this.config.links.tracking.replace(
          '{code}',
          encodeURIComponent(c.referenceCode)
        ),
        replyUrl: privateUrl(this.strapi, c.referenceCode, c.documentId),
      };
      this.send(c, to, 'escalation_courtesy', key, payload);
      this.run.courtesy += to.length;
    }
  }

  private async invite(c: DueCase) {
    const payload = {
      code: c.referenceCode,
      kind: this.kind,
      cityName: this.config.city.name,
      officeName: c.office?.name ?? undefined,
    };
    const messages = await createRatingInvitations(this.strapi, this.kind, c, this.now, payload);
    this.messages.push(...messages);
    await appendCaseEvent(this.strapi, this.kind, c, {
      type: 'rating_invited',
      visibility: 'internal',
      actor: SYSTEM,
      at: this.now,
      data: { invitations: messages.length },
    });
    c.ratingInvitedAt = this.now.toISOString();
    this.run.invitations += messages.length;
  }

  async handle(c: DueCase): Promise<void> {
    const calendar = cityCalendar(this.strapi);
    const policy = deadlinePolicy(this.strapi);
    const { steps } = scheduleCase(caseScheduleInput(this.kind, c), calendar, policy);
    const doneUntil = c.stepsDoneUntil ? new Date(c.stepsDoneUntil) : null;
    const { perform, superseded } = dueSteps(steps, doneUntil, this.now);
    const wasEscalated = (c.escalationLevel ?? 0) > 0;
    let target: OfficeRef | null = null;
    let escalationKey = '';
    for (const step of perform) {
      if (step.kind === 'escalation') {
        target = await this.escalate(c, step);
        escalationKey = step.key;
      } else if (step.kind === 'satisfaction') await this.invite(c);
      else await this.notice(c, step);
    }
    if (!wasEscalated && escalationKey) await this.courtesy(c, target, escalationKey);
    this.run.superseded += superseded.length;
    const lateFirstResponse = [...perform, ...superseded].some((s) => s.kind === 'first_response');

    c.stepsDoneUntil = this.now.toISOString();
    const next = scheduleCase(caseScheduleInput(this.kind, c), calendar, policy);
    await this.strapi.db.query(CASE_UIDS[this.kind]).update({
      where: { id: c.id },
      data: {
        stepsDoneUntil: this.now,
        nextActionAt: next.nextActionAt,
        escalationLevel: c.escalationLevel ?? 0,
        ratingInvitedAt: c.ratingInvitedAt ?? null,
        firstResponseLate: Boolean(c.firstResponseLate) || lateFirstResponse,
      },
    });
    this.run.cases++;
  }
}

/** One batch in one transaction; returns how many cases it claimed. */
async function sweepBatch(
  strapi: Core.Strapi,
  kind: CaseKind,
  now: Date,
  size: number,
  targets: EscalationTargets,
  run: SweepRun
): Promise<number> {
  return strapi.db.transaction(async () => {
    const ids = await claimDue(strapi, kind, now, size);
    if (!ids.length) return 0;
    const sweep = new CaseSweep(strapi, kind, now, targets, run);
    for (const c of await loadCases(strapi, kind, ids)) await sweep.handle(c);
    await enqueue(strapi, sweep.messages);
    run.batches++;
    return ids.length;
  });
}

/** Handles every case whose next action time has come, batch by batch. */
export async function runDeadlineSweep(
  strapi: Core.Strapi,
  options: { batchSize?: number } = {}
): Promise<SweepRun> {
  const now = clock.now();
  const size = options.batchSize ?? settings(strapi).deadlines.batchSize;
  const run = emptyRun();
  const targets = new EscalationTargets(strapi);
  await runAs(SYSTEM, async () => {
    for (const kind of CASE_KINDS) {
      for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        const claimed = await sweepBatch(strapi, kind, now, size, targets, run);
        if (claimed < size) break;
      }
    }
  });
  return run;
}
