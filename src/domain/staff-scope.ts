/**
 * Who on the staff sees and does what in the URP console (DESIGN.md "Who uses it"). Pure rules:
 * the console loads the user's roles, offices and teams, and asks here. Each role grants a reach
 * (which cases) and a set of actions on the cases within that reach; a user with several roles
 * gets the union, so a coordinator who is also on the control body reads every case but assigns
 * only within their offices.
 */

export const SUPER_ADMIN_ROLE = 'strapi-super-admin';

/** Codes of the admin roles BeneComune creates at bootstrap (src/lib/staff-roles.ts). */
export const STAFF_ROLES = {
  operator: 'bc-urp-operator',
  coordinator: 'bc-office-coordinator',
  technician: 'bc-technician',
  controlBody: 'bc-control-body',
  editor: 'bc-editor',
} as const;

export const CASE_ACTIONS = [
  'read',
  'assign', // team and technician
  'changeOffice', // hand the case to another office
  'transition',
  'qualify',
  'merge', // merge and split
  'note',
  'message',
  'moderate', // what the public sees of a report: its text, whether it is listed, its photos
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** all: every case; offices: cases of the user's offices; own: assigned to them or their teams. */
export type Reach = 'all' | 'offices' | 'own';

interface Grant {
  reach: Reach;
  actions: readonly CaseAction[];
}

const GRANTS: Record<string, Grant> = {
  [SUPER_ADMIN_ROLE]: { reach: 'all', actions: CASE_ACTIONS },
  [STAFF_ROLES.operator]: { reach: 'all', actions: CASE_ACTIONS },
  [STAFF_ROLES.controlBody]: { reach: 'all', actions: ['read', 'note'] },
  [STAFF_ROLES.coordinator]: {
    reach: 'offices',
    // Qualify too: a coordinator triaging the office's queue rejects reports, which qualifies them.
    actions: ['read', 'assign', 'transition', 'qualify', 'merge', 'note', 'message', 'moderate'],
  },
  [STAFF_ROLES.technician]: {
    reach: 'own',
    actions: ['read', 'transition', 'qualify', 'note', 'message'],
  },
  // The editor keeps the catalogue in the admin: no grant, so no console.
};

export interface StaffMember {
  userId: number;
  roles: readonly string[];
  /** documentIds of the offices in the user's staff profile. */
  offices: readonly string[];
  /** documentIds of the teams the user is a member of. */
  teams: readonly string[];
}

/** What the scope rules need of a case: its queue keys and its assignee. */
export interface CaseKeys {
  officeKey?: string | null;
  teamKey?: string | null;
  assigneeId?: number | null;
}

function grantsOf(staff: StaffMember): Grant[] {
  return staff.roles.flatMap((role) => (GRANTS[role] ? [GRANTS[role]] : []));
}

const has = (role: string) => (staff: StaffMember) => staff.roles.includes(role);
const isSuperAdmin = has(SUPER_ADMIN_ROLE);
const isOperator = has(STAFF_ROLES.operator);
const isControlBody = has(STAFF_ROLES.controlBody);
const isCoordinator = has(STAFF_ROLES.coordinator);
const isTechnician = has(STAFF_ROLES.technician);

/** Editors and users without a case role get no console at all. */
export function isConsoleUser(staff: StaffMember): boolean {
  return grantsOf(staff).length > 0;
}

function reaches(reach: Reach, staff: StaffMember, c: CaseKeys): boolean {
  if (reach === 'all') return true;
  if (reach === 'offices') return Boolean(c.officeKey && staff.offices.includes(c.officeKey));
  return (
    (c.assigneeId != null && c.assigneeId === staff.userId) ||
    Boolean(c.teamKey && staff.teams.includes(c.teamKey))
  );
}

export function can(staff: StaffMember, action: CaseAction, c: CaseKeys): boolean {
  return grantsOf(staff).some((g) => g.actions.includes(action) && reaches(g.reach, staff, c));
}

export function allowedActions(staff: StaffMember, c: CaseKeys): CaseAction[] {
  return CASE_ACTIONS.filter((action) => can(staff, action, c));
}

/**
 * The cases a user may read, as the queue's SQL needs it: everything, or the union of their
 * offices, their teams and the cases assigned to them (empty lists mean "none of these").
 */
export type ReadScope =
  | { all: true }
  | { all: false; offices: string[]; teams: string[]; assigneeId: number | null };

export function readScope(staff: StaffMember): ReadScope {
  const reachesOf = new Set(
    grantsOf(staff)
      .filter((g) => g.actions.includes('read'))
      .map((g) => g.reach)
  );
  if (reachesOf.has('all')) return { all: true };
  const own = reachesOf.has('own');
  return {
    all: false,
    offices: reachesOf.has('offices') ? [...staff.offices] : [],
    teams: own ? [...staff.teams] : [],
    assigneeId: own ? staff.userId : null,
  };
}

/** Citizens' reputation and personal data in lists: operators, the control body, super admins. */
export function canListReporters(staff: StaffMember): boolean {
  return isSuperAdmin(staff) || isOperator(staff) || isControlBody(staff);
}

/**
 * Opening a case on a caller's behalf (phone, counter): operators and super admins for any office,
 * coordinators for cases that land in one of their offices (`officeKey`, where the topic routes
 * it; null when nothing routes it). Technicians and the control body take no calls.
 */
export function canOpenCase(staff: StaffMember, officeKey: string | null): boolean {
  if (isSuperAdmin(staff) || isOperator(staff)) return true;
  return isCoordinator(staff) && Boolean(officeKey && staff.offices.includes(officeKey));
}

/** Whether the user may open cases at all (before knowing where one lands). */
export function mayOpenCases(staff: StaffMember): boolean {
  return isSuperAdmin(staff) || isOperator(staff) || isCoordinator(staff);
}

/** A crew's route: operators, the coordinators of the crew's office, the crew's technicians. */
export function canSeeTeamRoute(
  staff: StaffMember,
  team: { documentId: string; officeKey: string | null }
): boolean {
  if (isSuperAdmin(staff) || isOperator(staff)) return true;
  if (isCoordinator(staff) && team.officeKey && staff.offices.includes(team.officeKey)) return true;
  return isTechnician(staff) && staff.teams.includes(team.documentId);
}

/**
 * Whose team figures a user may see: every team, or those of their offices (coordinators) and
 * their own teams (technicians).
 */
export type TeamScope = { all: true } | { all: false; offices: string[]; teams: string[] };

export function teamScope(staff: StaffMember): TeamScope | null {
  if (isSuperAdmin(staff) || isOperator(staff) || isControlBody(staff)) return { all: true };
  if (!isCoordinator(staff) && !isTechnician(staff)) return null;
  return {
    all: false,
    offices: isCoordinator(staff) ? [...staff.offices] : [],
    teams: isTechnician(staff) ? [...staff.teams] : [],
  };
}

/**
 * Whose office KPIs a user may read: every office (operators, the control body, super admins) or
 * the offices of their staff profile (coordinators); null for everyone else (technicians).
 */
export type OfficeScope = { all: true } | { all: false; offices: string[] };

export function officeScope(staff: StaffMember): OfficeScope | null {
  if (isSuperAdmin(staff) || isOperator(staff) || isControlBody(staff)) return { all: true };
  if (isCoordinator(staff)) return { all: false, offices: [...staff.offices] };
  return null;
}

/** Handing a case to another office: the roles whose grant includes it, on any case. */
export function canReassignOffice(staff: StaffMember): boolean {
  return grantsOf(staff).some((g) => g.reach === 'all' && g.actions.includes('changeOffice'));
}
