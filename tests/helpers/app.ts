/**
 * The app's own modules as the running Strapi loaded them (compiled, from dist/), so state such as
 * the injected clock is shared with it; typed from the sources.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const appClock = require('../../dist/src/lib/clock') as typeof import('../../src/lib/clock');
export const appDemo = require('../../dist/src/seed/demo') as typeof import('../../src/seed/demo');
export const appOutbox =
  require('../../dist/src/lib/outbox') as typeof import('../../src/lib/outbox');
export const appDelivery =
  require('../../dist/src/lib/delivery') as typeof import('../../src/lib/delivery');
export const appActor = require('../../dist/src/lib/actor') as typeof import('../../src/lib/actor');
export const appRateLimit =
  require('../../dist/src/lib/rate-limit') as typeof import('../../src/lib/rate-limit');
export const appJobs = require('../../dist/src/jobs') as typeof import('../../src/jobs');
export const appRunCoordinator =
  require('../../dist/src/jobs/run-coordinator') as typeof import('../../src/jobs/run-coordinator');
