/**
 * Open data (issue "Listening tools"): the anonymised reports dataset for the municipality's open
 * data portal. The column schema is data: the CSV writer, the GeoJSON builder, GET
 * /api/open-data/schema and docs/OPEN-DATA.md all read it, so the files and their documentation
 * cannot drift apart.
 *
 * What a row holds is built field by field from an allow list (as src/lib/public-views.ts does),
 * never by removing fields: no description, photos, citizen, internal notes, qualification, nor
 * the address typed by the citizen (it may name people: "in front of Mr Rossi's house").
 *
 * Dates, not instants: a report's time of day next to its position can point at the person who
 * filed it (a neighbour seen at the window at 7:42); the day in the city's time zone is what the
 * portal's statistics need (counts by month, times in days). For the same reason the times are
 * whole days between those dates: a fraction of a day would give the time of day back.
 */
import { addCalendarDays, daysBetween, toIsoDate, type LocalDate } from './calendar';
import { checkLength, dateParam, type DatePeriod, type DatePeriodCheck } from './date-period';
import { publicPosition } from './geo';
import type { ReportStatus } from './lifecycle';

/** A text in both languages of the documentation. */
export interface Bilingual {
  en: string;
  it: string;
}

export type ColumnType = 'string' | 'integer' | 'number' | 'date';

export interface ColumnValue {
  value: string;
  label: Bilingual;
}

export interface Column {
  name: string;
  type: ColumnType;
  unit: Bilingual | null;
  description: Bilingual;
  /** An enumeration's values, with their meaning. */
  values?: readonly ColumnValue[];
}

export type Cell = string | number | null;

const DAYS: Bilingual = { en: 'days', it: 'giorni' };
const DEGREES: Bilingual = { en: 'decimal degrees (WGS84)', it: 'gradi decimali (WGS84)' };
const DATE_NOTE = {
  en: 'day in the city time zone (YYYY-MM-DD); empty when it has not happened',
  it: 'giorno nel fuso orario della città (AAAA-MM-GG); vuoto se non è ancora avvenuto',
};

const dateColumn = <N extends string>(name: N, en: string, it: string) => ({
  name,
  type: 'date' as const,
  unit: null,
  description: { en: `${en}: ${DATE_NOTE.en}.`, it: `${it}: ${DATE_NOTE.it}.` },
});

/**
 * The public status of a report: the internal workflow (verified, assigned to an office, closed
 * after resolution) folded into the steps a citizen tells apart, so that a later refinement of
 * the workflow does not change the dataset.
 */
export const PUBLIC_REPORT_STATUS: Readonly<Record<ReportStatus, PublicReportStatus>> = {
  received: 'received',
  triaged: 'received',
  assigned: 'in_progress',
  in_progress: 'in_progress',
  resolved: 'resolved',
  closed: 'resolved',
  rejected: 'rejected',
  duplicate: 'duplicate',
};
export type PublicReportStatus = 'received' | 'in_progress' | 'resolved' | 'rejected' | 'duplicate';

const STATUS_VALUES: readonly ColumnValue[] = [
  {
    value: 'received',
    label: {
      en: 'received, not yet in the hands of an office',
      it: 'ricevuta, non ancora presa in carico da un ufficio',
    },
  },
  {
    value: 'in_progress',
    label: {
      en: 'assigned to an office and being worked',
      it: 'assegnata a un ufficio, in lavorazione',
    },
  },
  {
    value: 'resolved',
    label: {
      en: 'resolved (or closed after resolution)',
      it: 'risolta (o chiusa dopo la risoluzione)',
    },
  },
  { value: 'rejected', label: { en: 'not upheld', it: 'non accolta' } },
  {
    value: 'duplicate',
    label: {
      en: 'merged into an earlier report of the same problem (count problems without these)',
      it: 'unita a una segnalazione precedente dello stesso problema (da escludere per contare i problemi)',
    },
  },
];

const CHANNEL_VALUES: readonly ColumnValue[] = [
  { value: 'web', label: { en: 'city website', it: 'sito del Comune' } },
  { value: 'app', label: { en: 'mobile app', it: 'app' } },
  { value: 'phone', label: { en: 'telephone', it: 'telefono' } },
  { value: 'email', label: { en: 'email', it: 'posta elettronica' } },
  { value: 'counter', label: { en: 'at the office counter', it: 'allo sportello' } },
  { value: 'open311', label: { en: 'an Open311 client', it: 'un client Open311' } },
];

export const REPORT_COLUMNS = [
  {
    name: 'reference_code',
    type: 'string',
    unit: null,
    description: {
      en: 'Reference code of the report, as on its public tracking page (/api/track/{code}).',
      it: 'Codice pratica della segnalazione, come nella sua pagina pubblica (/api/track/{codice}).',
    },
  },
  {
    name: 'topic_code',
    type: 'string',
    unit: null,
    description: {
      en: 'Code of the topic (the Open311 service_code).',
      it: "Codice dell'argomento (il service_code Open311).",
    },
  },
  {
    name: 'topic_name',
    type: 'string',
    unit: null,
    description: { en: 'Name of the topic, in Italian.', it: "Nome dell'argomento." },
  },
  {
    name: 'status',
    type: 'string',
    unit: null,
    description: { en: 'Public status of the report.', it: 'Stato pubblico della segnalazione.' },
    values: STATUS_VALUES,
  },
  {
    name: 'channel',
    type: 'string',
    unit: null,
    description: { en: 'How the report arrived.', it: 'Canale di arrivo.' },
    values: CHANNEL_VALUES,
  },
  dateColumn('received_date', 'Date received', 'Data di ricezione'),
  dateColumn(
    'due_date',
    'Date the fix is due by the service level',
    'Data entro cui è dovuta la risoluzione'
  ),
  dateColumn('first_response_date', 'Date of the first response', 'Data della prima risposta'),
  dateColumn('resolved_date', 'Date resolved', 'Data di risoluzione'),
  dateColumn(
    'closed_date',
    'Date closed (resolved, rejected or merged)',
    'Data di chiusura (risolta, non accolta o unita)'
  ),
  {
    name: 'first_response_days',
    type: 'integer',
    unit: DAYS,
    description: {
      en: 'Calendar days from received_date to first_response_date.',
      it: 'Giorni di calendario da received_date a first_response_date.',
    },
  },
  {
    name: 'resolution_days',
    type: 'integer',
    unit: DAYS,
    description: {
      en: 'Calendar days from received_date to resolved_date.',
      it: 'Giorni di calendario da received_date a resolved_date.',
    },
  },
  {
    name: 'office_name',
    type: 'string',
    unit: null,
    description: {
      en: 'Office in charge, in Italian; empty when none is yet.',
      it: 'Ufficio competente; vuoto se non è ancora assegnato.',
    },
  },
  {
    name: 'latitude',
    type: 'number',
    unit: DEGREES,
    description: {
      en: 'Latitude rounded to 3 decimals (a grid of about 100 m); empty when the report has no position.',
      it: 'Latitudine arrotondata a 3 decimali (una griglia di circa 100 m); vuota se la segnalazione non ha posizione.',
    },
  },
  {
    name: 'longitude',
    type: 'number',
    unit: DEGREES,
    description: {
      en: 'Longitude rounded to 3 decimals; empty when the report has no position.',
      it: 'Longitudine arrotondata a 3 decimali; vuota se la segnalazione non ha posizione.',
    },
  },
] as const satisfies readonly Column[];

export type ReportColumnName = (typeof REPORT_COLUMNS)[number]['name'];
export type ReportRow = Record<ReportColumnName, Cell>;

/** What the row builder reads of a stored report: nothing else can reach a row. */
export interface ReportRecord {
  referenceCode: string;
  state: string;
  channel: string | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  latitude: number | null;
  longitude: number | null;
  topic: { code: string | null; name: string | null } | null;
  officeName: string | null;
}

/** The city's calendar day of an instant (WorkingCalendar.localDate). */
export type LocalDateOf = (instant: Date) => LocalDate;

const hasPosition = (r: Pick<ReportRecord, 'latitude' | 'longitude'>) =>
  typeof r.latitude === 'number' &&
  typeof r.longitude === 'number' &&
  Number.isFinite(r.latitude) &&
  Number.isFinite(r.longitude);

export function reportRow(r: ReportRecord, localDateOf: LocalDateOf): ReportRow {
  const day = (at: Date | null) => (at ? localDateOf(at) : null);
  const iso = (d: LocalDate | null) => (d ? toIsoDate(d) : null);
  const daysFrom = (start: LocalDate | null, end: LocalDate | null) =>
    start && end ? daysBetween(start, end) : null;
  const received = day(r.receivedAt);
  const firstResponse = day(r.firstResponseAt);
  const resolved = day(r.resolvedAt);
  const position = hasPosition(r)
    ? publicPosition({ latitude: r.latitude!, longitude: r.longitude! })
    : null;
  return {
    reference_code: r.referenceCode,
    topic_code: r.topic?.code ?? null,
    topic_name: r.topic?.name ?? null,
    status: PUBLIC_REPORT_STATUS[r.state as ReportStatus] ?? null,
    channel: r.channel,
    received_date: iso(received),
    due_date: iso(day(r.dueAt)),
    first_response_date: iso(firstResponse),
    resolved_date: iso(resolved),
    closed_date: iso(day(r.closedAt)),
    first_response_days: daysFrom(received, firstResponse),
    resolution_days: daysFrom(received, resolved),
    office_name: r.officeName,
    latitude: position?.latitude ?? null,
    longitude: position?.longitude ?? null,
  };
}

/** A row's cells in the schema's order: what a CSV line holds under the header. */
export function rowCells(columns: readonly Column[], row: Readonly<Record<string, Cell>>): Cell[] {
  return columns.map((c) => row[c.name] ?? null);
}

export const columnNames = (columns: readonly Column[]): string[] => columns.map((c) => c.name);

// ---------------------------------------------------------------------------------------------
// GeoJSON (RFC 7946)
// ---------------------------------------------------------------------------------------------

export interface ReportFeature {
  type: 'Feature';
  id: string;
  /** RFC 7946: [longitude, latitude], WGS84. */
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Omit<ReportRow, 'latitude' | 'longitude'>;
}

/** The report as a GeoJSON Point; null for a report without position (left out of GeoJSON). */
export function reportFeature(row: ReportRow): ReportFeature | null {
  const { latitude, longitude, ...properties } = row;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  return {
    type: 'Feature',
    id: String(row.reference_code),
    geometry: { type: 'Point', coordinates: [longitude, latitude] },
    properties,
  };
}

/** Foreign members of the collection (RFC 7946 §6.1): the period, and what was left out. */
export interface CollectionMembers {
  period: { from: string; to: string };
  /** Reports of the period without a position: in the CSV, not in the GeoJSON. */
  reportsWithoutPosition: number;
}

export interface ReportFeatureCollection extends CollectionMembers {
  type: 'FeatureCollection';
  features: ReportFeature[];
}

export function reportFeatureCollection(
  rows: Iterable<ReportRow>,
  period: { from: string; to: string }
): ReportFeatureCollection {
  const features: ReportFeature[] = [];
  let reportsWithoutPosition = 0;
  for (const row of rows) {
    const feature = reportFeature(row);
    if (feature) features.push(feature);
    else reportsWithoutPosition++;
  }
  return { type: 'FeatureCollection', features, period, reportsWithoutPosition };
}

// ---------------------------------------------------------------------------------------------
// The period of an export
// ---------------------------------------------------------------------------------------------

/** The longest period of a reports export, in days, both ends included. */
export const MAX_PERIOD_DAYS = 366;

export type PeriodCheck = DatePeriodCheck;

/** The previous full calendar month of `today`. */
export function previousMonth(today: LocalDate): DatePeriod {
  const firstOfThisMonth = { year: today.year, month: today.month, day: 1 };
  const to = addCalendarDays(firstOfThisMonth, -1);
  return { from: { year: to.year, month: to.month, day: 1 }, to };
}

/**
 * `from` and `to` (received dates, both included), given together or not at all: by default the
 * previous full calendar month of `today`. The answer names the field at fault.
 */
export function checkPeriod(
  query: { from?: unknown; to?: unknown },
  today: LocalDate
): PeriodCheck {
  const given = (v: unknown) => v !== undefined && v !== '';
  if (!given(query.from) && !given(query.to)) return { ok: true, period: previousMonth(today) };
  if (!given(query.from)) return { ok: false, field: 'from', message: 'from is required with to' };
  if (!given(query.to)) return { ok: false, field: 'to', message: 'to is required with from' };
  const from = dateParam('from', query.from);
  if (typeof from === 'string') return { ok: false, field: 'from', message: from };
  const to = dateParam('to', query.to);
  if (typeof to === 'string') return { ok: false, field: 'to', message: to };
  return checkLength({ from, to }, MAX_PERIOD_DAYS);
}
