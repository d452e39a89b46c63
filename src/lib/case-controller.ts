/**
 * Content-API controllers of the three case types. Staff integrations (API tokens) get Strapi's
 * generic behaviour; a signed-in citizen (users-permissions) sees only their own cases, in a fixed
 * view without staff fields, and another citizen's case is a 404, never a 403 that confirms it.
 */
import { factories, type Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { CaseKind } from '../domain/case-kind';
import { CASE_UIDS } from './case-types';
import { citizenUserId, intakeAction, supportAction } from './public-controllers';
import { mapAction } from './map-controller';

const CITIZEN_VIEW_FIELDS: Record<CaseKind, string[]> = {
  report: [
    'referenceCode',
    'state',
    'description',
    'address',
    'receivedAt',
    'dueAt',
    'resolvedAt',
    'closedAt',
    'resolutionNote',
  ],
  request: [
    'referenceCode',
    'state',
    'kind',
    'subject',
    'description',
    'answer',
    'receivedAt',
    'dueAt',
    'resolvedAt',
    'closedAt',
  ],
  complaint: [
    'referenceCode',
    'state',
    'subject',
    'description',
    'answer',
    'outcome',
    'remedy',
    'receivedAt',
    'dueAt',
    'resolvedAt',
    'closedAt',
  ],
};

function pageOf(ctx: Context) {
  const q = (ctx.query.pagination ?? {}) as { page?: string; pageSize?: string };
  const page = Math.max(1, Number.parseInt(q.page ?? '1', 10) || 1);
  const pageSize = Math.min(100, Math.max(1, Number.parseInt(q.pageSize ?? '25', 10) || 25));
  return { page, pageSize };
}

export function createCaseController(kind: CaseKind) {
  const uid = CASE_UIDS[kind];
  return factories.createCoreController(uid, ({ strapi }: { strapi: Core.Strapi }) => {
    const own = (userId: number) => ({ citizen: { user: { id: userId } } });
    const fields = ['documentId', ...CITIZEN_VIEW_FIELDS[kind]];
    const docs = () => strapi.documents(uid);

    return {
      intake: intakeAction(strapi, kind),
      ...(kind === 'report' ? { map: mapAction(strapi), support: supportAction(strapi) } : {}),

      async find(ctx: Context) {
        const userId = citizenUserId(ctx);
        if (userId === null) return super.find(ctx);
        const { page, pageSize } = pageOf(ctx);
        const filters = own(userId);
        const [data, total] = await Promise.all([
          docs().findMany({
            filters,
            fields,
            sort: { receivedAt: 'desc' },
            start: (page - 1) * pageSize,
            limit: pageSize,
          } as never),
          docs().count({ filters } as never),
        ]);
        return {
          data,
          meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
        };
      },

      async findOne(ctx: Context) {
        const userId = citizenUserId(ctx);
        if (userId === null) return super.findOne(ctx);
        const [found] = await docs().findMany({
          filters: { documentId: ctx.params.id, ...own(userId) },
          fields,
          limit: 1,
        } as never);
        if (!found) throw new errors.NotFoundError('Not Found');
        return { data: found, meta: {} };
      },
    };
  });
}
