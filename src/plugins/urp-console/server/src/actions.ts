/**
 * What staff do to a case from the console. Every change goes through
 * `strapi.documents(...).update`, so the write gate (src/lib/case-writes.ts) checks the lifecycle,
 * stamps the times and writes the `assigned` / `status_changed` / `message_to_citizen` events;
 * here we check the scope and the input, and name the field that is wrong.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import type { CaseKind } from '../../../../domain/case-kind';
import { allowedNextStatuses, isTerminal } from '../../../../domain/lifecycle';
import { can, type StaffMember } from '../../../../domain/staff-scope';
import { runAs } from '../../../../lib/actor';
import { appendCaseEvent } from '../../../../lib/case-events';
import { CASE_UIDS } from '../../../../lib/case-types';
import { ConflictError } from '../../../../lib/http-errors';
import { clock } from '../../../../lib/clock';
import { mergeReports, splitReport } from '../../../../lib/triage/merge';
import { getCase, type FoundCase } from './cases';
import { invalid, parseInput } from './input';
import { actorOf, assertCan, type AdminUser } from './scope';

export interface Doer {
  staff: StaffMember;
  user: AdminUser;
}

const documentId = z.string().trim().min(1).max(40);
const text = (max: number) => z.string().trim().min(1).max(max);

function updateCase(strapi: Core.Strapi, found: FoundCase, data: Record<string, unknown>) {
  return strapi.documents(CASE_UIDS[found.kind]).update({
    documentId: found.row.documentId,
    data: data as never,
  });
}

/** A case that is closed, rejected or merged takes no more assignments or messages. */
function assertOpen(found: FoundCase, what: string): void {
  if (isTerminal(found.kind, found.row.state)) {
    throw new ConflictError(`The case is "${found.row.state}": it takes no more ${what}.`);
  }
}

// ---------------------------------------------------------------------------------------------
// Assignment: office (operators), team and technician (coordinators and operators)
// ---------------------------------------------------------------------------------------------

const assignSchema = z
  .object({
    office: documentId.optional(),
    team: documentId.nullable().optional(),
    assignee: z.number().int().positive().nullable().optional(),
    reason: text(2000).optional(),
  })
  .strict();

interface TeamRow {
  documentId: string;
  active?: boolean | null;
  office?: { documentId: string } | null;
  members?: { id: number }[];
}

async function loadTeam(strapi: Core.Strapi, teamId: string): Promise<TeamRow | null> {
  return (await strapi.db.query('api::team.team').findOne({
    where: { documentId: teamId },
    populate: { office: { select: ['documentId'] }, members: { select: ['id'] } },
  })) as TeamRow | null;
}

export async function assignCase(strapi: Core.Strapi, doer: Doer, code: string, body: unknown) {
  const found = await getCase(strapi, code);
  const { staff } = doer;
  if (!can(staff, 'assign', found.keys) && !can(staff, 'changeOffice', found.keys)) {
    throw new errors.ForbiddenError('You may not assign this case.');
  }
  const input = parseInput(assignSchema, body);
  if (input.office === undefined && input.team === undefined && input.assignee === undefined) {
    throw invalid('office', 'give an office, a team or an assignee');
  }
  assertOpen(found, 'assignments');

  const current = found.keys;
  const officeChanges = input.office !== undefined && input.office !== current.officeKey;
  if (officeChanges) {
    assertCan(staff, 'changeOffice', current, 'change the office');
    if (current.officeKey && !input.reason) {
      throw invalid('reason', 'say why the case moves to another office');
    }
    const office = await strapi.db
      .query('api::office.office')
      .findOne({ where: { documentId: input.office }, select: ['id'] });
    if (!office) throw invalid('office', 'no office has this documentId');
  }
  if (input.team !== undefined || input.assignee !== undefined) {
    assertCan(staff, 'assign', current, 'assign a team or a technician');
  }

  const office = officeChanges ? (input.office as string) : current.officeKey;
  // A new office starts without the old office's crew and technician unless they are given.
  let team = input.team !== undefined ? input.team : officeChanges ? null : current.teamKey;
  let teamRow: TeamRow | null = null;
  if (team) {
    teamRow = await loadTeam(strapi, team);
    if (!teamRow) throw invalid('team', 'no team has this documentId');
    if (teamRow.office?.documentId !== office) {
      throw invalid('team', "the team does not belong to the case's office");
    }
    if (teamRow.active === false) throw invalid('team', 'the team is not active');
  } else team = null;

  let assignee =
    input.assignee !== undefined ? input.assignee : officeChanges ? null : current.assigneeId;
  if (input.assignee != null) {
    const user = (await strapi.db
      .query('admin::user')
      .findOne({ where: { id: input.assignee }, select: ['id', 'isActive'] })) as {
      isActive?: boolean;
    } | null;
    if (!user?.isActive) throw invalid('assignee', 'no active admin user has this id');
  }
  const isMember = (id: number) => Boolean(teamRow?.members?.some((m) => m.id === id));
  if (assignee != null && teamRow && !isMember(assignee)) {
    if (input.assignee != null) throw invalid('assignee', 'the technician is not in the team');
    assignee = null; // the team changed: its former technician no longer fits
  }

  const data: Record<string, unknown> = {};
  if (office !== current.officeKey) data.office = office;
  if (team !== current.teamKey) data.team = team;
  if (assignee !== current.assigneeId) data.assignee = assignee == null ? null : { id: assignee };

  await runAs(actorOf(doer.user), () =>
    strapi.db.transaction(async () => {
      if (Object.keys(data).length) await updateCase(strapi, found, data);
      if (input.reason) {
        await appendCaseEvent(strapi, found.kind, found.row, {
          type: 'internal_note',
          visibility: 'internal',
          text: input.reason,
          data: { about: 'assignment' },
          actor: actorOf(doer.user),
          at: clock.now(),
        });
      }
    })
  );
  return { code: found.row.referenceCode, office, team, assignee, changed: Object.keys(data) };
}

// ---------------------------------------------------------------------------------------------
// Status changes, with the technician's qualification when a report is resolved or rejected
// ---------------------------------------------------------------------------------------------

const ACCURACY = ['accurate', 'partly_accurate', 'inaccurate', 'fake'] as const;
/** Reports leaving the field must say how accurate the citizen was (issue 4). */
const QUALIFIED_ENDS = ['resolved', 'rejected'];

const transitionSchema = z
  .object({
    to: z.string().trim().min(1).max(20),
    message: text(4000).optional(),
    /** The public answer: a report's resolution note, a request's or complaint's answer. */
    answer: text(4000).optional(),
    qualification: z
      .object({
        accuracy: z.enum(ACCURACY).optional(),
        assessedUrgency: z.number().int().min(1).max(5).optional(),
        note: text(2000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

function qualificationData(kind: CaseKind, input: z.infer<typeof transitionSchema>, from: string) {
  const q = input.qualification;
  if (kind !== 'report') {
    if (q) throw invalid('qualification', 'only reports are qualified');
    return {};
  }
  // An illegal transition is left to the gate, whose message says what is allowed.
  const legal = (allowedNextStatuses(kind, from) as readonly string[]).includes(input.to);
  if (legal && QUALIFIED_ENDS.includes(input.to) && !q?.accuracy) {
    throw invalid(
      'qualification.accuracy',
      `a report that is ${input.to} needs its accuracy: ${ACCURACY.join(', ')}`
    );
  }
  if (!q) return {};
  return {
    ...(q.accuracy ? { qualification: q.accuracy } : {}),
    ...(q.assessedUrgency ? { assessedUrgency: q.assessedUrgency } : {}),
    ...(q.note ? { qualificationNote: q.note } : {}),
  };
}

export async function transitionCase(strapi: Core.Strapi, doer: Doer, code: string, body: unknown) {
  const found = await getCase(strapi, code);
  assertCan(doer.staff, 'transition', found.keys, 'change the status');
  const input = parseInput(transitionSchema, body);
  const from = found.row.state;
  const qualification = qualificationData(found.kind, input, from);
  if (input.qualification) assertCan(doer.staff, 'qualify', found.keys, 'qualify the report');

  const data: Record<string, unknown> = { state: input.to, ...qualification };
  if (input.message) data.messageToCitizen = input.message;
  if (input.answer) data[found.kind === 'report' ? 'resolutionNote' : 'answer'] = input.answer;
  await runAs(actorOf(doer.user), () => updateCase(strapi, found, data));
  return { code: found.row.referenceCode, from, state: input.to };
}

// ---------------------------------------------------------------------------------------------
// Merge and split (the triage engine does the work), notes and messages
// ---------------------------------------------------------------------------------------------

const mergeSchema = z.object({ into: text(30), reason: text(2000).optional() }).strict();
const splitSchema = z.object({ reason: text(2000).optional() }).strict();
const textSchema = z.object({ text: text(4000) }).strict();

function assertReport(found: FoundCase, field: string): void {
  if (found.kind !== 'report') throw invalid(field, 'only reports are merged and split');
}

export async function mergeCase(strapi: Core.Strapi, doer: Doer, code: string, body: unknown) {
  const source = await getCase(strapi, code);
  assertCan(doer.staff, 'merge', source.keys, 'merge');
  const input = parseInput(mergeSchema, body);
  assertReport(source, 'code');
  const target = await getCase(strapi, input.into, {}, 'into');
  assertReport(target, 'into');
  if (target.row.id === source.row.id) throw invalid('into', 'a report cannot merge into itself');
  assertCan(doer.staff, 'merge', target.keys, 'merge into that report');
  return runAs(actorOf(doer.user), () =>
    mergeReports(strapi, {
      sourceCode: source.row.referenceCode,
      targetCode: target.row.referenceCode,
      reason: input.reason,
    })
  );
}

export async function splitCase(strapi: Core.Strapi, doer: Doer, code: string, body: unknown) {
  const found = await getCase(strapi, code);
  assertCan(doer.staff, 'merge', found.keys, 'split');
  const input = parseInput(splitSchema, body);
  assertReport(found, 'code');
  return runAs(actorOf(doer.user), () =>
    splitReport(strapi, { code: found.row.referenceCode, reason: input.reason })
  );
}

export async function addNote(strapi: Core.Strapi, doer: Doer, code: string, body: unknown) {
  const found = await getCase(strapi, code);
  assertCan(doer.staff, 'note', found.keys, 'add a note');
  const { text: note } = parseInput(textSchema, body);
  const event = await appendCaseEvent(strapi, found.kind, found.row, {
    type: 'internal_note',
    visibility: 'internal',
    text: note,
    actor: actorOf(doer.user),
    at: clock.now(),
  });
  return { code: found.row.referenceCode, event: { id: event.id, type: 'internal_note' } };
}

export async function messageCitizen(strapi: Core.Strapi, doer: Doer, code: string, body: unknown) {
  const found = await getCase(strapi, code);
  assertCan(doer.staff, 'message', found.keys, 'write to the citizen');
  const { text: message } = parseInput(textSchema, body);
  await runAs(actorOf(doer.user), () => updateCase(strapi, found, { messageToCitizen: message }));
  return { code: found.row.referenceCode, message };
}
