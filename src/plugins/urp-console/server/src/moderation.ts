/**
 * Moderation of what the public sees of a report (POST /urp-console/cases/:code/moderate): the
 * text shown in place of the citizen's (theirs stays for staff), whether the report is listed at
 * all, and per photo whether it is shown and which regions are blurred on its public copy
 * (src/lib/photo-moderation.ts). One transaction: the report, the files' rows and an internal
 * `moderated` event naming each change and the reason are written together or not at all.
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { z } from 'zod';
import { isValidFraction, sameRegions, type Fraction } from '../../../../domain/photo-regions';
import { runAs } from '../../../../lib/actor';
import { appendCaseEvent } from '../../../../lib/case-events';
import { CASE_UIDS } from '../../../../lib/case-types';
import { clock } from '../../../../lib/clock';
import {
  FILE_UID,
  blurRegions,
  readModeration,
  readStoredFile,
  removeFile,
  rotateFile,
  storePublicCopy,
  type FileHooks,
  type PhotoModerationEntry,
  type StoredFile,
} from '../../../../lib/photo-moderation';
import { getCase } from './cases';
import { invalid, parseInput } from './input';
import { actorOf, assertCan } from './scope';
import type { Doer } from './actions';

const MAX_REGIONS = 20;

const region = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    w: z.number().gt(0).max(1),
    h: z.number().gt(0).max(1),
  })
  .strict()
  .refine(isValidFraction, 'the rectangle must lie within the photo (x + w ≤ 1, y + h ≤ 1)');

const photoSchema = z
  .object({
    id: z.number().int().positive(),
    hidden: z.boolean().optional(),
    blur: z.array(region).max(MAX_REGIONS).optional(),
  })
  .strict();

export const moderationSchema = z
  .object({
    /** The text the public sees; null gives the public the citizen's own text again. */
    publicText: z.string().trim().min(1).max(4000).nullable().optional(),
    private: z.boolean().optional(),
    photos: z.array(photoSchema).max(50).optional(),
    reason: z.string().trim().min(3).max(2000),
  })
  .strict();

type Input = z.infer<typeof moderationSchema>;

interface ReportRow {
  id: number;
  documentId: string;
  referenceCode: string;
  description: string;
  publicText: string | null;
  isPrivate: boolean | null;
  photoModeration: unknown;
  photos?: StoredFile[] | null;
}

interface PhotoChange {
  id: number;
  hidden?: { from: boolean; to: boolean };
  blur?: { from: Fraction[]; to: Fraction[] };
}

function checkInput(input: Input, photos: StoredFile[]): void {
  if (input.publicText === undefined && input.private === undefined && !input.photos?.length) {
    throw invalid('publicText', 'give publicText, private or photos to moderate');
  }
  const seen = new Set<number>();
  (input.photos ?? []).forEach((p, i) => {
    if (!photos.some((f) => f.id === p.id)) {
      throw invalid(`photos.${i}.id`, 'the report has no photo with this id');
    }
    if (seen.has(p.id)) throw invalid(`photos.${i}.id`, 'the photo is given twice');
    seen.add(p.id);
    if (p.hidden === undefined && p.blur === undefined) {
      throw invalid(`photos.${i}`, 'say whether the photo is hidden, or which regions to blur');
    }
  });
}

const emptyEntry = (photo: number): PhotoModerationEntry => ({
  photo,
  hidden: false,
  blur: [],
  publicFile: null,
  rotated: false,
});

/** Row lock on PostgreSQL: two moderations of one report queue instead of mixing their files. */
async function lockReport(strapi: Core.Strapi, trx: Knex.Transaction, id: number): Promise<void> {
  if (strapi.db.dialect.client !== 'postgres') return;
  const table = strapi.db.metadata.get(CASE_UIDS.report).tableName;
  await trx(table).where({ id }).forUpdate().select('id');
}

/**
 * Applies one photo's new moderation: moves its original out of public reach the first time,
 * and makes (or drops) the blurred public copy when the regions change.
 */
async function moderatePhoto(
  strapi: Core.Strapi,
  file: StoredFile,
  entry: PhotoModerationEntry,
  asked: { hidden?: boolean; blur?: Fraction[] },
  hooks: FileHooks
): Promise<{ entry: PhotoModerationEntry; change: PhotoChange | null }> {
  const next: PhotoModerationEntry = { ...entry, blur: [...entry.blur] };
  const change: PhotoChange = { id: file.id };
  if (asked.hidden !== undefined && asked.hidden !== entry.hidden) {
    next.hidden = asked.hidden;
    change.hidden = { from: entry.hidden, to: asked.hidden };
  }
  const blurChanges = asked.blur !== undefined && !sameRegions(asked.blur, entry.blur);
  if (blurChanges) {
    next.blur = asked.blur as Fraction[];
    change.blur = { from: entry.blur, to: next.blur };
  }
  if (!change.hidden && !change.blur) return { entry, change: null };

  if ((next.hidden || next.blur.length) && !next.rotated) {
    await rotateFile(strapi, file, hooks);
    next.rotated = true;
  }
  if (blurChanges) {
    if (entry.publicFile != null) await removeFile(strapi, entry.publicFile, hooks);
    next.publicFile = null;
    if (next.blur.length) {
      // The original as stored (already without metadata), read from its new name.
      const fresh = (await strapi.db.query(FILE_UID).findOne({ where: { id: file.id } })) as {
        url: string;
      };
      const blurred = await blurRegions(await readStoredFile(strapi, fresh), next.blur);
      next.publicFile = await storePublicCopy(strapi, blurred, hooks);
    }
  }
  return { entry: next, change };
}

export async function moderateCase(strapi: Core.Strapi, doer: Doer, code: string, body: unknown) {
  const found = await getCase(strapi, code);
  assertCan(doer.staff, 'moderate', found.keys, 'moderate what the public sees');
  const input = parseInput(moderationSchema, body);
  if (found.kind !== 'report') {
    throw invalid('code', 'only reports are shown to the public: requests and complaints are not');
  }
  const actor = actorOf(doer.user);

  return runAs(actor, () =>
    strapi.db.transaction(async ({ trx, onCommit, onRollback }) => {
      const hooks: FileHooks = { onCommit, onRollback };
      await lockReport(strapi, trx, found.row.id);
      const report = (await strapi.db.query(CASE_UIDS.report).findOne({
        where: { id: found.row.id },
        select: [
          'id',
          'documentId',
          'referenceCode',
          'description',
          'publicText',
          'isPrivate',
          'photoModeration',
        ],
        populate: { photos: true },
      })) as ReportRow;
      const photos = report.photos ?? [];
      checkInput(input, photos);

      const data: Record<string, unknown> = {};
      const changes: Record<string, unknown> = {};
      const changed: string[] = [];
      const before = report.publicText ?? null;
      if (input.publicText !== undefined && input.publicText !== before) {
        data.publicText = input.publicText;
        changes.publicText = { from: before, to: input.publicText };
        changed.push('publicText');
      }
      const wasPrivate = Boolean(report.isPrivate);
      if (input.private !== undefined && input.private !== wasPrivate) {
        data.isPrivate = input.private;
        changes.private = { from: wasPrivate, to: input.private };
        changed.push('private');
      }

      const entries = readModeration(report.photoModeration);
      const photoChanges: PhotoChange[] = [];
      for (const asked of input.photos ?? []) {
        const file = photos.find((f) => f.id === asked.id) as StoredFile;
        const current = entries.find((e) => e.photo === asked.id) ?? emptyEntry(asked.id);
        const { entry, change } = await moderatePhoto(strapi, file, current, asked, hooks);
        if (!change) continue;
        const at = entries.findIndex((e) => e.photo === asked.id);
        if (at >= 0) entries[at] = entry;
        else entries.push(entry);
        photoChanges.push(change);
        if (change.hidden) changed.push(`photos.${asked.id}.hidden`);
        if (change.blur) changed.push(`photos.${asked.id}.blur`);
      }
      if (photoChanges.length) {
        data.photoModeration = entries;
        changes.photos = photoChanges;
      }

      if (!changed.length) {
        return { code: report.referenceCode, changed, event: null };
      }
      await strapi.documents(CASE_UIDS.report).update({
        documentId: report.documentId,
        data: data as never,
      });
      const event = await appendCaseEvent(strapi, 'report', report, {
        type: 'moderated',
        visibility: 'internal',
        text: input.reason,
        data: { changed, ...changes },
        actor,
        at: clock.now(),
      });
      return {
        code: report.referenceCode,
        changed,
        event: { id: event.id, type: 'moderated' },
        moderation: await moderationView(
          strapi,
          { ...report, ...data, photoModeration: entries } as ReportRow,
          photos
        ),
      };
    })
  );
}

/**
 * A report's moderation as staff see it in the console: the public text (null: the citizen's is
 * shown), whether it is private, and per photo whether it is hidden, its blurred regions and what
 * the public sees of it (`publicUrl`: null when hidden).
 */
export async function moderationView(
  strapi: Core.Strapi,
  report: { publicText?: unknown; isPrivate?: unknown; photoModeration?: unknown },
  photos: { id: number; url: string }[]
) {
  const entries = readModeration(report.photoModeration);
  const copyIds = entries.map((e) => e.publicFile).filter((id): id is number => id != null);
  const copies = copyIds.length
    ? ((await strapi.db.query(FILE_UID).findMany({
        where: { id: { $in: copyIds } },
        select: ['id', 'url'],
      })) as { id: number; url: string }[])
    : [];
  return {
    publicText: typeof report.publicText === 'string' ? report.publicText : null,
    private: Boolean(report.isPrivate),
    photos: photos.map((p) => {
      const e = entries.find((x) => x.photo === p.id) ?? emptyEntry(p.id);
      const copy = copies.find((c) => c.id === e.publicFile);
      // What the public sees of the photo: nothing, the blurred copy, or the photo itself.
      const publicUrl = e.hidden ? null : e.blur.length ? (copy?.url ?? null) : p.url;
      return { id: p.id, hidden: e.hidden, blur: e.blur, publicUrl };
    }),
  };
}
