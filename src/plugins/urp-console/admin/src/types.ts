/** What the plugin's admin routes answer (server/src), as the pages read it. */
export type CaseKind = 'report' | 'request' | 'complaint';
export type Band = 'emergency' | 'high' | 'medium' | 'low';

export interface QueueRow {
  code: string;
  documentId: string;
  kind: CaseKind;
  state: string;
  dueAt: string | null;
  overdue: boolean;
  receivedAt: string | null;
  officeKey: string | null;
  teamKey: string | null;
  topicKey: string | null;
  assigneeId?: number | null;
  excerpt: string;
  subject?: string;
  priority?: number | null;
  band?: Band | null;
  emergency?: boolean;
  duplicateCount?: number;
  supporterCount?: number;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  pinned?: boolean;
}

export interface QueuePage {
  data: QueueRow[];
  meta: { kind: CaseKind; sort: string; pageSize: number; nextCursor: string | null };
}

export interface QueueCounts {
  data: {
    kind: CaseKind;
    statuses: Record<string, number>;
    total: number;
    overdue: number;
    emergency: number;
  };
}

export interface TimelineEvent {
  id: number;
  type: string;
  visibility: 'public' | 'internal' | string;
  at: string | null;
  actor: { type: string; id: string | null; name: string | null };
  from: string | null;
  to: string | null;
  text: string | null;
}

export interface Named {
  documentId: string;
  name: string;
}

export interface CaseView {
  code: string;
  documentId: string;
  kind: CaseKind;
  state: string;
  channel: string | null;
  description: string | null;
  subject?: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  firstResponseDueAt: string | null;
  firstResponseLate: boolean;
  escalationLevel: number;
  ratingScore: number | null;
  office: Named | null;
  team: Named | null;
  topic: Named | null;
  assignee: { id: number; name: string | null; email: string | null } | null;
  citizen: {
    name: string | null;
    email: string | null;
    phone: string | null;
    reputation: number | null;
    reportsTotal: number;
    moderationFlag: boolean;
  } | null;
  timeline: TimelineEvent[];
  allowedNextStatuses: string[];
  can: string[];
  priority?: number | null;
  band?: Band | null;
  emergency?: boolean;
  address?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  photos?: { id?: number; url: string; small: string }[];
  moderation?: Moderation;
  duplicates?: string[];
  duplicateOf?: string | null;
  qualification?: string | null;
}

/** GET /urp-console/options: the filter dropdowns, within the user's scope. */
export interface Options {
  offices: { documentId: string; name: string }[];
  teams: { documentId: string; name: string; officeKey: string | null }[];
  topics: { documentId: string; name: string; code?: string }[];
  technicians: { id: number; name: string }[];
  me: {
    id: number;
    name: string;
    roles: string[];
    offices: string[];
    teams: string[];
    can: { listReporters: boolean; reassignOffice: boolean };
  };
}

/** GET /urp-console/kpis: per office for a period, the city's reference and the chart's series. */
export interface StandsOutReason {
  code: 'overdue_share' | 'backlog_per_staff';
  value: number;
  reference: number;
  message: string;
}

export interface OfficeKpi {
  documentId: string;
  name: string;
  casesIn: number;
  backlog: number;
  overdue: number;
  overdueShare: number | null;
  firstResponses: number;
  medianFirstResponseHours: number | null;
  resolved: number;
  medianResolutionHours: number | null;
  escalations: number;
  ratings: number;
  meanRating: number | null;
  surveyResponses: number;
  satisfaction: number | null;
  staff: number;
  casesPerStaff: number | null;
  backlogPerStaff: number | null;
  standsOut: boolean;
  reasons: StandsOutReason[];
}

export interface KpiBucket {
  from: string;
  to: string;
  casesIn: number;
  backlog: number;
  overdue: number;
  overdueShare: number | null;
  medianFirstResponseHours: number | null;
  medianResolutionHours: number | null;
  escalations: number;
  ratings: number;
  meanRating: number | null;
}

export interface Kpis {
  data: {
    from: string;
    to: string;
    kind: string;
    granularity: 'week' | 'month';
    offices: OfficeKpi[];
    series: KpiBucket[];
  };
  meta: {
    city: {
      backlog: number;
      overdue: number;
      overdueShare: number | null;
      medianBacklogPerStaff: number | null;
    };
  };
}

/** A rectangle of a photo as fractions of its width and height. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the public sees of a report (POST /urp-console/cases/:code/moderate). */
export interface Moderation {
  publicText: string | null;
  private: boolean;
  photos: { id: number; hidden: boolean; blur: Rect[]; publicUrl: string | null }[];
}
