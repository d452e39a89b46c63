import type { Core } from '@strapi/strapi';
import { createCalendar, type WorkingCalendar } from '../domain/calendar';
import type { ReputationRules } from '../domain/reputation';

export interface BeneComuneSettings {
  city: { name: string; timeZone: string };
  calendar: { localHolidays: string[]; closures: string[] };
  seedDemo: boolean;
  mail: { transport: 'smtp' | 'directory'; directory: string; from: string };
  jobs: JobSettings;
  deadlines: DeadlineSettings;
  followUp: {
    satisfactionDelayDays: number;
    ratingTokenDays: number;
    /** Scores below this send the case to the control body for review; 0 never. */
    reviewBelowScore: number;
    /** Whether such a score also reopens a resolved report. */
    reviewReopens: boolean;
  };
  digest: { dueSoonDays: number };
  retention: { months: number; batchSize: number };
  outbox: { dispatchOnCommit: boolean };
  open311: { jurisdiction: string; contact: string; keyService: string };
  links: {
    tracking: string;
    private: string;
    rating: string;
    survey: string;
    admin: string;
    secret: string;
  };
  intake: {
    boundary: unknown;
    maxPhotos: number;
    maxPhotoBytes: number;
    confirmUnknownEmails: boolean;
  };
  emergency: { emails: string[]; webhookUrl: string; callNumber: string };
  devAdmin: { email: string; password: string; firstname: string; lastname: string };
  rateLimit: RateLimitSettings;
  /** Counters and channels the public may rate with an emoticon (POST /api/channel-ratings). */
  channelRatings: { channels: string[] };
  triage: TriageSettings;
  consoleMap: { clusterBelowZoom: number; maxPoints: number };
  map: MapSettings;
}

export const JOB_NAMES = ['outbox', 'triage', 'deadlines', 'digest', 'retention'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobSettings {
  enabled: boolean;
  leaseSeconds: number;
  schedules: Record<JobName, { enabled: boolean; cron: string }>;
}

export interface DeadlineSettings {
  firstResponseDays: number;
  reminderDays: number[];
  urgentReminderHours: number[];
  reminderHour: number;
  secondEscalationDays: number;
  batchSize: number;
}

export interface TriageSettings {
  /** A new report repeating one fixed within this many days is a recurrence. */
  recurrenceDays: number;
  /** Emergencies nobody has taken in charge re-alert every so many minutes, at most so many times. */
  emergencyRealertMinutes: number;
  emergencyMaxRealerts: number;
  /** Email the new office, team or technician when a case is assigned to them. */
  notifyAssignees: boolean;
  reputation: ReputationRules;
}

/** A budget of attempts: `points` per window of `durationSeconds`. */
export interface RateLimitRule {
  points: number;
  durationSeconds: number;
}

export interface RateLimitSettings {
  enabled: boolean;
  perIp: RateLimitRule;
  perEmail: RateLimitRule;
}

/** The console's base map: tile URL template and its attribution, initial centre and zoom. */
export interface MapSettings {
  tileUrl: string;
  attribution: string;
  center: { latitude: number; longitude: number };
  zoom: number;
}

export function settings(strapi: Core.Strapi): BeneComuneSettings {
  return strapi.config.get('benecomune') as BeneComuneSettings;
}

const calendars = new WeakMap<object, WorkingCalendar>();

/** The city's working calendar, built once per Strapi instance from its configuration. */
export function cityCalendar(strapi: Core.Strapi): WorkingCalendar {
  let calendar = calendars.get(strapi);
  if (!calendar) {
    const { city, calendar: cfg } = settings(strapi);
    calendar = createCalendar({
      timeZone: city.timeZone,
      localHolidays: cfg.localHolidays,
      closures: cfg.closures,
    });
    calendars.set(strapi, calendar);
  }
  return calendar;
}

/** The base map as the console's pages read it (GET /urp-console/map/config). */
export function mapSettings(strapi: Core.Strapi): MapSettings {
  const { tileUrl, attribution, center, zoom } = settings(strapi).map;
  return { tileUrl, attribution, center: { ...center }, zoom };
}
