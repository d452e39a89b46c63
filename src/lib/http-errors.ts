/** Answers in Strapi's error shape with any status (Strapi's own errors cover only a few). */
import type { Context } from 'koa';

const NAMES: Record<number, string> = {
  400: 'ValidationError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  409: 'ConflictError',
  410: 'GoneError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
};

export function sendError(ctx: Context, status: number, message: string, field?: string): void {
  ctx.status = status;
  ctx.body = {
    data: null,
    error: {
      status,
      name: NAMES[status] ?? 'ApplicationError',
      message,
      details: field ? { errors: [{ path: field.split('.'), message, name: NAMES[status] }] } : {},
    },
  };
}

/** The request is fine but the resource's state forbids it (HTTP 409); answered with sendError. */
export class ConflictError extends Error {
  readonly status = 409;
}

/** Several fields refused at once (a survey's answers): each named in `details.errors`. */
export function sendFieldErrors(
  ctx: Context,
  status: number,
  message: string,
  problems: { field: string; message: string }[]
): void {
  ctx.status = status;
  ctx.body = {
    data: null,
    error: {
      status,
      name: NAMES[status] ?? 'ApplicationError',
      message: `${message} ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
      details: {
        errors: problems.map((p) => ({
          path: p.field.split('.'),
          message: p.message,
          name: NAMES[status],
        })),
      },
    },
  };
}
