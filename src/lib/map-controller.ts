import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseBBox } from '../domain/geo';
import { sendError } from './http-errors';
import { MAP_STATES, mapReports } from './public-views';

const MAX_PAGE_SIZE = 500;

/** GET /api/reports/map?bbox=minLon,minLat,maxLon,maxLat&status=a,b&topic=CODE&page=&pageSize= */
export function mapAction(strapi: Core.Strapi) {
  return async (ctx: Context) => {
    const bbox = parseBBox(ctx.query.bbox);
    if (typeof bbox === 'string') return sendError(ctx, 400, bbox, 'bbox');
    // `status` is the name the website's docs use; `state` the name of the attribute: both work.
    const asked = ctx.query.status ?? ctx.query.state;
    const states = asked ? String(asked).split(',') : MAP_STATES;
    const unknown = states.filter((s) => !MAP_STATES.includes(s));
    if (unknown.length) {
      const field = ctx.query.status !== undefined ? 'status' : 'state';
      return sendError(ctx, 400, `${field} must be among: ${MAP_STATES.join(', ')}`, field);
    }
    const page = Number(ctx.query.page ?? 1);
    const pageSize = Number(ctx.query.pageSize ?? 200);
    if (!Number.isInteger(page) || page < 1)
      return sendError(ctx, 400, 'page must be a whole number ≥ 1', 'page');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      return sendError(ctx, 400, `pageSize must be between 1 and ${MAX_PAGE_SIZE}`, 'pageSize');
    }
    let topicKey: string | null = null;
    if (ctx.query.topic) {
      const topic = await strapi.db
        .query('api::topic.topic')
        .findOne({ where: { code: String(ctx.query.topic) } });
      if (!topic) return sendError(ctx, 400, `There is no topic "${ctx.query.topic}".`, 'topic');
      topicKey = topic.documentId;
    }
    ctx.body = await mapReports(strapi, { bbox, states, topicKey, page, pageSize });
  };
}
