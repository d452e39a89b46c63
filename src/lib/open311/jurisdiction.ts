import type { Core } from '@strapi/strapi';
import { Open311Error } from '../../domain/open311/errors';
import { settings } from '../settings';
import { textParam } from './http';

/** A `jurisdiction_id` naming another jurisdiction is a 404 (the spec); none at all is fine. */
export function checkJurisdiction(strapi: Core.Strapi, params: Record<string, unknown>): void {
  const given = textParam(params, 'jurisdiction_id');
  const ours = settings(strapi).open311.jurisdiction;
  if (given !== undefined && given.toLowerCase() !== ours.toLowerCase()) {
    throw Open311Error.of(404, `jurisdiction_id "${given}" is not served here; this is ${ours}`);
  }
}
