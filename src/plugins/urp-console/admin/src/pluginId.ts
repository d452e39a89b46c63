export const PLUGIN_ID = 'urp-console';
/** The RBAC action that opens the console (server/src/permissions.ts). */
export const USE_CONSOLE = [{ action: 'plugin::urp-console.use', subject: null }];
