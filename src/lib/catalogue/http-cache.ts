/**
 * Cache validators on the public catalogue's answers (services, offices, topics, surveys): an ETag from the answer's bytes and `Cache-Control: no-cache`, so a website or
 * a CDN keeps its copy and asks again each time with If-None-Match, getting a bodiless 304 while
 * nothing changed — and the new content the moment an editor publishes, since nothing is cached
 * by age. Answers to a signed-in caller or an API token are `private`.
 */
import { createHash } from 'node:crypto';
import type { Context, Next } from 'koa';

export const CACHED_PREFIXES = ['/api/services', '/api/offices', '/api/topics', '/api/surveys'];

export function isCatalogueRead(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return CACHED_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/**
 * Whether an If-None-Match header names this tag (a list, weak comparison, or `*`). Compared here
 * rather than with Koa's `ctx.fresh`, which answers "stale" whenever the request says
 * `Cache-Control: no-cache`, and the Fetch standard adds exactly that to any request carrying
 * If-None-Match (a website's server revalidating with `fetch` would never get its 304). The
 * answer was just built, so a matching tag is current whatever the request's cache directives.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === wanted);
}

/** A weak validator from the body as sent: equal bodies, equal tags, on every instance. */
export function etagOf(body: string | Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('base64url')}"`;
}

function serialized(body: unknown): string | Buffer | null {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe !== 'function') {
    return JSON.stringify(body);
  }
  return null;
}

export async function catalogueCache(ctx: Context, next: Next): Promise<void> {
  await next();
  if (!isCatalogueRead(ctx.method, ctx.path) || ctx.status !== 200) return;
  const bytes = serialized(ctx.body);
  if (bytes === null) return;
  const personal = Boolean(ctx.get('authorization'));
  ctx.set('Cache-Control', personal ? 'private, no-cache' : 'public, no-cache');
  ctx.vary('Authorization');
  const etag = etagOf(bytes);
  ctx.set('ETag', etag);
  if (matchesIfNoneMatch(ctx.get('if-none-match'), etag)) {
    ctx.status = 304;
    ctx.body = null;
  } else if (typeof bytes === 'string' && typeof ctx.body !== 'string') {
    // Send the JSON just written for the tag rather than have Koa stringify the object again
    // (the Content-Type Koa set for the object stays).
    ctx.body = bytes;
  }
}
