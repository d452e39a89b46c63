/** Staff for the console suites: admin users with given roles, offices and teams, signed in. */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { unique } from './fixtures';

export interface StaffUser {
  id: number;
  jwt: string;
  email: string;
}

export async function createStaffUser(
  strapi: Core.Strapi,
  options: { roles: string[]; offices?: string[]; firstname?: string; lastname?: string }
): Promise<StaffUser> {
  const email = `${unique('staff')}@comune.example`;
  const password = 'Str0ngPassw0rd!';
  const roleIds: number[] = [];
  for (const code of options.roles) {
    const role = await strapi.service('admin::role').findOne({ code });
    if (!role) throw new Error(`No admin role with code ${code}`);
    roleIds.push(role.id);
  }
  const user = await strapi.service('admin::user').create({
    email,
    password,
    firstname: options.firstname ?? 'Paolo',
    lastname: options.lastname ?? 'Tecnico',
    isActive: true,
    registrationToken: null,
    roles: roleIds,
  });
  if (options.offices?.length) {
    await strapi.documents('api::staff-profile.staff-profile').create({
      data: { user: { id: user.id }, offices: options.offices } as never,
    });
  }
  const res = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email, password })
    .expect(200);
  return { id: user.id as number, jwt: res.body.data.token as string, email };
}

export async function createTeam(
  strapi: Core.Strapi,
  officeDocumentId: string,
  extra: Record<string, unknown> = {}
) {
  const slug = unique('team');
  return (await strapi.documents('api::team.team').create({
    data: {
      name: `Squadra ${slug}`,
      slug,
      office: officeDocumentId,
      kind: 'internal',
      ...extra,
    } as never,
  })) as unknown as { id: number; documentId: string; slug: string; name: string };
}

/** Sets fields the write gate or the triage engine own, straight in the database (fixtures). */
export async function setCaseFields(
  strapi: Core.Strapi,
  uid: 'api::report.report' | 'api::request.request' | 'api::complaint.complaint',
  id: number,
  data: Record<string, unknown>
) {
  await strapi.db.query(uid).update({ where: { id }, data });
}
