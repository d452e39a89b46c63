/**
 * Open311 GeoReport v2 (src/lib/open311), as clients call it at /open311/v2/... (the routes are
 * also served under /api, which is how Strapi registers them and how they are listed here). Only
 * the public reads are described: the writes (POST requests, POST servicerequestupdates) take an
 * api_key and are documented in docs/ with the spec they follow.
 */
import { MAX_RESULTS, MAX_WINDOW_DAYS } from '../../domain/open311/query';
import { pathParam, queryParam, ref, type Area, type Operation, type Schema } from './common';

// Named without a link: the docs page is self-contained (no outgoing URL).
const SPEC = 'wiki.open311.org, GeoReport_v2';
const TAG = 'Open311';

const format = {
  name: 'format',
  in: 'path',
  required: true,
  description: 'The answer format: `json` or `xml` (XML has elements only, no attributes).',
  schema: { type: 'string', enum: ['json', 'xml'] },
};

const jurisdiction = queryParam(
  'jurisdiction_id',
  'Optional; when given it must be this city’s (OPEN311_JURISDICTION), else 404.'
);

const dates = [
  queryParam('start_date', 'W3C date-time; with end_date at most 90 days apart.', {
    type: 'string',
  }),
  queryParam('end_date', `W3C date-time. Without dates: the last ${MAX_WINDOW_DAYS} days.`, {
    type: 'string',
  }),
];

const answer = (description: string, schema: Schema): Schema => ({
  description,
  content: {
    'application/json': { schema },
    'text/xml': { schema: { type: 'string', description: 'The same, as XML elements.' } },
  },
});

const errorList = (description: string): Schema => answer(description, ref('Open311Errors'));

const list = (item: string): Schema => ({ type: 'array', items: ref(item) });

const op = (
  action: string,
  summary: string,
  responses: Record<string, Schema>,
  parameters: Schema[] = []
): { get: Operation } => ({
  get: {
    'x-strapi-action': `api::open311.open311.${action}`,
    summary,
    description: `GeoReport v2 (${SPEC}); served at /open311/v2/… as well.`,
    tags: [TAG],
    parameters: [format, jurisdiction, ...parameters],
    responses,
  },
});

const text = { type: 'string' };
const time = { type: 'string', description: 'W3C date-time, whole seconds, the city’s offset.' };

export const open311: Area = {
  tag: {
    name: TAG,
    description:
      'Open311 GeoReport v2 with mySociety’s service request updates, at /open311/v2 (JSON or XML by suffix); errors are `[{ code, description }]`.',
  },
  paths: {
    '/api/open311/v2/discovery.{format}': op('discovery', 'Discovery', {
      '200': answer('Endpoints and formats.', { type: 'object' }),
    }),
    '/api/open311/v2/services.{format}': op('services', 'The services (topics open to reports)', {
      '200': answer('The services.', list('Open311Service')),
    }),
    '/api/open311/v2/services/{code}.{format}': op(
      'serviceDefinition',
      'A service definition (its attributes)',
      {
        '200': answer('The definition.', ref('Open311ServiceDefinition')),
        '404': errorList('No such service.'),
      },
      [pathParam('code', 'The service_code (the topic’s code).')]
    ),
    '/api/open311/v2/requests.{format}': op(
      'requests',
      `Public service requests, newest first, at most ${MAX_RESULTS}`,
      {
        '200': answer('The requests.', list('Open311Request')),
        '400': errorList('A bad date, window or status.'),
      },
      [
        queryParam('service_request_id', 'Comma list of ids; overrides the other filters.'),
        queryParam('service_code', 'Comma list of service codes.'),
        queryParam('status', 'open, closed, or both as a comma list.'),
        ...dates,
      ]
    ),
    '/api/open311/v2/requests/{id}.{format}': op(
      'request',
      'One public service request (a one-element list)',
      {
        '200': answer('The request.', list('Open311Request')),
        '404': errorList('No such public request.'),
      },
      [pathParam('id', 'The reference code.', 'SEG-2026-000123')]
    ),
    '/api/open311/v2/tokens/{token}.{format}': op(
      'token',
      'The request id of a token (a report’s code; a duplicate names its master)',
      {
        '200': answer('The id.', list('Open311Token')),
        '404': errorList('No such token.'),
      },
      [pathParam('token', 'The token.')]
    ),
    '/api/open311/v2/servicerequestupdates.{format}': op(
      'updates',
      `Public status changes and messages of public reports (mySociety), at most ${MAX_RESULTS}`,
      {
        '200': answer('The updates, oldest first.', list('Open311Update')),
        '400': errorList('A bad date or window.'),
      },
      dates
    ),
  },
  schemas: {
    Open311Errors: {
      type: 'array',
      items: { type: 'object', properties: { code: { type: 'integer' }, description: text } },
    },
    Open311Token: {
      type: 'object',
      properties: {
        service_request_id: text,
        token: { type: 'string', description: 'A report’s code.' },
      },
    },
    Open311Service: {
      type: 'object',
      properties: {
        service_code: text,
        service_name: text,
        description: text,
        metadata: { type: 'boolean' },
        type: { type: 'string', enum: ['realtime'] },
        keywords: text,
        group: { type: 'string', description: 'The default office’s name.' },
      },
    },
    Open311ServiceDefinition: {
      type: 'object',
      properties: {
        service_code: text,
        attributes: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              variable: { type: 'boolean' },
              code: text,
              datatype: {
                type: 'string',
                enum: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'],
              },
              required: { type: 'boolean' },
              datatype_description: text,
              order: { type: 'integer' },
              description: text,
              values: {
                type: 'array',
                items: { type: 'object', properties: { key: text, name: text } },
              },
            },
          },
        },
      },
    },
    Open311Request: {
      type: 'object',
      properties: {
        service_request_id: text,
        status: { type: 'string', enum: ['open', 'closed'] },
        status_notes: text,
        service_name: text,
        service_code: text,
        description: text,
        agency_responsible: text,
        service_notice: text,
        requested_datetime: time,
        updated_datetime: time,
        expected_datetime: time,
        address: { type: 'string', description: 'Always empty: the address is not published.' },
        address_id: { type: 'string', description: 'Always empty.' },
        zipcode: text,
        lat: { type: ['number', 'null'], description: 'Rounded to about 100 m.' },
        long: { type: ['number', 'null'] },
        media_url: text,
      },
    },
    Open311Update: {
      type: 'object',
      properties: {
        update_id: text,
        service_request_id: text,
        status: {
          type: 'string',
          enum: [
            'open',
            'investigating',
            'action_scheduled',
            'in_progress',
            'fixed',
            'closed',
            'duplicate',
            'no_further_action',
          ],
        },
        updated_datetime: time,
        description: text,
        media_url: text,
      },
    },
  },
};
