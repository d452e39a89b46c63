import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { parseRequestQuery } from '../../../domain/open311/query';
import { clock } from '../../../lib/clock';
import { createRequest } from '../../../lib/open311/create';
import { baseUrl, open311Action, paramsOf, sendList, sendObject } from '../../../lib/open311/http';
import { checkJurisdiction } from '../../../lib/open311/jurisdiction';
import { listRequests, oneRequest, tokenRequest } from '../../../lib/open311/requests';
import { definitionOf, discovery, localeOf, serviceList } from '../../../lib/open311/services';
import { listUpdates, postUpdate } from '../../../lib/open311/updates';
import { settings } from '../../../lib/settings';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const action = (fn: (ctx: Context) => Promise<void>) => open311Action(strapi, fn);
  const readOptions = (ctx: Context) => ({
    baseUrl: baseUrl(strapi, ctx),
    locale: localeOf(paramsOf(ctx)),
  });
  return {
    discovery: action(async (ctx) => sendObject(ctx, 'discovery', discovery(strapi, ctx))),

    services: action(async (ctx) => {
      checkJurisdiction(strapi, paramsOf(ctx));
      sendList(ctx, 'services', await serviceList(strapi, paramsOf(ctx)));
    }),

    serviceDefinition: action(async (ctx) => {
      checkJurisdiction(strapi, paramsOf(ctx));
      const definition = await definitionOf(strapi, String(ctx.params.code), paramsOf(ctx));
      sendObject(ctx, 'service_definition', definition);
    }),

    requests: action(async (ctx) => {
      const params = paramsOf(ctx);
      checkJurisdiction(strapi, params);
      const query = parseRequestQuery(params, clock.now(), settings(strapi).city.timeZone);
      sendList(ctx, 'service_requests', await listRequests(strapi, query, readOptions(ctx)));
    }),

    request: action(async (ctx) => {
      checkJurisdiction(strapi, paramsOf(ctx));
      const views = await oneRequest(strapi, String(ctx.params.id), readOptions(ctx));
      sendList(ctx, 'service_requests', views);
    }),

    createRequest: action(async (ctx) => {
      sendList(ctx, 'service_requests', await createRequest(strapi, paramsOf(ctx)), 201);
    }),

    token: action(async (ctx) => {
      checkJurisdiction(strapi, paramsOf(ctx));
      sendList(ctx, 'service_requests', await tokenRequest(strapi, String(ctx.params.token)));
    }),

    updates: action(async (ctx) => {
      sendList(ctx, 'service_request_updates', await listUpdates(strapi, paramsOf(ctx)));
    }),

    postUpdate: action(async (ctx) => {
      sendList(ctx, 'service_request_updates', await postUpdate(strapi, paramsOf(ctx)), 201);
    }),
  };
};
