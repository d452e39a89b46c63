import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: '127.0.0.1',
  port: env.int('PORT', 0),
  app: { keys: ['testKeyA', 'testKeyB'] },
  logger: { updates: { enabled: false }, startup: { enabled: false } },
  cron: { enabled: false },
});
