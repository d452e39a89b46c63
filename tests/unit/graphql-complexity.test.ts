import { buildSchema, getOperationAST, parse } from 'graphql';
import { operationCost, pageSize, tooComplexError } from '../../src/lib/graphql-complexity';

const limits = { defaultLimit: 25, maxLimit: 100 };

const schema = buildSchema(`
  input PaginationArg { page: Int, pageSize: Int, start: Int, limit: Int }
  type Pagination { total: Int! }
  type Hours { day: String }
  type Office {
    name: String
    parent: Office
    children(pagination: PaginationArg = {}): [Office]!
    openingHours(pagination: PaginationArg = {}): [Hours]
    tags: [String]
  }
  type OfficeCollection { nodes: [Office!]! pageInfo: Pagination! }
  union Thing = Office | Hours
  type Query {
    offices(pagination: PaginationArg = {}): [Office]!
    offices_connection(pagination: PaginationArg = {}): OfficeCollection
    office(id: ID!): Office
    things: [Thing]
  }
`);

function cost(query: string, variables: Record<string, unknown> = {}, l = limits) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return operationCost({ schema, document, operation, variables, limits: l });
}

describe('pageSize', () => {
  it.each([
    [{}, 25],
    [{ pagination: {} }, 25],
    [{ pagination: { limit: 10 } }, 10],
    [{ pagination: { pageSize: 50 } }, 50],
    [{ pagination: { limit: 1000 } }, 100],
    [{ pagination: { limit: -1 } }, 100],
    [{ pagination: { limit: 0 } }, 1],
  ])('%j → %d records', (args, expected) => {
    expect(pageSize(args, limits)).toBe(expected);
  });

  it('an unbounded server makes limit -1 infinitely costly', () => {
    expect(pageSize({ pagination: { limit: -1 } }, { defaultLimit: 25, maxLimit: -1 })).toBe(
      Number.POSITIVE_INFINITY
    );
  });
});

describe('operationCost', () => {
  it('counts records: a list of 25, scalars free', () => {
    expect(cost('{ offices { name tags } }')).toBe(25);
  });

  it('multiplies nested lists by their page sizes', () => {
    expect(cost('{ offices { children { name } } }')).toBe(25 + 25 * 25);
    expect(
      cost('{ offices(pagination: { limit: 4 }) { children(pagination: { limit: 2 }) { name } } }')
    ).toBe(4 + 8);
    expect(cost('{ offices { children { children { children { name } } } } }')).toBe(
      25 + 625 + 15625 + 390625
    );
  });

  it('a single relation costs one per parent', () => {
    expect(cost('{ office(id: 1) { parent { parent { name } } } }')).toBe(3);
    expect(cost('{ offices { parent { name } } }')).toBe(50);
  });

  it('reads the page size from variables', () => {
    const q = 'query($p: PaginationArg) { offices(pagination: $p) { children { name } } }';
    expect(cost(q, { p: { pageSize: 2 } })).toBe(2 + 50);
    expect(cost(q, {})).toBe(25 + 625);
  });

  it('a connection hands its page size to its nodes; pageInfo costs one', () => {
    expect(
      cost(
        '{ offices_connection(pagination: { limit: 10 }) { nodes { name } pageInfo { total } } }'
      )
    ).toBe(1 + 10 + 1);
  });

  it('counts aliases, fragments and inline fragments, and honours @skip / @include', () => {
    expect(cost('{ a: offices { name } b: offices { name } }')).toBe(50);
    expect(cost('{ offices { ...F } } fragment F on Office { children { name } }')).toBe(650);
    expect(cost('{ things { ... on Office { children { name } } } }')).toBe(25 + 625);
    expect(cost('{ offices { children @skip(if: true) { name } } }')).toBe(25);
    expect(
      cost('query($x: Boolean!) { offices { children @include(if: $x) { name } } }', { x: false })
    ).toBe(25);
  });

  it('ignores introspection', () => {
    expect(cost('{ __schema { types { name fields { name type { name } } } } }')).toBe(0);
  });

  it('does not loop on a fragment cycle (GraphQL validation refuses it anyway)', () => {
    expect(cost('{ office(id: 1) { ...A } } fragment A on Office { parent { ...A } }')).toBe(2);
  });
});

it('the refusal names the limit, the cost and the setting', () => {
  const e = tooComplexError(406900, 10000, limits);
  expect(e.message).toContain('406,900');
  expect(e.message).toContain('10,000');
  expect(e.message).toContain('GRAPHQL_MAX_COMPLEXITY');
  expect(e.extensions).toMatchObject({
    code: 'GRAPHQL_QUERY_TOO_COMPLEX',
    cost: 406900,
    maxComplexity: 10000,
    http: { status: 400 },
  });
});
