/**
 * Strapi glue of the private case links (src/domain/private-link.ts): the URL put in emails, and
 * the case a link opens. A link that does not verify is answered like an unknown one.
 */
import type { Core } from '@strapi/strapi';
import type { CaseKind } from '../domain/case-kind';
import { parseCaseLink, signCaseLink, verifyCaseLink } from '../domain/private-link';
import { parseReferenceCode } from '../domain/reference-code';
import { CASE_UIDS } from './case-types';
import { settings } from './settings';

export function privateLink(strapi: Core.Strapi, code: string, documentId: string): string {
  return signCaseLink(settings(strapi).links.secret, code, documentId);
}

export function privateUrl(strapi: Core.Strapi, code: string, documentId: string): string {
  const token = privateLink(strapi, code, documentId);
  return settings(strapi).links.private.replace('{token}', encodeURIComponent(token));
}

export interface LinkedCase {
  kind: CaseKind;
  id: number;
  documentId: string;
  referenceCode: string;
  state: string;
}

/** The case a private link opens, or null (unknown code, bad MAC: the same answer). */
export async function caseByLink(strapi: Core.Strapi, token: string): Promise<LinkedCase | null> {
  const parsed = parseCaseLink(token);
  const ref = parsed && parseReferenceCode(parsed.code);
  if (!parsed || !ref) return null;
  const found = (await strapi.db.query(CASE_UIDS[ref.kind]).findOne({
    where: { referenceCode: parsed.code },
    select: ['id', 'documentId', 'referenceCode', 'state'],
  })) as Omit<LinkedCase, 'kind'> | null;
  if (!found || !verifyCaseLink(settings(strapi).links.secret, token, found.documentId))
    return null;
  return { kind: ref.kind, ...found };
}
