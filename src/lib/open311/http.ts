/**
 * Open311 answers in JSON or XML (the `.json` / `.xml` suffix of every endpoint), errors as the
 * spec's list, and the refusals of the intake translated into that list.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { Open311Error, type Open311ErrorItem } from '../../domain/open311/errors';
import { toXml, type XmlObject, type XmlValue } from '../../domain/open311/xml';
import { IntakeError } from '../intake';

export type Format = 'json' | 'xml';

const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export function formatOf(ctx: Context): Format {
  return String(ctx.params.format ?? 'json').toLowerCase() === 'xml' ? 'xml' : 'json';
}

/** A list: a JSON array, or `<root><item>…</item></root>`. */
export function sendList(ctx: Context, root: string, items: XmlObject[], status = 200): void {
  const format = formatOf(ctx);
  ctx.status = status;
  ctx.type = CONTENT_TYPES[format];
  ctx.body = format === 'json' ? JSON.stringify(items) : toXml(root, items as XmlValue);
}

/** One object: a JSON object, or `<root>…</root>`. */
export function sendObject(ctx: Context, root: string, value: XmlObject): void {
  const format = formatOf(ctx);
  ctx.status = 200;
  ctx.type = CONTENT_TYPES[format];
  ctx.body = format === 'json' ? JSON.stringify(value) : toXml(root, value);
}

export function sendErrors(ctx: Context, error: Open311Error): void {
  sendList(ctx, 'errors', error.errors as unknown as XmlObject[], error.status);
}

/** A refusal of the shared intake as an Open311 error list (400: FixMyStreet reads the list). */
function fromIntake(error: unknown): Open311Error | null {
  if (error instanceof Open311Error) return error;
  if (error instanceof IntakeError) {
    const field = error.field ? `${error.field}: ` : '';
    return Open311Error.of(error.status >= 500 ? 500 : 400, `${field}${error.message}`);
  }
  if (error instanceof errors.ValidationError) {
    const details = (error.details as { errors?: { path: string[]; message: string }[] })?.errors;
    const items: Open311ErrorItem[] = details?.length
      ? details.map((d) => ({ code: 400, description: `${d.path.join('.')}: ${d.message}` }))
      : [{ code: 400, description: error.message }];
    return new Open311Error(400, items);
  }
  return null;
}

/** Wraps an action: every refusal, and any failure, is answered as an Open311 error list. */
export function open311Action(
  strapi: Core.Strapi,
  action: (ctx: Context) => Promise<void>
): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const suffix = String(ctx.params.format ?? '').toLowerCase();
    if (suffix !== 'json' && suffix !== 'xml') {
      ctx.params.format = 'json';
      return sendErrors(
        ctx,
        Open311Error.of(404, `There is no format "${suffix}": use .json or .xml`)
      );
    }
    try {
      await action(ctx);
    } catch (error) {
      const known = fromIntake(error);
      if (known) return sendErrors(ctx, known);
      strapi.log.error(`[open311] ${ctx.method} ${ctx.path}: ${(error as Error)?.stack ?? error}`);
      sendErrors(ctx, Open311Error.of(500, 'Internal error; please try again later.'));
    }
  };
}

/** The request's parameters: the query string of a GET, the form or JSON body of a POST. */
export function paramsOf(ctx: Context): Record<string, unknown> {
  if (ctx.method === 'GET') return ctx.query as Record<string, unknown>;
  const body = (ctx.request as unknown as { body?: unknown }).body;
  return body && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

/** One text parameter: a repeated one is refused rather than guessed. */
export function textParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') throw Open311Error.of(400, `${name} must be given once, as text`);
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** The public base URL of this server (PUBLIC_URL, else the request's own origin). */
export function baseUrl(strapi: Core.Strapi, ctx: Context): string {
  const configured = String(strapi.config.get('server.url', '') ?? '');
  return (configured || ctx.origin).replace(/\/+$/, '');
}
