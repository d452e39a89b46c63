import { factories } from '@strapi/strapi';
import { publishedOnly } from '../../../lib/published-only';

// The public reads published topics only, whatever `status` it asks for (src/lib/published-only.ts).
export default factories.createCoreRouter('api::topic.topic', {
  config: { find: { middlewares: [publishedOnly] }, findOne: { middlewares: [publishedOnly] } },
});
