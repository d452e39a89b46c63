/**
 * The staff scopes of src/domain/staff-scope.ts as Strapi admin RBAC conditions, so the content
 * manager shows coordinators and technicians the same cases the URP console does.
 *
 * A condition's handler runs each time Strapi builds a user's ability (once per admin request, per
 * permission that names it) and returns a query: Strapi turns it into a database filter for lists
 * and matches it in memory (sift) against a loaded document for reads and updates of one
 * document. The handler gets the admin user merged with the permission being evaluated, so one
 * condition answers for the case types (their queue keys) and for case events (through the
 * event's case). It answers `false` (no access) when the user has no office or team, and for
 * any subject it does not know: a condition must never fall open.
 *
 * Conditions must be registered in bootstrap, before the roles that name them are written:
 * Strapi silently drops unknown condition ids from a permission it stores, and ignores them
 * when it evaluates one, which would widen the permission to every case.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CASE_EVENT_UID, CASE_UIDS } from './case-types';

/** Ids Strapi gives conditions registered without a plugin: `api::<name>`. */
export const IN_MY_OFFICES = 'api::bc-in-my-offices';
export const ASSIGNED_TO_ME_OR_MY_TEAMS = 'api::bc-assigned-to-me-or-my-teams';
export const STAFF_CONDITIONS = [IN_MY_OFFICES, ASSIGNED_TO_ME_OR_MY_TEAMS] as const;

/** More keys than this in one `$in` is a misconfiguration: keep the first ones, and say so. */
const MAX_KEYS = 1000;

const CASES: readonly string[] = Object.values(CASE_UIDS);
/** The case relations of a case event (one of them is set). */
const EVENT_CASES = ['report', 'request', 'complaint'] as const;

type Query = Record<string, unknown>;
interface ConditionUser {
  id: number;
  permission?: { subject?: string | null };
}

/**
 * Lists read once per request: a request evaluates a condition once per permission naming it
 * (six or eight for a coordinator), and they all need the same offices.
 */
const perRequest = new WeakMap<object, Map<string, Promise<string[]>>>();

function memo(strapi: Core.Strapi, key: string, load: () => Promise<string[]>) {
  const ctx = strapi.requestContext.get() as object | undefined;
  if (!ctx) return load();
  let cache = perRequest.get(ctx);
  if (!cache) perRequest.set(ctx, (cache = new Map()));
  let found = cache.get(key);
  if (!found) {
    found = load();
    cache.set(key, found);
  }
  return found;
}

function capped(strapi: Core.Strapi, what: string, userId: number, keys: string[]) {
  const unique = [...new Set(keys)].sort();
  if (unique.length <= MAX_KEYS) return unique;
  strapi.log.warn(
    `admin user ${userId} has ${unique.length} ${what}: scoped to the first ${MAX_KEYS}`
  );
  return unique.slice(0, MAX_KEYS);
}

/** documentIds of the offices in the user's staff profile (one query). */
export function staffOffices(strapi: Core.Strapi, userId: number): Promise<string[]> {
  return memo(strapi, `offices:${userId}`, async () => {
    const profile = (await strapi.db.query('api::staff-profile.staff-profile').findOne({
      where: { user: { id: userId } },
      select: ['id'],
      populate: { offices: { select: ['documentId'] } },
    })) as { offices?: { documentId: string }[] } | null;
    const offices = (profile?.offices ?? []).map((o) => o.documentId);
    return capped(strapi, 'offices', userId, offices);
  });
}

/** documentIds of the teams the user is a member of (one query). */
export function staffTeams(strapi: Core.Strapi, userId: number): Promise<string[]> {
  return memo(strapi, `teams:${userId}`, async () => {
    const teams = (await strapi.db.query('api::team.team').findMany({
      where: { members: { id: userId } },
      select: ['documentId'],
      limit: MAX_KEYS + 1,
    })) as { documentId: string }[];
    return capped(
      strapi,
      'teams',
      userId,
      teams.map((t) => t.documentId)
    );
  });
}

/** The same filter on a case, or on whichever case an event belongs to. */
function onCases(subject: string | null | undefined, onCase: (prefix: string) => Query[]) {
  if (subject && CASES.includes(subject)) {
    const branches = onCase('');
    return branches.length === 1 ? branches[0] : { $or: branches };
  }
  if (subject === CASE_EVENT_UID) {
    return { $or: EVENT_CASES.flatMap((relation) => onCase(`${relation}.`)) };
  }
  return false;
}

export function inMyOffices(strapi: Core.Strapi) {
  return async (user: ConditionUser): Promise<Query | false> => {
    const offices = await staffOffices(strapi, user.id);
    if (!offices.length) return false;
    return onCases(user.permission?.subject, (p) => [{ [`${p}officeKey`]: { $in: offices } }]);
  };
}

export function assignedToMeOrMyTeams(strapi: Core.Strapi) {
  return async (user: ConditionUser): Promise<Query | false> => {
    const teams = await staffTeams(strapi, user.id);
    return onCases(user.permission?.subject, (p) => [
      { [`${p}assignee.id`]: user.id },
      ...(teams.length ? [{ [`${p}teamKey`]: { $in: teams } }] : []),
    ]);
  };
}

interface ConditionProvider {
  has(id: string): boolean;
  registerMany(conditions: unknown[]): Promise<unknown>;
}

function conditionProvider(strapi: Core.Strapi): ConditionProvider {
  return (strapi.service('admin::permission') as { conditionProvider: ConditionProvider })
    .conditionProvider;
}

/** Registers both conditions (bootstrap only: Strapi refuses them once loaded). */
export async function registerStaffConditions(strapi: Core.Strapi): Promise<void> {
  const category = 'BeneComune';
  await conditionProvider(strapi).registerMany([
    {
      name: 'bc-in-my-offices',
      displayName: "Cases of the user's offices (staff profile)",
      category,
      handler: inMyOffices(strapi),
    },
    {
      name: 'bc-assigned-to-me-or-my-teams',
      displayName: 'Cases assigned to the user or to their teams',
      category,
      handler: assignedToMeOrMyTeams(strapi),
    },
  ]);
}

/** Throws unless every condition is registered (see the module comment for why it matters). */
export function assertStaffConditions(strapi: Core.Strapi, ids: Iterable<string>): void {
  const provider = conditionProvider(strapi);
  const missing = [...ids].filter((id) => !provider.has(id));
  if (missing.length) {
    throw new Error(
      `RBAC conditions not registered: ${missing.join(', ')} (call registerStaffConditions first)`
    );
  }
}

interface PermissionChecker {
  cannot: { read(): boolean };
  requiresEntity: { read(): boolean };
  sanitizedQuery: { read(query: Query): Promise<{ filters?: Query }> };
}
interface BulkContext {
  state: { userAbility: unknown };
  params: { model: string };
  request: { body?: { documentIds?: unknown; locale?: string } };
  body?: unknown;
  forbidden(): void;
}
type Action = (ctx: BulkContext) => Promise<unknown>;

/**
 * The content manager's `POST /collection-types/:model/actions/bulkFindForValidation` (used by
 * bulk publishing) checks only that the user may read the type, never the conditions: it would
 * return any document whose id one names, with the fields Strapi always keeps (ids, timestamps,
 * the hidden queue keys). Before it runs, the ids are narrowed to those the user's read
 * conditions reach. Controllers are bound to routes before bootstrap, hence register().
 */
export function scopeContentManagerBulkReads(strapi: Core.Strapi): void {
  const controllers = strapi.get('controllers') as {
    extend(uid: string, fn: (c: Record<string, Action>) => Record<string, Action>): unknown;
  };
  controllers.extend('plugin::content-manager.collection-types', (controller) => {
    const original = controller.bulkFindForValidation;
    controller.bulkFindForValidation = async function (this: unknown, ctx: BulkContext) {
      const { model } = ctx.params;
      const checker = (
        strapi.plugin('content-manager').service('permission-checker') as {
          create(o: { userAbility: unknown; model: string }): PermissionChecker;
        }
      ).create({ userAbility: ctx.state.userAbility, model });
      const body = ctx.request.body ?? {};
      const ids = body.documentIds;
      if (checker.cannot.read() || !checker.requiresEntity.read() || !Array.isArray(ids)) {
        return original.call(this, ctx);
      }
      if (ids.some((id) => typeof id !== 'string')) {
        throw new errors.ValidationError('documentIds must be strings');
      }
      const scoped = await checker.sanitizedQuery.read({
        filters: { documentId: { $in: ids } },
      });
      const readable = (await strapi.documents(model as never).findMany({
        filters: scoped.filters as never,
        fields: ['documentId'] as never,
        ...(body.locale ? { locale: body.locale } : {}),
        status: 'draft',
      })) as { documentId: string }[];
      const allowed = new Set(readable.map((d) => d.documentId));
      const kept = (ids as string[]).filter((id) => allowed.has(id));
      if (!kept.length) {
        ctx.body = { results: [] };
        return ctx.body;
      }
      ctx.request.body = { ...body, documentIds: kept };
      return original.call(this, ctx);
    };
    return controller;
  });
}
