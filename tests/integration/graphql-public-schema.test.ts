/**
 * No personal data is reachable through the public GraphQL schema. The schema is read as a client
 * reads it (introspection over HTTP, no credentials) and walked from Query and Mutation through
 * every field's type: no case, citizen or staff type is reachable, and every reachable field named
 * like personal data is on the explicit list of institutional contacts below. Adding a personal
 * field to a public type, or re-enabling a staff type, fails this test.
 */
import type { Core } from '@strapi/strapi';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema } from 'graphql';
import request from 'supertest';
import { STAFF_ONLY_TYPES } from '../../src/lib/graphql-exposure';
import { citizenSession, createOffice } from '../helpers/fixtures';
import { walkSchema, type Reach } from '../helpers/graphql-schema';
import { institutionalFields } from '../helpers/institutional-fields';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * Fields named like personal data that are public on purpose (tests/helpers/institutional-fields.ts),
 * and `UsersPermissionsMe`: the signed-in caller's own account (`me`, `login`, `register`).
 */
const INSTITUTIONAL = new Set([
  ...institutionalFields({
    office: 'Office',
    accessChannel: 'ComponentSharedAccessChannel',
    contact: 'ComponentSharedContact',
  }),
  'UsersPermissionsMe.email',
  'UsersPermissionsMe.username',
]);

/**
 * users-permissions' own user mutations return its user type (they cannot be removed without
 * breaking the schema, src/lib/graphql-exposure.ts); they require scopes no public or citizen
 * role holds, which the last test checks.
 */
const USER_MUTATIONS = [
  'Mutation.createUsersPermissionsUser',
  'Mutation.updateUsersPermissionsUser',
  'Mutation.deleteUsersPermissionsUser',
];

let strapi: Core.Strapi;
let http: ReturnType<typeof request>;
let schema: GraphQLSchema;
let reach: Reach;

beforeAll(async () => {
  strapi = await startStrapi();
  http = request(strapi.server.httpServer);
  await createOffice(strapi);
  const res = await http.post('/graphql').send({ query: getIntrospectionQuery() }).expect(200);
  expect(res.body.errors).toBeUndefined();
  schema = buildClientSchema(res.body.data);
  reach = walkSchema(schema);
});
afterAll(stopStrapi);

it('the walk is not vacuous: it reaches the catalogue and sees the office contacts', () => {
  for (const type of ['Office', 'Service', 'Topic', 'Survey', 'ComponentSharedAccessChannel']) {
    expect({ type, reachable: reach.types.has(type) }).toEqual({ type, reachable: true });
  }
  expect(reach.personal.has('Office.email')).toBe(true);
  expect(reach.personal.has('Office.pec')).toBe(true);
  expect(reach.fields.has('Service.responsibleOffice')).toBe(true);
});

it('reaches no case, citizen or staff type', () => {
  const staffTypes = STAFF_ONLY_TYPES.map((uid) => strapi.contentType(uid).globalId);
  expect(staffTypes).toContain('Report');
  expect(staffTypes).toContain('Citizen');
  const forbidden = [...staffTypes, 'AdminUser', 'AdminRole', 'AdminApiToken'];
  const found = [...reach.types.keys()].filter((name) =>
    forbidden.some((f) => name === f || name.startsWith(f))
  );
  expect(found).toEqual([]);
  // Not even in the schema, reachable or not.
  for (const name of forbidden) expect(schema.getType(name)).toBeUndefined();
});

it('every reachable field named like personal data is an institutional one', () => {
  const unexpected = [...reach.personal].filter((pair) => !INSTITUTIONAL.has(pair));
  const users = [...reach.personal].filter((p) => p.startsWith('UsersPermissionsUser.'));
  // The users-permissions user type is reachable only through its guarded mutations.
  expect([...(reach.types.get('UsersPermissionsUser') ?? [])].sort()).toEqual(
    [...USER_MUTATIONS].sort()
  );
  expect(unexpected.filter((p) => !users.includes(p))).toEqual([]);
});

it('no query lists users, roles or uploaded files; files and roles lead to no user', () => {
  const queries = Object.keys(schema.getQueryType()?.getFields() ?? {});
  for (const q of queries) expect(q).not.toMatch(/^usersPermissions|^uploadFile/);
  expect(queries).toEqual(expect.arrayContaining(['services', 'offices', 'me']));
  expect(reach.fields.has('UploadFile.related')).toBe(false);
  expect(reach.fields.has('UsersPermissionsRole.users')).toBe(false);
  // Nothing reachable from a query leads to a user account.
  for (const origin of reach.types.get('UsersPermissionsUser') ?? []) {
    expect(origin).not.toMatch(/^Query\./);
  }
});

it('Strapi exposes no createdBy / updatedBy (admin users) on public types', () => {
  for (const pair of reach.fields) expect(pair).not.toMatch(/\.(createdBy|updatedBy)$/);
});

it('the public role may not list uploaded files (case photos) over REST either', async () => {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'public' }, populate: ['permissions'] });
  const actions = (role.permissions as { action: string }[]).map((p) => p.action);
  expect(actions.filter((a) => a.startsWith('plugin::upload.'))).toEqual([]);
  expect(actions.filter((a) => /users-permissions\.(user|role)\./.test(a))).toEqual([]);
  await http.get('/api/upload/files').expect(403);
  await http.get('/api/users').expect(403);
});

it('login, register and me still work, and give the caller only their own account', async () => {
  const session = await citizenSession(strapi);
  const me = await http
    .post('/graphql')
    .set('Authorization', `Bearer ${session.jwt}`)
    .send({ query: '{ me { id email username } }' })
    .expect(200);
  expect(me.body.errors).toBeUndefined();
  expect(me.body.data.me.id).toBe(String(session.userId));
  const anonymous = await http.post('/graphql').send({ query: '{ me { email } }' });
  expect(JSON.stringify(anonymous.body)).not.toContain('@');
});

it.each([
  [
    'create',
    'createUsersPermissionsUser(data: { username: "x", email: "x@example.org", password: "Passw0rd!" }) { data { email } }',
  ],
  ['update', 'updateUsersPermissionsUser(id: 1, data: { username: "x" }) { data { email } }'],
  ['delete', 'deleteUsersPermissionsUser(id: 1) { data { email } }'],
])('the %s-user mutation is refused to the public and to a signed-in citizen', async (_, field) => {
  const session = await citizenSession(strapi);
  for (const auth of [undefined, `Bearer ${session.jwt}`]) {
    const req = http.post('/graphql');
    if (auth) req.set('Authorization', auth);
    const res = await req.send({ query: `mutation { ${field} }` });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body.data ?? null)).not.toContain('@');
  }
});
