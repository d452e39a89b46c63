import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { contentLocale } from '../../../lib/catalogue/locale';
import { officeTree } from '../../../lib/catalogue/office-tree';
import { answeringRefusals } from '../../../lib/page-ratings';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/offices/tree?locale= — roots with their children, each with its services count. */
  async show(ctx: Context) {
    await answeringRefusals(ctx, async () => {
      const locale = contentLocale(ctx.query.locale);
      ctx.body = { data: await officeTree(strapi, locale), meta: { locale } };
    });
  },
});
