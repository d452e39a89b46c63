/**
 * Anonymous ratings of service pages, website pages and channels (src/lib/page-ratings.ts), their
 * public aggregates, and the open data exports (src/lib/open-data).
 */
import {
  COMMENT_MAX_LENGTH,
  EMOTICONS,
  NEGATIVE_REASONS,
  PAGE_URL_MAX_LENGTH,
  POSITIVE_REASONS,
  RATING_LOCALES,
} from '../../domain/page-rating';
import { REPORT_COLUMNS } from '../../domain/open-data';
import { SURVEY_COLUMNS } from '../../domain/open-data-surveys';
import {
  data,
  errors,
  json,
  pathParam,
  queryParam,
  ref,
  type Area,
  type Operation,
  type Schema,
} from './common';

const counts = (keys: readonly (string | number)[], type: Schema = { type: 'integer' }) => ({
  type: 'object',
  properties: Object.fromEntries(keys.map((k) => [String(k), type])),
});

const starFields: Record<string, Schema> = {
  stars: { type: 'integer', minimum: 1, maximum: 5 },
  reasons: {
    type: 'array',
    uniqueItems: true,
    description: `With 1–3 stars: ${NEGATIVE_REASONS.join(', ')}. With 4–5: ${POSITIVE_REASONS.join(', ')}.`,
    items: { type: 'string', enum: [...new Set([...NEGATIVE_REASONS, ...POSITIVE_REASONS])] },
  },
  comment: {
    type: 'string',
    maxLength: COMMENT_MAX_LENGTH,
    description: 'Read by staff only, never published.',
  },
  locale: { type: 'string', enum: [...RATING_LOCALES] },
};

const periodParams = [
  queryParam('from', 'First local day (YYYY-MM-DD); with `to`. Default: the last 90 days.', {
    type: 'string',
    format: 'date',
  }),
  queryParam('to', 'Last local day (YYYY-MM-DD); at most 366 days after `from`.', {
    type: 'string',
    format: 'date',
  }),
];

const period = {
  type: 'object',
  properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } },
};

const rated = (properties: Record<string, Schema>) =>
  json('Recorded.', data({ type: 'object', properties }));

const columnType = (type: string): Schema =>
  type === 'integer'
    ? { type: ['integer', 'null'] }
    : type === 'number'
      ? { type: ['number', 'null'] }
      : type === 'date'
        ? { type: ['string', 'null'], format: 'date' }
        : { type: ['string', 'null'] };

const rowSchema = (
  columns: readonly { name: string; type: string; description: { en: string } }[]
): Schema => ({
  type: 'object',
  properties: Object.fromEntries(
    columns.map((c) => [c.name, { ...columnType(c.type), description: c.description.en }])
  ),
});

function download(
  action: string,
  summary: string,
  media: string,
  schema: Schema,
  params: Schema[]
) {
  const op: Operation = {
    'x-strapi-action': `api::open-data.open-data.${action}`,
    summary,
    description: 'A download (`Content-Disposition: attachment`), cached for an hour.',
    tags: ['Open data'],
    parameters: params,
    responses: {
      '200': {
        description: 'The file.',
        headers: {
          'Cache-Control': { schema: { type: 'string', example: 'public, max-age=3600' } },
        },
        content: { [media]: { schema } },
      },
      ...errors(400),
    },
  };
  return { get: op };
}

const reportPeriod = [
  queryParam('from', 'First local day (YYYY-MM-DD); with `to`. Default: the previous month.', {
    type: 'string',
    format: 'date',
  }),
  queryParam('to', 'Last local day (YYYY-MM-DD).', { type: 'string', format: 'date' }),
  queryParam('topic', 'A topic code.', { type: 'string' }),
];
const yearParam = [
  queryParam('year', 'A calendar year that has ended (YYYY). Default: last year.', {
    type: 'string',
    pattern: '^\\d{4}$',
  }),
];

const csv = (columns: readonly { name: string }[]): Schema => ({
  type: 'string',
  description: `CSV (UTF-8 with BOM, CRLF), columns: ${columns.map((c) => c.name).join(', ')}.`,
});

export const feedback: Area = {
  tag: {
    name: 'Ratings',
    description:
      'Anonymous ratings (no identity is stored; comments are read by staff only) and their aggregates.',
  },
  paths: {
    '/api/page-ratings/form': {
      get: {
        'x-strapi-action': 'api::page-rating.page-rating.form',
        summary: "The rating widgets' questions, option keys and labels",
        tags: ['Ratings'],
        parameters: [
          queryParam('locale', 'Language.', { type: 'string', enum: [...RATING_LOCALES] }),
        ],
        responses: { '200': json('The form.', data(ref('RatingForm'))), ...errors(400) },
      },
    },
    '/api/page-ratings': {
      post: {
        'x-strapi-action': 'api::page-rating.page-rating.ratePage',
        summary: 'Rate a page of the website (1–5 stars)',
        tags: ['Ratings'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['url', 'stars'],
                additionalProperties: false,
                properties: {
                  url: {
                    type: 'string',
                    maxLength: PAGE_URL_MAX_LENGTH,
                    description: 'The page (http(s) URL or path); only its path is kept.',
                  },
                  ...starFields,
                },
              },
            },
          },
        },
        responses: {
          '201': rated({ target: { type: 'string', const: 'page' }, stars: { type: 'integer' } }),
          ...errors(400, 429),
        },
      },
    },
    '/api/channel-ratings': {
      post: {
        'x-strapi-action': 'api::page-rating.page-rating.rateChannel',
        summary: 'Rate a counter or channel with an emoticon',
        tags: ['Ratings'],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['channel', 'emoticon'],
                additionalProperties: false,
                properties: {
                  channel: {
                    type: 'string',
                    description: 'One of the configured channels (see the form).',
                  },
                  emoticon: { type: 'string', enum: [...EMOTICONS] },
                  comment: starFields.comment,
                  locale: starFields.locale,
                },
              },
            },
          },
        },
        responses: {
          '201': rated({
            target: { type: 'string', const: 'channel' },
            channel: { type: 'string' },
            emoticon: { type: 'string', enum: [...EMOTICONS] },
          }),
          ...errors(400, 429),
        },
      },
    },
    '/api/channel-ratings/summary': {
      get: {
        'x-strapi-action': 'api::page-rating.page-rating.channelSummary',
        summary: 'Emoticon counts and shares per channel',
        tags: ['Ratings'],
        parameters: [queryParam('channel', 'One channel (default: all).'), ...periodParams],
        responses: {
          '200': json(
            'Counts over the period.',
            data({
              type: 'object',
              properties: {
                period,
                channel: { type: ['string', 'null'] },
                count: { type: 'integer' },
                counts: counts(EMOTICONS),
                shares: counts(EMOTICONS, { type: ['number', 'null'] }),
                channels: {
                  type: 'array',
                  items: {
                    allOf: [
                      { type: 'object', properties: { channel: { type: 'string' } } },
                      ref('EmoticonSummary'),
                    ],
                  },
                },
              },
            })
          ),
          ...errors(400),
        },
      },
    },
    '/api/services/{slug}/rating': {
      post: {
        'x-strapi-action': 'api::service.service-rating.rate',
        summary: 'Rate a service page (1–5 stars, reasons, comment)',
        tags: ['Ratings'],
        parameters: [pathParam('slug', "The service's slug.")],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['stars'],
                additionalProperties: false,
                properties: starFields,
              },
            },
          },
        },
        responses: {
          '201': rated({
            target: { type: 'string', const: 'service' },
            stars: { type: 'integer' },
          }),
          ...errors(400, 404, 429),
        },
      },
    },
    '/api/services/{slug}/ratings': {
      get: {
        'x-strapi-action': 'api::service.service-rating.summary',
        summary: "A service page's ratings: count, mean, distribution, reasons",
        tags: ['Ratings'],
        parameters: [pathParam('slug', "The service's slug."), ...periodParams],
        responses: {
          '200': json(
            'The aggregate over the period.',
            data({
              allOf: [
                {
                  type: 'object',
                  properties: {
                    service: {
                      type: 'object',
                      properties: { documentId: { type: 'string' }, slug: { type: 'string' } },
                    },
                    period,
                  },
                },
                ref('StarSummary'),
              ],
            })
          ),
          ...errors(400, 404),
        },
      },
    },
    '/api/open-data/reports.csv': download(
      'reportsCsv',
      'Anonymised reports of a period (CSV)',
      'text/csv',
      csv(REPORT_COLUMNS),
      reportPeriod
    ),
    '/api/open-data/reports.geojson': download(
      'reportsGeojson',
      'Anonymised reports of a period (GeoJSON, positions rounded)',
      'application/geo+json',
      {
        type: 'object',
        properties: {
          type: { type: 'string', const: 'FeatureCollection' },
          features: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                type: { type: 'string', const: 'Feature' },
                geometry: { type: ['object', 'null'] },
                properties: ref('OpenDataReport'),
              },
            },
          },
        },
      },
      reportPeriod
    ),
    '/api/open-data/surveys.csv': download(
      'surveysCsv',
      'Survey results of a year, per question (CSV)',
      'text/csv',
      csv(SURVEY_COLUMNS),
      yearParam
    ),
    '/api/open-data/surveys.json': download(
      'surveysJson',
      'Survey results of a year, per question (JSON)',
      'application/json',
      {
        type: 'object',
        properties: {
          data: { type: 'array', items: ref('OpenDataSurveyRow') },
          meta: {
            type: 'object',
            properties: {
              year: { type: 'integer' },
              minimumAnswers: { type: 'integer', description: 'Smaller groups are suppressed.' },
              surveysSuppressed: { type: 'integer' },
              questionsSuppressed: { type: 'integer' },
            },
          },
        },
      },
      yearParam
    ),
    '/api/open-data/schema': {
      get: {
        'x-strapi-action': 'api::open-data.open-data.schema',
        summary: 'The datasets: their columns, types, units and privacy notes',
        tags: ['Open data'],
        responses: {
          '200': json(
            'The description of the datasets.',
            data({
              type: 'object',
              properties: {
                datasets: { type: 'array', items: { type: 'object', additionalProperties: true } },
                privacy: { type: 'array', items: { type: 'object', additionalProperties: true } },
              },
            })
          ),
        },
      },
    },
  },
  schemas: {
    StarSummary: {
      type: 'object',
      properties: {
        count: { type: 'integer' },
        mean: { type: ['number', 'null'] },
        distribution: counts([1, 2, 3, 4, 5]),
        reasons: {
          type: 'object',
          properties: {
            difficulties: counts(NEGATIVE_REASONS),
            preferred: counts(POSITIVE_REASONS),
          },
        },
      },
    },
    EmoticonSummary: {
      type: 'object',
      properties: {
        count: { type: 'integer' },
        counts: counts(EMOTICONS),
        shares: counts(EMOTICONS, { type: ['number', 'null'] }),
      },
    },
    RatingForm: {
      type: 'object',
      description: 'Questions and labels in the asked language, with the option keys to send.',
      properties: {
        locale: { type: 'string' },
        stars: { type: 'object' },
        difficulties: { type: 'object' },
        preferred: { type: 'object' },
        comment: { type: 'object' },
        thanks: { type: 'string' },
        emoticon: { type: 'object' },
        channels: { type: 'array', items: { type: 'string' } },
      },
    },
    OpenDataReport: rowSchema(REPORT_COLUMNS),
    OpenDataSurveyRow: rowSchema(SURVEY_COLUMNS),
  },
};
