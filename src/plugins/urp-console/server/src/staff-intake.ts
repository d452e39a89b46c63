/**
 * Phone and counter intake: staff open a case on behalf of a caller. The body is the public
 * intake's (src/lib/intake-schema.ts) with `kind`, `channel` and `citizen` in place of `contact`;
 * it is checked by the same schema and filed by the same service (src/lib/intake.ts), so the same
 * write gate routes it, numbers it, records the staff member as the actor of its `created` event
 * and queues the usual acknowledgement when the caller gave an email address.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { z } from 'zod';
import { CASE_KINDS, type CaseKind } from '../../../../domain/case-kind';
import { canOpenCase, mayOpenCases } from '../../../../domain/staff-scope';
import { IntakeError, fileCase, type IntakeResult } from '../../../../lib/intake';
import { readFiles, requestBody } from '../../../../lib/public-controllers';
import { invalid, parseInput } from './input';
import { actorOf, type ConsoleState } from './scope';

const envelopeSchema = z
  .object({
    kind: z.enum(CASE_KINDS),
    channel: z.enum(['phone', 'counter']),
    citizen: z.unknown().optional(),
    requestKind: z.unknown().optional(),
  })
  .passthrough();

/** The public schema's names for what this body calls otherwise. */
const RENAMED: Record<string, string> = { contact: 'citizen', kind: 'requestKind' };

/** Field errors of the public schema, in this body's names (contact.email → citizen.email). */
function renamed(error: errors.ValidationError): errors.ValidationError {
  const details = (error.details as { errors?: { path: string[]; message: string }[] }).errors;
  if (!details?.length) return error;
  const rename = (p: string[]) => (p.length && RENAMED[p[0]] ? [RENAMED[p[0]], ...p.slice(1)] : p);
  const mapped = details.map((d) => ({ ...d, path: rename(d.path), name: 'ValidationError' }));
  const first = mapped[0];
  return new errors.ValidationError(`${first.path.join('.') || 'body'}: ${first.message}`, {
    errors: mapped,
  });
}

/** The public intake's body built from this one; unknown fields are left for its schema to name. */
function publicBody(kind: CaseKind, body: Record<string, unknown>): Record<string, unknown> {
  const { kind: _kind, channel: _channel, citizen, requestKind, ...fields } = body;
  if (citizen !== undefined) fields.contact = citizen;
  if (requestKind !== undefined) {
    if (kind !== 'request') fields.requestKind = requestKind;
    else fields.kind = requestKind;
  }
  return fields;
}

export async function openCase(
  strapi: Core.Strapi,
  state: ConsoleState,
  ctx: Context
): Promise<IntakeResult & { channel: 'phone' | 'counter' }> {
  const { staff, user } = state;
  if (!mayOpenCases(staff)) {
    throw new errors.ForbiddenError('Only URP operators and office coordinators open cases.');
  }
  const body = requestBody(ctx);
  const envelope = parseInput(envelopeSchema, body);
  // The public body's `contact` is this body's `citizen`: refused by its public name.
  if ('contact' in body) throw invalid('contact', 'give the caller as "citizen"');
  const fields = publicBody(envelope.kind, body);
  try {
    const result = await fileCase(
      strapi,
      envelope.kind,
      { body: fields, files: await readFiles(ctx), userId: null },
      {
        actor: actorOf(user),
        channel: envelope.channel,
        authorize: ({ officeKey }) => {
          if (!canOpenCase(staff, officeKey)) {
            throw new errors.ForbiddenError(
              'This case would go to an office that is not yours: ask the URP to open it.'
            );
          }
        },
      }
    );
    return { ...result, channel: envelope.channel };
  } catch (error) {
    if (error instanceof errors.ValidationError) throw renamed(error);
    if (error instanceof IntakeError && error.field?.startsWith('contact.')) {
      const field = `citizen.${error.field.slice('contact.'.length)}`;
      throw new IntakeError(error.status, error.message, field);
    }
    throw error;
  }
}
