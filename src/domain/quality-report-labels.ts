/**
 * Every text of the quality report, in Italian and English: the document's headings and the names
 * of the enumerations (case kinds, channels, states, complaint outcomes). Italian state names agree
 * with "casi" (masculine plural), which every table counts.
 */
import type { CaseKind } from './case-kind';

export type ReportLocale = 'it' | 'en';
export const REPORT_LOCALES: readonly ReportLocale[] = ['it', 'en'];

interface Texts {
  title: string;
  period: string;
  previousPeriod: string;
  scope: string;
  wholeCity: string;
  generatedAt: string;
  summary: string;
  receivedByKind: string;
  receivedByChannel: string;
  kind: string;
  channel: string;
  topic: string;
  office: string;
  state: string;
  outcome: string;
  total: string;
  current: string;
  previous: string;
  change: string;
  share: string;
  byChannel: string;
  byTopic: string;
  byOffice: string;
  byState: string;
  byOutcome: string;
  responseTimes: string;
  metric: string;
  firstResponses: string;
  medianFirstResponseHours: string;
  resolved: string;
  resolvedWithDueDate: string;
  resolvedOnTime: string;
  onTimeShare: string;
  medianResolutionHours: string;
  satisfaction: string;
  ratings: string;
  ratingCount: string;
  meanScore: string;
  lowShare: string;
  surveys: string;
  responses: string;
  noSurveys: string;
  truncated: string;
  mean: string;
  dissatisfiedShare: string;
  nps: string;
  netScore: string;
  topComplaintTopics: string;
  rank: string;
  none: string;
  notSpecified: string;
  hours: string;
  points: string;
  method: string;
}

export const TEXTS: Record<ReportLocale, Texts> = {
  it: {
    title: 'Rapporto sulla qualità: segnalazioni, richieste e reclami',
    period: 'Periodo',
    previousPeriod: 'Confronto con il periodo precedente',
    scope: 'Uffici',
    wholeCity: 'Tutto il Comune',
    generatedAt: 'Generato il',
    summary: 'Sintesi',
    receivedByKind: 'Casi ricevuti per tipo',
    receivedByChannel: 'Casi ricevuti per canale (tutti i tipi)',
    kind: 'Tipo',
    channel: 'Canale',
    topic: 'Argomento',
    office: 'Ufficio',
    state: 'Stato attuale',
    outcome: 'Esito',
    total: 'Totale',
    current: 'Periodo',
    previous: 'Periodo precedente',
    change: 'Variazione',
    share: 'Quota',
    byChannel: 'per canale',
    byTopic: 'per argomento',
    byOffice: 'per ufficio',
    byState: 'per stato attuale',
    byOutcome: 'per esito',
    responseTimes: 'Tempi di risposta e di risoluzione',
    metric: 'Indicatore',
    firstResponses: 'Prime risposte date',
    medianFirstResponseHours: 'Mediana delle ore alla prima risposta',
    resolved: 'Casi risolti o con risposta',
    resolvedWithDueDate: 'di cui con una scadenza',
    resolvedOnTime: 'di cui entro la scadenza',
    onTimeShare: 'Quota entro la scadenza',
    medianResolutionHours: 'Mediana delle ore alla risoluzione',
    satisfaction: 'Soddisfazione',
    ratings: 'Valutazioni dei cittadini sui casi chiusi',
    ratingCount: 'Valutazioni ricevute',
    meanScore: 'Voto medio (1–5)',
    lowShare: 'Quota di voti 1–2',
    surveys: 'Questionari di gradimento',
    responses: 'Risposte',
    noSurveys: 'Nessuna risposta ai questionari nei due periodi.',
    truncated: 'Troppe risposte: le cifre sono calcolate su una parte di esse.',
    mean: 'media',
    dissatisfiedShare: 'quota di insoddisfatti',
    nps: 'NPS',
    netScore: 'saldo positivi − negativi',
    topComplaintTopics: 'Argomenti più frequenti dei reclami',
    rank: 'Posizione',
    none: 'Nessun caso.',
    notSpecified: 'Non indicato',
    hours: 'h',
    points: 'punti',
    method:
      'Casi ricevuti: per data di ricezione. Tempi: casi la cui prima risposta o risoluzione cade nel periodo; mediane in ore di calendario. Entro la scadenza: risolti entro la data di scadenza attuale, tra i risolti nel periodo che ne hanno una. Variazione: rispetto al periodo precedente della stessa durata.',
  },
  en: {
    title: 'Quality report: reports, requests and complaints',
    period: 'Period',
    previousPeriod: 'Compared with the previous period',
    scope: 'Offices',
    wholeCity: 'The whole municipality',
    generatedAt: 'Generated on',
    summary: 'Summary',
    receivedByKind: 'Cases received by kind',
    receivedByChannel: 'Cases received by channel (all kinds)',
    kind: 'Kind',
    channel: 'Channel',
    topic: 'Topic',
    office: 'Office',
    state: 'Current state',
    outcome: 'Outcome',
    total: 'Total',
    current: 'Period',
    previous: 'Previous period',
    change: 'Change',
    share: 'Share',
    byChannel: 'by channel',
    byTopic: 'by topic',
    byOffice: 'by office',
    byState: 'by current state',
    byOutcome: 'by outcome',
    responseTimes: 'Response and resolution times',
    metric: 'Measure',
    firstResponses: 'First responses given',
    medianFirstResponseHours: 'Median hours to first response',
    resolved: 'Cases resolved or answered',
    resolvedWithDueDate: 'of which with a due date',
    resolvedOnTime: 'of which by the due date',
    onTimeShare: 'Share on time',
    medianResolutionHours: 'Median hours to resolution',
    satisfaction: 'Satisfaction',
    ratings: "Citizens' ratings of closed cases",
    ratingCount: 'Ratings received',
    meanScore: 'Mean score (1–5)',
    lowShare: 'Share of scores 1–2',
    surveys: 'Satisfaction surveys',
    responses: 'Responses',
    noSurveys: 'No survey responses in either period.',
    truncated: 'Too many responses: the figures are computed on part of them.',
    mean: 'mean',
    dissatisfiedShare: 'dissatisfied share',
    nps: 'NPS',
    netScore: 'net positive − negative',
    topComplaintTopics: 'Top topics of complaints',
    rank: 'Rank',
    none: 'No cases.',
    notSpecified: 'Not specified',
    hours: 'h',
    points: 'points',
    method:
      'Cases received: by date of reception. Times: cases whose first response or resolution falls in the period; medians in calendar hours. On time: resolved by their current due date, among those resolved in the period that have one. Change: against the previous period of the same length.',
  },
};

export const KIND_LABELS: Record<ReportLocale, Record<CaseKind, string>> = {
  it: { report: 'Segnalazioni', request: 'Richieste', complaint: 'Reclami' },
  en: { report: 'Reports', request: 'Requests', complaint: 'Complaints' },
};

export const CHANNEL_LABELS: Record<ReportLocale, Record<string, string>> = {
  it: {
    web: 'Sito web',
    app: 'App',
    phone: 'Telefono',
    email: 'Email',
    counter: 'Sportello',
    open311: 'Open311',
  },
  en: {
    web: 'Website',
    app: 'App',
    phone: 'Phone',
    email: 'Email',
    counter: 'Counter',
    open311: 'Open311',
  },
};

export const STATE_LABELS: Record<ReportLocale, Record<string, string>> = {
  it: {
    received: 'Ricevuti',
    triaged: 'Smistati',
    assigned: 'Assegnati',
    in_progress: 'In lavorazione',
    suspended: 'Sospesi',
    resolved: 'Risolti',
    answered: 'Con risposta',
    closed: 'Chiusi',
    rejected: 'Respinti',
    duplicate: 'Duplicati',
  },
  en: {
    received: 'Received',
    triaged: 'Triaged',
    assigned: 'Assigned',
    in_progress: 'In progress',
    suspended: 'Suspended',
    resolved: 'Resolved',
    answered: 'Answered',
    closed: 'Closed',
    rejected: 'Rejected',
    duplicate: 'Duplicate',
  },
};

export const OUTCOME_LABELS: Record<ReportLocale, Record<string, string>> = {
  it: { upheld: 'Accolti', partly_upheld: 'Accolti in parte', rejected: 'Respinti' },
  en: { upheld: 'Upheld', partly_upheld: 'Partly upheld', rejected: 'Rejected' },
};
