/**
 * The outbox as tests need it. Suites share one database per run, so a suite that counts messages
 * first sets aside what earlier suites left queued (they may be more than one dispatcher batch).
 */
import type { Core } from '@strapi/strapi';
import { appDelivery, appOutbox } from './app';

/** Marks every queued message of earlier suites as dead, so none of them is sent from now on. */
export async function discardQueuedMessages(strapi: Core.Strapi): Promise<void> {
  await strapi.db.query(appOutbox.NOTIFICATION_UID).updateMany({
    where: { state: { $in: ['pending', 'failed'] } },
    data: { state: 'dead', lastError: 'discarded by a test suite', nextAttemptAt: null },
  });
}

/** Sends everything due, however many batches it takes; returns how many were sent. */
export async function dispatchAll(strapi: Core.Strapi): Promise<number> {
  const deliver = appDelivery.createDeliver(strapi);
  let total = 0;
  for (;;) {
    const { sent, failed, dead } = await appOutbox.dispatchDue(strapi, deliver, { limit: 500 });
    total += sent;
    if (sent + failed + dead === 0) return total;
  }
}
