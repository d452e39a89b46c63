/** Validation of the console's query strings and bodies: a 400 that names the field. */
import { errors } from '@strapi/utils';
import type { z } from 'zod';
import { fieldErrors } from '../../../../lib/intake-schema';

export function invalid(field: string, message: string): errors.ValidationError {
  return new errors.ValidationError(`${field}: ${message}`, {
    errors: [{ path: field.split('.'), message, name: 'ValidationError' }],
  });
}

export function parseInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const details = fieldErrors(parsed.error);
  const first = details[0];
  throw new errors.ValidationError(`${first.path.join('.') || 'body'}: ${first.message}`, {
    errors: details.map((d) => ({ ...d, name: 'ValidationError' })),
  });
}
