import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::response-template.response-template');
