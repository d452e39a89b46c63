/**
 * The console's RBAC action, shown in Settings → Roles under Plugins. Having it lets a role open
 * the console; what each staff member then sees is scoped by their role and office
 * (src/domain/staff-scope.ts). The staff roles get it at bootstrap (src/lib/staff-roles.ts).
 */
import type { Core } from '@strapi/strapi';

export const PLUGIN_NAME = 'urp-console';
export const CONSOLE_ACTION = `plugin::${PLUGIN_NAME}.use`;
/** Reading the website's search statistics: editors have it without the console's cases. */
export const SEARCH_STATS_ACTION = `plugin::${PLUGIN_NAME}.searches`;

export async function registerConsoleActions(strapi: Core.Strapi): Promise<void> {
  const { actionProvider } = strapi.service('admin::permission') as {
    actionProvider: { registerMany(actions: unknown[]): Promise<void> };
  };
  await actionProvider.registerMany([
    {
      section: 'plugins',
      displayName: 'Use the URP console (queue, map, routes, KPIs)',
      uid: 'use',
      pluginName: PLUGIN_NAME,
    },
    {
      section: 'plugins',
      displayName: "Read the website's search statistics",
      uid: 'searches',
      pluginName: PLUGIN_NAME,
    },
  ]);
}
