import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::response-template.response-template');
