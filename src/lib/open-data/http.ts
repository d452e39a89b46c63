/**
 * The open data endpoints' answers (src/api/open-data): parameters checked with a 400 naming the
 * field, files sent as downloads named after their period, cached for an hour by browsers and
 * proxies (the portal harvests them; a past period does not change, the current one slowly).
 */
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { toIsoDate } from '../../domain/calendar';
import { checkPeriod, columnNames, REPORT_COLUMNS, rowCells } from '../../domain/open-data';
import { openDataSchema } from '../../domain/open-data-doc';
import { checkSurveyYear, MIN_ANSWERS, SURVEY_COLUMNS } from '../../domain/open-data-surveys';
import { clock } from '../clock';
import { csvDocument } from '../csv';
import { sendError } from '../http-errors';
import { cityCalendar } from '../settings';
import { publicReportRows, topicKeyOfCode } from './reports';
import { surveyExport } from './surveys';
import { csvChunks, geoJsonChunks } from './writers';

export const CACHE_CONTROL = 'public, max-age=3600';

const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;
type Format = keyof typeof MEDIA_TYPES;

function download(ctx: Context, format: Format, fileName: string, body: string | Readable) {
  ctx.set('Cache-Control', CACHE_CONTROL);
  ctx.set('Content-Disposition', `attachment; filename="${fileName}.${format}"`);
  ctx.type = MEDIA_TYPES[format];
  ctx.body = body;
}

const TOPIC_CODE = /^[A-Za-z0-9_.-]{1,60}$/;

/** GET /api/open-data/reports.csv and .geojson. */
export async function sendReports(strapi: Core.Strapi, ctx: Context, format: 'csv' | 'geojson') {
  const calendar = cityCalendar(strapi);
  const check = checkPeriod(ctx.query, calendar.localDate(clock.now()));
  if (!check.ok) return sendError(ctx, 400, check.message, check.field);
  const { topic } = ctx.query;
  let topicKey: string | null = null;
  if (topic !== undefined) {
    if (typeof topic !== 'string' || !TOPIC_CODE.test(topic)) {
      return sendError(ctx, 400, 'topic must be the code of a topic', 'topic');
    }
    topicKey = await topicKeyOfCode(strapi, topic);
    if (!topicKey) return sendError(ctx, 400, 'No published topic has this code.', 'topic');
  }
  const from = toIsoDate(check.period.from);
  const to = toIsoDate(check.period.to);
  const rows = publicReportRows(strapi, {
    start: calendar.startOfDay(check.period.from),
    end: calendar.endOfDay(check.period.to),
    topicKey,
  });
  const chunks =
    format === 'csv' ? csvChunks(REPORT_COLUMNS, rows) : geoJsonChunks(rows, { from, to });
  const name = ['reports', from, to, ...(typeof topic === 'string' ? [topic] : [])].join('_');
  download(ctx, format, name, Readable.from(chunks, { objectMode: false }));
}

/** GET /api/open-data/surveys.csv and .json. */
export async function sendSurveys(strapi: Core.Strapi, ctx: Context, format: 'csv' | 'json') {
  const today = cityCalendar(strapi).localDate(clock.now());
  const check = checkSurveyYear(ctx.query.year, today.year);
  if (!check.ok) return sendError(ctx, 400, check.message, check.field);
  const { rows, surveysSuppressed, questionsSuppressed } = await surveyExport(strapi, check.year);
  const body =
    format === 'csv'
      ? csvDocument(
          columnNames(SURVEY_COLUMNS),
          rows.map((r) => rowCells(SURVEY_COLUMNS, r))
        )
      : JSON.stringify({
          data: rows,
          meta: {
            year: check.year,
            minimumAnswers: MIN_ANSWERS,
            surveysSuppressed,
            questionsSuppressed,
          },
        });
  download(ctx, format, `surveys_${check.year}`, body);
}

/** GET /api/open-data/schema. */
export function sendSchema(ctx: Context) {
  ctx.set('Cache-Control', CACHE_CONTROL);
  ctx.body = { data: openDataSchema() };
}
