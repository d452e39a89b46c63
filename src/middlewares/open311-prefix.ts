/**
 * Serves Open311 at /open311/v2/... (where clients expect it) although Strapi mounts every
 * content-API route under its REST prefix (/api): the path is rewritten before routing, so the
 * routes stay ordinary content-API routes with their permissions and token scopes.
 */
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

const OPEN311_ROOT = '/open311/v2';

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = String(strapi.config.get('api.rest.prefix', '/api'));
  return async (ctx: Context, next: Next) => {
    if (ctx.path === OPEN311_ROOT || ctx.path.startsWith(`${OPEN311_ROOT}/`)) {
      ctx.path = `${prefix}${ctx.path}`;
    }
    await next();
  };
};
