import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sendReports, sendSchema, sendSurveys } from '../../../lib/open-data/http';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  reportsCsv: (ctx: Context) => sendReports(strapi, ctx, 'csv'),
  reportsGeojson: (ctx: Context) => sendReports(strapi, ctx, 'geojson'),
  surveysCsv: (ctx: Context) => sendSurveys(strapi, ctx, 'csv'),
  surveysJson: (ctx: Context) => sendSurveys(strapi, ctx, 'json'),
  schema: (ctx: Context) => sendSchema(ctx),
});
