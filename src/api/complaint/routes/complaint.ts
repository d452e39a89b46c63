import { factories } from '@strapi/strapi';

// The public files cases through POST /complaints (01-public.ts), never through the generic create.
export default factories.createCoreRouter('api::complaint.complaint', { except: ['create'] });
