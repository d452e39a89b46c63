import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    locales: ['it'],
    tutorials: false,
    notifications: { releases: false },
  },
  bootstrap(_app: StrapiApp) {},
};
