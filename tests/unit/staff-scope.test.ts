import {
  CASE_ACTIONS,
  STAFF_ROLES,
  SUPER_ADMIN_ROLE,
  allowedActions,
  can,
  canListReporters,
  canOpenCase,
  canSeeTeamRoute,
  isConsoleUser,
  mayOpenCases,
  readScope,
  teamScope,
  type CaseKeys,
  type StaffMember,
} from '../../src/domain/staff-scope';

const { operator, coordinator, technician, controlBody, editor } = STAFF_ROLES;

const staff = (roles: string[], extra: Partial<StaffMember> = {}): StaffMember => ({
  userId: 7,
  roles,
  offices: [],
  teams: [],
  ...extra,
});

const inA: CaseKeys = { officeKey: 'office-a', teamKey: null, assigneeId: null };
const inB: CaseKeys = { officeKey: 'office-b', teamKey: 'team-b', assigneeId: 3 };
const crewA: CaseKeys = { officeKey: 'office-a', teamKey: 'team-a', assigneeId: null };
const mine: CaseKeys = { officeKey: 'office-c', teamKey: null, assigneeId: 7 };
const unrouted: CaseKeys = { officeKey: null, teamKey: null, assigneeId: null };

describe('super admins and URP operators', () => {
  it.each([SUPER_ADMIN_ROLE, operator])('%s may do everything on every case', (role) => {
    for (const c of [inA, inB, unrouted]) {
      expect(allowedActions(staff([role]), c)).toEqual([...CASE_ACTIONS]);
    }
  });
});

describe('the control body', () => {
  it('reads every case and adds notes, nothing else', () => {
    const member = staff([controlBody]);
    for (const c of [inA, inB, unrouted])
      expect(allowedActions(member, c)).toEqual(['read', 'note']);
  });
});

describe('office coordinators', () => {
  const coord = staff([coordinator], { offices: ['office-a'] });

  it("work on their offices' cases, qualifying the reports they reject, without moving them to another office", () => {
    expect(allowedActions(coord, inA)).toEqual([
      'read',
      'assign',
      'transition',
      'qualify',
      'merge',
      'note',
      'message',
      'moderate',
    ]);
    expect(can(coord, 'changeOffice', inA)).toBe(false);
    expect(can(coord, 'qualify', inA)).toBe(true);
  });

  it("see nothing of other offices' cases, nor of cases not yet routed", () => {
    expect(allowedActions(coord, inB)).toEqual([]);
    expect(allowedActions(coord, unrouted)).toEqual([]);
  });

  it('without a staff profile they reach no case', () => {
    expect(allowedActions(staff([coordinator]), inA)).toEqual([]);
  });
});

describe('technicians', () => {
  const tech = staff([technician], { teams: ['team-a'] });

  it("work on their crew's cases and on cases assigned to them", () => {
    const actions = ['read', 'transition', 'qualify', 'note', 'message'];
    expect(allowedActions(tech, crewA)).toEqual(actions);
    expect(allowedActions(tech, mine)).toEqual(actions);
  });

  it('neither assign nor see other cases', () => {
    expect(can(tech, 'assign', crewA)).toBe(false);
    expect(allowedActions(tech, inA)).toEqual([]);
    expect(allowedActions(tech, inB)).toEqual([]);
  });
});

describe('no console', () => {
  it.each([[[editor]], [['strapi-editor']], [[]]])('for roles %j', (roles) => {
    const user = staff(roles, { offices: ['office-a'], teams: ['team-a'] });
    expect(isConsoleUser(user)).toBe(false);
    expect(allowedActions(user, crewA)).toEqual([]);
    expect(readScope(user)).toEqual({ all: false, offices: [], teams: [], assigneeId: null });
    expect(teamScope(user)).toBeNull();
    expect(canListReporters(user)).toBe(false);
  });

  it('an editor who is also an operator gets the operator console', () => {
    expect(isConsoleUser(staff([editor, operator]))).toBe(true);
  });
});

describe('several roles give the union', () => {
  it('coordinator of B and technician of crew A', () => {
    const both = staff([coordinator, technician], { offices: ['office-b'], teams: ['team-a'] });
    expect(can(both, 'assign', inB)).toBe(true);
    expect(can(both, 'qualify', inB)).toBe(true);
    expect(can(both, 'qualify', crewA)).toBe(true);
    expect(can(both, 'assign', crewA)).toBe(false);
    expect(allowedActions(both, inA)).toEqual([]);
  });

  it('control body and coordinator of A', () => {
    const both = staff([controlBody, coordinator], { offices: ['office-a'] });
    expect(allowedActions(both, inB)).toEqual(['read', 'note']);
    expect(can(both, 'assign', inA)).toBe(true);
  });
});

describe('readScope, as the queue SQL needs it', () => {
  it('everything for operators, super admins and the control body', () => {
    for (const role of [SUPER_ADMIN_ROLE, operator, controlBody]) {
      expect(readScope(staff([role, coordinator], { offices: ['office-a'] }))).toEqual({
        all: true,
      });
    }
  });

  it('offices for coordinators, crews and own cases for technicians', () => {
    expect(readScope(staff([coordinator], { offices: ['office-a'], teams: ['team-a'] }))).toEqual({
      all: false,
      offices: ['office-a'],
      teams: [],
      assigneeId: null,
    });
    expect(readScope(staff([technician], { offices: ['office-a'], teams: ['team-a'] }))).toEqual({
      all: false,
      offices: [],
      teams: ['team-a'],
      assigneeId: 7,
    });
  });
});

describe('lists, routes and figures', () => {
  it('reporter lists are for operators, the control body and super admins', () => {
    for (const role of [SUPER_ADMIN_ROLE, operator, controlBody]) {
      expect(canListReporters(staff([role]))).toBe(true);
    }
    for (const role of [coordinator, technician])
      expect(canListReporters(staff([role]))).toBe(false);
  });

  it("a crew's route is for operators, its office's coordinators and its technicians", () => {
    const crew = { documentId: 'team-a', officeKey: 'office-a' };
    expect(canSeeTeamRoute(staff([operator]), crew)).toBe(true);
    expect(canSeeTeamRoute(staff([coordinator], { offices: ['office-a'] }), crew)).toBe(true);
    expect(canSeeTeamRoute(staff([coordinator], { offices: ['office-b'] }), crew)).toBe(false);
    expect(canSeeTeamRoute(staff([technician], { teams: ['team-a'] }), crew)).toBe(true);
    expect(canSeeTeamRoute(staff([technician], { teams: ['team-b'] }), crew)).toBe(false);
    expect(canSeeTeamRoute(staff([controlBody]), crew)).toBe(false);
  });

  it('team figures: all crews, or those of the offices and of the user', () => {
    expect(teamScope(staff([controlBody]))).toEqual({ all: true });
    expect(
      teamScope(staff([coordinator, technician], { offices: ['office-a'], teams: ['team-z'] }))
    ).toEqual({ all: false, offices: ['office-a'], teams: ['team-z'] });
  });
});

describe('moderation of what the public sees', () => {
  it('operators and super admins moderate every report', () => {
    for (const role of [SUPER_ADMIN_ROLE, operator]) {
      for (const c of [inA, inB, unrouted]) expect(can(staff([role]), 'moderate', c)).toBe(true);
    }
  });

  it("coordinators moderate their offices' reports only", () => {
    const coord = staff([coordinator], { offices: ['office-a'] });
    expect(can(coord, 'moderate', inA)).toBe(true);
    expect(can(coord, 'moderate', crewA)).toBe(true);
    expect(can(coord, 'moderate', inB)).toBe(false);
    expect(can(coord, 'moderate', unrouted)).toBe(false);
  });

  it('technicians and the control body never moderate, not even their own cases', () => {
    expect(can(staff([technician], { teams: ['team-a'] }), 'moderate', crewA)).toBe(false);
    expect(can(staff([technician]), 'moderate', mine)).toBe(false);
    for (const c of [inA, inB, unrouted]) {
      expect(can(staff([controlBody]), 'moderate', c)).toBe(false);
    }
  });
});

describe('opening a case for a caller (phone, counter)', () => {
  it('operators and super admins, for any office or none', () => {
    for (const role of [SUPER_ADMIN_ROLE, operator]) {
      expect(mayOpenCases(staff([role]))).toBe(true);
      expect(canOpenCase(staff([role]), 'office-b')).toBe(true);
      expect(canOpenCase(staff([role]), null)).toBe(true);
    }
  });

  it('coordinators, for cases that land in one of their offices', () => {
    const coord = staff([coordinator], { offices: ['office-a'] });
    expect(mayOpenCases(coord)).toBe(true);
    expect(canOpenCase(coord, 'office-a')).toBe(true);
    expect(canOpenCase(coord, 'office-b')).toBe(false);
    expect(canOpenCase(coord, null)).toBe(false);
  });

  it('never technicians, the control body or editors', () => {
    for (const role of [technician, controlBody, editor]) {
      const user = staff([role], { offices: ['office-a'], teams: ['team-a'] });
      expect(mayOpenCases(user)).toBe(false);
      expect(canOpenCase(user, 'office-a')).toBe(false);
    }
  });
});
