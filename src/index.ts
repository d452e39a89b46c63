import type { Core } from '@strapi/strapi';
import { ensureIndexes } from './database/indexes';
import { registerCaseWrites } from './lib/case-writes';
import { registerCitizenWrites } from './lib/citizen-writes';
import { registerSurveyDefinitionCheck } from './lib/surveys/definition';
import { hideStaffTypesFromGraphql } from './lib/graphql-exposure';
import { limitGraphqlComplexity } from './lib/graphql-complexity';
import { publishedOnlyInGraphql } from './lib/published-only';
import { assertProductionSecrets, ensureDevAdmin } from './lib/dev-admin';
import { ensureLocales } from './lib/locales';
import { ensureRolePermissions } from './lib/permissions';
import { ensureStaffRoles } from './lib/staff-roles';
import { registerStaffConditions, scopeContentManagerBulkReads } from './lib/staff-conditions';
import { ensureRateLimitTable } from './lib/rate-limit';
import { ensureSearchStatsTable } from './lib/catalogue/search-stats';
import { registerUniqueSlugs } from './lib/catalogue/unique-slugs';
import { ensureSearchVectorTables } from './lib/catalogue/search-vectors';
import { settings } from './lib/settings';
import { seedDemoIfEmpty } from './seed/demo';
import { startJobs, stopJobs } from './jobs';
import { ensureJobTables } from './jobs/run-coordinator';
import { runOutboxDispatcher } from './jobs/outbox-dispatcher';
import { onMessagesQueued } from './lib/outbox';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerCaseWrites(strapi);
    registerCitizenWrites(strapi);
    registerSurveyDefinitionCheck(strapi);
    registerUniqueSlugs(strapi);
    hideStaffTypesFromGraphql(strapi);
    limitGraphqlComplexity(strapi);
    publishedOnlyInGraphql(strapi);
    scopeContentManagerBulkReads(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSecrets(strapi);
    // After Strapi's schema sync: the tables exist now (see src/database/indexes.ts).
    await ensureIndexes(strapi.db.connection);
    await ensureRateLimitTable(strapi);
    await ensureSearchStatsTable(strapi);
    await ensureSearchVectorTables(strapi);
    // The scheduler's lease table, needed even with jobs off: fireJob and other instances use it.
    await ensureJobTables(strapi.db.connection, strapi.db.getSchemaName() || undefined);
    await ensureLocales(strapi);
    await ensureRolePermissions(strapi);
    // Conditions before the roles that name them (src/lib/staff-conditions.ts).
    await registerStaffConditions(strapi);
    await ensureStaffRoles(strapi);
    if (process.env.NODE_ENV !== 'production') {
      await ensureDevAdmin(strapi);
      if (settings(strapi).seedDemo) await seedDemoIfEmpty(strapi);
    }
    if (settings(strapi).outbox.dispatchOnCommit) {
      onMessagesQueued((app) => {
        runOutboxDispatcher(app).catch((e) => app.log.error(`outbox dispatch failed: ${e}`));
      });
    }
    startJobs(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    onMessagesQueued(null);
    await stopJobs(strapi);
  },
};
