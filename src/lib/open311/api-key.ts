/**
 * The `api_key` of Open311 writes is a Strapi API token (Settings > API Tokens: stored hashed,
 * with a lifespan, revocable). A key is accepted when the token exists, has not expired, and is
 * `full-access` or `custom` with the permission of the action (the token editor lists the
 * Open311 actions, since they are content-API routes of src/api/open311). Read-only tokens write
 * nothing. Looked up the way Strapi's own content-api-token strategy does (hash, getByAccessKey).
 */
import type { Core } from '@strapi/strapi';
import { Open311Error } from '../../domain/open311/errors';
import { clock } from '../clock';
import { textParam } from './http';

export const OPEN311_WRITE_ACTIONS = {
  createRequest: 'api::open311.open311.createRequest',
  postUpdate: 'api::open311.open311.postUpdate',
} as const;

interface TokenService {
  hash(accessKey: string): string;
  getByAccessKey(hash: string): Promise<StoredToken | null | undefined>;
}

interface StoredToken {
  id: number;
  name: string;
  kind?: string | null;
  type: 'read-only' | 'full-access' | 'custom';
  expiresAt?: string | number | Date | null;
  lastUsedAt?: string | number | Date | null;
  permissions?: string[];
}

export interface Open311Client {
  id: number;
  name: string;
}

const HOUR_MS = 3_600_000;

export async function authorizeApiKey(
  strapi: Core.Strapi,
  params: Record<string, unknown>,
  action: string
): Promise<Open311Client> {
  const key = textParam(params, 'api_key');
  if (!key) throw Open311Error.of(403, 'api_key is required to write');
  const tokens = strapi.service('admin::api-token-content-api') as unknown as TokenService;
  const token = await tokens.getByAccessKey(tokens.hash(key));
  if (!token || (token.kind != null && token.kind !== 'content-api'))
    throw Open311Error.of(403, 'api_key is not valid');
  const now = clock.now();
  if (token.expiresAt != null && new Date(token.expiresAt).getTime() <= now.getTime())
    throw Open311Error.of(403, 'api_key has expired');
  const allowed =
    token.type === 'full-access' ||
    (token.type === 'custom' && (token.permissions ?? []).includes(action));
  if (!allowed) throw Open311Error.of(403, 'api_key may not do this');
  // As Strapi's strategy does: at most one write an hour.
  const last = token.lastUsedAt != null ? new Date(token.lastUsedAt).getTime() : null;
  if (last === null || now.getTime() - last >= HOUR_MS) {
    await strapi.db.query('admin::api-token').update({
      where: { id: token.id },
      data: { lastUsedAt: now },
    });
  }
  return { id: token.id, name: token.name };
}
