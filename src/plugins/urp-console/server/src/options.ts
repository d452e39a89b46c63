/**
 * GET /urp-console/options: what the console's filter dropdowns and pickers need, within the
 * reader's scope, and who the reader is. Everyone with a read-all role gets every published office,
 * every team and every technician; a coordinator the offices of their staff profile, those
 * offices' teams and the technicians among those teams' members; a technician their teams, their
 * offices and their teammates. Topics are not scoped (a coordinator filters their office's queue
 * by any topic). Organisation data: each list is as long as the organisation, with a hard cap.
 */
import type { Core } from '@strapi/strapi';
import {
  STAFF_ROLES,
  canListReporters,
  canReassignOffice,
  officeScope,
  readScope,
  teamScope,
} from '../../../../domain/staff-scope';
import { byName, publishedNames, type Locale } from './names';
import type { ConsoleState } from './scope';

const MAX_ROWS = 1000;

interface TeamRow {
  documentId: string;
  name: string;
  active: boolean | null;
  office?: { documentId: string } | null;
  members?: { id: number }[];
}

interface UserRow {
  id: number;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
}

const fullName = (u: {
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
}) => [u.firstname, u.lastname].filter(Boolean).join(' ') || u.email || '';

export async function consoleOptions(strapi: Core.Strapi, state: ConsoleState, locale: Locale) {
  const { staff, user } = state;
  const scope = readScope(staff);

  const teams = (await strapi.db.query('api::team.team').findMany({
    where: scope.all
      ? {}
      : {
          $or: [
            { office: { documentId: { $in: scope.offices } } },
            { documentId: { $in: scope.teams } },
          ],
        },
    select: ['documentId', 'name', 'active'],
    populate: {
      office: { select: ['documentId'] },
      ...(scope.all ? {} : { members: { select: ['id'] } }),
    },
    orderBy: { name: 'asc' },
    limit: MAX_ROWS,
  })) as TeamRow[];

  const officeKeys = scope.all
    ? undefined
    : [
        ...new Set([
          ...scope.offices,
          ...teams.flatMap((t) => (t.office?.documentId ? [t.office.documentId] : [])),
        ]),
      ];
  const memberIds = scope.all
    ? undefined
    : [...new Set(teams.flatMap((t) => (t.members ?? []).map((m) => m.id)))];

  const [offices, topics] = [
    await publishedNames(strapi, 'api::office.office', locale, officeKeys),
    await publishedNames(strapi, 'api::topic.topic', locale),
  ];
  const technicians =
    memberIds && !memberIds.length
      ? []
      : ((await strapi.db.query('admin::user').findMany({
          where: {
            isActive: true,
            roles: { code: STAFF_ROLES.technician },
            ...(memberIds ? { id: { $in: memberIds } } : {}),
          },
          select: ['id', 'firstname', 'lastname', 'email'],
          orderBy: [{ lastname: 'asc' }, { firstname: 'asc' }, { id: 'asc' }],
          limit: MAX_ROWS,
        })) as UserRow[]);

  const topicCodes = new Map(
    (
      (await strapi.db.query('api::topic.topic').findMany({
        where: { publishedAt: { $notNull: true } },
        select: ['documentId', 'code'],
        limit: 4000,
      })) as { documentId: string; code: string }[]
    ).map((t) => [t.documentId, t.code])
  );
  return {
    offices: byName(offices),
    teams: teams.map((t) => ({
      documentId: t.documentId,
      name: t.name,
      officeKey: t.office?.documentId ?? null,
      active: t.active !== false,
    })),
    // The code is what the intake takes (`topic`), for cases opened at the phone or the counter.
    topics: byName(topics).map((t) => ({ ...t, code: topicCodes.get(t.documentId) ?? null })),
    technicians: technicians.map((u) => ({ id: u.id, name: fullName(u) })),
    me: {
      id: user.id,
      name: fullName(user),
      roles: [...staff.roles],
      offices: [...staff.offices],
      teams: [...staff.teams],
      can: {
        listReporters: canListReporters(staff),
        reassignOffice: canReassignOffice(staff),
        kpis: officeScope(staff) != null,
        teamStats: teamScope(staff) != null,
      },
    },
  };
}
