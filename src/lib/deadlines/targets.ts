/**
 * Who takes over a late case: level 1 goes to the office's escalation target (its control body),
 * level 2 to that body's own target (management). An office without a target falls back to the
 * city's first office of the right kind, so no escalation is ever addressed to nobody.
 */
import type { Core } from '@strapi/strapi';

export interface OfficeRef {
  id: number;
  documentId: string;
  name: string | null;
  email: string | null;
  kind?: string | null;
  escalationTarget?: OfficeRef | null;
}

const OFFICE_FIELDS = ['id', 'documentId', 'name', 'email', 'kind'];
const FALLBACK_KIND: Record<number, string> = { 1: 'control_body', 2: 'management' };

export class EscalationTargets {
  /** Populate clause for a case's office with two levels of targets. */
  static readonly officePopulate = {
    select: OFFICE_FIELDS,
    populate: {
      escalationTarget: {
        select: OFFICE_FIELDS,
        populate: { escalationTarget: { select: OFFICE_FIELDS } },
      },
    },
  };

  private readonly fallbacks = new Map<string, Promise<OfficeRef | null>>();

  constructor(private readonly strapi: Core.Strapi) {}

  private fallback(kind: string): Promise<OfficeRef | null> {
    let found = this.fallbacks.get(kind);
    if (!found) {
      found = this.strapi.db.query('api::office.office').findOne({
        where: { kind, publishedAt: { $notNull: true } },
        select: OFFICE_FIELDS,
        populate: { escalationTarget: { select: OFFICE_FIELDS } },
        orderBy: { id: 'asc' },
      }) as Promise<OfficeRef | null>;
      this.fallbacks.set(kind, found);
    }
    return found;
  }

  async forLevel(office: OfficeRef | null, level: number): Promise<OfficeRef | null> {
    const first = office?.escalationTarget ?? (await this.fallback(FALLBACK_KIND[1]));
    if (level <= 1) return first;
    return first?.escalationTarget ?? (await this.fallback(FALLBACK_KIND[2])) ?? first;
  }
}
