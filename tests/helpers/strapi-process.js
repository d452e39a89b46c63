/**
 * A second BeneComune process for tests/integration/deadlines-concurrency.test.ts, started with
 * child_process.fork by tests/helpers/second-process.ts. It boots the compiled app from dist/ on
 * the run's database (the DATABASE_*, SMTP_* and NODE_ENV it inherits: its own connection pool, its
 * own lease coordinator), runs on a fixed clock, and takes commands over the IPC channel:
 *
 *   { id, cmd: 'fire', job, slot, now, startAt }       fireJob through this process's coordinator
 *   { id, cmd: 'sweep', now, batchSize, startAt, holdAt }
 *                                                      runDeadlineSweep, no coordinator
 *   { id, cmd: 'dispatch', now, limit, lanes, startAt }  sends due outbox messages until none is
 *                                                      left, `lanes` dispatchers side by side
 *   { id, cmd: 'stop' }                                destroys Strapi and exits
 *
 * and answers { id, ok: true, result } or { id, ok: false, error }. `startAt` (epoch ms, wall
 * clock) is a start line shared with the test process, so both runners begin at the same instant.
 * `holdAt: { codes, event }` stops the sweep right after the batch holding the event-th case event
 * of those cases has written its events, inside the batch's transaction, and reports { type: 'holding', code }: the crash
 * test then kills the process there, in the middle of a batch (the process never resumes).
 * The clock starts at BC_TEST_NOW, an environment variable read only here: the app has no such
 * switch; this script injects the time through the app's own useClock().
 */
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const dist = (file) => require(path.join(root, 'dist', file));

const { createStrapi } = require('@strapi/strapi');
const { fixedClock } = dist('src/domain/clock');
const appClock = dist('src/lib/clock');
const { fireJob } = dist('src/jobs');
const { runDeadlineSweep } = dist('src/lib/deadlines/sweep');
const { dispatchDue } = dist('src/lib/outbox');
const { createDeliver } = dist('src/lib/delivery');
const caseEvents = dist('src/lib/case-events');

const clock = fixedClock(process.env.BC_TEST_NOW || new Date().toISOString());
appClock.useClock(clock);

/** Where a sweep stops and waits to be killed (see holdAt above). */
let hold = null;
const insertCaseEvents = caseEvents.insertCaseEvents;
// The compiled sweep calls it as a property of this module's exports, so it calls this wrapper.
// The sweep writes a batch's events together, after its cases' updates and before its emails.
caseEvents.insertCaseEvents = async (app, kind, items) => {
  await insertCaseEvents(app, kind, items);
  if (!hold) return;
  for (const item of items) {
    if (!hold.codes.has(item.code) || ++hold.seen !== hold.event) continue;
    hold = null;
    process.send({ type: 'holding', code: item.code });
    await new Promise(() => undefined); // the batch's transaction stays open until the kill
  }
};

const untilStartLine = (startAt) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, (startAt || 0) - Date.now())));

async function dispatchAll(app, limit) {
  const deliver = createDeliver(app);
  let sent = 0;
  for (;;) {
    const batch = await dispatchDue(app, deliver, { limit });
    sent += batch.sent;
    if (batch.failed || batch.dead) throw new Error(`outbox: ${JSON.stringify(batch)}`);
    if (batch.sent === 0) return sent;
  }
}

async function main() {
  const app = createStrapi({
    appDir: root,
    distDir: path.join(root, 'dist'),
    serveAdminPanel: false,
  });
  await app.load();

  const commands = {
    async fire({ job, slot, now, startAt }) {
      clock.set(now);
      await untilStartLine(startAt);
      const outcome = await fireJob(app, job, new Date(slot));
      return {
        elected: outcome.elected,
        result: outcome.result,
        error: outcome.error ? String(outcome.error) : undefined,
      };
    },
    async sweep({ now, batchSize, startAt, holdAt }) {
      clock.set(now);
      hold = holdAt ? { codes: new Set(holdAt.codes), event: holdAt.event, seen: 0 } : null;
      await untilStartLine(startAt);
      return runDeadlineSweep(app, { batchSize });
    },
    async dispatch({ now, limit, lanes, startAt }) {
      clock.set(now);
      await untilStartLine(startAt);
      const sent = await Promise.all(
        Array.from({ length: lanes || 1 }, () => dispatchAll(app, limit || 50))
      );
      return sent.reduce((a, b) => a + b, 0);
    },
    async stop() {
      await app.destroy();
      return null;
    },
  };

  process.on('message', (message) => {
    const command = commands[message.cmd];
    const answer = command
      ? command(message)
      : Promise.reject(new Error(`unknown command ${message.cmd}`));
    const exitAfter = message.cmd === 'stop' ? () => process.exit(0) : undefined;
    answer.then(
      (result) => process.send({ id: message.id, ok: true, result }, exitAfter),
      (error) => {
        const text = String((error && error.stack) || error);
        process.send({ id: message.id, ok: false, error: text }, exitAfter);
      }
    );
  });
  // The test process went away without a stop: do not outlive it.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', pid: process.pid });
}

main().catch((error) => {
  process.stderr.write(`strapi-process: ${(error && error.stack) || error}\n`);
  process.exit(1);
});
