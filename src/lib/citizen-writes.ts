/** Citizens are matched by email, case-insensitively: store it lower-cased and trimmed. */
import type { Core } from '@strapi/strapi';

const CITIZEN_UID = 'api::citizen.citizen';

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
