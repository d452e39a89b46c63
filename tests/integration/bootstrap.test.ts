/** What bootstrap sets up: the development admin, role permissions, and the production guard. */
import type { Core } from '@strapi/strapi';
import request from 'supertest';
import { PUBLIC_ACTIONS } from '../../src/lib/permissions';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports */
const appPermissions =
  require('../../dist/src/lib/permissions') as typeof import('../../src/lib/permissions');
const appDevAdmin =
  require('../../dist/src/lib/dev-admin') as typeof import('../../src/lib/dev-admin');

let strapi: Core.Strapi;
beforeAll(async () => {
  strapi = await startStrapi();
});
afterAll(stopStrapi);

const apiPermissions = async (roleType: string) => {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: roleType } });
  const rows = await strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ where: { role: role.id, action: { $startsWith: 'api::' } } });
  return rows.map((p: { action: string }) => p.action).sort();
};

it('the development admin from .env values can sign in at once', async () => {
  const res = await request(strapi.server.httpServer)
    .post('/admin/login')
    .send({ email: 'admin@benecomune.local', password: 'BeneComune2026!' })
    .expect(200);
  expect(res.body.data.user.email).toBe('admin@benecomune.local');
});

it('the public role holds exactly the published-content reads', async () => {
  expect(await apiPermissions('public')).toEqual([...PUBLIC_ACTIONS].sort());
});

it('granting permissions again adds nothing (idempotent bootstrap)', async () => {
  const before = await apiPermissions('authenticated');
  await appPermissions.ensureRolePermissions(strapi);
  expect(await apiPermissions('authenticated')).toEqual(before);
});

it('refuses to start in production on the development secrets', () => {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    expect(() => appDevAdmin.assertProductionSecrets(strapi)).toThrow(
      /development secrets: admin\.auth\.secret.*users-permissions\.jwtSecret/
    );
  } finally {
    process.env.NODE_ENV = previous;
  }
});

it('creates no second development admin when one exists', async () => {
  const before = await strapi.db.query('admin::user').count();
  expect(await appDevAdmin.ensureDevAdmin(strapi)).toBe(false);
  expect(await strapi.db.query('admin::user').count()).toBe(before);
});
