import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::case-event.case-event');
