/**
 * The urp-console plugin's server part: its admin routes and controllers, and the RBAC action
 * that opens the console. Loaded by Strapi through ../../strapi-server.js from the project's own
 * compiled output (dist/), so the project's build is the plugin's build.
 */
import type { Core } from '@strapi/strapi';
import { consoleControllers } from './controllers';
import { registerConsoleActions } from './permissions';
import { adminRoutes } from './routes';

export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await registerConsoleActions(strapi);
  },
  controllers: {
    console: ({ strapi }: { strapi: Core.Strapi }) => consoleControllers(strapi),
  },
  routes: { admin: ({ strapi }: { strapi: Core.Strapi }) => adminRoutes(strapi) },
};
