import type { Context } from 'koa';
import { renderDocsHtml } from '../../../lib/openapi/html';
import { openApiDocument } from '../../../lib/openapi/spec';

/** Browsers and proxies may keep it an hour: it changes only with a new release. */
export const DOCS_CACHE_CONTROL = 'public, max-age=3600';

let page: string | undefined;

export default () => ({
  /** GET /api/openapi.json */
  async spec(ctx: Context) {
    ctx.set('Cache-Control', DOCS_CACHE_CONTROL);
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = openApiDocument();
  },

  /** GET /api/docs */
  async page(ctx: Context) {
    page ??= renderDocsHtml(openApiDocument());
    ctx.set('Cache-Control', DOCS_CACHE_CONTROL);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page;
  },
});
