import { factories } from '@strapi/strapi';
import { publishedOnly } from '../../../lib/published-only';

// The public reads published services only, whatever `status` it asks for (src/lib/published-only.ts).
export default factories.createCoreRouter('api::service.service', {
  config: { find: { middlewares: [publishedOnly] }, findOne: { middlewares: [publishedOnly] } },
});
