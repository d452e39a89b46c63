/**
 * The response templates that fit a case (GET /urp-console/cases/:code/templates), each filled in
 * for it in the language asked: the rules are in src/domain/response-templates.ts, the values
 * (names in the language, the due date as a local date, the status's label) are read here.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  PLACEHOLDERS,
  rankTemplates,
  renderTemplate,
  specificity,
  type PlaceholderValues,
  type TemplateKind,
} from '../../../../domain/response-templates';
import { can, type StaffMember } from '../../../../domain/staff-scope';
import { localizedName } from '../../../../lib/case-notifications';
import { settings } from '../../../../lib/settings';
import { formatDate, statusLabel } from '../../../../notifications/templates';
import { findCase, type FoundCase } from './cases';

export const TEMPLATE_UID = 'api::response-template.response-template';

type Locale = 'it' | 'en';

interface TemplateRow {
  id: number;
  documentId: string;
  name: string;
  kind: TemplateKind;
  state: string | null;
  bodyIt: string;
  bodyEn: string | null;
  active: boolean;
  topic?: { documentId: string } | null;
}

async function valuesFor(
  strapi: Core.Strapi,
  found: FoundCase,
  locale: Locale
): Promise<PlaceholderValues> {
  const { row, kind } = found;
  const citizen = row.citizen as { name?: string | null } | null | undefined;
  const config = settings(strapi);
  const dueAt = row.dueAt == null ? undefined : new Date(row.dueAt as string).toISOString();
  return {
    referenceCode: row.referenceCode,
    citizenName: citizen?.name ?? null,
    office: await localizedName(strapi, 'api::office.office', row.officeKey ?? undefined, locale),
    topic: await localizedName(
      strapi,
      'api::topic.topic',
      (row.topicKey as string | null) ?? undefined,
      locale
    ),
    dueDate: formatDate(dueAt, locale),
    status: statusLabel(kind, row.state, locale),
    trackingUrl: config.links.tracking.replace('{code}', encodeURIComponent(row.referenceCode)),
    cityName: config.city.name,
  };
}

export async function templatesForCase(
  strapi: Core.Strapi,
  staff: StaffMember,
  code: string,
  locale: Locale
) {
  const found = await findCase(strapi, code, { citizen: { select: ['name'] } });
  // Out of scope reads like unknown, as the case itself does.
  if (!found || !can(staff, 'read', found.keys)) {
    throw new errors.NotFoundError(`No case you can see has the reference code "${code}".`);
  }
  const rows = (await strapi.db.query(TEMPLATE_UID).findMany({
    where: { active: true, kind: { $in: [found.kind, 'any'] } },
    populate: { topic: { select: ['documentId'] } },
    orderBy: { id: 'asc' },
  })) as TemplateRow[];
  const rules = rows.map((r) => ({ ...r, topic: r.topic?.documentId ?? null, row: r }));
  const ranked = rankTemplates(rules, {
    kind: found.kind,
    topic: (found.row.topicKey as string | null) ?? null,
    state: found.row.state,
  });
  const values = await valuesFor(strapi, found, locale);
  const topicNames = new Map<string, string | undefined>();
  const data = [];
  for (const t of ranked) {
    const english = locale === 'en' && Boolean(t.bodyEn?.trim());
    const rendered = renderTemplate(english ? (t.bodyEn as string) : t.bodyIt, values);
    let topic: { documentId: string; name: string | null } | null = null;
    if (t.topic) {
      if (!topicNames.has(t.topic)) {
        topicNames.set(t.topic, await localizedName(strapi, 'api::topic.topic', t.topic, locale));
      }
      topic = { documentId: t.topic, name: topicNames.get(t.topic) ?? null };
    }
    data.push({
      id: t.id,
      documentId: t.documentId,
      name: t.name,
      kind: t.kind,
      topic,
      state: t.state ?? null,
      specificity: specificity(t),
      // The language of the text: Italian when the template has no English body yet.
      locale: english || locale === 'it' ? locale : ('it' as const),
      text: rendered.text,
      missing: rendered.missing,
      unknown: rendered.unknown,
    });
  }
  return {
    data,
    meta: { code: found.row.referenceCode, locale, placeholders: [...PLACEHOLDERS] },
  };
}
