/**
 * Bulk synthetic data for benchmarks:  npm run seed -- --reports 1000000 [--requests N]
 * [--complaints N] [--citizens N] [--no-events] [--seed 42]. Uses the configured database (set
 * DATABASE_URL for PostgreSQL). Seeds the demo catalogue first when the database has none.
 * Refuses to run with NODE_ENV=production.
 */
import path from 'path';
import { createStrapi } from '@strapi/strapi';
import { parseArgs } from 'node:util';

async function main() {
  const { values } = parseArgs({
    options: {
      reports: { type: 'string', default: '0' },
      requests: { type: 'string', default: '0' },
      complaints: { type: 'string', default: '0' },
      citizens: { type: 'string' },
      'no-events': { type: 'boolean', default: false },
      seed: { type: 'string', default: '42' },
      'days-back': { type: 'string', default: '365' },
    },
  });
  if (process.env.NODE_ENV === 'production')
    throw new Error('npm run seed never runs in production');
  const counts = {
    report: Number(values.reports),
    request: Number(values.requests),
    complaint: Number(values.complaints),
  };
  for (const [kind, n] of Object.entries(counts)) {
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`--${kind}s must be a whole number, got ${n}`);
  }
  const total = counts.report + counts.request + counts.complaint;
  process.env.SEED_DEMO = 'false';
  // A bulk seed is not a running city: no scheduled job may act on the rows as they are written.
  process.env.JOBS_ENABLED = 'false';

  const root = path.resolve(__dirname, '..', '..');
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist') }).load();
  // Loaded after Strapi so they share its module instances.
  const { seedCatalogue } = await import('../src/seed/catalogue');
  const { loadRefs } = await import('../src/seed/demo');
  const { generateCases, insertCitizens } = await import('../src/seed/bulk-cases');
  const { cityCalendar } = await import('../src/lib/settings');
  const { deadlinePolicy } = await import('../src/lib/deadlines/policy');
  const { clock } = await import('../src/lib/clock');

  try {
    const started = Date.now();
    if ((await strapi.db.query('api::office.office').count()) === 0) await seedCatalogue(strapi);
    const citizens = Number(values.citizens ?? Math.max(1000, Math.ceil(total / 20)));
    const citizenIds = await insertCitizens(strapi, citizens, clock.now());
    const refs = await loadRefs(strapi);
    let last = Date.now();
    await generateCases(strapi, citizenIds, {
      counts,
      now: clock.now(),
      daysBack: Number(values['days-back']),
      calendar: cityCalendar(strapi),
      policy: deadlinePolicy(strapi),
      seed: Number(values.seed),
      withEvents: !values['no-events'],
      ...refs,
      onProgress: (kind, done, of) => {
        if (Date.now() - last > 5000 || done === of) {
          last = Date.now();
          console.log(`${kind}: ${done}/${of} (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      },
    });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `Seeded ${citizens} citizens and ${total} cases on ${strapi.db.dialect.client} in ${seconds.toFixed(1)} s ` +
        `(${Math.round(total / seconds)} cases/s)`
    );
  } finally {
    await strapi.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
