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
import { insertCaseEvents, type NewCaseEvent } from '../case-events';
import { appendLinks, documentId, insertRows, linkSpec } from '../bulk-insert';
import { localizedName } from '../case-notifications';
import { CASE_UIDS } from '../case-types';
import { clock } from '../clock';
import { enqueue, type OutgoingMessage } from '../outbox';
import { privateUrl } from '../private-links';
import { dbInstant, inCurrentTransaction } from '../raw-sql';
import { cityCalendar, settings } from '../settings';
import { caseScheduleInput, deadlinePolicy, type ScheduledCaseRow } from './policy';
import { openSurveys } from '../surveys/invitations';
import type { StoredSurvey } from '../surveys/questions';
import { createRatingInvitations, invitees, type Invitee } from './ratings';
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
  channel?: string | null;
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

function tableOf(strapi: Core.Strapi, what: CaseKind | typeof ESCALATION_UID): string {
  return strapi.db.metadata.get(what === ESCALATION_UID ? what : CASE_UIDS[what]).tableName;
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
  return invitees(c).map((p) => ({
    email: (p.email as string).toLowerCase(),
    language: p.language === 'en' ? 'en' : 'it',
  }));
}

const ESCALATION_UID = 'api::escalation.escalation';

interface NewEscalation {
  row: Record<string, unknown>;
  officeId: number | null;
  targetId: number | null;
}

/**
 * One batch's work: steps are performed case by case, and what they write (events, escalation
 * rows, emails) is collected and written in a few bulk statements at the end of the batch, inside
 * its transaction.
 */
class CaseSweep {
  readonly messages: OutgoingMessage[] = [];
  private readonly events: { caseId: number; code: string; event: NewCaseEvent }[] = [];
  private readonly escalations: NewEscalation[] = [];
  private readonly names = new Map<string, Promise<string | undefined>>();
  /** The open surveys, read once per batch when a case of it is invited to rate. */
  private surveys: Promise<StoredSurvey[]> | null = null;
  private readonly config;
  private readonly calendar;
  private readonly policy;

  constructor(
    private readonly strapi: Core.Strapi,
    private readonly kind: CaseKind,
    private readonly now: Date,
    private readonly targets: EscalationTargets,
    private readonly run: SweepRun
  ) {
    this.config = settings(strapi);
    this.calendar = cityCalendar(strapi);
    this.policy = deadlinePolicy(strapi);
  }

  private event(c: DueCase, event: Omit<NewCaseEvent, 'actor' | 'at'>) {
    this.events.push({
      caseId: c.id,
      code: c.referenceCode,
      event: { ...event, actor: SYSTEM, at: this.now },
    });
  }

  /** An office's name in a language, read once per sweep batch. */
  private officeName(documentId: string, language: 'it' | 'en') {
    const key = `${documentId}:${language}`;
    let name = this.names.get(key);
    if (!name) {
      name = localizedName(this.strapi, 'api::office.office', documentId, language);
      this.names.set(key, name);
    }
    return name;
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
    this.event(c, {
      type: 'reminder',
      visibility: 'internal',
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
    this.escalations.push({
      row: {
        document_id: documentId(),
        office_key: c.office?.documentId ?? null,
        case_kind: this.kind,
        case_code: c.referenceCode,
        level,
        due_at: c.dueAt ? new Date(c.dueAt) : null,
        escalated_at: this.now,
        target_name: target?.name ?? null,
        dedupe_key: dedupeKey,
        created_at: this.now,
        updated_at: this.now,
        published_at: this.now,
      },
      officeId: c.office?.id ?? null,
      targetId: target?.id ?? null,
    });
    this.event(c, {
      type: 'escalated',
      visibility: 'public',
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
      const targetName = target ? await this.officeName(target.documentId, language) : undefined;
      const officeName = c.office
        ? await this.officeName(c.office.documentId, language)
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
    this.surveys ??= openSurveys(this.strapi, this.now);
    const messages = await createRatingInvitations(
      this.strapi,
      this.kind,
      c,
      this.now,
      payload,
      await this.surveys
    );
    this.messages.push(...messages);
    this.event(c, {
      type: 'rating_invited',
      visibility: 'internal',
      data: { invitations: messages.length },
    });
    c.ratingInvitedAt = this.now.toISOString();
    this.run.invitations += messages.length;
  }

  async handle(c: DueCase): Promise<void> {
    const { steps } = scheduleCase(caseScheduleInput(this.kind, c), this.calendar, this.policy);
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
    const next = scheduleCase(caseScheduleInput(this.kind, c), this.calendar, this.policy);
    const instant = (at: Date | string | null | undefined) =>
      at ? dbInstant(this.strapi, new Date(at)) : null;
    const late = Boolean(c.firstResponseLate) || lateFirstResponse;
    await inCurrentTransaction(this.strapi, (db) =>
      db(tableOf(this.strapi, this.kind))
        .where({ id: c.id })
        .update({
          steps_done_until: instant(this.now),
          next_action_at: instant(next.nextActionAt),
          escalation_level: c.escalationLevel ?? 0,
          rating_invited_at: instant(c.ratingInvitedAt),
          first_response_late: this.strapi.db.dialect.client === 'postgres' ? late : Number(late),
        })
    );
    this.run.cases++;
  }

  /** Writes what the batch's steps collected, still inside its transaction. */
  async flush(): Promise<void> {
    await insertCaseEvents(this.strapi, this.kind, this.events);
    if (this.escalations.length) {
      await inCurrentTransaction(this.strapi, async (db) => {
        const table = tableOf(this.strapi, ESCALATION_UID);
        const ids = await insertRows(
          db,
          table,
          this.escalations.map((e) => e.row),
          true
        );
        for (const [attribute, key] of [
          ['office', 'officeId'],
          ['target', 'targetId'],
        ] as const) {
          const pairs = this.escalations
            .map((e, i): [number, number | null] => [ids[i], e[key]])
            .filter((pair): pair is [number, number] => pair[1] != null);
          await appendLinks(db, linkSpec(this.strapi, ESCALATION_UID, attribute), pairs);
        }
      });
    }
    await enqueue(this.strapi, this.messages);
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
    await sweep.flush();
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
