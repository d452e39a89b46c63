import type { Core } from '@strapi/strapi';
import { DEFAULT_TILE_URL, tileImgSources } from '../src/lib/map-tiles';

/**
 * Strapi's own middlewares. The security one keeps Strapi's default Content Security Policy
 * (@strapi/utils CSP_DEFAULTS) and lets images come from the console's base map tile host
 * (MAP_TILE_URL, the same setting config/benecomune.ts reads).
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => [
  // Open311 at /open311/v2 rather than under /api (src/middlewares/open311-prefix.ts).
  'global::open311-prefix',
  'strapi::logger',
  'strapi::errors',
  {
    name: 'strapi::security',
    config: {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", 'https:'],
          'img-src': [
            "'self'",
            'data:',
            'blob:',
            'https://market-assets.strapi.io',
            ...tileImgSources(env('MAP_TILE_URL', DEFAULT_TILE_URL)),
          ],
          'media-src': ["'self'", 'data:', 'blob:'],
          upgradeInsecureRequests: null,
        },
      },
    },
  },
  'strapi::cors',
  'strapi::poweredBy',
  // ETag and no-cache on the public catalogue's answers (src/lib/catalogue/http-cache.ts).
  'global::catalogue-cache',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
