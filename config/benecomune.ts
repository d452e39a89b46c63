import fs from 'fs';
import path from 'path';
import { boundary as demoBoundary } from '../src/seed/data/places';
import type { Core } from '@strapi/strapi';
import { DEFAULT_ATTRIBUTION, DEFAULT_TILE_URL } from '../src/lib/map-tiles';

// Compiled config runs from dist/config: the project root is two levels up.
const projectRoot = path.resolve(__dirname, '..', '..');

/** BeneComune's own settings (read with strapi.config.get('benecomune')). */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  city: {
    name: env('CITY_NAME', 'Pisa'),
    timeZone: env('CITY_TIME_ZONE', 'Europe/Rome'),
  },
  calendar: {
    // Recurring local holidays as MM-DD: the patron saint's day (San Ranieri, 17 June, in Pisa).
    localHolidays: env.array('CITY_HOLIDAYS', ['06-17']),
    // One-off closures of the offices as YYYY-MM-DD.
    closures: env.array('CITY_CLOSURES', []),
  },
  mail: {
    // Without an SMTP server (development) messages are written to .tmp/mail/ as .eml files.
    transport: env('SMTP_HOST', '') ? 'smtp' : 'directory',
    directory: path.resolve(projectRoot, env('MAIL_DIRECTORY', '.tmp/mail')),
    from: env('MAIL_FROM', 'URP Comune di Pisa <urp@comune.pisa.example>'),
  },
  jobs: {
    // Scheduled jobs (src/jobs, node-cron in the city's time zone). Every instance schedules them; a
    // lease row per fire in the database elects one runner (src/jobs/run-coordinator.ts).
    enabled: env.bool('JOBS_ENABLED', env('NODE_ENV') !== 'test'),
    // How long a fire's election holds before another instance may take a crashed runner's place.
    leaseSeconds: env.int('JOBS_LEASE_SECONDS', 600),
    schedules: {
      outbox: {
        enabled: env.bool('JOB_OUTBOX_ENABLED', true),
        cron: env('OUTBOX_CRON', '*/1 * * * *'),
      },
      // Priority refresh (scores whose service-level step changed) and emergency re-alerts.
      triage: {
        enabled: env.bool('JOB_TRIAGE_ENABLED', true),
        cron: env('TRIAGE_CRON', '*/5 * * * *'),
      },
      // First-response flags, reminders, escalations, courtesy messages, satisfaction invitations.
      deadlines: {
        enabled: env.bool('JOB_DEADLINES_ENABLED', true),
        cron: env('DEADLINES_CRON', '*/5 * * * *'),
      },
      // The morning digest of each office with something to say (working days).
      digest: {
        enabled: env.bool('JOB_DIGEST_ENABLED', true),
        cron: env('DIGEST_CRON', '0 7 * * 1-5'),
      },
      // Anonymisation of citizens' data on cases closed long ago.
      retention: {
        enabled: env.bool('JOB_RETENTION_ENABLED', true),
        cron: env('RETENTION_CRON', '30 3 * * *'),
      },
    },
  },
  deadlines: {
    // Working days to a first response (acknowledgement or answer) when the topic does not say.
    firstResponseDays: env.int('FIRST_RESPONSE_DAYS', 3),
    // Reminders to the office before the due date: calendar days before it, sent at the local
    // hour below on the last working day on or before; urgent reports: hours before it.
    reminderDays: env.array('DEADLINE_REMINDER_DAYS', ['10', '3']).map(Number),
    urgentReminderHours: env.array('DEADLINE_URGENT_REMINDER_HOURS', ['24']).map(Number),
    reminderHour: env.int('DEADLINE_REMINDER_HOUR', 8),
    // Overdue: level 1 to the office's escalation target (its control body) at the due date;
    // level 2 to the next target up (management) this many calendar days later.
    secondEscalationDays: env.int('ESCALATION_LEVEL2_DAYS', 7),
    // Cases handled per transaction by the sweep (memory and lock time stay bounded).
    batchSize: env.int('DEADLINE_BATCH_SIZE', 200),
  },
  followUp: {
    // Days after a case is resolved or answered when its citizen is invited to rate the work.
    satisfactionDelayDays: env.int('SATISFACTION_DELAY_DAYS', 3),
    // How long the single-use rating link stays valid.
    ratingTokenDays: env.int('RATING_TOKEN_DAYS', 30),
    // A rating below this score (1–5) sends the case to the control body for review; 0: never.
    reviewBelowScore: env.int('RATING_REVIEW_BELOW', 3),
    // Whether such a rating also reopens a resolved (not yet closed) report.
    reviewReopens: env.bool('RATING_REVIEW_REOPENS', true),
  },
  digest: {
    // "Due soon" in the daily digest: due within this many calendar days.
    dueSoonDays: env.int('DIGEST_DUE_SOON_DAYS', 3),
  },
  retention: {
    // Citizens' personal data on cases closed more than this many months ago is anonymised.
    months: env.int('RETENTION_MONTHS', 24),
    batchSize: env.int('RETENTION_BATCH_SIZE', 200),
  },
  outbox: {
    // Send right after the transaction that queued a message commits, not only on the next cron fire.
    dispatchOnCommit: env.bool('OUTBOX_DISPATCH_ON_COMMIT', env('NODE_ENV') !== 'test'),
  },
  open311: {
    // The jurisdiction_id of GeoReport v2 (src/lib/open311/): a request naming another one is
    // refused; a request naming none is accepted (the server serves one jurisdiction).
    jurisdiction: env('OPEN311_JURISDICTION', 'comune.pisa.example'),
    // What GET discovery tells client developers.
    contact: env('OPEN311_CONTACT', 'URP Comune di Pisa <urp@comune.pisa.example>'),
    keyService: env(
      'OPEN311_KEY_SERVICE',
      'api_key: an API token the URP creates in the admin (Settings > API Tokens), full access or custom with the Open311 write actions'
    ),
  },
  links: {
    // The city website's public page of a case; {code} is replaced by the reference code.
    tracking: env('TRACKING_URL', 'https://www.comune.pisa.example/segnalazioni/{code}'),
    // The citizen's private page (reply, add details, confirm); {token} is the signed case link.
    private: env(
      'PRIVATE_CASE_URL',
      'https://www.comune.pisa.example/segnalazioni/privata/{token}'
    ),
    // The page where a citizen rates the work done; {token} is the single-use invitation token.
    rating: env('RATING_URL', 'https://www.comune.pisa.example/segnalazioni/valuta/{token}'),
    // The page of a survey answered by invitation; {slug} the survey's, {token} the single-use one.
    survey: env('SURVEY_URL', 'https://www.comune.pisa.example/questionari/{slug}?invito={token}'),
    admin: env('ADMIN_URL', 'http://localhost:1337/admin'),
    // Signs the private links (src/domain/private-link.ts); changing it revokes every link sent.
    secret: env('CASE_LINK_SECRET', env.array('APP_KEYS', ['devKeyA-change-me']).join(',')),
  },
  intake: {
    // GeoJSON Polygon of the municipality: a file named by CITY_BOUNDARY_FILE, else the demo city's.
    boundary: env('CITY_BOUNDARY_FILE', '')
      ? JSON.parse(
          fs.readFileSync(path.resolve(projectRoot, env('CITY_BOUNDARY_FILE', '')), 'utf8')
        )
      : demoBoundary,
    maxPhotos: env.int('INTAKE_MAX_PHOTOS', 5),
    maxPhotoBytes: env.int('INTAKE_MAX_PHOTO_BYTES', 10 * 1024 * 1024),
    // As FixMyStreet does: a report from an address never confirmed waits for the emailed link.
    confirmUnknownEmails: env.bool('INTAKE_CONFIRM_UNKNOWN_EMAILS', false),
  },
  emergency: {
    // Who is alerted when a citizen flags an emergency (comma-separated emails, optional webhook).
    emails: env.array('EMERGENCY_EMAILS', ['protezione.civile@comune.pisa.example']),
    webhookUrl: env('EMERGENCY_WEBHOOK_URL', ''),
    callNumber: env('EMERGENCY_CALL_NUMBER', '112'),
  },
  // Demo data is seeded on an empty database in development only, never in production.
  seedDemo: env.bool('SEED_DEMO', env('NODE_ENV', 'development') === 'development'),
  devAdmin: {
    email: env('DEV_ADMIN_EMAIL', 'admin@benecomune.local'),
    password: env('DEV_ADMIN_PASSWORD', 'BeneComune2026!'),
    firstname: env('DEV_ADMIN_FIRSTNAME', 'Admin'),
    lastname: env('DEV_ADMIN_LASTNAME', 'URP'),
  },
  triage: {
    recurrenceDays: env.int('TRIAGE_RECURRENCE_DAYS', 180),
    emergencyRealertMinutes: env.int('EMERGENCY_REALERT_MINUTES', 30),
    emergencyMaxRealerts: env.int('EMERGENCY_MAX_REALERTS', 3),
    notifyAssignees: env.bool('TRIAGE_NOTIFY_ASSIGNEES', true),
    // Reporter reputation (src/domain/reputation.ts): a Bayesian average with a neutral prior.
    reputation: {
      prior: env.float('REPUTATION_PRIOR', 0.5),
      priorWeight: env.float('REPUTATION_PRIOR_WEIGHT', 5),
      flagBelow: env.float('REPUTATION_FLAG_BELOW', 0.3),
      flagAfterReports: env.int('REPUTATION_FLAG_AFTER_REPORTS', 5),
      recogniseFrom: env.float('REPUTATION_RECOGNISE_FROM', 0.8),
    },
  },
  consoleMap: {
    // The console map (GET /urp-console/map) groups cases into grid clusters below this zoom, or
    // when the visible box holds more cases than maxPoints; otherwise it sends them one by one.
    clusterBelowZoom: env.int('CONSOLE_MAP_CLUSTER_BELOW_ZOOM', 15),
    maxPoints: env.int('CONSOLE_MAP_MAX_POINTS', 500),
  },
  rateLimit: {
    // Intake attempts (POST /api/reports, /requests, /complaints) per client IP and per contact
    // email in a fixed window; shared by all instances on PostgreSQL (src/lib/rate-limit.ts).
    enabled: env.bool('RATE_LIMIT_ENABLED', true),
    perIp: {
      points: env.int('RATE_LIMIT_IP_POINTS', 20),
      durationSeconds: env.int('RATE_LIMIT_IP_SECONDS', 3600),
    },
    perEmail: {
      points: env.int('RATE_LIMIT_EMAIL_POINTS', 10),
      durationSeconds: env.int('RATE_LIMIT_EMAIL_SECONDS', 3600),
    },
  },
  channelRatings: {
    // Counters and channels citizens rate with an emoticon (POST /api/channel-ratings): stable keys
    // the website and the counters' tablets send; a key removed here leaves the public summary.
    channels: env
      .array('RATING_CHANNELS', ['counter_urp', 'counter_registry', 'phone', 'web', 'app'])
      .map((key) => key.trim())
      .filter(Boolean),
  },
  map: {
    // The console's base map (Leaflet URL template; {s} subdomains allowed): its host is added to
    // the admin's Content Security Policy (config/middlewares.ts). Centre and zoom of a new map.
    tileUrl: env('MAP_TILE_URL', DEFAULT_TILE_URL),
    attribution: env('MAP_ATTRIBUTION', DEFAULT_ATTRIBUTION),
    center: {
      latitude: env.float('MAP_CENTER_LATITUDE', 43.7167),
      longitude: env.float('MAP_CENTER_LONGITUDE', 10.4),
    },
    zoom: env.int('MAP_ZOOM', 13),
  },
});
