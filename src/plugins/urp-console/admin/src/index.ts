/**
 * The urp-console plugin's admin part: the "URP" menu entry with its pages, and a homepage
 * widget with the signed-in user's queue counts. Bundled by the project's own admin build
 * (package.json exports ./strapi-admin → this file).
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import { Message, Search } from '@strapi/icons';
import { PLUGIN_ID, READ_SEARCH_STATS, USE_CONSOLE } from './pluginId';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Message,
      intlLabel: { id: `${PLUGIN_ID}.menu`, defaultMessage: 'URP' },
      Component: () => import('./pages/App'),
      permissions: USE_CONSOLE,
    });
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}-searches`,
      icon: Search,
      intlLabel: { id: `${PLUGIN_ID}.searches.menu`, defaultMessage: 'Website searches' },
      Component: () => import('./pages/SearchesPage'),
      permissions: READ_SEARCH_STATS,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'URP console' });
    app.widgets.register({
      id: 'my-queue',
      pluginId: PLUGIN_ID,
      icon: Message,
      title: { id: `${PLUGIN_ID}.widget.title`, defaultMessage: 'My URP queue' },
      link: {
        label: { id: `${PLUGIN_ID}.widget.link`, defaultMessage: 'Open the console' },
        href: `/plugins/${PLUGIN_ID}`,
      },
      component: async () => (await import('./components/QueueWidget')).default,
      permissions: USE_CONSOLE,
    });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixed(data), locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

function prefixed(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [`${PLUGIN_ID}.${k}`, v]));
}
