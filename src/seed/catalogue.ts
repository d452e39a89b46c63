/**
 * Seeds the published content of the demo municipality (offices, teams, topics, services) through
 * the Document Service, in Italian and English, so it is exactly what an editor would create.
 * Relations are localized in Strapi's i18n, so each locale links to the same locale of its target.
 */
import type { Core, UID } from '@strapi/strapi';
import { offices, services, teams, topics } from './data';
import type { Localized, OpeningHoursSeed } from './data/types';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const LOCALES = ['it', 'en'] as const;
type Locale = (typeof LOCALES)[number];

type Doc = { documentId: string };
type DocIndex = Map<string, string>; // slug -> documentId

const pick = (text: Localized | undefined, locale: Locale) => (text ? text[locale] : undefined);

const hours = (h: OpeningHoursSeed[]) =>
  h.map((o) => ({
    weekday: WEEKDAYS[o.weekday - 1],
    opens: `${o.opens}:00.000`,
    closes: `${o.closes}:00.000`,
    note: o.note,
  }));

/** Creates the Italian version, adds the English one, then publishes both. */
async function createLocalized(
  strapi: Core.Strapi,
  uid: UID.ContentType,
  dataFor: (locale: Locale) => Record<string, unknown>
): Promise<string> {
  const docs = strapi.documents(uid);
  const created = (await docs.create({ locale: 'it', data: dataFor('it') as never })) as Doc;
  await docs.update({ documentId: created.documentId, locale: 'en', data: dataFor('en') as never });
  await docs.publish({ documentId: created.documentId, locale: '*' });
  return created.documentId;
}

const link = (index: DocIndex, slug: string | undefined, locale: Locale) => {
  if (!slug) return undefined;
  const documentId = index.get(slug);
  if (!documentId) throw new Error(`Seed data refers to unknown slug "${slug}"`);
  return { connect: [{ documentId, locale, status: 'draft' }] };
};

async function seedOffices(strapi: Core.Strapi): Promise<DocIndex> {
  const index: DocIndex = new Map();
  // Parents come first in the data, so every parent exists when its children are created.
  for (const o of offices) {
    const documentId = await createLocalized(strapi, 'api::office.office', (locale) => ({
      name: o.name[locale],
      slug: o.slug,
      kind: o.kind,
      description: o.description[locale],
      managerName: o.managerName,
      managerRole: o.managerRole[locale],
      email: o.email,
      pec: o.pec,
      phone: o.phone,
      address: o.address,
      latitude: o.latitude,
      longitude: o.longitude,
      openingHours: hours(o.openingHours),
      parent: link(index, o.parentSlug, locale),
    }));
    index.set(o.slug, documentId);
  }
  // Escalation targets may point forward in the tree: link them once every office exists.
  for (const o of offices.filter((x) => x.escalationSlug)) {
    for (const locale of LOCALES) {
      await strapi.documents('api::office.office').update({
        documentId: index.get(o.slug)!,
        locale,
        data: { escalationTarget: link(index, o.escalationSlug, locale) } as never,
      });
    }
    await strapi
      .documents('api::office.office')
      .publish({ documentId: index.get(o.slug)!, locale: '*' });
  }
  return index;
}

async function seedTeams(strapi: Core.Strapi, officeIndex: DocIndex): Promise<DocIndex> {
  const index: DocIndex = new Map();
  for (const t of teams) {
    const created = (await strapi.documents('api::team.team').create({
      data: {
        name: t.name,
        slug: t.slug,
        kind: t.kind,
        companyName: t.companyName,
        contractReference: t.contractReference,
        baseLatitude: t.baseLatitude,
        baseLongitude: t.baseLongitude,
        active: true,
        office: {
          connect: [
            { documentId: officeIndex.get(t.officeSlug)!, locale: 'it', status: 'published' },
          ],
        },
      } as never,
    })) as Doc;
    index.set(t.slug, created.documentId);
  }
  return index;
}

async function seedTopics(strapi: Core.Strapi, officeIndex: DocIndex): Promise<DocIndex> {
  const index: DocIndex = new Map();
  for (const t of topics) {
    const documentId = await createLocalized(strapi, 'api::topic.topic', (locale) => ({
      name: t.name[locale],
      slug: t.slug,
      code: t.code,
      description: t.description[locale],
      acceptsReports: t.kinds.includes('report'),
      acceptsRequests: t.kinds.includes('request'),
      acceptsComplaints: t.kinds.includes('complaint'),
      resolutionDays: t.resolutionDays,
      urgentResolutionHours: t.urgentResolutionHours,
      firstResponseDays: t.firstResponseDays ?? 3,
      duplicateRadiusMeters: t.duplicateRadiusMeters,
      duplicateWindowDays: t.duplicateWindowDays,
      active: true,
      attributes: (t.attributes ?? []).map((a, order) => ({
        code: a.code,
        label: a.label[locale],
        datatype: a.datatype,
        required: a.required,
        values: a.values?.map((v) => ({ key: v.key, name: v.name[locale] })) ?? null,
        order,
      })),
      defaultOffice: link(officeIndex, t.officeSlug, locale),
    }));
    index.set(t.slug, documentId);
  }
  return index;
}

/** A card's contact point: its responsible office's desk (institutional addresses only). */
function officeContact(officeSlug: string, locale: Locale) {
  const office = offices.find((o) => o.slug === officeSlug);
  if (!office) return [];
  return [
    { label: office.name[locale], email: office.email, pec: office.pec, phone: office.phone },
  ];
}

async function seedServices(strapi: Core.Strapi, officeIndex: DocIndex, topicIndex: DocIndex) {
  for (const s of services) {
    await createLocalized(strapi, 'api::service.service', (locale) => ({
      title: s.title[locale],
      slug: s.slug,
      summary: s.summary[locale],
      description: s.description[locale],
      audience: s.audience[locale],
      howTo: s.howTo[locale],
      requirements: s.requirements[locale],
      outcome: s.outcome[locale],
      timing: s.timing[locale],
      costs: s.costs[locale],
      availability: s.status,
      suspensionReason: pick(s.suspensionReason, locale),
      channels: s.channels.map((c) => ({
        kind: c.kind,
        label: c.label[locale],
        url: c.url,
        phone: c.phone,
      })),
      contacts: officeContact(s.officeSlug, locale),
      responsibleOffice: link(officeIndex, s.officeSlug, locale),
      topics: {
        connect: s.topicSlugs.map((slug) => ({
          documentId: topicIndex.get(slug)!,
          locale,
          status: 'draft',
        })),
      },
    }));
  }
}

export interface SeededCatalogue {
  offices: DocIndex;
  teams: DocIndex;
  topics: DocIndex;
}

export async function seedCatalogue(strapi: Core.Strapi): Promise<SeededCatalogue> {
  const officeIndex = await seedOffices(strapi);
  const teamIndex = await seedTeams(strapi, officeIndex);
  const topicIndex = await seedTopics(strapi, officeIndex);
  await seedServices(strapi, officeIndex, topicIndex);
  return { offices: officeIndex, teams: teamIndex, topics: topicIndex };
}
