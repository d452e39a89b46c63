/**
 * The public survey routes: the list (Strapi's own, with its filters, populate and locale), a
 * published survey by its slug in the asked locale, and the answers to it
 * (src/lib/surveys/public-survey.ts). Surveys are written in the admin only.
 */
import { publishedOnly } from '../../../lib/published-only';

export default {
  routes: [
    {
      method: 'GET',
      path: '/surveys',
      handler: 'survey.find',
      config: { policies: [], middlewares: [publishedOnly] },
    },
    { method: 'GET', path: '/surveys/:slug', handler: 'survey.show', config: { policies: [] } },
    {
      method: 'POST',
      path: '/surveys/:slug/responses',
      handler: 'survey.respond',
      config: { policies: [] },
    },
  ],
};
