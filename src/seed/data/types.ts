/**
 * Shapes of the demo seed data (municipality of Pisa). Pure data contracts: the seed script maps
 * them onto Strapi content types.
 */
import type { CaseKind } from '../../domain/case-kind';

// Re-exported so that the seed data and the domain share one definition of the union.
export type { CaseKind };

export type OfficeKind =
  | 'area'
  | 'sector'
  | 'office'
  | 'urp'
  | 'control_body'
  | 'management'
  | 'external';

export interface Localized {
  it: string;
  en: string;
}

export interface OpeningHoursSeed {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** 'HH:MM' */
  opens: string;
  /** 'HH:MM' */
  closes: string;
  note?: string;
}

export interface OfficeSeed {
  slug: string;
  name: Localized;
  kind: OfficeKind;
  parentSlug?: string;
  description: Localized;
  managerName: string;
  managerRole: Localized;
  email: string;
  pec?: string;
  phone: string;
  address: string;
  latitude: number;
  longitude: number;
  openingHours: OpeningHoursSeed[];
  /** Control body for operative offices; management for the control body. */
  escalationSlug?: string;
}

export interface TeamSeed {
  slug: string;
  name: string;
  officeSlug: string;
  baseLatitude: number;
  baseLongitude: number;
  kind: 'internal' | 'contractor';
  companyName?: string;
  contractReference?: string;
}

export type AttributeDatatype =
  | 'string'
  | 'number'
  | 'datetime'
  | 'singlevaluelist'
  | 'multivaluelist'
  | 'text';

export interface TopicAttributeSeed {
  code: string;
  label: Localized;
  datatype: AttributeDatatype;
  required: boolean;
  values?: { key: string; name: Localized }[];
}

export interface TopicSeed {
  slug: string;
  /** Open311 service_code, e.g. 'ROAD-POTHOLE'. */
  code: string;
  name: Localized;
  description: Localized;
  kinds: CaseKind[];
  officeSlug: string;
  resolutionDays: number;
  urgentResolutionHours?: number;
  firstResponseDays?: number;
  /** 0 = no geographic duplicate detection (topics without a location). */
  duplicateRadiusMeters: number;
  duplicateWindowDays: number;
  /** Open311 service definition style attributes. */
  attributes?: TopicAttributeSeed[];
  /** 4-6 short citizen-style texts used to generate demo cases. */
  sampleDescriptions: Localized[];
}

export type ServiceChannelKind = 'online' | 'office' | 'phone' | 'email' | 'pec';

export interface ServiceChannelSeed {
  kind: ServiceChannelKind;
  label: Localized;
  url?: string;
  phone?: string;
}

export interface ServiceSeed {
  slug: string;
  title: Localized;
  summary: Localized;
  description: Localized;
  audience: Localized;
  howTo: Localized;
  requirements: Localized;
  outcome: Localized;
  timing: Localized;
  costs: Localized;
  channels: ServiceChannelSeed[];
  officeSlug: string;
  topicSlugs: string[];
  status: 'active' | 'suspended';
  suspensionReason?: Localized;
}

export interface StreetSeed {
  name: string;
  latitude: number;
  longitude: number;
}

/** GeoJSON Polygon: rings of [longitude, latitude]; the first ring is the outer boundary. */
export interface PolygonSeed {
  type: 'Polygon';
  coordinates: [number, number][][];
}
