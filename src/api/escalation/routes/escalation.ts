import { factories } from '@strapi/strapi';

// Read by staff with an API token or the admin; no public permission is ever granted.
export default factories.createCoreRouter('api::escalation.escalation', {
  only: ['find', 'findOne'],
});
