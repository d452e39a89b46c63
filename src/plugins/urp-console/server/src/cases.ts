/** Finding a case by its reference code, with what the scope rules need to judge it. */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { CaseKind } from '../../../../domain/case-kind';
import { parseReferenceCode } from '../../../../domain/reference-code';
import type { CaseKeys } from '../../../../domain/staff-scope';
import { CASE_UIDS } from '../../../../lib/case-types';

export interface FoundCase {
  kind: CaseKind;
  row: Record<string, unknown> & {
    id: number;
    documentId: string;
    referenceCode: string;
    state: string;
    officeKey: string | null;
    teamKey: string | null;
    assignee?: { id: number } | null;
  };
  keys: CaseKeys;
}

export async function findCase(
  strapi: Core.Strapi,
  code: string,
  populate: Record<string, unknown> = {}
): Promise<FoundCase | null> {
  const parsed = parseReferenceCode(code);
  if (!parsed) return null;
  const row = (await strapi.db.query(CASE_UIDS[parsed.kind]).findOne({
    where: { referenceCode: code.trim().toUpperCase() },
    populate: { assignee: { select: ['id'] }, ...populate },
  })) as FoundCase['row'] | null;
  if (!row) return null;
  return {
    kind: parsed.kind,
    row,
    keys: { officeKey: row.officeKey, teamKey: row.teamKey, assigneeId: row.assignee?.id ?? null },
  };
}

/** The case, or a 404 naming the code. */
export async function getCase(
  strapi: Core.Strapi,
  code: string,
  populate: Record<string, unknown> = {},
  field = 'code'
): Promise<FoundCase> {
  const found = await findCase(strapi, code, populate);
  if (!found) {
    throw new errors.NotFoundError(`No case has the reference code "${code}".`, {
      errors: [{ path: [field], message: 'unknown reference code', name: 'NotFoundError' }],
    });
  }
  return found;
}
