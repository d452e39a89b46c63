export const PLUGIN_ID = 'urp-console';
/** The RBAC action that opens the console (server/src/permissions.ts). */
export const USE_CONSOLE = [{ action: 'plugin::urp-console.use', subject: null }];
/** The RBAC action of the website's search statistics page (editors have it). */
export const READ_SEARCH_STATS = [{ action: 'plugin::urp-console.searches', subject: null }];
