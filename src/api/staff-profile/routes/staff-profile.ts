import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::staff-profile.staff-profile');
