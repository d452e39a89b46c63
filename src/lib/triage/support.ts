/**
 * "Me too": a citizen who finds their problem already on the public map supports the report
 * instead of filing it again. They follow it (its updates reach them) and count as a reporter for
 * its priority, once per address. Supporting a duplicate supports its master.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { runAs } from '../actor';
import { appendCaseEvent } from '../case-events';
import { CASE_UIDS } from '../case-types';
import { clock } from '../clock';
import { HONEYPOT_FIELD, fieldErrors, supportSchema } from '../intake-schema';
import { IntakeError, matchCitizen } from '../intake';
import { settings } from '../settings';
import { lockClusters } from './clusters';
import { isOpenReport } from '../../domain/lifecycle';
import { refreshPriority } from './priority';
import { isPublicReport } from '../public-views';

interface SupportedReport {
  id: number;
  documentId: string;
  referenceCode: string;
  state: string;
  topicKey?: string | null;
  supporterCount?: number | null;
  duplicateCount?: number | null;
  awaitingConfirmation?: boolean | null;
  isPrivate?: boolean | null;
  citizen?: { id: number } | null;
  followers?: { id: number }[];
  duplicateOf?: { referenceCode: string } | null;
}

export interface SupportResult {
  code: string;
  /** Citizens behind the report now: author, duplicates' authors, supporters. */
  reporters: number;
  alreadySupporting: boolean;
  trackingUrl: string;
  message: string;
}

async function loadReport(strapi: Core.Strapi, code: string): Promise<SupportedReport | null> {
  return (await strapi.db.query(CASE_UIDS.report).findOne({
    where: { referenceCode: code.trim().toUpperCase() },
    select: [
      'id',
      'documentId',
      'referenceCode',
      'state',
      'topicKey',
      'supporterCount',
      'duplicateCount',
      'awaitingConfirmation',
      'isPrivate',
    ],
    populate: {
      citizen: { select: ['id'] },
      followers: { select: ['id'] },
      duplicateOf: { select: ['referenceCode'] },
    },
  })) as SupportedReport | null;
}

function message(locale: 'it' | 'en', code: string, already: boolean): string {
  if (locale === 'en') {
    return already
      ? `You already follow case ${code}: we will keep you informed.`
      : `Thank you: you now support case ${code} and will receive its updates.`;
  }
  return already
    ? `Segue già la pratica ${code}: la terremo informata.`
    : `Grazie: ora sostiene la pratica ${code} e ne riceverà gli aggiornamenti.`;
}

export async function supportReport(
  strapi: Core.Strapi,
  code: string,
  body: Record<string, unknown>,
  userId: number | null
): Promise<SupportResult> {
  const parsed = supportSchema.safeParse(body);
  if (!parsed.success) {
    const details = fieldErrors(parsed.error);
    throw new errors.ValidationError(`${details[0].path.join('.')}: ${details[0].message}`, {
      errors: details.map((d) => ({ ...d, name: 'ValidationError' })),
    });
  }
  const input = parsed.data;
  if (input[HONEYPOT_FIELD])
    throw new IntakeError(400, 'The submission was refused.', HONEYPOT_FIELD);

  let report = await loadReport(strapi, code);
  if (report?.state === 'duplicate' && report.duplicateOf) {
    report = await loadReport(strapi, report.duplicateOf.referenceCode);
  }
  // Only a report the public can see can be supported (isPublicReport).
  if (!report || !isPublicReport(report)) {
    throw new IntakeError(404, `There is no report ${code}.`, 'code');
  }
  const target = report;
  const refuseIfClosed = (r: SupportedReport) => {
    if (isOpenReport(r.state)) return;
    throw new IntakeError(
      409,
      `Case ${r.referenceCode} is no longer open (${r.state}): if the problem is back, please file a new report.`,
      'code'
    );
  };
  refuseIfClosed(target);
  const now = clock.now();
  return runAs({ type: 'citizen', id: userId ? String(userId) : null, name: null }, () =>
    strapi.db.transaction(async () => {
      const citizen = await matchCitizen(strapi, input, userId);
      await lockClusters(strapi, [target.topicKey]);
      // Read again under the cluster lock: a merge or a closure may have come in between.
      const fresh = (await loadReport(strapi, target.referenceCode)) as SupportedReport;
      refuseIfClosed(fresh);
      const people = new Set([fresh.citizen?.id, ...(fresh.followers ?? []).map((f) => f.id)]);
      const already = people.has(citizen.id);
      if (!already) {
        await strapi.db.query(CASE_UIDS.report).update({
          where: { id: fresh.id },
          data: {
            followers: { connect: [{ id: citizen.id }] },
            supporterCount: (fresh.supporterCount ?? 0) + 1,
          },
        });
        await appendCaseEvent(strapi, 'report', fresh, {
          type: 'supported',
          visibility: 'public',
          actor: { type: 'citizen', id: userId ? String(userId) : null, name: null },
          at: now,
        });
        await refreshPriority(strapi, { id: fresh.id }, now);
      }
      const supporters = (fresh.supporterCount ?? 0) + (already ? 0 : 1);
      return {
        code: fresh.referenceCode,
        reporters: 1 + (fresh.duplicateCount ?? 0) + supporters,
        alreadySupporting: already,
        trackingUrl: settings(strapi).links.tracking.replace(
          '{code}',
          encodeURIComponent(fresh.referenceCode)
        ),
        message: message(input.locale, fresh.referenceCode, already),
      };
    })
  );
}
