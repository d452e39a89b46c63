/**
 * Citizens seen through their reports (issue 4, "Qualification and reputation"): those flagged
 * for moderation (never silently dropped: someone looks at them here) and reliable reporters the
 * city may want to thank. Personal data: the route is for operators and the control body.
 */
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import { settings } from '../../../../lib/settings';
import { parseInput } from './input';

const reportersQuerySchema = z.object({
  list: z.enum(['flagged', 'recognised']),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

const COUNTS = [
  'reportsTotal',
  'reportsAccurate',
  'reportsPartlyAccurate',
  'reportsInaccurate',
  'reportsFake',
] as const;

export async function listReporters(strapi: Core.Strapi, query: unknown) {
  const q = parseInput(reportersQuerySchema, query);
  const rules = settings(strapi).triage.reputation;
  const where =
    q.list === 'flagged'
      ? { moderationFlag: true, anonymisedAt: { $null: true } }
      : {
          reputation: { $gte: rules.recogniseFrom },
          reportsTotal: { $gte: rules.flagAfterReports },
          anonymisedAt: { $null: true },
        };
  const orderBy =
    q.list === 'flagged'
      ? [{ reputation: 'asc' }, { id: 'asc' }]
      : [{ reputation: 'desc' }, { reportsTotal: 'desc' }, { id: 'asc' }];
  const citizens = strapi.db.query('api::citizen.citizen');
  const [rows, total] = await Promise.all([
    citizens.findMany({
      where,
      select: ['id', 'documentId', 'name', 'email', 'phone', 'reputation', 'blocked', ...COUNTS],
      orderBy,
      offset: (q.page - 1) * q.pageSize,
      limit: q.pageSize,
    }) as Promise<Record<string, unknown>[]>,
    citizens.count({ where }),
  ]);
  return {
    data: rows.map((c) => ({
      id: c.id,
      documentId: c.documentId,
      name: c.name ?? null,
      email: c.email,
      phone: c.phone ?? null,
      reputation: c.reputation,
      blocked: Boolean(c.blocked),
      ...Object.fromEntries(COUNTS.map((k) => [k, Number(c[k] ?? 0)])),
    })),
    meta: { list: q.list, page: q.page, pageSize: q.pageSize, total },
  };
}
