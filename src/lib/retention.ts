/**
 * The retention job's database work (src/jobs/retention.ts; rules in src/domain/retention.ts):
 * one batch of old cases anonymised in one transaction, together with the citizens it may free,
 * and old outbox rows deleted. Writes go around the case write gate on purpose: no state, date or
 * relation that the lifecycle guards changes, and the timeline is append-only for everyone else.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { CaseKind } from '../domain/case-kind';
import {
  SCRUBBED_JSON,
  SCRUBBED_TEXT,
  anonymousEmail,
  keptReason,
  scrubCaseRow,
  type KeptReason,
} from '../domain/retention';
import { redactContacts } from '../domain/redact';
import { FINISHED_NOTIFICATIONS_SQL, RETENTION_DUE_SQL } from '../database/indexes';
import { joinTableOf, tableOf } from './raw-sql';
import { CASE_EVENT_UID, CASE_UIDS } from './case-types';
import { NOTIFICATION_UID } from './outbox';
import { dbInstant } from './raw-sql';

const CITIZEN_UID = 'api::citizen.citizen';
const KINDS = Object.keys(CASE_UIDS) as CaseKind[];

/** What became of each citizen the run looked at (the last word counts: kept, then freed). */
export type CitizenLedger = Map<number, KeptReason | 'anonymised'>;

export interface CaseBatch {
  cases: number;
  eventsRedacted: number;
}

const isPostgres = (strapi: Core.Strapi) => strapi.db.dialect.client === 'postgres';

interface CaseRow extends Record<string, unknown> {
  id: number;
  reference_code: string;
}

/**
 * Up to `limit` cases of one kind closed before `cutoff` and not anonymised, oldest first, claimed
 * for the transaction `db`. It repeats the partial index's predicate word for word (SQLite uses a
 * partial index only then); on PostgreSQL two instances at once take different rows.
 */
export function dueCases(
  strapi: Core.Strapi,
  db: Knex | Knex.Transaction,
  kind: CaseKind,
  cutoff: Date,
  limit: number
): Knex.QueryBuilder {
  const due = db(tableOf(strapi, CASE_UIDS[kind]))
    .select('id', 'reference_code', ...SCRUBBED_TEXT[kind], ...SCRUBBED_JSON[kind])
    .whereRaw(RETENTION_DUE_SQL)
    .where('closed_at', '<', dbInstant(strapi, cutoff))
    .orderBy('closed_at')
    .limit(limit);
  return isPostgres(strapi) ? due.forUpdate().skipLocked() : due;
}

/** Outbox rows sent or given up before `cutoff`, claimed as `dueCases` claims cases. */
export function finishedNotifications(
  strapi: Core.Strapi,
  db: Knex | Knex.Transaction,
  cutoff: Date,
  limit: number
): Knex.QueryBuilder {
  const due = db(tableOf(strapi, NOTIFICATION_UID))
    .select('id')
    .whereRaw(FINISHED_NOTIFICATIONS_SQL)
    .where('created_at', '<', dbInstant(strapi, cutoff))
    .orderBy('created_at')
    .limit(limit);
  return isPostgres(strapi) ? due.forUpdate().skipLocked() : due;
}

/**
 * Anonymises up to `limit` cases of one kind closed before `cutoff`: their free texts and their
 * timeline's texts are scrubbed (the citizen's name too), a report's follower links are dropped
 * (its counts stay), `anonymised_at` is set; then their citizens and followers are looked at.
 * One transaction: a crash leaves the batch wholly done or wholly due again.
 */
export async function anonymiseCaseBatch(
  strapi: Core.Strapi,
  kind: CaseKind,
  cutoff: Date,
  now: Date,
  limit: number,
  ledger: CitizenLedger
): Promise<CaseBatch> {
  const uid = CASE_UIDS[kind];
  const table = tableOf(strapi, uid);
  return strapi.db.transaction(async ({ trx }) => {
    const rows = (await dueCases(strapi, trx, kind, cutoff, limit)) as CaseRow[];
    if (!rows.length) return { cases: 0, eventsRedacted: 0 };
    const ids = rows.map((r) => r.id);

    const authorLink = joinTableOf(strapi, uid, 'citizen');
    const authors = (await trx(`${authorLink.name} as l`)
      .join(`${tableOf(strapi, CITIZEN_UID)} as c`, 'c.id', `l.${authorLink.targetColumn}`)
      .whereIn(`l.${authorLink.ownerColumn}`, ids)
      .select(`l.${authorLink.ownerColumn} as case_id`, 'c.id as citizen_id', 'c.name')) as {
      case_id: number;
      citizen_id: number;
      name: string | null;
    }[];
    const authorOf = new Map(authors.map((a) => [a.case_id, a]));
    const namesOf = (caseId: number) => [authorOf.get(caseId)?.name];

    const stamp = dbInstant(strapi, now);
    for (const row of rows) {
      const patch = scrubCaseRow(kind, row, namesOf(row.id));
      await trx(table)
        .where({ id: row.id })
        .update({ ...patch, anonymised_at: stamp });
    }

    // Every text of their timelines: citizens' messages, staff's answers and notes alike may
    // quote a phone number or an address.
    const caseOfCode = new Map(rows.map((r) => [r.reference_code, r.id]));
    const events = (await trx(tableOf(strapi, CASE_EVENT_UID))
      .select('id', 'case_code', 'text')
      .whereIn('case_code', [...caseOfCode.keys()])
      .whereNotNull('text')) as { id: number; case_code: string; text: string }[];
    let eventsRedacted = 0;
    for (const event of events) {
      const caseId = caseOfCode.get(event.case_code);
      const text = redactContacts(event.text, { names: caseId ? namesOf(caseId) : [] });
      if (text === event.text) continue;
      await trx(tableOf(strapi, CASE_EVENT_UID)).where({ id: event.id }).update({ text });
      eventsRedacted++;
    }

    const people = authors.map((a) => a.citizen_id);
    if (kind === 'report') {
      // Followers get the report's news; an old closed report has none left to give. The stored
      // duplicate and supporter counts keep the numbers.
      const followLink = joinTableOf(strapi, uid, 'followers');
      const followers = (await trx(followLink.name)
        .whereIn(followLink.ownerColumn, ids)
        .select(`${followLink.targetColumn} as citizen_id`)) as { citizen_id: number }[];
      await trx(followLink.name).whereIn(followLink.ownerColumn, ids).del();
      people.push(...followers.map((f) => f.citizen_id));
    }
    await settleCitizens(strapi, trx, people, now, ledger);
    return { cases: rows.length, eventsRedacted };
  });
}

/** Ids (of `ids`) that some row of `query` names in `column`. */
async function idsIn(query: Knex.QueryBuilder, column: string): Promise<Set<number>> {
  const rows = (await query.distinct(`${column} as id`)) as { id: number | string }[];
  return new Set(rows.map((r) => Number(r.id)));
}

/**
 * Citizens whose last case was just anonymised lose their personal data, in the transaction that
 * anonymised it. On PostgreSQL their rows are locked first, in id order: of two batches freeing
 * the same citizen at once, the second waits for the first, then sees its cases anonymised.
 */
async function settleCitizens(
  strapi: Core.Strapi,
  trx: Knex.Transaction,
  candidates: number[],
  now: Date,
  ledger: CitizenLedger
): Promise<void> {
  const ids = [...new Set(candidates)].sort((a, b) => a - b);
  if (!ids.length) return;
  let pending = trx(tableOf(strapi, CITIZEN_UID))
    .select('id', 'document_id')
    .whereIn('id', ids)
    .whereNull('anonymised_at')
    .orderBy('id');
  if (isPostgres(strapi)) pending = pending.forUpdate();
  const citizens = (await pending) as { id: number; document_id: string }[];
  if (!citizens.length) return;
  const open = citizens.map((c) => c.id);

  const withActiveCases = new Set<number>();
  for (const kind of KINDS) {
    const link = joinTableOf(strapi, CASE_UIDS[kind], 'citizen');
    const table = tableOf(strapi, CASE_UIDS[kind]);
    const found = await idsIn(
      trx(`${link.name} as l`)
        .join(`${table} as k`, 'k.id', `l.${link.ownerColumn}`)
        .whereIn(`l.${link.targetColumn}`, open)
        .whereNull('k.anonymised_at'),
      `l.${link.targetColumn}`
    );
    for (const id of found) withActiveCases.add(id);
  }
  const followLink = joinTableOf(strapi, CASE_UIDS.report, 'followers');
  const following = await idsIn(
    trx(followLink.name).whereIn(followLink.targetColumn, open),
    followLink.targetColumn
  );
  const userLink = joinTableOf(strapi, CITIZEN_UID, 'user');
  const withAccount = await idsIn(
    trx(userLink.name).whereIn(userLink.ownerColumn, open),
    userLink.ownerColumn
  );

  for (const citizen of citizens) {
    const reason = keptReason({
      hasActiveCases: withActiveCases.has(citizen.id),
      follows: following.has(citizen.id),
      hasAccount: withAccount.has(citizen.id),
    });
    if (reason) {
      ledger.set(citizen.id, reason);
      continue;
    }
    // Counters, reputation, language and consent date stay: they are the statistics.
    await strapi.db.query(CITIZEN_UID).update({
      where: { id: citizen.id },
      data: {
        email: anonymousEmail(citizen.document_id),
        name: null,
        phone: null,
        verified: false,
        blockedReason: null,
        anonymisedAt: now,
      },
    });
    ledger.set(citizen.id, 'anonymised');
  }
}

/** Deletes up to `limit` outbox rows sent or given up before `cutoff`; returns how many. */
export async function deleteOldNotifications(
  strapi: Core.Strapi,
  cutoff: Date,
  limit: number
): Promise<number> {
  const table = tableOf(strapi, NOTIFICATION_UID);
  return strapi.db.transaction(async ({ trx }) => {
    const due = (await finishedNotifications(strapi, trx, cutoff, limit)) as { id: number }[];
    const ids = due.map((r) => r.id);
    if (!ids.length) return 0;
    await trx(table).whereIn('id', ids).del();
    return ids.length;
  });
}
