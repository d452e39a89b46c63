/** Citizens are matched by email, case-insensitively: store it lower-cased and trimmed. */
import type { Core } from '@strapi/strapi';

const CITIZEN_UID = 'api::citizen.citizen';
/** The advisory lock namespace of citizen emails ("BC" + 1). */
const CITIZEN_EMAIL_LOCK = 0x4243_0001;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function registerCitizenWrites(strapi: Core.Strapi): void {
  strapi.documents.use((async (
    ctx: { uid: string; action: string; params: { data?: Record<string, unknown> } },
    next: () => Promise<unknown>
  ) => {
    if (ctx.uid === CITIZEN_UID && ['create', 'update'].includes(ctx.action)) {
      const data = ctx.params.data;
      if (data && typeof data.email === 'string') data.email = normaliseEmail(data.email);
    }
    return next();
  }) as unknown as Parameters<Core.Strapi['documents']['use']>[0]);
}

/**
 * Serialises first contacts with the same email inside the caller's transaction (PostgreSQL: a
 * transaction-scoped advisory lock), so two concurrent intakes cannot both find no citizen and
 * both insert one (the second would hit bc_citizens_email_uq). SQLite runs one writer at a time.
 */
export async function lockCitizenEmail(strapi: Core.Strapi, email: string): Promise<void> {
  if (strapi.db.dialect.client !== 'postgres') return;
  await strapi.db.transaction(({ trx }) =>
    trx.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [CITIZEN_EMAIL_LOCK, email])
  );
}
