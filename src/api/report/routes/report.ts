import { factories } from '@strapi/strapi';

// The public files cases through POST /reports (01-public.ts), never through the generic create.
export default factories.createCoreRouter('api::report.report', { except: ['create'] });
