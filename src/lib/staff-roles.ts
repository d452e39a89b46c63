/**
 * The staff's admin roles (DESIGN.md "Who uses it"), created at bootstrap and found again by
 * their code on every start. What each role may do in the URP console is decided by
 * src/domain/staff-scope.ts; here they get only the content-manager permissions that are safe
 * without office scoping (issue 6 adds the scoped ones): the editor keeps the catalogue and the
 * organisation, operators and the control body read every case. Coordinators and technicians
 * work in the console only, which scopes them, so the content manager gives them nothing yet.
 */
import type { Core } from '@strapi/strapi';
import { STAFF_ROLES } from '../domain/staff-scope';

interface RoleSpec {
  code: string;
  name: string;
  description: string;
  /** content-manager actions (without the prefix) by content-type uid. */
  contentManager: Record<string, string[]>;
}

const CM = 'plugin::content-manager.explorer.';
const CASE_READING = {
  'api::report.report': ['read'],
  'api::request.request': ['read'],
  'api::complaint.complaint': ['read'],
  'api::case-event.case-event': ['read'],
};
const CATALOGUE = ['read', 'create', 'update', 'publish'];

export const STAFF_ROLE_SPECS: RoleSpec[] = [
  {
    code: STAFF_ROLES.operator,
    name: 'URP operator',
    description:
      'Operatore URP: tutte le pratiche, smistamento e risposte. / URP operator: all cases, triage and answers.',
    contentManager: CASE_READING,
  },
  {
    code: STAFF_ROLES.coordinator,
    name: 'Office coordinator',
    description:
      "Coordinatore d'ufficio: pratiche e squadre del proprio ufficio. / Office coordinator: own office's cases and crews.",
    contentManager: {},
  },
  {
    code: STAFF_ROLES.technician,
    name: 'Technician',
    description:
      'Tecnico: pratiche assegnate a sé o alla propria squadra; qualifica e risolve. / Technician: cases assigned to them or their crew; qualifies and resolves.',
    contentManager: {},
  },
  {
    code: STAFF_ROLES.controlBody,
    name: 'Control body',
    description:
      'Organo di controllo: legge tutte le pratiche, riceve le escalation. / Control body: reads all cases, receives escalations.',
    contentManager: CASE_READING,
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
  },
];

interface Permission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
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

/** Permissions in the shape Strapi's own roles have them: every field, every locale. */
async function wantedPermissions(strapi: Core.Strapi, spec: RoleSpec): Promise<Permission[]> {
  const { actionProvider } = strapi.service('admin::permission') as {
    actionProvider: { get(id: string): ActionDefinition | undefined };
  };
  const contentTypes = strapi.service('admin::content-type') as {
    getPermissionsWithNestedFields(actions: ActionDefinition[]): Permission[];
  };
  const locales = await localeCodes(strapi);
  const wanted: Permission[] = [];
  for (const [subject, actions] of Object.entries(spec.contentManager)) {
    for (const name of actions) {
      const action = actionProvider.get(CM + name);
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
      wanted.push(permission);
    }
  }
  return wanted;
}

/**
 * Creates the missing roles and their missing permissions; never duplicates either. On
 * PostgreSQL an advisory lock keeps instances booting together from both creating a role.
 */
export async function ensureStaffRoles(strapi: Core.Strapi): Promise<void> {
  await strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') {
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', ['bc_staff_roles']);
    }
    for (const spec of STAFF_ROLE_SPECS) await ensureRole(strapi, spec);
  });
}

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
  const existing = (await strapi.db.query('admin::permission').findMany({
    where: { role: { id: role.id } },
    select: ['action', 'subject'],
  })) as Permission[];
  const have = new Set(existing.map((p) => `${p.action} ${p.subject ?? ''}`));
  const missing = (await wantedPermissions(strapi, spec)).filter(
    (p) => !have.has(`${p.action} ${p.subject ?? ''}`)
  );
  if (missing.length) await roles.addPermissions(role.id, missing);
}
