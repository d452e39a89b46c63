import { factories } from '@strapi/strapi';

// Read by staff with an API token; no public permission is ever granted. Staff edit templates in
// the admin content manager and the console reads them (GET /urp-console/cases/:code/templates).
export default factories.createCoreRouter('api::response-template.response-template', {
  only: ['find', 'findOne'],
});
