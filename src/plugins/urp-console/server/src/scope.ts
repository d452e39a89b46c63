/**
 * The signed-in staff member as the scope rules (src/domain/staff-scope.ts) see them: roles from
 * the admin session, offices from their staff profile, teams from team membership. Loaded once
 * per request by the route middleware; everything in the console reads it from ctx.state.staff.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context, Next } from 'koa';
import {
  STAFF_ROLES,
  can,
  isConsoleUser,
  type CaseAction,
  type CaseKeys,
  type StaffMember,
} from '../../../../domain/staff-scope';
import type { Actor } from '../../../../lib/actor';

export interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  email?: string | null;
  roles?: { code: string }[];
}

export interface ConsoleState {
  staff: StaffMember;
  user: AdminUser;
}

async function officesOf(strapi: Core.Strapi, userId: number): Promise<string[]> {
  const profile = (await strapi.db.query('api::staff-profile.staff-profile').findOne({
    where: { user: { id: userId } },
    populate: { offices: { select: ['documentId'] } },
  })) as { offices?: { documentId: string }[] } | null;
  return [...new Set((profile?.offices ?? []).map((o) => o.documentId))];
}

async function teamsOf(strapi: Core.Strapi, userId: number): Promise<string[]> {
  const teams = (await strapi.db.query('api::team.team').findMany({
    where: { members: { id: userId } },
    select: ['documentId'],
  })) as { documentId: string }[];
  return teams.map((t) => t.documentId);
}

export async function loadStaff(strapi: Core.Strapi, user: AdminUser): Promise<StaffMember> {
  const roles = (user.roles ?? []).map((r) => r.code);
  return {
    userId: user.id,
    roles,
    offices: roles.includes(STAFF_ROLES.coordinator) ? await officesOf(strapi, user.id) : [],
    teams: roles.includes(STAFF_ROLES.technician) ? await teamsOf(strapi, user.id) : [],
  };
}

/** Route middleware: who is asking; editors and users without a case role stop here (403). */
export const withStaff =
  (strapi: Core.Strapi) =>
  async (ctx: Context, next: Next): Promise<void> => {
    const user = ctx.state.user as AdminUser | undefined;
    if (!user) throw new errors.UnauthorizedError('Sign in to the admin first.');
    const staff = await loadStaff(strapi, user);
    if (!isConsoleUser(staff)) {
      throw new errors.ForbiddenError('Your roles give no access to the URP console.');
    }
    ctx.state.console = { staff, user } satisfies ConsoleState;
    await next();
  };

export const consoleState = (ctx: Context): ConsoleState => ctx.state.console as ConsoleState;

/** The staff member as the case timeline records them. */
export function actorOf(user: AdminUser): Actor {
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null;
  return { type: 'staff', id: String(user.id), name };
}

/** 403 unless the staff member may do this to this case. */
export function assertCan(staff: StaffMember, action: CaseAction, c: CaseKeys, what: string) {
  if (!can(staff, action, c)) {
    throw new errors.ForbiddenError(`You may not ${what} on this case.`);
  }
}
