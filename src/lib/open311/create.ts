/**
 * POST requests: an Open311 client files a report with its api_key. The spec's fields are checked
 * here (service, location, attributes against the service definition, media_url), then mapped
 * onto the shared intake (src/lib/intake.ts), which routes, detects duplicates, sets due dates and
 * queues the emails exactly as for every other channel.
 */
import type { Core } from '@strapi/strapi';
import {
  collectAttributes,
  validateAttributes,
  type AttributeValue,
} from '../../domain/open311/attributes';
import { Open311Error, type Open311ErrorItem } from '../../domain/open311/errors';
import { fileCase } from '../intake';
import { CASE_UIDS } from '../case-types';
import { settings } from '../settings';
import { OPEN311_WRITE_ACTIONS, authorizeApiKey } from './api-key';
import { textParam } from './http';
import { checkJurisdiction } from './jurisdiction';
import { findService } from './services';

const MAX_URL = 2000;

function coordinate(
  params: Record<string, unknown>,
  name: 'lat' | 'long',
  limit: number,
  errors: Open311ErrorItem[]
): number | undefined {
  const text = textParam(params, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^[-+]?\d+(\.\d+)?$/.test(text) || Math.abs(value) > limit) {
    errors.push({ code: 400, description: `${name} must be a number within ±${limit}` });
    return undefined;
  }
  return value;
}

function mediaUrl(params: Record<string, unknown>, errors: Open311ErrorItem[]): string | undefined {
  const text = textParam(params, 'media_url');
  if (text === undefined) return undefined;
  let ok = text.length <= MAX_URL;
  try {
    ok &&= ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    ok = false;
  }
  if (!ok) errors.push({ code: 400, description: 'media_url must be an http(s) URL' });
  return ok ? text : undefined;
}

/** Whether the public may see a report (so its code may be handed out as the request's id). */
async function isPublicCode(strapi: Core.Strapi, code: string): Promise<boolean> {
  const row = (await strapi.db.query(CASE_UIDS.report).findOne({
    where: { referenceCode: code },
    select: ['isPrivate', 'awaitingConfirmation'],
  })) as { isPrivate?: boolean | null; awaitingConfirmation?: boolean | null } | null;
  return Boolean(row && !row.isPrivate && !row.awaitingConfirmation);
}

export async function createRequest(strapi: Core.Strapi, params: Record<string, unknown>) {
  checkJurisdiction(strapi, params);
  const client = await authorizeApiKey(strapi, params, OPEN311_WRITE_ACTIONS.createRequest);

  const serviceCode = textParam(params, 'service_code');
  if (!serviceCode) throw Open311Error.of(400, 'service_code is required');
  const service = await findService(strapi, serviceCode, 'it');
  if (!service) throw Open311Error.of(404, `There is no service_code "${serviceCode}"`);

  const errors: Open311ErrorItem[] = [];
  const lat = coordinate(params, 'lat', 90, errors);
  const long = coordinate(params, 'long', 180, errors);
  if ((lat === undefined) !== (long === undefined) && !errors.length)
    errors.push({ code: 400, description: 'lat and long go together' });
  const addressString = textParam(params, 'address_string');
  const addressId = textParam(params, 'address_id');
  if (lat === undefined && long === undefined && !addressString && !addressId && !errors.length)
    errors.push({
      code: 400,
      description: 'A location is required: lat and long, address_string or address_id',
    });
  const media = mediaUrl(params, errors);
  const timeZone = settings(strapi).city.timeZone;
  const attributes = validateAttributes(service.attributes, collectAttributes(params), timeZone);
  errors.push(...attributes.errors);
  if (errors.length) throw new Open311Error(400, errors);

  const name = [textParam(params, 'first_name'), textParam(params, 'last_name')]
    .filter(Boolean)
    .join(' ');
  const contact: Record<string, string> = {};
  const email = textParam(params, 'email');
  const phone = textParam(params, 'phone');
  if (email) contact.email = email;
  if (name) contact.name = name;
  if (phone) contact.phone = phone;
  const body: Record<string, unknown> = {
    topic: service.code,
    // The spec makes the description optional; the service's name says what the report is.
    description: textParam(params, 'description') ?? service.name,
    ...(lat !== undefined && long !== undefined ? { latitude: lat, longitude: long } : {}),
    address: addressString ?? (addressId ? `address_id ${addressId}` : undefined),
    ...(Object.keys(attributes.values).length
      ? { attributes: attributes.values as Record<string, AttributeValue> }
      : {}),
    ...(Object.keys(contact).length ? { contact } : {}),
    // The client collected the citizen's consent when they wrote the report there.
    privacyConsent: true,
    locale: 'it',
  };
  const result = await fileCase(
    strapi,
    'report',
    { body, files: [], userId: null },
    {
      channel: 'open311',
      actor: { type: 'system', id: `open311:${client.id}`, name: `Open311 ${client.name}` },
      mediaUrl: media,
    }
  );
  // A duplicate is answered with the master's id: the spec allows an existing request's id, and
  // the client then follows the case that carries the work.
  const master =
    result.duplicateOf && (await isPublicCode(strapi, result.duplicateOf.code))
      ? result.duplicateOf
      : null;
  return [
    {
      service_request_id: master?.code ?? result.code,
      service_notice: master?.message ?? '',
      account_id: textParam(params, 'account_id') ?? '',
    },
  ];
}
