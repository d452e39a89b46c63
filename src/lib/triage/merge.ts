/**
 * Staff merges and splits of reports. A merge is a state change (→ duplicate, naming the master)
 * and goes through the case write gate like any other, which moves followers and duplicates and
 * writes the events. A split leaves a final state, which no lifecycle transition allows: it is the
 * one write outside the gate, undoing exactly what the merge recorded in its `merged` event.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor } from '../actor';
import { appendCaseEvent } from '../case-events';
import { CASE_UIDS } from '../case-types';
import { rederiveCase } from '../case-writes';
import { clock } from '../clock';
import { lockClusters, recountCluster } from './clusters';

const REPORT_UID = CASE_UIDS.report;

export interface MergeResult {
  source: string;
  target: string;
  duplicateCount: number;
}

interface ReportRow {
  id: number;
  documentId: string;
  referenceCode: string;
  state: string;
  topicKey?: string | null;
  stateBeforeMerge?: string | null;
  duplicateOf?: ReportRow | null;
}

function fieldError(field: string, message: string) {
  return new errors.ValidationError(message, {
    errors: [{ path: [field], message, name: 'ValidationError' }],
  });
}

async function reportByCode(strapi: Core.Strapi, code: string, field: string) {
  const found = (await strapi.db.query(REPORT_UID).findOne({
    where: { referenceCode: code.trim().toUpperCase() },
    select: ['id', 'documentId', 'referenceCode', 'state', 'topicKey', 'stateBeforeMerge'],
    populate: {
      duplicateOf: { select: ['id', 'documentId', 'referenceCode', 'state', 'topicKey'] },
    },
  })) as ReportRow | null;
  if (!found) throw new errors.NotFoundError(`There is no report ${code} (${field}).`);
  return found;
}

/** Merges report `sourceCode` (with its own duplicates and followers) into `targetCode`. */
export async function mergeReports(
  strapi: Core.Strapi,
  input: { sourceCode: string; targetCode: string; reason?: string }
): Promise<MergeResult> {
  return strapi.db.transaction(async () => {
    const source = await reportByCode(strapi, input.sourceCode, 'code');
    const target = await reportByCode(strapi, input.targetCode, 'into');
    if (source.state === 'duplicate') {
      throw fieldError(
        'code',
        `${source.referenceCode} is already a duplicate of ${source.duplicateOf?.referenceCode}.`
      );
    }
    await strapi.documents(REPORT_UID).update({
      documentId: source.documentId,
      data: { state: 'duplicate', duplicateOf: target.documentId } as never,
    });
    if (input.reason?.trim()) {
      await appendCaseEvent(strapi, 'report', source, {
        type: 'internal_note',
        visibility: 'internal',
        actor: currentActor(strapi),
        at: clock.now(),
        text: input.reason.trim(),
      });
    }
    const after = (await strapi.db
      .query(REPORT_UID)
      .findOne({ where: { id: target.id }, select: ['duplicateCount'] })) as {
      duplicateCount: number;
    };
    return {
      source: source.referenceCode,
      target: target.referenceCode,
      duplicateCount: after.duplicateCount,
    };
  });
}

interface MergedEventData {
  into?: string;
  fromState?: string;
  followersAdded?: number[];
  duplicatesMoved?: number[];
}

/** Undoes the merge of `code`: it returns to its state before the merge, with what it brought. */
export async function splitReport(
  strapi: Core.Strapi,
  input: { code: string; reason?: string }
): Promise<{ code: string; state: string; formerMaster: string }> {
  return strapi.db.transaction(async () => {
    const first = await reportByCode(strapi, input.code, 'code');
    const master = first.duplicateOf;
    if (first.state !== 'duplicate' || !master) {
      throw fieldError('code', `${first.referenceCode} is not merged into another report.`);
    }
    await lockClusters(strapi, [first.topicKey, master.topicKey]);
    const source = await reportByCode(strapi, input.code, 'code'); // re-read under the lock
    if (source.duplicateOf?.id !== master.id) {
      throw fieldError('code', `${source.referenceCode} changed meanwhile: try again.`);
    }
    const [merged] = (await strapi.db.query('api::case-event.case-event').findMany({
      where: { caseCode: source.referenceCode, type: 'merged' },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      limit: 1,
    })) as { data?: MergedEventData | null }[];
    const recorded = merged?.data?.into === master.referenceCode ? merged.data : {};
    const state = recorded?.fromState ?? source.stateBeforeMerge ?? 'received';
    const now = clock.now();
    const actor = currentActor(strapi);
    const reports = strapi.db.query(REPORT_UID);

    // Open again, so no longer anonymised (a duplicate may be, long after its merge): the
    // retention job takes it again once it is closed long enough.
    await reports.update({
      where: { id: source.id },
      data: {
        state,
        duplicateOf: null,
        closedAt: null,
        stateBeforeMerge: null,
        anonymisedAt: null,
      },
    });
    for (const id of recorded?.duplicatesMoved ?? []) {
      const row = (await reports.findOne({
        where: { id, duplicateOf: { id: master.id } },
        select: ['id'],
      })) as { id: number } | null;
      if (row) await reports.update({ where: { id }, data: { duplicateOf: source.id } });
    }
    // Followers who came with the source leave the master, unless a report still in the master's
    // cluster is theirs.
    const stillThere = (await reports.findMany({
      where: { duplicateOf: { id: master.id } },
      select: ['id'],
      populate: { citizen: { select: ['id'] } },
    })) as { citizen?: { id: number } | null }[];
    const keep = new Set(stillThere.map((r) => r.citizen?.id));
    const leaving = (recorded?.followersAdded ?? []).filter((id) => !keep.has(id));
    if (leaving.length) {
      await reports.update({
        where: { id: master.id },
        data: { followers: { disconnect: leaving.map((id) => ({ id })) } },
      });
    }
    await recountCluster(strapi, source.id, now);
    await recountCluster(strapi, master.id, now);
    // Due dates run again (and the priority with them) now that the report is open.
    await rederiveCase(strapi, 'report', source.documentId);

    const text = input.reason?.trim() || undefined;
    await appendCaseEvent(strapi, 'report', source, {
      type: 'split',
      visibility: 'public',
      fromStatus: 'duplicate',
      toStatus: state,
      actor,
      at: now,
      // The reason is staff's: it stays on the internal side.
      data: { from: master.referenceCode },
    });
    await appendCaseEvent(strapi, 'report', master, {
      type: 'split',
      visibility: 'internal',
      actor,
      at: now,
      text,
      data: { split: source.referenceCode },
    });
    return { code: source.referenceCode, state, formerMaster: master.referenceCode };
  });
}
