import fs from 'fs';
import path from 'path';
import { boundary as demoBoundary } from '../src/seed/data/places';
import type { Core } from '@strapi/strapi';

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
    // Scheduled jobs run in every instance; each is safe to run concurrently (see src/jobs).
    enabled: env.bool('JOBS_ENABLED', env('NODE_ENV') !== 'test'),
    outboxCron: env('OUTBOX_CRON', '*/1 * * * *'),
    // Priority refresh (scores whose service-level step changed) and emergency re-alerts.
    triageCron: env('TRIAGE_CRON', '*/5 * * * *'),
  },
  outbox: {
    // Send right after the transaction that queued a message commits, not only on the next cron fire.
    dispatchOnCommit: env.bool('OUTBOX_DISPATCH_ON_COMMIT', env('NODE_ENV') !== 'test'),
  },
  links: {
    // The city website's public page of a case; {code} is replaced by the reference code.
    tracking: env('TRACKING_URL', 'https://www.comune.pisa.example/segnalazioni/{code}'),
    // The citizen's private page (reply, add details, confirm); {token} is the signed case link.
    private: env(
      'PRIVATE_CASE_URL',
      'https://www.comune.pisa.example/segnalazioni/privata/{token}'
    ),
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
});
