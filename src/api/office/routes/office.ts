import { factories } from '@strapi/strapi';
import { publishedOnly } from '../../../lib/published-only';

// The public reads published offices only, whatever `status` it asks for (src/lib/published-only.ts).
export default factories.createCoreRouter('api::office.office', {
  config: { find: { middlewares: [publishedOnly] }, findOne: { middlewares: [publishedOnly] } },
});
