/**
 * The demo municipality: seeded on an empty database in development (never in production), so a
 * new user sees a believable URP at once. Idempotent: it does nothing when offices already exist.
 */
import type { Core } from '@strapi/strapi';
import { clock } from '../lib/clock';
import { deadlinePolicy } from '../lib/deadlines/policy';
import { cityCalendar } from '../lib/settings';
import { generateCases, insertCitizens, type TeamRef, type TopicRef } from './bulk-cases';
import { seedCatalogue } from './catalogue';
import { seedResponseTemplates } from './response-templates';
import { seedSearchStats } from './search-stats';
import { seedSurveys } from './surveys';
import { topics as topicSeeds } from './data';
import type { CaseKind } from '../domain/case-kind';

export const DEMO_COUNTS: Record<CaseKind, number> = { report: 240, request: 90, complaint: 60 };

/** Topics and teams as the bulk generator needs them (published Italian rows). */
export async function loadRefs(
  strapi: Core.Strapi
): Promise<{ topics: TopicRef[]; teams: TeamRef[] }> {
  const topics = (await strapi.documents('api::topic.topic').findMany({
    locale: 'it',
    status: 'published',
    populate: { defaultOffice: { fields: ['documentId'] } },
    limit: 1000,
  })) as unknown as Array<{
    id: number;
    documentId: string;
    slug: string;
    acceptsReports: boolean;
    acceptsRequests: boolean;
    acceptsComplaints: boolean;
    resolutionDays: number;
    urgentResolutionHours: number | null;
    firstResponseDays: number | null;
    defaultOffice: { id: number; documentId: string } | null;
  }>;
  const teams = (await strapi.documents('api::team.team').findMany({
    populate: { office: { fields: ['documentId'] } },
    limit: 1000,
  })) as unknown as Array<{
    id: number;
    documentId: string;
    office: { documentId: string } | null;
  }>;

  // Strapi links a case to both the draft and the published row of a versioned target.
  const rowIds = async (uid: 'api::topic.topic' | 'api::office.office', documentId?: string) =>
    documentId
      ? (
          await strapi.db
            .query(uid)
            .findMany({ where: { documentId, locale: 'it' }, select: ['id'] })
        ).map((r: { id: number }) => r.id)
      : [];
  return {
    topics: await Promise.all(
      topics.map(async (t) => {
        const seed = topicSeeds.find((s) => s.slug === t.slug);
        const kinds: CaseKind[] = [];
        if (t.acceptsReports) kinds.push('report');
        if (t.acceptsRequests) kinds.push('request');
        if (t.acceptsComplaints) kinds.push('complaint');
        return {
          rowIds: await rowIds('api::topic.topic', t.documentId),
          documentId: t.documentId,
          kinds,
          resolutionDays: t.resolutionDays,
          urgentResolutionHours: t.urgentResolutionHours,
          firstResponseDays: t.firstResponseDays,
          officeRowIds: await rowIds('api::office.office', t.defaultOffice?.documentId),
          officeDocumentId: t.defaultOffice?.documentId ?? null,
          descriptions: seed?.sampleDescriptions.map((d) => d.it) ?? [`Segnalazione: ${t.slug}`],
        };
      })
    ),
    teams: teams.map((t) => ({
      id: t.id,
      documentId: t.documentId,
      officeDocumentId: t.office?.documentId ?? null,
    })),
  };
}

export async function seedDemoIfEmpty(strapi: Core.Strapi): Promise<boolean> {
  if ((await strapi.db.query('api::office.office').count()) > 0) return false;
  await seedDemo(strapi);
  return true;
}

/** Seeds the demo municipality unconditionally (its slugs must not exist yet). */
export async function seedDemo(strapi: Core.Strapi): Promise<void> {
  const started = Date.now();
  await seedCatalogue(strapi);
  await seedResponseTemplates(strapi);
  const now = clock.now();
  await seedSurveys(strapi, now);
  await seedSearchStats(strapi, now);
  const citizenIds = await insertCitizens(strapi, 120, now);
  const refs = await loadRefs(strapi);
  await generateCases(strapi, citizenIds, {
    counts: DEMO_COUNTS,
    now,
    daysBack: 90,
    calendar: cityCalendar(strapi),
    policy: deadlinePolicy(strapi),
    ...refs,
  });
  strapi.log.info(`Demo municipality seeded in ${Date.now() - started} ms`);
}
