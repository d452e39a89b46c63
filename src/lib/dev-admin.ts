/**
 * A development admin account so a new user can sign in at once (values from .env, documented in
 * the README). Never created in production, and only when no admin exists yet.
 */
import type { Core } from '@strapi/strapi';
import { settings } from './settings';

export async function ensureDevAdmin(strapi: Core.Strapi): Promise<boolean> {
  if (process.env.NODE_ENV === 'production') return false;
  const users = strapi.service('admin::user');
  if (await users.exists()) return false;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) return false;
  const { email, password, firstname, lastname } = settings(strapi).devAdmin;
  await users.create({
    email: email.toLowerCase(),
    password,
    firstname,
    lastname,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`Development admin created: ${email} (password from DEV_ADMIN_PASSWORD)`);
  return true;
}

const DEV_DEFAULT_SECRET = /change-me/;
const SECRETS = [
  'admin.auth.secret',
  'admin.apiToken.salt',
  'admin.transfer.token.salt',
  'admin.secrets.encryptionKey',
  'plugin::users-permissions.jwtSecret',
];

/** Production must not run on the development defaults of config/*.ts. */
export function assertProductionSecrets(strapi: Core.Strapi): void {
  if (process.env.NODE_ENV !== 'production') return;
  const weak = SECRETS.filter((key) =>
    DEV_DEFAULT_SECRET.test(String(strapi.config.get(key) ?? ''))
  );
  const keys = strapi.config.get('server.app.keys') as string[] | undefined;
  if (keys?.some((k) => DEV_DEFAULT_SECRET.test(k))) weak.push('server.app.keys');
  if (weak.length) {
    throw new Error(
      `Refusing to start in production with development secrets: ${weak.join(', ')}. Set them in the environment (see .env.example).`
    );
  }
}
