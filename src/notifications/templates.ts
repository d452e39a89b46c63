/**
 * Email templates for citizens and staff. A pure module: no Strapi, no I/O.
 *
 * Each template builds one list of content blocks from the phrasebook of the locale; the same blocks
 * are then rendered as plain text and as simple inline-styled HTML, so both versions always carry the
 * same content. Optional data that is missing (undefined, null or blank) drops its line.
 */
import { isCaseKind, type CaseKind } from '../domain/case-kind';
import type { AnswerableStatus, ReportStatus } from '../domain/lifecycle';

export type Locale = 'it' | 'en';

/** Templates about one case: their data is a TemplateData. */
export const CASE_TEMPLATE_NAMES = [
  'case_confirm', // a report from an unconfirmed address: click the private link to confirm it
  'case_received', // acknowledgement to the citizen (code, tracking link, master code of a duplicate)
  'case_status_changed', // status change, with the human label of the status
  'case_answered', // the office's answer to a request/complaint
  'case_more_info', // the office asks for more information; reply link; the 30-day clock is suspended
  'case_closed', // closure, with an invitation to rate
  'emergency_alert', // to the emergency contacts (staff): no citizen personal data
  'assignee_notice', // to office staff: a case was assigned, or the citizen replied
  'deadline_reminder', // to the office and assignee: no first response yet, or the due date nears
  'case_escalated', // to the control body / management (and the late office): a missed due date
  'escalation_courtesy', // to the citizen: the due date was missed, who now follows the case
  'rating_invitation', // to the citizen, days after resolution: rate the work (single-use link)
  'rating_review', // to the control body: a citizen rated the work low, the case is to be reviewed
] as const;

export type CaseTemplateName = (typeof CASE_TEMPLATE_NAMES)[number];

export const TEMPLATE_NAMES = [
  ...CASE_TEMPLATE_NAMES,
  'office_digest', // to an office and its coordinators: the day's new, due soon, overdue, emergencies
] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** What an assignee_notice is about; 'assigned' when absent. */
export type AssigneeEvent = 'assigned' | 'citizen_replied';

/** What a deadline_reminder is about; 'reminder' (the due date nears) when absent. */
export type ReminderStep = 'first_response' | 'reminder';

export interface TemplateData {
  code: string;
  kind: 'report' | 'request' | 'complaint';
  cityName: string; // e.g. 'Pisa' -> 'Comune di Pisa'
  trackingUrl?: string;
  replyUrl?: string;
  ratingUrl?: string;
  surveyUrl?: string; // rating_invitation: the single-use link to the survey that fits the case
  adminUrl?: string;
  topicName?: string;
  officeName?: string;
  status?: string;
  previousStatus?: string;
  dueAt?: string; // ISO instant, shown as a date in Europe/Rome
  answer?: string;
  message?: string;
  masterCode?: string;
  address?: string;
  latitude?: number;
  longitude?: number;
  description?: string;
  emergencyNumber?: string; // e.g. '112'
  event?: AssigneeEvent; // assignee_notice only
  step?: ReminderStep; // deadline_reminder only
  firstResponseDueAt?: string; // deadline_reminder: when a first response was expected
  level?: number; // case_escalated: 1 control body, 2 management
  targetName?: string; // case_escalated, escalation_courtesy: who now follows the case
  expiresAt?: string; // rating_invitation: until when the link works
  score?: number; // rating_review: the citizen's score, 1 to 5
  reopened?: boolean; // rating_review: the resolved report went back to work
}

/** One case in a digest list. */
export interface OfficeDigestItem {
  code: string;
  kind: CaseKind;
  dueAt?: string | null; // ISO instant
  emergency?: boolean;
  url?: string; // the case in the admin
}

export interface OfficeDigestSection {
  count: number;
  items: OfficeDigestItem[];
}

/** The data of an office_digest (src/jobs/digest.ts builds it). */
export interface OfficeDigestData {
  cityName: string;
  officeName?: string;
  date: string; // the digest's local date, 'YYYY-MM-DD'
  since?: string; // ISO instant: "new" means received since then
  dueSoonDays: number;
  adminUrl?: string;
  sections: Partial<Record<'emergencies' | 'overdue' | 'dueSoon' | 'new', OfficeDigestSection>>;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

const TIME_ZONE = 'Europe/Rome';
const SUSPENDED_CLOCK_DAYS = 30;

// ---------------------------------------------------------------------------------------------
// Small value helpers
// ---------------------------------------------------------------------------------------------

export function isTemplateName(value: unknown): value is TemplateName {
  return typeof value === 'string' && (TEMPLATE_NAMES as readonly string[]).includes(value);
}

/** Any unknown locale falls back to Italian, the default content locale. */
export function normalizeLocale(value: unknown): Locale {
  return value === 'en' ? 'en' : 'it';
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A trimmed non-empty string, or undefined (payloads come from JSON and may hold null). */
function optionalText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? undefined : trimmed;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** 'Pisa' -> 'Comune di Pisa'; a name that already starts with 'Comune' is kept as it is. */
function municipality(cityName: unknown): string {
  const city = optionalText(cityName);
  if (!city) return 'Comune';
  return /^comune\b/i.test(city) ? city : `Comune di ${city}`;
}

const DATE_LOCALES: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };

/** '2026-03-17T22:59:59.999Z' -> '17 marzo 2026' / '17 March 2026' (Europe/Rome). */
export function formatDate(iso: unknown, locale: Locale): string | undefined {
  const date = parseInstant(iso);
  if (!date) return undefined;
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** Date and local time, for staff: urgent cases fall due within hours, not at the end of a day. */
function formatDateTime(iso: unknown, locale: Locale): string | undefined {
  const date = parseInstant(iso);
  const day = formatDate(iso, locale);
  if (!date || !day) return undefined;
  const time = new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
  return locale === 'it' ? `${day}, ore ${time}` : `${day}, ${time}`;
}

function parseInstant(iso: unknown): Date | undefined {
  const text = optionalText(iso);
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

// ---------------------------------------------------------------------------------------------
// Status labels
// ---------------------------------------------------------------------------------------------

interface StatusLabel {
  it: string; // feminine (segnalazione, richiesta)
  itMasculine?: string; // reclamo, when the Italian adjective agrees with the noun
  en: string;
}

const REPORT_STATUS_LABELS: Record<ReportStatus, StatusLabel> = {
  received: { it: 'ricevuta', en: 'received' },
  triaged: { it: 'verificata', en: 'verified' },
  assigned: { it: "assegnata all'ufficio competente", en: 'assigned to the responsible office' },
  in_progress: { it: 'in lavorazione', en: 'in progress' },
  resolved: { it: 'risolta', en: 'resolved' },
  closed: { it: 'chiusa', en: 'closed' },
  rejected: { it: 'non accolta', en: 'rejected' },
  duplicate: { it: 'già segnalata', en: 'already reported' },
};

const ANSWERABLE_STATUS_LABELS: Record<AnswerableStatus, StatusLabel> = {
  received: { it: 'ricevuta', itMasculine: 'ricevuto', en: 'received' },
  assigned: {
    it: "assegnata all'ufficio competente",
    itMasculine: "assegnato all'ufficio competente",
    en: 'assigned to the responsible office',
  },
  suspended: { it: 'in attesa di integrazioni', en: 'awaiting further information' },
  answered: { it: 'risposta inviata', en: 'answered' },
  closed: { it: 'chiusa', itMasculine: 'chiuso', en: 'closed' },
  rejected: { it: 'non accolta', itMasculine: 'non accolto', en: 'rejected' },
};

function labelsOf(kind: CaseKind): Record<string, StatusLabel | undefined> {
  return kind === 'report' ? REPORT_STATUS_LABELS : ANSWERABLE_STATUS_LABELS;
}

/** The human label of a status in the locale; an unknown status is shown as its readable name. */
export function statusLabel(kind: CaseKind, status: string, locale: Locale): string {
  const label = Object.prototype.hasOwnProperty.call(labelsOf(kind), status)
    ? labelsOf(kind)[status]
    : undefined;
  if (!label) return status.replace(/_/g, ' ');
  if (normalizeLocale(locale) === 'en') return label.en;
  return kind === 'complaint' ? (label.itMasculine ?? label.it) : label.it;
}

// ---------------------------------------------------------------------------------------------
// Content blocks and their two renderings
// ---------------------------------------------------------------------------------------------

type Block =
  | { type: 'paragraph'; text: string; strong: boolean }
  | { type: 'fields'; rows: ReadonlyArray<readonly [string, string]> }
  | { type: 'link'; label: string; url: string }
  | { type: 'quote'; label: string; text: string }
  | { type: 'list'; title: string; items: ReadonlyArray<ListItem>; more?: string };

/** A line of a list: a label (a case code), optional details, an optional link on the label. */
interface ListItem {
  label: string;
  detail?: string;
  url?: string;
}

interface Message {
  subject: string;
  heading: string; // the municipality, on top of both versions
  greeting?: string;
  blocks: ReadonlyArray<Block | undefined>; // undefined entries (missing data) are dropped
  signoff: readonly string[];
  footer: string;
  urgent: boolean;
}

function paragraph(text: string | undefined, strong = false): Block | undefined {
  return text === undefined ? undefined : { type: 'paragraph', text, strong };
}

function fields(...rows: ReadonlyArray<readonly [string, string | undefined]>): Block | undefined {
  const present = rows.filter((row): row is readonly [string, string] => row[1] !== undefined);
  return present.length === 0 ? undefined : { type: 'fields', rows: present };
}

function link(label: string, url: string | undefined): Block | undefined {
  return url === undefined ? undefined : { type: 'link', label, url };
}

function quote(label: string, text: string | undefined): Block | undefined {
  return text === undefined ? undefined : { type: 'quote', label, text };
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'fields':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'link':
      return `${block.label}:\n${block.url}`;
    case 'quote':
      return `${block.label}:\n${block.text}`;
    case 'list':
      return [
        `${block.title}:`,
        ...block.items.map(
          (item) =>
            `- ${item.label}${item.detail === undefined ? '' : ` (${item.detail})`}` +
            (item.url === undefined ? '' : `\n  ${item.url}`)
        ),
        ...(block.more === undefined ? [] : [block.more]),
      ].join('\n');
  }
}

function renderText(message: Message): string {
  const parts = [
    message.heading,
    message.greeting,
    ...presentBlocks(message).map(blockText),
    message.signoff.join('\n'),
    `--\n${message.footer}`,
  ];
  return `${parts.filter((part) => part !== undefined).join('\n\n')}\n`;
}

const COLORS = { accent: '#0066cc', urgent: '#b00020', text: '#1f2933', muted: '#52606d' };

const STYLES = {
  body: 'margin:0;padding:0;background-color:#f3f4f6;',
  card:
    'max-width:600px;margin:0 auto;padding:24px;background-color:#ffffff;' +
    `font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:${COLORS.text};`,
  paragraph: 'margin:0 0 16px 0;',
  table: 'margin:0 0 16px 0;border-collapse:collapse;',
  fieldLabel: `padding:2px 12px 2px 0;vertical-align:top;color:${COLORS.muted};`,
  fieldValue: 'padding:2px 0;vertical-align:top;font-weight:bold;',
  quote: `margin:4px 0 16px 0;padding:8px 12px;border-left:3px solid #cbd2d9;background-color:#f5f7fa;`,
  link: `color:${COLORS.accent};word-break:break-all;`,
  list: 'margin:0 0 16px 0;padding-left:20px;',
  listTitle: 'margin:0 0 4px 0;font-weight:bold;',
  footer: `margin:24px 0 0 0;padding-top:12px;border-top:1px solid #e4e7eb;font-size:12px;color:${COLORS.muted};`,
};

function headingStyle(urgent: boolean): string {
  const color = urgent ? COLORS.urgent : COLORS.accent;
  return `margin:0 0 20px 0;padding-bottom:12px;border-bottom:3px solid ${color};font-size:18px;font-weight:bold;color:${color};`;
}

/** Escapes text and keeps its line breaks. */
function htmlLines(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

function htmlLink(url: string): string {
  if (!isHttpUrl(url)) return escapeHtml(url);
  return `<a href="${escapeHtml(url)}" style="${STYLES.link}">${escapeHtml(url)}</a>`;
}

function blockHtml(block: Block, urgent: boolean): string {
  switch (block.type) {
    case 'paragraph': {
      const color = urgent ? COLORS.urgent : COLORS.text;
      const style = block.strong
        ? `${STYLES.paragraph}font-weight:bold;color:${color};`
        : STYLES.paragraph;
      return `<p style="${style}">${htmlLines(block.text)}</p>`;
    }
    case 'fields':
      return fieldsHtml(block.rows);
    case 'link':
      return `<p style="${STYLES.paragraph}">${escapeHtml(block.label)}:<br>${htmlLink(block.url)}</p>`;
    case 'quote':
      return (
        `<p style="margin:0;">${escapeHtml(block.label)}:</p>` +
        `<div style="${STYLES.quote}">${htmlLines(block.text)}</div>`
      );
    case 'list':
      return listHtml(block.title, block.items, block.more);
  }
}

function listHtml(title: string, items: ReadonlyArray<ListItem>, more: string | undefined): string {
  const lines = items.map((item) => {
    const label =
      item.url !== undefined && isHttpUrl(item.url)
        ? `<a href="${escapeHtml(item.url)}" style="${STYLES.link}">${escapeHtml(item.label)}</a>`
        : escapeHtml(item.label);
    const detail = item.detail === undefined ? '' : ` (${escapeHtml(item.detail)})`;
    return `<li>${label}${detail}</li>`;
  });
  const after = more === undefined ? '' : `<p style="${STYLES.paragraph}">${escapeHtml(more)}</p>`;
  return (
    `<p style="${STYLES.listTitle}">${escapeHtml(title)}:</p>` +
    `<ul style="${STYLES.list}">${lines.join('')}</ul>${after}`
  );
}

function fieldsHtml(rows: ReadonlyArray<readonly [string, string]>): string {
  const cells = rows.map(
    ([label, value]) =>
      `<tr><td style="${STYLES.fieldLabel}">${escapeHtml(label)}:</td>` +
      `<td style="${STYLES.fieldValue}">${htmlLines(value)}</td></tr>`
  );
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="${STYLES.table}">${cells.join('')}</table>`;
}

function renderHtml(message: Message, locale: Locale): string {
  const body = [
    `<p style="${headingStyle(message.urgent)}">${escapeHtml(message.heading)}</p>`,
    message.greeting === undefined
      ? undefined
      : `<p style="${STYLES.paragraph}">${escapeHtml(message.greeting)}</p>`,
    ...presentBlocks(message).map((block) => blockHtml(block, message.urgent)),
    `<p style="${STYLES.paragraph}">${htmlLines(message.signoff.join('\n'))}</p>`,
    `<p style="${STYLES.footer}">${escapeHtml(message.footer)}</p>`,
  ];
  return (
    `<!DOCTYPE html>\n<html lang="${locale}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(message.subject)}</title></head>\n` +
    `<body style="${STYLES.body}"><div style="${STYLES.card}">\n` +
    `${body.filter((part) => part !== undefined).join('\n')}\n</div></body></html>\n`
  );
}

function presentBlocks(message: Message): Block[] {
  return message.blocks.filter((block): block is Block => block !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Phrasebooks
// ---------------------------------------------------------------------------------------------

interface Labels {
  code: string;
  topic: string;
  office: string;
  status: string;
  previousStatus: string;
  newStatus: string;
  outcome: string;
  expectedBy: string;
  deadline: string;
  address: string;
  coordinates: string;
  map: string;
  description: string;
  answer: string;
  officeMessage: string;
  citizenMessage: string;
  notes: string;
  track: string;
  reply: string;
  confirm: string;
  rate: string;
  survey: string;
  admin: string;
}

interface Phrases {
  labels: Labels;
  kindName(kind: CaseKind): string;
  greeting: string;
  signoffCitizen: readonly string[];
  signoffStaff: readonly string[];
  footerCitizen: string;
  footerStaff: string;
  footerEmergency(city: string): string;
  confirm: {
    subject(kind: CaseKind, code: string): string;
    intro(kind: CaseKind, code: string): string;
    ignore: string;
  };
  received: {
    subject(kind: CaseKind, code: string): string;
    intro(kind: CaseKind, code: string): string;
    duplicate(kind: CaseKind, masterCode: string): string;
    next: string;
    emergency(number: string): string;
  };
  statusChanged: {
    subject(kind: CaseKind, code: string, label: string | undefined): string;
    intro(kind: CaseKind, code: string): string;
  };
  answered: {
    subject(kind: CaseKind, code: string): string;
    intro(kind: CaseKind, code: string): string;
    readOnline: string;
  };
  moreInfo: {
    subject(kind: CaseKind, code: string): string;
    intro(kind: CaseKind, code: string): string;
    personalLink: string;
    clockSuspended(days: number): string;
  };
  closed: {
    subject(kind: CaseKind, code: string): string;
    intro(kind: CaseKind, code: string): string;
    rateInvite: string;
    thanks: string;
  };
  emergency: {
    subject(kind: CaseKind, code: string, topic: string | undefined): string;
    intro(kind: CaseKind): string;
    callServices(number: string): string;
  };
  assignee: {
    subject(kind: CaseKind, code: string, event: AssigneeEvent, topic: string | undefined): string;
    intro(kind: CaseKind, code: string, event: AssigneeEvent): string;
  };
  reminder: {
    subject(kind: CaseKind, code: string, step: ReminderStep, due: string | undefined): string;
    intro(kind: CaseKind, code: string, step: ReminderStep): string;
    firstResponseBy: string;
  };
  escalated: {
    subject(kind: CaseKind, code: string, level: number): string;
    intro(kind: CaseKind, code: string, level: number, office: string | undefined): string;
    level: string;
    followedBy: string;
  };
  review: {
    subject(kind: CaseKind, code: string, score: number): string;
    intro(kind: CaseKind, code: string, score: number, office: string | undefined): string;
    reopened: string;
    score: string;
    comment: string;
  };
  courtesy: {
    subject(kind: CaseKind, code: string): string;
    intro(kind: CaseKind, code: string, due: string | undefined): string;
    followedBy(kind: CaseKind, target: string | undefined): string;
    apology: string;
  };
  rating: {
    subject(kind: CaseKind, code: string): string;
    intro(kind: CaseKind, code: string): string;
    singleUse(expires: string | undefined): string;
    survey: string;
  };
  digest: {
    subject(office: string | undefined, date: string): string;
    intro(office: string | undefined, date: string): string;
    emergencies: string;
    overdue: string;
    dueSoon(days: number): string;
    newSince(since: string | undefined): string;
    emergency: string;
    due(when: string): string;
    more(count: number): string;
    admin: string;
  };
}

const IT_NOUNS: Record<CaseKind, { noun: string; feminine: boolean }> = {
  report: { noun: 'segnalazione', feminine: true },
  request: { noun: 'richiesta', feminine: true },
  complaint: { noun: 'reclamo', feminine: false },
};

/** Italian agreement with the gender of the case noun. */
function agree(kind: CaseKind, feminine: string, masculine: string): string {
  return IT_NOUNS[kind].feminine ? feminine : masculine;
}

const itNoun = (kind: CaseKind): string => IT_NOUNS[kind].noun;
const itTitle = (kind: CaseKind, code: string): string => `${capitalize(itNoun(kind))} ${code}`;
const withTopic = (subject: string, topic: string | undefined): string =>
  topic === undefined ? subject : `${subject} – ${topic}`;

const IT: Phrases = {
  labels: {
    code: 'Codice pratica',
    topic: 'Argomento',
    office: 'Ufficio competente',
    status: 'Stato',
    previousStatus: 'Stato precedente',
    newStatus: 'Nuovo stato',
    outcome: 'Esito',
    expectedBy: 'Termine previsto',
    deadline: 'Scadenza',
    address: 'Indirizzo',
    coordinates: 'Coordinate',
    map: 'Posizione sulla mappa',
    description: 'Descrizione',
    answer: "Risposta dell'ufficio",
    officeMessage: "Comunicazione dell'ufficio",
    citizenMessage: 'Messaggio del cittadino',
    notes: 'Note',
    track: 'Per seguire lo stato della pratica',
    reply: 'Per rispondere e inviare documenti (pagina riservata)',
    confirm: 'Per confermare la segnalazione',
    rate: 'Per valutare il servizio',
    survey: 'Per rispondere al questionario',
    admin: 'Per aprire la pratica nel pannello di gestione',
  },
  kindName: itNoun,
  greeting: 'Gentile cittadina, gentile cittadino,',
  signoffCitizen: ['Cordiali saluti', 'Ufficio Relazioni con il Pubblico (URP)'],
  signoffStaff: ['BeneComune'],
  footerCitizen:
    'Messaggio inviato automaticamente: La preghiamo di non rispondere a questa email.',
  footerStaff: 'Messaggio di servizio inviato automaticamente.',
  footerEmergency: (city) => `Messaggio automatico inviato ai contatti di emergenza del ${city}.`,
  confirm: {
    subject: (kind, code) => `Confermi ${agree(kind, 'la Sua', 'il Suo')} ${itNoun(kind)} ${code}`,
    intro: (kind, code) =>
      `Abbiamo ricevuto ${agree(kind, 'una', 'un')} ${itNoun(kind)} inviata con questo indirizzo email ` +
      `(codice ${code}). Per inoltrarla agli uffici La preghiamo di confermarla aprendo il collegamento qui sotto.`,
    ignore:
      'Se non ha inviato Lei questa segnalazione, ignori questo messaggio: non sarà presa in carico.',
  },
  received: {
    subject: (kind, code) => `${itTitle(kind, code)} ${agree(kind, 'ricevuta', 'ricevuto')}`,
    intro: (kind, code) =>
      `La ringraziamo per ${agree(kind, 'la Sua', 'il Suo')} ${itNoun(kind)}, ` +
      `${agree(kind, 'registrata', 'registrato')} con il codice ${code}. ` +
      "Conservi questo codice: Le servirà per ogni comunicazione con l'ufficio.",
    duplicate: (kind, masterCode) =>
      'Il problema che ci ha segnalato è già noto agli uffici: ' +
      `${agree(kind, 'la Sua', 'il Suo')} ${itNoun(kind)} è ` +
      `${agree(kind, 'stata collegata', 'stato collegato')} alla pratica ${masterCode}, ` +
      'già aperta per lo stesso problema.',
    next: "La pratica sarà esaminata dall'ufficio competente; Le invieremo un'email a ogni aggiornamento.",
    emergency: (number) =>
      'Se la situazione rappresenta un pericolo immediato per persone o cose, ' +
      `chiami subito il ${number}.`,
  },
  statusChanged: {
    subject: (kind, code, label) =>
      label === undefined
        ? `${itTitle(kind, code)} ${agree(kind, 'aggiornata', 'aggiornato')}`
        : `${itTitle(kind, code)} – stato: ${label}`,
    intro: (kind, code) =>
      `Lo stato ${agree(kind, 'della Sua', 'del Suo')} ${itNoun(kind)} ${code} è stato aggiornato.`,
  },
  answered: {
    subject: (kind, code) => `Risposta ${agree(kind, 'alla', 'al')} ${itNoun(kind)} ${code}`,
    intro: (kind, code) =>
      `L'ufficio competente ha risposto ${agree(kind, 'alla Sua', 'al Suo')} ${itNoun(kind)} ${code}.`,
    readOnline: 'Può leggere la risposta nella pagina della pratica.',
  },
  moreInfo: {
    subject: (kind, code) => `${itTitle(kind, code)}: richiesta di integrazioni`,
    intro: (kind, code) =>
      `Per proseguire l'esame ${agree(kind, 'della Sua', 'del Suo')} ${itNoun(kind)} ${code}, ` +
      "l'ufficio competente ha bisogno di ulteriori informazioni o documenti.",
    personalLink: 'Il collegamento è personale: La preghiamo di non inoltrarlo.',
    clockSuspended: (days) =>
      `Il termine di ${days} giorni per la conclusione della pratica resta sospeso ` +
      'fino a quando non riceveremo la Sua risposta.',
  },
  closed: {
    subject: (kind, code) => `${itTitle(kind, code)} ${agree(kind, 'chiusa', 'chiuso')}`,
    intro: (kind, code) =>
      `${agree(kind, 'La Sua', 'Il Suo')} ${itNoun(kind)} ${code} è ` +
      `${agree(kind, 'stata chiusa', 'stato chiuso')}.`,
    rateInvite:
      'La Sua opinione ci aiuta a migliorare: Le chiediamo qualche istante per valutare il ' +
      'servizio ricevuto.',
    thanks: 'La ringraziamo per la collaborazione.',
  },
  emergency: {
    subject: (kind, code, topic) => withTopic(`EMERGENZA – ${itTitle(kind, code)}`, topic),
    intro: (kind) =>
      `È ${agree(kind, 'stata ricevuta una', 'stato ricevuto un')} ${itNoun(kind)} di emergenza ` +
      'che può richiedere un intervento immediato.',
    callServices: (number) => `Se necessario, allerti i servizi di emergenza (${number}).`,
  },
  assignee: {
    subject: (kind, code, event, topic) =>
      event === 'citizen_replied'
        ? withTopic(`${itTitle(kind, code)}: il cittadino ha risposto`, topic)
        : withTopic(`${itTitle(kind, code)} ${agree(kind, 'assegnata', 'assegnato')}`, topic),
    intro: (kind, code, event) =>
      event === 'citizen_replied'
        ? 'Il cittadino ha risposto alla richiesta di informazioni ' +
          `${agree(kind, 'sulla', 'sul')} ${itNoun(kind)} ${code}: la pratica può proseguire.`
        : `Le è ${agree(kind, 'stata assegnata la', 'stato assegnato il')} ${itNoun(kind)} ${code}.`,
  },
  reminder: {
    subject: (kind, code, step, due) =>
      step === 'first_response'
        ? `${itTitle(kind, code)}: nessuna prima risposta al cittadino`
        : `Promemoria: ${itNoun(kind)} ${code} in scadenza${due ? ` il ${due}` : ''}`,
    intro: (kind, code, step) =>
      step === 'first_response'
        ? `${agree(kind, 'La', 'Il')} ${itNoun(kind)} ${code} non ha ancora ricevuto una prima ` +
          'risposta (presa in carico o comunicazione al cittadino) entro il termine previsto.'
        : `${agree(kind, 'La', 'Il')} ${itNoun(kind)} ${code} si avvicina alla scadenza: ` +
          'Vi chiediamo di concluderla in tempo o di comunicare al cittadino a che punto è.',
    firstResponseBy: 'Prima risposta attesa entro',
  },
  escalated: {
    subject: (kind, code, level) =>
      `Termine scaduto – ${itTitle(kind, code)}: segnalazione di livello ${level}`,
    intro: (kind, code, level, office) =>
      `${agree(kind, 'La', 'Il')} ${itNoun(kind)} ${code}${office ? ` (ufficio ${office})` : ''} ` +
      'ha superato la scadenza senza essere conclusa. ' +
      (level >= 2
        ? 'Dopo la segnalazione all’organismo di controllo la pratica è ancora aperta: ' +
          'la portiamo ora all’attenzione della direzione.'
        : 'La segnaliamo all’organismo di controllo, non per sanzionare ma per capire di ' +
          'quale aiuto l’ufficio abbia bisogno.'),
    level: 'Livello',
    followedBy: 'Ora seguita da',
  },
  review: {
    subject: (kind, code, score) => `Valutazione bassa – ${itTitle(kind, code)}: ${score} su 5`,
    intro: (kind, code, score, office) =>
      `Il cittadino ha valutato ${score} su 5 il lavoro svolto per ` +
      `${agree(kind, 'la', 'il')} ${itNoun(kind)} ${code}${office ? ` (ufficio ${office})` : ''}. ` +
      'Vi chiediamo di esaminare la pratica con l’ufficio e, se serve, di ricontattare il cittadino.',
    reopened: 'La segnalazione è stata riaperta: è di nuovo in lavorazione.',
    score: 'Voto',
    comment: 'Commento del cittadino',
  },
  courtesy: {
    subject: (kind, code) => `${itTitle(kind, code)}: aggiornamento sui tempi`,
    intro: (kind, code, due) =>
      `${agree(kind, 'La Sua', 'Il Suo')} ${itNoun(kind)} ${code} non è ` +
      `${agree(kind, 'stata conclusa', 'stato concluso')} entro il termine previsto` +
      `${due ? ` (${due})` : ''}.`,
    followedBy: (_kind, target) =>
      'La pratica è ora seguita anche da ' +
      `${target ?? 'un organismo di controllo del Comune'}, che ne solleciterà la conclusione.`,
    apology: 'Ci scusiamo per il ritardo: La terremo informata di ogni sviluppo.',
  },
  rating: {
    subject: (kind, code) =>
      `Com'è andata? Valuti ${agree(kind, 'la', 'il')} ${itNoun(kind)} ${code}`,
    intro: (kind, code) =>
      `${agree(kind, 'La Sua', 'Il Suo')} ${itNoun(kind)} ${code} è ` +
      `${agree(kind, 'stata conclusa', 'stato concluso')} nei giorni scorsi. ` +
      'Ci dica, con un voto da 1 a 5 e un commento se vuole, come valuta il lavoro svolto: ' +
      'la Sua opinione ci aiuta a migliorare.',
    singleUse: (expires) =>
      'Il collegamento è personale e vale per una sola valutazione' +
      `${expires ? `, fino al ${expires}` : ''}.`,
    survey:
      'Se ha qualche minuto in più, risponda anche al nostro breve questionario sulla qualità ' +
      'dei servizi (anche questo collegamento vale una sola volta):',
  },
  digest: {
    subject: (office, date) => withTopic(`Riepilogo giornaliero del ${date}`, office),
    intro: (office, date) =>
      `Ecco il riepilogo delle pratiche ${office === undefined ? "dell'ufficio" : `di ${office}`} ` +
      `al ${date}.`,
    emergencies: 'Emergenze aperte',
    overdue: 'Pratiche scadute',
    dueSoon: (days) =>
      days <= 0
        ? 'In scadenza oggi'
        : `In scadenza entro ${days} ${days === 1 ? 'giorno' : 'giorni'}`,
    newSince: (since) => (since === undefined ? 'Nuove pratiche' : `Nuove pratiche dal ${since}`),
    emergency: 'emergenza',
    due: (when) => `scadenza ${when}`,
    more: (count) => `Altre pratiche non elencate: ${count}.`,
    admin: "Per aprire la coda dell'ufficio nel pannello di gestione",
  },
};

const EN_NOUNS: Record<CaseKind, string> = {
  report: 'report',
  request: 'request',
  complaint: 'complaint',
};

const enTitle = (kind: CaseKind, code: string): string => `${capitalize(EN_NOUNS[kind])} ${code}`;

const EN: Phrases = {
  labels: {
    code: 'Reference',
    topic: 'Topic',
    office: 'Responsible office',
    status: 'Status',
    previousStatus: 'Previous status',
    newStatus: 'New status',
    outcome: 'Outcome',
    expectedBy: 'Expected by',
    deadline: 'Due date',
    address: 'Address',
    coordinates: 'Coordinates',
    map: 'Location on the map',
    description: 'Description',
    answer: "The office's answer",
    officeMessage: 'Message from the office',
    citizenMessage: "Citizen's message",
    notes: 'Notes',
    track: 'To follow the progress of your case',
    reply: 'To reply and send documents (private page)',
    confirm: 'To confirm your report',
    rate: 'To rate the service',
    survey: 'To answer the questionnaire',
    admin: 'To open the case in the admin panel',
  },
  kindName: (kind) => EN_NOUNS[kind],
  greeting: 'Dear citizen,',
  signoffCitizen: ['Kind regards', "Citizens' Relations Office (URP)"],
  signoffStaff: ['BeneComune'],
  footerCitizen: 'This message was sent automatically: please do not reply to this email.',
  footerStaff: 'Automated service message.',
  footerEmergency: (city) => `Automated message sent to the emergency contacts of the ${city}.`,
  confirm: {
    subject: (kind, code) => `Please confirm your ${EN_NOUNS[kind]} ${code}`,
    intro: (kind, code) =>
      `We have received a ${EN_NOUNS[kind]} sent with this email address (reference ${code}). ` +
      'To pass it on to the offices, please confirm it by opening the link below.',
    ignore: 'If you did not send this report, please ignore this message: it will not be handled.',
  },
  received: {
    subject: (kind, code) => `${enTitle(kind, code)} received`,
    intro: (kind, code) =>
      `Thank you for your ${EN_NOUNS[kind]}, which has been registered with reference ${code}. ` +
      'Please keep this reference: you will need it whenever you contact the office.',
    duplicate: (kind, masterCode) =>
      `The problem you reported is already known to us: your ${EN_NOUNS[kind]} has been linked ` +
      `to case ${masterCode}, already open for the same problem.`,
    next: 'The responsible office will now look into it; we will email you whenever there is an update.',
    emergency: (number) =>
      'If the situation poses an immediate danger to people or property, ' +
      `please call ${number} at once.`,
  },
  statusChanged: {
    subject: (kind, code, label) =>
      label === undefined
        ? `${enTitle(kind, code)} updated`
        : `${enTitle(kind, code)} – status: ${label}`,
    intro: (kind, code) => `The status of your ${EN_NOUNS[kind]} ${code} has been updated.`,
  },
  answered: {
    subject: (kind, code) => `Response to your ${EN_NOUNS[kind]} ${code}`,
    intro: (kind, code) => `The responsible office has answered your ${EN_NOUNS[kind]} ${code}.`,
    readOnline: 'You can read the answer on the page of your case.',
  },
  moreInfo: {
    subject: (kind, code) => `${enTitle(kind, code)}: further information needed`,
    intro: (kind, code) =>
      `To continue handling your ${EN_NOUNS[kind]} ${code}, the responsible office needs ` +
      'further information or documents.',
    personalLink: 'This link is personal: please do not forward it.',
    clockSuspended: (days) =>
      `The ${days}-day time limit for handling your case is suspended until we receive your reply.`,
  },
  closed: {
    subject: (kind, code) => `${enTitle(kind, code)} closed`,
    intro: (kind, code) => `Your ${EN_NOUNS[kind]} ${code} has been closed.`,
    rateInvite:
      'Your opinion helps us improve: please take a moment to rate the service you received.',
    thanks: 'Thank you for your cooperation.',
  },
  emergency: {
    subject: (kind, code, topic) => withTopic(`EMERGENCY – ${enTitle(kind, code)}`, topic),
    intro: (kind) =>
      `An emergency ${EN_NOUNS[kind]} has been received and may require immediate action.`,
    callServices: (number) => `If necessary, alert the emergency services (${number}).`,
  },
  assignee: {
    subject: (kind, code, event, topic) =>
      event === 'citizen_replied'
        ? withTopic(`${enTitle(kind, code)}: the citizen has replied`, topic)
        : withTopic(`${enTitle(kind, code)} assigned`, topic),
    intro: (kind, code, event) =>
      event === 'citizen_replied'
        ? 'The citizen has replied to the request for further information on ' +
          `${EN_NOUNS[kind]} ${code}: the case can now proceed.`
        : `${enTitle(kind, code)} has been assigned to you.`,
  },
  reminder: {
    subject: (kind, code, step, due) =>
      step === 'first_response'
        ? `${enTitle(kind, code)}: no first response to the citizen yet`
        : `Reminder: ${EN_NOUNS[kind]} ${code} due${due ? ` on ${due}` : ' soon'}`,
    intro: (kind, code, step) =>
      step === 'first_response'
        ? `${enTitle(kind, code)} has had no first response (acknowledgement or message to the ` +
          'citizen) within its target.'
        : `${enTitle(kind, code)} is nearing its due date: please complete it in time or tell ` +
          'the citizen where it stands.',
    firstResponseBy: 'First response expected by',
  },
  escalated: {
    subject: (kind, code, level) =>
      `Missed due date – ${enTitle(kind, code)}: level ${level} escalation`,
    intro: (kind, code, level, office) =>
      `${enTitle(kind, code)}${office ? ` (office: ${office})` : ''} has passed its due date ` +
      'without being completed. ' +
      (level >= 2
        ? 'It is still open after being referred to the control body: it now comes to the ' +
          "management's attention."
        : 'It is referred to the control body, not to blame but to see what help the office needs.'),
    level: 'Level',
    followedBy: 'Now followed by',
  },
  review: {
    subject: (kind, code, score) => `Low rating – ${enTitle(kind, code)}: ${score} out of 5`,
    intro: (kind, code, score, office) =>
      `The citizen rated the work done on ${enTitle(kind, code)}${office ? ` (office: ${office})` : ''} ` +
      `${score} out of 5. Please review the case with the office and, if needed, contact the citizen again.`,
    reopened: 'The report has been reopened: it is in progress again.',
    score: 'Score',
    comment: "The citizen's comment",
  },
  courtesy: {
    subject: (kind, code) => `${enTitle(kind, code)}: an update on timing`,
    intro: (kind, code, due) =>
      `Your ${EN_NOUNS[kind]} ${code} has not been completed by its due date${due ? ` (${due})` : ''}.`,
    followedBy: (_kind, target) =>
      `It is now also followed by ${target ?? "one of the city's control bodies"}, which will ` +
      'press for its completion.',
    apology: 'We apologise for the delay and will keep you informed of every development.',
  },
  rating: {
    subject: (kind, code) => `How did it go? Rate your ${EN_NOUNS[kind]} ${code}`,
    intro: (kind, code) =>
      `Your ${EN_NOUNS[kind]} ${code} was completed a few days ago. Please tell us, with a score ` +
      'from 1 to 5 and a comment if you like, how you rate the work done: your opinion helps us ' +
      'improve.',
    singleUse: (expires) =>
      `This link is personal and works for one rating${expires ? `, until ${expires}` : ''}.`,
    survey:
      'If you have a few more minutes, please also answer our short questionnaire on the ' +
      'quality of our services (this link, too, works once):',
  },
  digest: {
    subject: (office, date) => withTopic(`Daily digest for ${date}`, office),
    intro: (office, date) =>
      `Here is the digest of the cases of ${office ?? 'the office'} on ${date}.`,
    emergencies: 'Open emergencies',
    overdue: 'Overdue cases',
    dueSoon: (days) =>
      days <= 0 ? 'Due today' : `Due within ${days} ${days === 1 ? 'day' : 'days'}`,
    newSince: (since) => (since === undefined ? 'New cases' : `New cases since ${since}`),
    emergency: 'emergency',
    due: (when) => `due ${when}`,
    more: (count) => `${count} more not listed.`,
    admin: "To open the office's queue in the admin panel",
  },
};

const PHRASES: Record<Locale, Phrases> = { it: IT, en: EN };

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

/** The template data, cleaned: blanks and nulls become undefined, dates are formatted. */
interface Context {
  locale: Locale;
  t: Phrases;
  kind: CaseKind;
  code: string;
  city: string;
  trackingUrl?: string;
  replyUrl?: string;
  ratingUrl?: string;
  surveyUrl?: string;
  adminUrl?: string;
  topic?: string;
  office?: string;
  status?: string; // the label, in the locale
  statusCode?: string; // the raw status
  previousStatus?: string;
  dueDate?: string;
  dueDateTime?: string;
  answer?: string;
  message?: string;
  masterCode?: string;
  address?: string;
  coordinates?: string;
  mapUrl?: string;
  description?: string;
  emergencyNumber?: string;
  event: AssigneeEvent;
  step: ReminderStep;
  firstResponseDateTime?: string;
  level: number;
  score?: number;
  reopened: boolean;
  target?: string;
  expiresDate?: string;
}

function contextOf(locale: Locale, data: TemplateData): Context {
  if (typeof data !== 'object' || data === null) throw new Error('Template data missing');
  const kind: unknown = data.kind;
  if (!isCaseKind(kind)) throw new Error(`Unknown case kind: ${String(kind)}`);
  const code = optionalText(data.code);
  if (!code) throw new Error('Template data without a case code');
  const label = (status: unknown) => {
    const text = optionalText(status);
    return text === undefined ? undefined : statusLabel(kind, text, locale);
  };
  return {
    locale,
    t: PHRASES[locale],
    kind,
    code,
    city: municipality(data.cityName),
    trackingUrl: optionalText(data.trackingUrl),
    replyUrl: optionalText(data.replyUrl),
    ratingUrl: optionalText(data.ratingUrl),
    surveyUrl: optionalText(data.surveyUrl),
    adminUrl: optionalText(data.adminUrl),
    topic: optionalText(data.topicName),
    office: optionalText(data.officeName),
    status: label(data.status),
    statusCode: optionalText(data.status),
    previousStatus: label(data.previousStatus),
    dueDate: formatDate(data.dueAt, locale),
    dueDateTime: formatDateTime(data.dueAt, locale),
    answer: optionalText(data.answer),
    message: optionalText(data.message),
    masterCode: optionalText(data.masterCode),
    address: optionalText(data.address),
    ...position(data.latitude, data.longitude),
    description: optionalText(data.description),
    emergencyNumber: optionalText(data.emergencyNumber),
    event: data.event === 'citizen_replied' ? 'citizen_replied' : 'assigned',
    step: data.step === 'first_response' ? 'first_response' : 'reminder',
    firstResponseDateTime: formatDateTime(data.firstResponseDueAt, locale),
    level: optionalNumber(data.level) === 2 ? 2 : 1,
    score: optionalNumber(data.score),
    reopened: data.reopened === true,
    target: optionalText(data.targetName),
    expiresDate: formatDate(data.expiresAt, locale),
  };
}

function position(
  latitude: unknown,
  longitude: unknown
): { coordinates?: string; mapUrl?: string } {
  const lat = optionalNumber(latitude);
  const lon = optionalNumber(longitude);
  if (lat === undefined || lon === undefined || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return {};
  const [la, lo] = [lat.toFixed(6), lon.toFixed(6)];
  return {
    coordinates: `${la}, ${lo}`,
    mapUrl: `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=18/${la}/${lo}`,
  };
}

/** The frame shared by the messages to citizens. */
function citizenMessage(c: Context, subject: string, blocks: Array<Block | undefined>): Message {
  return {
    subject,
    heading: c.city,
    greeting: c.t.greeting,
    blocks,
    signoff: [...c.t.signoffCitizen, c.city],
    footer: c.t.footerCitizen,
    urgent: false,
  };
}

function caseConfirm(c: Context): Message {
  const { t } = c;
  return citizenMessage(c, t.confirm.subject(c.kind, c.code), [
    paragraph(t.confirm.intro(c.kind, c.code)),
    fields([t.labels.code, c.code], [t.labels.topic, c.topic]),
    link(t.labels.confirm, c.replyUrl),
    paragraph(c.replyUrl === undefined ? undefined : t.moreInfo.personalLink),
    paragraph(t.confirm.ignore),
  ]);
}

function caseReceived(c: Context): Message {
  const { t } = c;
  return citizenMessage(c, t.received.subject(c.kind, c.code), [
    paragraph(t.received.intro(c.kind, c.code)),
    paragraph(c.masterCode && t.received.duplicate(c.kind, c.masterCode)),
    fields(
      [t.labels.code, c.code],
      [t.labels.topic, c.topic],
      [t.labels.office, c.office],
      [t.labels.expectedBy, c.dueDate]
    ),
    quote(t.labels.notes, c.message),
    paragraph(t.received.next),
    link(t.labels.track, c.trackingUrl),
    link(t.labels.reply, c.replyUrl),
    paragraph(c.emergencyNumber && t.received.emergency(c.emergencyNumber)),
  ]);
}

function caseStatusChanged(c: Context): Message {
  const { t } = c;
  return citizenMessage(c, t.statusChanged.subject(c.kind, c.code, c.status), [
    paragraph(t.statusChanged.intro(c.kind, c.code)),
    paragraph(c.masterCode && t.received.duplicate(c.kind, c.masterCode)),
    fields(
      [t.labels.code, c.code],
      [t.labels.topic, c.topic],
      [t.labels.previousStatus, c.previousStatus],
      [t.labels.newStatus, c.status],
      [t.labels.office, c.office],
      [t.labels.expectedBy, c.dueDate]
    ),
    quote(t.labels.officeMessage, c.answer),
    quote(t.labels.notes, c.message),
    link(t.labels.track, c.trackingUrl),
    link(t.labels.reply, c.replyUrl),
  ]);
}

function caseAnswered(c: Context): Message {
  const { t } = c;
  return citizenMessage(c, t.answered.subject(c.kind, c.code), [
    paragraph(t.answered.intro(c.kind, c.code)),
    fields([t.labels.code, c.code], [t.labels.topic, c.topic], [t.labels.office, c.office]),
    quote(t.labels.answer, c.answer),
    paragraph(c.answer === undefined ? t.answered.readOnline : undefined),
    quote(t.labels.notes, c.message),
    link(t.labels.track, c.trackingUrl),
    link(t.labels.reply, c.replyUrl),
  ]);
}

function caseMoreInfo(c: Context): Message {
  const { t } = c;
  // Reports have no suspension of terms: only requests and complaints stop their 30-day clock.
  const clock = c.kind === 'report' ? undefined : t.moreInfo.clockSuspended(SUSPENDED_CLOCK_DAYS);
  return citizenMessage(c, t.moreInfo.subject(c.kind, c.code), [
    paragraph(t.moreInfo.intro(c.kind, c.code)),
    fields([t.labels.code, c.code], [t.labels.topic, c.topic], [t.labels.office, c.office]),
    quote(t.labels.officeMessage, c.message ?? c.answer),
    link(t.labels.reply, c.replyUrl),
    paragraph(c.replyUrl === undefined ? undefined : t.moreInfo.personalLink),
    paragraph(clock),
    link(t.labels.track, c.trackingUrl),
  ]);
}

function caseClosed(c: Context): Message {
  const { t } = c;
  // A plain closure needs no outcome line; a rejection or a duplicate does.
  const outcome = c.statusCode === 'closed' ? undefined : c.status;
  return citizenMessage(c, t.closed.subject(c.kind, c.code), [
    paragraph(t.closed.intro(c.kind, c.code)),
    fields(
      [t.labels.code, c.code],
      [t.labels.topic, c.topic],
      [t.labels.outcome, outcome],
      [t.labels.office, c.office]
    ),
    quote(t.labels.officeMessage, c.answer),
    quote(t.labels.notes, c.message),
    paragraph(c.ratingUrl === undefined ? undefined : t.closed.rateInvite),
    link(t.labels.rate, c.ratingUrl),
    link(t.labels.track, c.trackingUrl),
    paragraph(t.closed.thanks),
  ]);
}

/** To the emergency contacts: the place and the problem, never the citizen's personal data. */
function emergencyAlert(c: Context): Message {
  const { t } = c;
  return {
    subject: t.emergency.subject(c.kind, c.code, c.topic),
    heading: c.city,
    blocks: [
      paragraph(t.emergency.intro(c.kind), true),
      quote(t.labels.notes, c.message),
      fields(
        [t.labels.code, c.code],
        [t.labels.topic, c.topic],
        [t.labels.address, c.address],
        [t.labels.coordinates, c.coordinates],
        [t.labels.deadline, c.dueDateTime]
      ),
      link(t.labels.map, c.mapUrl),
      quote(t.labels.description, c.description),
      link(t.labels.admin, c.adminUrl),
      paragraph(c.emergencyNumber && t.emergency.callServices(c.emergencyNumber), true),
    ],
    signoff: [...t.signoffStaff, c.city],
    footer: t.footerEmergency(c.city),
    urgent: true,
  };
}

function assigneeNotice(c: Context): Message {
  const { t } = c;
  const messageLabel = c.event === 'citizen_replied' ? t.labels.citizenMessage : t.labels.notes;
  return {
    subject: t.assignee.subject(c.kind, c.code, c.event, c.topic),
    heading: c.city,
    blocks: [
      paragraph(t.assignee.intro(c.kind, c.code, c.event)),
      fields(
        [t.labels.code, c.code],
        [t.labels.topic, c.topic],
        [t.labels.office, c.office],
        [t.labels.status, c.status],
        [t.labels.deadline, c.dueDateTime]
      ),
      quote(messageLabel, c.message),
      link(t.labels.admin, c.adminUrl),
    ],
    signoff: [...t.signoffStaff, c.city],
    footer: t.footerStaff,
    urgent: false,
  };
}

/** The frame shared by service messages to staff. */
function staffMessage(c: Context, subject: string, blocks: Array<Block | undefined>): Message {
  return {
    subject,
    heading: c.city,
    blocks,
    signoff: [...c.t.signoffStaff, c.city],
    footer: c.t.footerStaff,
    urgent: false,
  };
}

function deadlineReminder(c: Context): Message {
  const { t } = c;
  return staffMessage(c, t.reminder.subject(c.kind, c.code, c.step, c.dueDate), [
    paragraph(t.reminder.intro(c.kind, c.code, c.step)),
    fields(
      [t.labels.code, c.code],
      [t.labels.topic, c.topic],
      [t.labels.office, c.office],
      [t.labels.status, c.status],
      [
        t.reminder.firstResponseBy,
        c.step === 'first_response' ? c.firstResponseDateTime : undefined,
      ],
      [t.labels.deadline, c.dueDateTime]
    ),
    link(t.labels.admin, c.adminUrl),
  ]);
}

function caseEscalated(c: Context): Message {
  const { t } = c;
  return staffMessage(c, t.escalated.subject(c.kind, c.code, c.level), [
    paragraph(t.escalated.intro(c.kind, c.code, c.level, c.office), true),
    fields(
      [t.labels.code, c.code],
      [t.labels.topic, c.topic],
      [t.labels.office, c.office],
      [t.labels.status, c.status],
      [t.labels.deadline, c.dueDateTime],
      [t.escalated.level, String(c.level)],
      [t.escalated.followedBy, c.target]
    ),
    link(t.labels.admin, c.adminUrl),
  ]);
}

function ratingReview(c: Context): Message {
  const { t } = c;
  const score = c.score ?? 1;
  return staffMessage(c, t.review.subject(c.kind, c.code, score), [
    paragraph(t.review.intro(c.kind, c.code, score, c.office), true),
    paragraph(c.reopened ? t.review.reopened : undefined),
    fields(
      [t.labels.code, c.code],
      [t.labels.topic, c.topic],
      [t.labels.office, c.office],
      [t.labels.status, c.status],
      [t.review.score, `${score}/5`]
    ),
    quote(t.review.comment, c.message),
    link(t.labels.admin, c.adminUrl),
  ]);
}

function escalationCourtesy(c: Context): Message {
  const { t } = c;
  return citizenMessage(c, t.courtesy.subject(c.kind, c.code), [
    paragraph(t.courtesy.intro(c.kind, c.code, c.dueDate)),
    paragraph(t.courtesy.followedBy(c.kind, c.target)),
    fields([t.labels.code, c.code], [t.labels.topic, c.topic], [t.labels.office, c.office]),
    paragraph(t.courtesy.apology),
    link(t.labels.track, c.trackingUrl),
    link(t.labels.reply, c.replyUrl),
  ]);
}

function ratingInvitation(c: Context): Message {
  const { t } = c;
  return citizenMessage(c, t.rating.subject(c.kind, c.code), [
    paragraph(t.rating.intro(c.kind, c.code)),
    fields([t.labels.code, c.code], [t.labels.topic, c.topic], [t.labels.office, c.office]),
    link(t.labels.rate, c.ratingUrl),
    paragraph(c.ratingUrl === undefined ? undefined : t.rating.singleUse(c.expiresDate)),
    paragraph(c.surveyUrl === undefined ? undefined : t.rating.survey),
    link(t.labels.survey, c.surveyUrl),
    paragraph(t.closed.thanks),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The office digest (staff): not about one case, so it has its own data and context
// ---------------------------------------------------------------------------------------------

const DIGEST_ORDER = ['emergencies', 'overdue', 'dueSoon', 'new'] as const;

/** 'YYYY-MM-DD' (a local date, no zone) -> '3 marzo 2026' / '3 March 2026'. */
function formatLocalDate(value: unknown, locale: Locale): string | undefined {
  const text = optionalText(value);
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(date);
}

/** A section as stored in the payload (JSON): counts and items checked, junk dropped. */
function digestSection(raw: unknown): { count: number; items: OfficeDigestItem[] } {
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<
    Record<keyof OfficeDigestSection, unknown>
  >;
  const items = (Array.isArray(section.items) ? section.items : []).filter(
    (item): item is OfficeDigestItem =>
      typeof item === 'object' &&
      item !== null &&
      optionalText((item as OfficeDigestItem).code) !== undefined &&
      isCaseKind((item as OfficeDigestItem).kind)
  );
  const count = optionalNumber(section.count);
  return { count: count !== undefined && count >= 0 ? Math.floor(count) : items.length, items };
}

function digestLine(t: Phrases, locale: Locale, item: OfficeDigestItem): ListItem {
  const due = formatDateTime(item.dueAt, locale);
  const detail = [
    t.kindName(item.kind),
    item.emergency === true ? t.digest.emergency : undefined,
    due === undefined ? undefined : t.digest.due(due),
  ].filter((part): part is string => part !== undefined);
  return {
    label: String(item.code).trim(),
    detail: detail.join(', '),
    url: optionalText(item.url),
  };
}

/** The day's situation of an office: a summary of the four counts, then the non-empty lists. */
function officeDigest(locale: Locale, data: OfficeDigestData): { city: string; message: Message } {
  if (typeof data !== 'object' || data === null) throw new Error('Template data missing');
  const t = PHRASES[locale];
  const city = municipality(data.cityName);
  const date = formatLocalDate(data.date, locale);
  if (!date) throw new Error('Digest data without a valid date');
  const office = optionalText(data.officeName);
  const days = optionalNumber(data.dueSoonDays) ?? 0;
  const titles: Record<(typeof DIGEST_ORDER)[number], string> = {
    emergencies: t.digest.emergencies,
    overdue: t.digest.overdue,
    dueSoon: t.digest.dueSoon(days),
    new: t.digest.newSince(formatDateTime(data.since, locale)),
  };
  const sections = DIGEST_ORDER.map((name) => ({
    title: titles[name],
    ...digestSection(data.sections?.[name]),
  }));
  const lists: Block[] = sections
    .filter((section) => section.count > 0)
    .map((section) => ({
      type: 'list',
      title: `${section.title} (${section.count})`,
      items: section.items.map((item) => digestLine(t, locale, item)),
      more:
        section.count > section.items.length
          ? t.digest.more(section.count - section.items.length)
          : undefined,
    }));
  const emergencies = sections[0].count;
  return {
    city,
    message: {
      subject: t.digest.subject(office, date),
      heading: city,
      blocks: [
        paragraph(t.digest.intro(office, date)),
        fields(...sections.map((section) => [section.title, String(section.count)] as const)),
        ...lists,
        link(t.digest.admin, optionalText(data.adminUrl)),
      ],
      signoff: [...t.signoffStaff, city],
      footer: t.footerStaff,
      urgent: emergencies > 0,
    },
  };
}

const BUILDERS: Record<CaseTemplateName, (c: Context) => Message> = {
  case_confirm: caseConfirm,
  case_received: caseReceived,
  case_status_changed: caseStatusChanged,
  case_answered: caseAnswered,
  case_more_info: caseMoreInfo,
  case_closed: caseClosed,
  emergency_alert: emergencyAlert,
  assignee_notice: assigneeNotice,
  deadline_reminder: deadlineReminder,
  case_escalated: caseEscalated,
  rating_review: ratingReview,
  escalation_courtesy: escalationCourtesy,
  rating_invitation: ratingInvitation,
};

/** A subject is one header line: no line breaks, no runs of spaces. */
function cleanSubject(subject: string): string {
  return subject.replace(/\s+/g, ' ').trim();
}

function caseMessage(
  name: CaseTemplateName,
  locale: Locale,
  data: TemplateData
): { city: string; message: Message } {
  const context = contextOf(locale, data);
  return { city: context.city, message: BUILDERS[name](context) };
}

/**
 * Renders a template in a locale (an unknown locale falls back to Italian). Throws on an unknown
 * template, an unknown case kind or a missing code (case templates), a missing date (digest).
 */
export function renderTemplate(
  name: 'office_digest',
  locale: Locale,
  data: OfficeDigestData
): RenderedMessage;
export function renderTemplate(
  name: CaseTemplateName,
  locale: Locale,
  data: TemplateData
): RenderedMessage;
export function renderTemplate(
  name: TemplateName,
  locale: Locale,
  data: TemplateData | OfficeDigestData
): RenderedMessage;
export function renderTemplate(
  name: TemplateName,
  locale: Locale,
  data: TemplateData | OfficeDigestData
): RenderedMessage {
  if (!isTemplateName(name)) throw new Error(`Unknown notification template: ${String(name)}`);
  const lang = normalizeLocale(locale);
  const { city, message } =
    name === 'office_digest'
      ? officeDigest(lang, data as OfficeDigestData)
      : caseMessage(name, lang, data as TemplateData);
  const subject = `[${city}] ${cleanSubject(message.subject)}`;
  const final = { ...message, subject };
  return { subject, text: renderText(final), html: renderHtml(final, lang) };
}
