/** The schema walker of the GraphQL exposure test finds what a client can reach, and only that. */
import { buildSchema } from 'graphql';
import { walkSchema } from '../helpers/graphql-schema';

const schema = buildSchema(`
  type Office { name: String email: String children: [Office] head: Person }
  type Person { firstName: String }
  type Hidden { email: String }
  type Account { username: String }
  union Anything = Office | Account
  interface Node { id: ID }
  type Leaf implements Node { id: ID ipAddress: String }
  type Query { offices: [Office] node: Node }
  type Mutation { register: Anything }
`);

const reach = walkSchema(schema);

it('reaches types through lists, relations, unions and interface implementations', () => {
  expect([...reach.types.keys()].sort()).toEqual([
    'Account',
    'Anything',
    'Leaf',
    'Node',
    'Office',
    'Person',
  ]);
  expect(reach.types.has('Hidden')).toBe(false);
});

it('records which root fields lead to a type', () => {
  expect([...(reach.types.get('Account') ?? [])]).toEqual(['Mutation.register']);
  expect([...(reach.types.get('Office') ?? [])].sort()).toEqual([
    'Mutation.register',
    'Query.offices',
  ]);
});

it('flags personal-looking fields of reachable types only', () => {
  expect([...reach.personal].sort()).toEqual([
    'Account.username',
    'Leaf.ipAddress',
    'Office.email',
    'Person.firstName',
  ]);
});
