/**
 * GET /api/offices/tree: the published organisation in one answer (src/domain/office-tree.ts),
 * each office with the number of published services it is responsible for, in one locale.
 */
import type { Core } from '@strapi/strapi';
import { buildOfficeTree, type OfficeRow, type OfficeTreeNode } from '../../domain/office-tree';

const OFFICE_UID = 'api::office.office';
const SERVICE_UID = 'api::service.service';

interface OfficeDoc {
  documentId: string;
  name: string;
  slug: string;
  kind: string;
  parent?: { documentId: string } | null;
}

interface ServiceDoc {
  responsibleOffice?: { documentId: string } | null;
}

export async function officeTree(strapi: Core.Strapi, locale: string): Promise<OfficeTreeNode[]> {
  const [offices, services] = await Promise.all([
    strapi.documents(OFFICE_UID).findMany({
      locale,
      status: 'published',
      fields: ['name', 'slug', 'kind'],
      populate: { parent: { fields: ['documentId'] } },
    } as never) as unknown as Promise<OfficeDoc[]>,
    strapi.documents(SERVICE_UID).findMany({
      locale,
      status: 'published',
      fields: ['documentId'],
      populate: { responsibleOffice: { fields: ['documentId'] } },
    } as never) as unknown as Promise<ServiceDoc[]>,
  ]);
  const counts = new Map<string, number>();
  for (const s of services) {
    const office = s.responsibleOffice?.documentId;
    if (office) counts.set(office, (counts.get(office) ?? 0) + 1);
  }
  const rows: OfficeRow[] = offices.map((o) => ({
    documentId: o.documentId,
    name: o.name,
    slug: o.slug,
    kind: o.kind,
    parent: o.parent?.documentId ?? null,
    servicesCount: counts.get(o.documentId) ?? 0,
  }));
  return buildOfficeTree(rows);
}
