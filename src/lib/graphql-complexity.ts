/**
 * A cost limit for GraphQL operations, next to Strapi's depth limit. The cost estimates how many
 * records an operation may load: every field that returns an object costs one per parent record,
 * and a list multiplies what is below it by its page size: the `pagination` argument's `limit` or
 * `pageSize` when given (literal or variable), else the plugin's `defaultLimit`, never more than its
 * `maxLimit` (`limit: -1` is `maxLimit`), as Strapi's resolvers apply them. A connection
 * (`offices_connection { nodes }`) hands its page size to its `nodes`. Scalars and introspection
 * (`__schema`, `__type`, `__typename`) cost nothing; `@skip`/`@include` are honoured.
 *
 * The estimate runs in an Apollo plugin at `didResolveOperation`, where the variables are known
 * (a validation rule would not see them). Too costly an operation is refused before it runs,
 * with HTTP 400 and a message that names the limit and the cost.
 */
import type { Core } from '@strapi/strapi';
import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  isLeafType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type DocumentNode,
} from 'graphql';

export interface ComplexityLimits {
  /** The page size of a list without a limit (the plugin's `defaultLimit`). */
  defaultLimit: number;
  /** The largest page Strapi serves (the plugin's `maxLimit`; -1 or 0: unbounded). */
  maxLimit: number;
}

/** The page size Strapi will use for a list field called with these arguments. */
export function pageSize(args: Record<string, unknown>, limits: ComplexityLimits): number {
  const bounded = limits.maxLimit > 0;
  // An unbounded server and `limit: -1`: as costly as anything can be.
  const ceiling = bounded ? limits.maxLimit : Number.POSITIVE_INFINITY;
  const pagination = (args.pagination ?? {}) as Record<string, unknown>;
  const asked = [pagination.limit, pagination.pageSize].find((v) => typeof v === 'number') as
    | number
    | undefined;
  if (asked === undefined) return Math.min(Math.max(limits.defaultLimit, 1), ceiling);
  if (asked === -1) return ceiling;
  return Math.min(Math.max(asked, 1), ceiling);
}

function isListOutput(type: GraphQLOutputType): boolean {
  return isListType(getNullableType(type));
}

function hasPaginationArg(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((a) => a.name === 'pagination');
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  limits: ComplexityLimits;
}

function included(walk: Walk, node: { readonly directives?: FieldNode['directives'] }): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

/**
 * The cost of a selection on `parentType` for `multiplier` parent records. `inheritedPage` is the
 * page size a connection passes down to its list of nodes.
 */
function selectionCost(
  walk: Walk,
  parentType: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  multiplier: number,
  inheritedPage: number | undefined,
  visiting: Set<string>
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value;
      const type = typeName ? walk.schema.getType(typeName) : parentType;
      if (!type || isLeafType(type)) continue;
      cost += selectionCost(
        walk,
        type as GraphQLCompositeType,
        selection.selectionSet,
        multiplier,
        inheritedPage,
        visiting
      );
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = walk.fragments[name];
      // A cycle is refused by GraphQL's own validation; do not loop on it here.
      if (!fragment || visiting.has(name)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      if (!type || isLeafType(type)) continue;
      visiting.add(name);
      cost += selectionCost(
        walk,
        type as GraphQLCompositeType,
        fragment.selectionSet,
        multiplier,
        inheritedPage,
        visiting
      );
      visiting.delete(name);
      continue;
    }
    const fieldName = selection.name.value;
    if (fieldName.startsWith('__')) continue; // introspection and __typename
    if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
    const field = parentType.getFields()[fieldName];
    if (!field || !selection.selectionSet) continue; // unknown (validation refuses it) or a leaf
    const named = getNamedType(field.type);
    if (isLeafType(named)) continue;

    let page: number | undefined;
    if (hasPaginationArg(field)) {
      page = pageSize(getArgumentValues(field, selection, walk.variables), walk.limits);
    }
    let records = multiplier;
    let passDown: number | undefined;
    if (isListOutput(field.type)) {
      // A list: its own pagination, or the connection's above it, or the default page.
      records = multiplier * (page ?? inheritedPage ?? pageSize({}, walk.limits));
    } else if (page !== undefined) {
      // A connection object: its page size belongs to its `nodes`.
      passDown = page;
    }
    cost += records;
    cost += selectionCost(
      walk,
      named as GraphQLCompositeType,
      selection.selectionSet,
      records,
      passDown,
      visiting
    );
  }
  return cost;
}

/** The estimated cost of one operation of a document. */
export function operationCost(input: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables?: Record<string, unknown>;
  limits: ComplexityLimits;
}): number {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of input.document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  }
  const root =
    input.operation.operation === 'query'
      ? input.schema.getQueryType()
      : input.operation.operation === 'mutation'
        ? input.schema.getMutationType()
        : input.schema.getSubscriptionType();
  if (!root) return 0;
  return selectionCost(
    { schema: input.schema, fragments, variables: input.variables ?? {}, limits: input.limits },
    root,
    input.operation.selectionSet,
    1,
    undefined,
    new Set()
  );
}

export const TOO_COMPLEX = 'GRAPHQL_QUERY_TOO_COMPLEX';

export function tooComplexError(cost: number, max: number, limits: ComplexityLimits): GraphQLError {
  const fmt = (n: number) => (Number.isFinite(n) ? n.toLocaleString('en-US') : 'unbounded');
  return new GraphQLError(
    `Query too complex: its estimated cost is ${fmt(cost)}, over the limit of ${fmt(max)} ` +
      `(GRAPHQL_MAX_COMPLEXITY). The cost counts the records the query may load: each list ` +
      `multiplies what it contains by its page size (pagination limit or pageSize; ` +
      `${limits.defaultLimit} when not given, at most ${limits.maxLimit}). ` +
      `Ask for fewer nested lists or smaller pages.`,
    {
      extensions: {
        code: TOO_COMPLEX,
        cost: Number.isFinite(cost) ? cost : null,
        maxComplexity: max,
        http: { status: 400 },
      },
    }
  );
}

/** The configured limits, read at each request (so a changed setting applies at once). */
export function complexitySettings(strapi: Core.Strapi): ComplexityLimits & { max: number } {
  const get = (key: string, fallback: number) => {
    const v = Number(strapi.config.get(`plugin::graphql.${key}`, fallback));
    return Number.isFinite(v) ? v : fallback;
  };
  return {
    max: get('maxComplexity', 10000),
    defaultLimit: get('defaultLimit', 25),
    maxLimit: get('maxLimit', 100),
  };
}

interface RequestContextLike {
  schema: GraphQLSchema;
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  request: { variables?: Record<string, unknown> };
}

/** The Apollo Server plugin that refuses operations over the cost limit. */
export function complexityPlugin(strapi: Core.Strapi) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx: RequestContextLike) {
          if (!ctx.document || !ctx.operation) return;
          const { max, ...limits } = complexitySettings(strapi);
          if (!(max > 0)) return; // 0 or negative: no limit
          const cost = operationCost({
            schema: ctx.schema,
            document: ctx.document,
            operation: ctx.operation,
            variables: ctx.request.variables,
            limits,
          });
          if (cost > max) throw tooComplexError(cost, max, limits);
        },
      };
    },
  };
}

/**
 * Adds the plugin to the Apollo Server options the GraphQL plugin reads at its bootstrap
 * (`plugin::graphql.apolloServer`; its arrays are concatenated with Strapi's own). Call from
 * the app's register(), which runs before the plugin's bootstrap.
 */
export function limitGraphqlComplexity(strapi: Core.Strapi): void {
  if (!strapi.plugin('graphql')) return;
  const apollo = (strapi.config.get('plugin::graphql.apolloServer', {}) ?? {}) as {
    plugins?: unknown[];
  };
  strapi.config.set('plugin::graphql.apolloServer', {
    ...apollo,
    plugins: [...(apollo.plugins ?? []), complexityPlugin(strapi)],
  });
}
