/** Sends due outbox messages until none is left due (bounded per run). */
import type { Core } from '@strapi/strapi';
import { createDeliver } from '../lib/delivery';
import { dispatchDue, type DispatchResult } from '../lib/outbox';

const MAX_BATCHES_PER_RUN = 20;

export async function runOutboxDispatcher(strapi: Core.Strapi): Promise<DispatchResult> {
  const deliver = createDeliver(strapi);
  const total: DispatchResult = { sent: 0, failed: 0, dead: 0 };
  for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
    const batch = await dispatchDue(strapi, deliver);
    total.sent += batch.sent;
    total.failed += batch.failed;
    total.dead += batch.dead;
    if (batch.sent + batch.failed + batch.dead === 0) break;
  }
  if (total.failed || total.dead) strapi.log.warn(`outbox: ${JSON.stringify(total)}`);
  return total;
}
