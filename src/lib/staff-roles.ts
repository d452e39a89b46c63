/**
 * The staff's admin roles (DESIGN.md "Who uses it"), created at bootstrap and found again by
 * their code on every start, with the content-manager permissions that match their reach in
 * src/domain/staff-scope.ts: the editor keeps the catalogue and the organisation; operators and
 * the control body read every case; coordinators read the cases (and their events) of their
 * offices, technicians those assigned to them or their teams, through the RBAC conditions of
 * src/lib/staff-conditions.ts. Both may also update those cases, on the fields of the console
 * actions their role has (status, qualification, answers): every update still passes the write
 * gate (src/lib/case-writes.ts), which enforces the lifecycle. Fields the gate does not check
 * against the scope (office, crew, assignee, duplicate-of, citizen, topic) stay out: coordinators
 * assign and merge in the URP console, which checks them, and only operators move a case to
 * another office. Nobody but the super admin creates or deletes cases here.
 */
import type { Core } from '@strapi/strapi';
import { STAFF_ROLES } from '../domain/staff-scope';
import {
  ASSIGNED_TO_ME_OR_MY_TEAMS,
  IN_MY_OFFICES,
  assertStaffConditions,
} from './staff-conditions';

/** A content-manager action, optionally on some fields only and under RBAC conditions. */
interface Grant {
  action: string;
  /** Only these fields (default: every field). */
  fields?: readonly string[];
  /** Condition ids (src/lib/staff-conditions.ts); the permission holds where one matches. */
  conditions?: readonly string[];
}

interface RoleSpec {
  code: string;
  name: string;
  description: string;
  /** content-manager actions (without the prefix) by content-type uid. */
  contentManager: Record<string, readonly (string | Grant)[]>;
  /** actions without a subject, such as opening the URP console. */
  plugins?: string[];
}

/** The urp-console plugin's RBAC action (src/plugins/urp-console/server/src/permissions.ts). */
const USE_CONSOLE = 'plugin::urp-console.use';
/** The website's search statistics page (the same plugin): editors improve pages with it. */
const READ_SEARCH_STATS = 'plugin::urp-console.searches';

const CM = 'plugin::content-manager.explorer.';
const REPORT = 'api::report.report';
const REQUEST = 'api::request.request';
const COMPLAINT = 'api::complaint.complaint';
const CASE_EVENT = 'api::case-event.case-event';

const CASE_READING = {
  [REPORT]: ['read'],
  [REQUEST]: ['read'],
  [COMPLAINT]: ['read'],
  [CASE_EVENT]: ['read'],
};

/**
 * What a coordinator or a technician may change on a case of theirs in the content manager:
 * the fields of a status change (with its answer) and of a report's qualification.
 */
const CASE_WORK: Record<string, readonly string[]> = {
  [REPORT]: ['state', 'qualification', 'qualificationNote', 'assessedUrgency', 'resolutionNote'],
  [REQUEST]: ['state', 'answer'],
  [COMPLAINT]: ['state', 'answer', 'outcome', 'remedy'],
};

/** Read and work the cases (and read their events) where the condition holds. */
function scopedCases(condition: string): RoleSpec['contentManager'] {
  const conditions = [condition];
  const spec: Record<string, Grant[]> = {};
  for (const [uid, fields] of Object.entries(CASE_WORK)) {
    spec[uid] = [
      { action: 'read', conditions },
      { action: 'update', fields, conditions },
    ];
  }
  spec[CASE_EVENT] = [{ action: 'read', conditions }];
  return spec;
}

const CATALOGUE = ['read', 'create', 'update', 'publish'];
/** Operators keep the response templates the console offers (src/domain/response-templates.ts). */
const RESPONSE_TEMPLATES = {
  'api::response-template.response-template': ['read', 'create', 'update'],
};

export const STAFF_ROLE_SPECS: RoleSpec[] = [
  {
    code: STAFF_ROLES.operator,
    name: 'URP operator',
    description:
      'Operatore URP: tutte le pratiche, smistamento e risposte. / URP operator: all cases, triage and answers.',
    contentManager: { ...CASE_READING, ...RESPONSE_TEMPLATES },
    plugins: [USE_CONSOLE, READ_SEARCH_STATS],
  },
  {
    code: STAFF_ROLES.coordinator,
    name: 'Office coordinator',
    description:
      "Coordinatore d'ufficio: pratiche e squadre del proprio ufficio. / Office coordinator: own office's cases and crews.",
    contentManager: scopedCases(IN_MY_OFFICES),
    plugins: [USE_CONSOLE],
  },
  {
    code: STAFF_ROLES.technician,
    name: 'Technician',
    description:
      'Tecnico: pratiche assegnate a sé o alla propria squadra; qualifica e risolve. / Technician: cases assigned to them or their crew; qualifies and resolves.',
    contentManager: scopedCases(ASSIGNED_TO_ME_OR_MY_TEAMS),
    plugins: [USE_CONSOLE],
  },
  {
    code: STAFF_ROLES.controlBody,
    name: 'Control body',
    description:
      'Organo di controllo: legge tutte le pratiche, riceve le escalation. / Control body: reads all cases, receives escalations.',
    contentManager: CASE_READING,
    plugins: [USE_CONSOLE],
  },
  {
    code: STAFF_ROLES.editor,
    // Strapi's own default role is already named "Editor", and role names are unique.
    name: 'Catalogue editor',
    description:
      "Redattore: schede dei servizi e struttura dell'organizzazione. / Editor: service catalogue and organisation structure.",
    contentManager: {
      'api::service.service': CATALOGUE,
      'api::office.office': CATALOGUE,
      'api::topic.topic': CATALOGUE,
    },
    plugins: [READ_SEARCH_STATS],
  },
];

interface Permission {
  id?: number;
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}
interface ActionDefinition {
  actionId: string;
  subjects?: string[];
  options?: { applyToProperties?: string[] };
}

async function localeCodes(strapi: Core.Strapi): Promise<string[]> {
  const locales = (await strapi.plugin('i18n').service('locales').find()) as { code: string }[];
  return locales.map((l) => l.code);
}

const grantOf = (g: string | Grant): Grant => (typeof g === 'string' ? { action: g } : g);

/**
 * Permissions in the shape Strapi's own roles have them: every field (or those the grant names),
 * every locale, and the grant's conditions.
 */
async function wantedPermissions(strapi: Core.Strapi, spec: RoleSpec): Promise<Permission[]> {
  const { actionProvider } = strapi.service('admin::permission') as {
    actionProvider: { get(id: string): ActionDefinition | undefined };
  };
  const contentTypes = strapi.service('admin::content-type') as {
    getPermissionsWithNestedFields(actions: ActionDefinition[]): Permission[];
  };
  const locales = await localeCodes(strapi);
  const wanted: Permission[] = [];
  for (const [subject, grants] of Object.entries(spec.contentManager)) {
    for (const grant of grants.map(grantOf)) {
      const action = actionProvider.get(CM + grant.action);
      if (!action?.subjects?.includes(subject)) continue;
      const [permission] = contentTypes.getPermissionsWithNestedFields([
        { ...action, subjects: [subject] },
      ]);
      const localized = (
        strapi.contentType(subject as never) as {
          pluginOptions?: { i18n?: { localized?: boolean } };
        }
      ).pluginOptions?.i18n?.localized;
      if (localized && action.options?.applyToProperties?.includes('locales')) {
        permission.properties = { ...permission.properties, locales };
      }
      if (grant.fields) {
        const all = (permission.properties?.fields as string[] | undefined) ?? [];
        const unknown = grant.fields.filter((f) => !all.includes(f));
        if (unknown.length) throw new Error(`${subject} has no field ${unknown.join(', ')}`);
        permission.properties = { ...permission.properties, fields: [...grant.fields] };
      }
      permission.conditions = [...(grant.conditions ?? [])];
      wanted.push(permission);
    }
  }
  for (const action of spec.plugins ?? []) {
    if (actionProvider.get(action)) {
      wanted.push({ action, subject: null, properties: {}, conditions: [] });
    }
  }
  return wanted;
}

/**
 * Creates the missing roles and their missing permissions; never duplicates either. A
 * permission the role already has but without the conditions we want (a database from before
 * they existed, or a hand edit that dropped them) gets exactly ours again: without them it
 * would reach every case. Its fields are left as they are. On PostgreSQL an advisory lock keeps
 * instances booting together from both creating a role.
 */
export async function ensureStaffRoles(strapi: Core.Strapi): Promise<void> {
  assertStaffConditions(
    strapi,
    new Set(
      STAFF_ROLE_SPECS.flatMap((spec) =>
        Object.values(spec.contentManager).flatMap((grants) =>
          grants.flatMap((g) => grantOf(g).conditions ?? [])
        )
      )
    )
  );
  await strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['bc_staff_roles']);
    }
    for (const spec of STAFF_ROLE_SPECS) await ensureRole(strapi, spec);
  });
}

const keyOf = (p: Permission) => `${p.action} ${p.subject ?? ''}`;

async function ensureRole(strapi: Core.Strapi, spec: RoleSpec): Promise<void> {
  const roles = strapi.service('admin::role');
  let role = (await roles.findOne({ code: spec.code })) as { id: number } | null;
  if (!role) {
    role = (await roles.create({
      code: spec.code,
      name: spec.name,
      description: spec.description,
    })) as { id: number };
  }
  const permissions = strapi.db.query('admin::permission');
  const existing = (await permissions.findMany({
    where: { role: { id: role.id } },
    select: ['id', 'action', 'subject', 'conditions'],
  })) as Permission[];
  const have = new Map<string, Permission[]>();
  for (const p of existing) have.set(keyOf(p), [...(have.get(keyOf(p)) ?? []), p]);
  const missing: Permission[] = [];
  let changed = false;
  for (const want of await wantedPermissions(strapi, spec)) {
    const found = have.get(keyOf(want));
    if (!found) {
      missing.push(want);
      continue;
    }
    const conditions = want.conditions ?? [];
    if (!conditions.length) continue;
    for (const p of found) {
      const held = Array.isArray(p.conditions) ? p.conditions : [];
      if (conditions.every((c) => held.includes(c))) continue;
      await permissions.update({ where: { id: p.id }, data: { conditions } });
      changed = true;
    }
  }
  if (missing.length) await roles.addPermissions(role.id, missing);
  if (changed || missing.length) {
    // Admin API tokens of this role's users hold copies clamped to the role: re-clamp them.
    const tokens = strapi.service('admin::api-token-admin') as
      | { syncPermissionsForRole?: (roleId: number) => Promise<void> }
      | undefined;
    await tokens?.syncPermissionsForRole?.(role.id);
  }
}
