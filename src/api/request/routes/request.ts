import { factories } from '@strapi/strapi';

// The public files cases through POST /requests (01-public.ts), never through the generic create.
export default factories.createCoreRouter('api::request.request', { except: ['create'] });
