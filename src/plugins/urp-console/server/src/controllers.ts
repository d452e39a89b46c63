/** The console's HTTP handlers: read the request, call the module that knows, shape the answer. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { can, canListReporters, readScope } from '../../../../domain/staff-scope';
import { ConflictError, sendError } from '../../../../lib/http-errors';
import { mapSettings } from '../../../../lib/settings';
import {
  addNote,
  assignCase,
  mergeCase,
  messageCitizen,
  splitCase,
  transitionCase,
  type Doer,
} from './actions';
import { CASE_VIEW_POPULATE, caseView } from './case-view';
import { findCase } from './cases';
import { officeKpis, kpisCsv } from './kpis';
import { caseMap, parseMapQuery } from './map';
import { consoleOptions } from './options';
import { parseQueueQuery, queueCounts, queuePage } from './queue';
import { listReporters } from './reporters';
import { teamRoute } from './route-plan';
import { consoleState } from './scope';
import { teamStats } from './team-stats';
import { moderateCase } from './moderation';
import { openCase } from './staff-intake';
import { templatesForCase } from './templates';
import { qualityReport, qualityReportHtml } from './quality-report';
import { surveyAnalytics, surveyList, surveyResponsesCsv } from './survey-analytics';
import { createImprovement, improvementPlan, updateImprovement } from './improvements';
import { IntakeError } from '../../../../lib/intake';
import { searchStats } from './search-stats';

type Handler = (ctx: Context) => Promise<void>;
type Action = (strapi: Core.Strapi, doer: Doer, code: string, body: unknown) => Promise<unknown>;

/** Strapi's error middleware knows no 409: answer it here, in the same shape. */
const answering409 =
  (handler: Handler): Handler =>
  async (ctx) => {
    try {
      await handler(ctx);
    } catch (e) {
      if (e instanceof ConflictError) return sendError(ctx, 409, e.message);
      throw e;
    }
  };

const code = (ctx: Context) => String(ctx.params.code ?? '');

export function consoleControllers(strapi: Core.Strapi): Record<string, Handler> {
  const action =
    (fn: Action): Handler =>
    async (ctx) => {
      const data = await fn(strapi, consoleState(ctx), code(ctx), ctx.request.body);
      ctx.body = { data };
    };

  return {
    async queue(ctx) {
      const { staff } = consoleState(ctx);
      ctx.body = await queuePage(strapi, parseQueueQuery(ctx.query), readScope(staff));
    },

    async queueCounts(ctx) {
      const { staff } = consoleState(ctx);
      ctx.body = await queueCounts(strapi, parseQueueQuery(ctx.query), readScope(staff));
    },

    async showCase(ctx) {
      const { staff } = consoleState(ctx);
      const found = await findCase(strapi, code(ctx), CASE_VIEW_POPULATE);
      // Out of scope reads like unknown: guessing codes tells nothing about other offices' cases.
      if (!found || !can(staff, 'read', found.keys)) {
        throw new errors.NotFoundError(
          `No case you can see has the reference code "${code(ctx)}".`
        );
      }
      const locale = ctx.query.locale === 'en' ? 'en' : 'it';
      ctx.body = { data: await caseView(strapi, found, staff, locale) };
    },

    async templates(ctx) {
      const { staff } = consoleState(ctx);
      const locale = ctx.query.locale === 'en' ? 'en' : 'it';
      ctx.body = await templatesForCase(strapi, staff, code(ctx), locale);
    },

    moderate: action(moderateCase),

    async openCase(ctx) {
      try {
        const data = await openCase(strapi, consoleState(ctx), ctx);
        ctx.status = 201;
        ctx.body = { data };
      } catch (e) {
        // The intake's own refusals (unknown topic, outside the city, bad photo): 422, 413, 415…
        if (e instanceof IntakeError) return sendError(ctx, e.status, e.message, e.field);
        throw e;
      }
    },

    assign: answering409(action(assignCase)),
    transition: action(transitionCase),
    merge: action(mergeCase),
    split: action(splitCase),
    addNote: action(addNote),
    message: action(messageCitizen),

    async teamRoute(ctx) {
      const { staff } = consoleState(ctx);
      const route = await teamRoute(strapi, staff, {
        team: String(ctx.params.team ?? ''),
        query: ctx.query,
      });
      if (route.format === 'gpx') {
        ctx.set('Content-Type', 'application/gpx+xml; charset=utf-8');
        ctx.set('Content-Disposition', `attachment; filename="${route.fileName}"`);
        ctx.body = route.gpx();
        return;
      }
      ctx.body = { data: route.json };
    },

    async reporters(ctx) {
      const { staff } = consoleState(ctx);
      if (!canListReporters(staff)) {
        throw new errors.ForbiddenError('Reporter lists are for operators and the control body.');
      }
      ctx.body = await listReporters(strapi, ctx.query);
    },

    async teamStats(ctx) {
      const { staff } = consoleState(ctx);
      ctx.body = await teamStats(strapi, staff, ctx.query);
    },

    async map(ctx) {
      const { staff } = consoleState(ctx);
      ctx.body = await caseMap(strapi, parseMapQuery(ctx.query), readScope(staff));
    },

    async kpis(ctx) {
      const { staff } = consoleState(ctx);
      ctx.body = await officeKpis(strapi, staff, ctx.query);
    },

    async kpisCsv(ctx) {
      const { staff } = consoleState(ctx);
      const csv = kpisCsv(await officeKpis(strapi, staff, ctx.query));
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${csv.fileName}"`);
      ctx.body = csv.body;
    },

    async searchStats(ctx) {
      ctx.body = { data: await searchStats(strapi, ctx.query) };
    },

    async qualityReport(ctx) {
      ctx.body = { data: await qualityReport(strapi, consoleState(ctx).staff, ctx.query) };
    },

    async qualityReportHtml(ctx) {
      const doc = await qualityReportHtml(strapi, consoleState(ctx).staff, ctx.query);
      ctx.set('Content-Type', 'text/html; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${doc.fileName}"`);
      ctx.body = doc.body;
    },

    async surveys(ctx) {
      const locale = ctx.query.locale === 'en' ? 'en' : 'it';
      ctx.body = await surveyList(strapi, consoleState(ctx).staff, locale);
    },

    async surveyStats(ctx) {
      const { staff } = consoleState(ctx);
      const documentId = String(ctx.params.documentId ?? '');
      ctx.body = await surveyAnalytics(strapi, staff, documentId, ctx.query);
    },

    async surveyCsv(ctx) {
      const { staff } = consoleState(ctx);
      const documentId = String(ctx.params.documentId ?? '');
      const csv = await surveyResponsesCsv(strapi, staff, documentId, ctx.query);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${csv.fileName}"`);
      ctx.body = csv.body;
    },

    async improvementPlan(ctx) {
      const locale = ctx.query.locale === 'en' ? 'en' : 'it';
      const documentId = String(ctx.params.documentId ?? '');
      ctx.body = await improvementPlan(strapi, consoleState(ctx).staff, documentId, locale);
    },

    async createImprovement(ctx) {
      const documentId = String(ctx.params.documentId ?? '');
      const { staff } = consoleState(ctx);
      ctx.status = 201;
      ctx.body = { data: await createImprovement(strapi, staff, documentId, ctx.request.body) };
    },

    async updateImprovement(ctx) {
      const { staff } = consoleState(ctx);
      const id = String(ctx.params.id ?? '');
      ctx.body = { data: await updateImprovement(strapi, staff, id, ctx.request.body) };
    },

    // The dropdowns' data as the body itself (no `data` wrapper): the pages read it so.
    async options(ctx) {
      const locale = ctx.query.locale === 'en' ? 'en' : 'it';
      ctx.body = await consoleOptions(strapi, consoleState(ctx), locale);
    },

    /** The base map of the console's pages: tile URL template, attribution, centre, zoom. */
    async mapConfig(ctx) {
      ctx.body = { data: mapSettings(strapi) };
    },
  };
}
