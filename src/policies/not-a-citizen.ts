/**
 * Refuses requests authenticated as a citizen (users-permissions). Used by the GraphQL guard on
 * the case queries (src/lib/graphql-guards.ts): citizens read their cases through the scoped
 * REST endpoints only.
 */
interface PolicyContext {
  state?: { auth?: { strategy?: { name?: string } } };
}

export default (ctx: PolicyContext): boolean =>
  ctx.state?.auth?.strategy?.name !== 'users-permissions';
