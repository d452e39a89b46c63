import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a reverse proxy the client IP comes from X-Forwarded-For (rate limits need the real one).
  // Strapi 5 reads `proxy.koa` (a bare `proxy: true` is ignored). maxIpsCount takes the address
  // the nearest TRUST_PROXY_HOPS proxies saw, not the left end a client can write itself.
  proxy: {
    koa: env.bool('TRUST_PROXY', false),
    maxIpsCount: env.int('TRUST_PROXY_HOPS', 1),
  },
  app: {
    keys: env.array('APP_KEYS', ['devKeyA-change-me', 'devKeyB-change-me']),
  },
  logger: { updates: { enabled: false }, startup: { enabled: env('NODE_ENV') !== 'test' } },
  cron: { enabled: false },
});
