/**
 * Citizens' cases: filing a report, request or complaint, "me too", the public map and tracking
 * page, the private page opened by the signed link, and the rating link of the follow-up.
 */
import {
  complaintIntakeSchema,
  reportIntakeSchema,
  requestIntakeSchema,
  supportSchema,
} from '../intake-schema';
import { MAP_STATES } from '../public-views';
import {
  data,
  errors,
  fromZod,
  json,
  jsonOrMultipart,
  localeParam,
  pathParam,
  queryParam,
  ref,
  type Area,
  type Operation,
} from './common';

const INTAKE_TEXT =
  'Only the fields listed are accepted: any other key is refused (400) by name. The honeypot `website` must stay empty. Limited per client IP and per contact email (429). A signed-in citizen (users-permissions JWT) files as themselves.';

function intake(
  kind: 'report' | 'request' | 'complaint',
  body: Record<string, unknown>
): Operation {
  const photos = kind === 'report';
  return {
    'x-strapi-action': `api::${kind}.${kind}.intake`,
    summary: `File a ${kind}`,
    description: photos
      ? `${INTAKE_TEXT} Photos go in a multipart form (any file field name) with the JSON in \`data\`; they are re-encoded without EXIF, and a photo's GPS position may give the report's position.`
      : INTAKE_TEXT,
    tags: ['Cases'],
    requestBody: photos
      ? jsonOrMultipart(body, 'photos', 'JPEG, PNG, WebP or HEIC photos.')
      : { required: true, content: { 'application/json': { schema: body } } },
    responses: {
      '201': json('Filed: the reference code and what happens next.', data(ref('IntakeResult'))),
      ...errors(400, 403, ...(photos ? [413, 415] : []), 422, 429),
    },
  };
}

const codeParam = pathParam('code', 'The reference code.', 'SEG-2026-000123');
const tokenParam = pathParam('token', 'The token of the link in the email.');

const position = {
  type: 'object',
  description: 'Rounded to about 100 m.',
  properties: { latitude: { type: 'number' }, longitude: { type: 'number' } },
};

const nameAndSlug = {
  type: ['object', 'null'],
  properties: { name: { type: 'string' }, slug: { type: 'string' } },
};

export const cases: Area = {
  tag: {
    name: 'Cases',
    description:
      'Reports, requests and complaints from citizens. Public answers never hold the citizen, internal notes or staff fields.',
  },
  paths: {
    '/api/reports': { post: intake('report', fromZod(reportIntakeSchema)) },
    '/api/requests': { post: intake('request', fromZod(requestIntakeSchema)) },
    '/api/complaints': { post: intake('complaint', fromZod(complaintIntakeSchema)) },
    '/api/reports/{code}/support': {
      post: {
        'x-strapi-action': 'api::report.report.support',
        summary: '"Me too": support a report already on the map',
        description:
          "Once per contact email: 201 the first time, 200 with `alreadySupporting` after. A duplicate's code supports its master.",
        tags: ['Cases'],
        parameters: [codeParam],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: fromZod(supportSchema) } },
        },
        responses: {
          '201': json('Supported.', data(ref('SupportResult'))),
          '200': json('Already supported by this address.', data(ref('SupportResult'))),
          ...errors(400, 403, 404, 409, 429),
        },
      },
    },
    '/api/reports/map': {
      get: {
        'x-strapi-action': 'api::report.report.map',
        summary: 'Public reports in a bounding box (GeoJSON)',
        tags: ['Cases'],
        parameters: [
          queryParam(
            'bbox',
            'minLon,minLat,maxLon,maxLat',
            { type: 'string', example: '10.38,43.70,10.42,43.73' },
            true
          ),
          queryParam('status', 'Comma-separated states (also accepted as `state`).', {
            type: 'string',
            example: 'received,in_progress',
          }),
          queryParam('state', 'Same as `status`.', { type: 'string' }),
          queryParam('topic', 'A topic code.', { type: 'string' }),
          queryParam('page', 'From 1.', { type: 'integer', minimum: 1, default: 1 }),
          queryParam('pageSize', 'At most 500.', {
            type: 'integer',
            minimum: 1,
            maximum: 500,
            default: 200,
          }),
        ],
        responses: {
          '200': json(
            'Newest first; `meta.hasMore` tells whether another page follows.',
            ref('ReportMap')
          ),
          ...errors(400),
        },
      },
    },
    '/api/track/{code}': {
      get: {
        'x-strapi-action': 'api::track.track.show',
        summary: 'The public page of a case',
        tags: ['Cases'],
        parameters: [codeParam, localeParam],
        responses: {
          '200': json('The case as the public sees it.', data(ref('TrackedCase'))),
          ...errors(404),
        },
      },
    },
    '/api/private/{token}': {
      get: {
        'x-strapi-action': 'api::private-case.private-case.show',
        summary: "The citizen's private page of a case (signed link)",
        description:
          'The public page plus the conversation with the office. Never the identity: links get forwarded.',
        tags: ['Cases'],
        parameters: [tokenParam, localeParam],
        responses: {
          '200': json('The case and the conversation.', data(ref('PrivateCase'))),
          ...errors(404),
        },
      },
    },
    '/api/private/{token}/replies': {
      post: {
        'x-strapi-action': 'api::private-case.private-case.reply',
        summary: 'Reply to the office (resumes a suspended request or complaint)',
        tags: ['Cases'],
        parameters: [tokenParam],
        requestBody: jsonOrMultipart(
          {
            type: 'object',
            properties: {
              message: { type: 'string', maxLength: 4000 },
              website: { type: 'string', description: 'Honeypot: leave empty.' },
            },
          },
          'photos',
          'Photos (reports only).'
        ),
        responses: {
          '201': json('Sent.', data(ref('ReplyResult'))),
          ...errors(400, 404, 409, 413, 415, 429),
        },
      },
    },
    '/api/private/{token}/confirm': {
      post: {
        'x-strapi-action': 'api::private-case.private-case.confirm',
        summary: 'Confirm a report sent from an address never confirmed',
        tags: ['Cases'],
        parameters: [tokenParam],
        responses: {
          '200': json(
            'Confirmed (confirming twice changes nothing).',
            data({
              type: 'object',
              properties: { code: { type: 'string' }, confirmed: { type: 'boolean', const: true } },
            })
          ),
          ...errors(404),
        },
      },
    },
    '/api/ratings/{token}': {
      get: {
        'x-strapi-action': 'api::rating-invitation.rating-invitation.show',
        summary: 'Whether the single-use rating link can still rate its case',
        tags: ['Cases'],
        parameters: [tokenParam],
        responses: {
          '200': json('The case and the link state.', data(ref('RatingView'))),
          ...errors(404),
        },
      },
      post: {
        'x-strapi-action': 'api::rating-invitation.rating-invitation.rate',
        summary: 'Rate the work done on a case (the link works once)',
        tags: ['Cases'],
        parameters: [tokenParam],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['score'],
                properties: {
                  score: { type: 'integer', minimum: 1, maximum: 5 },
                  comment: { type: 'string', maxLength: 2000 },
                },
              },
            },
          },
        },
        responses: {
          '201': json(
            'Rated.',
            data({
              type: 'object',
              properties: { code: { type: 'string' }, score: { type: 'integer' } },
            })
          ),
          ...errors(400, 404, 409, 410),
        },
      },
    },
  },
  schemas: {
    IntakeResult: {
      type: 'object',
      required: ['code', 'kind', 'state', 'receivedAt', 'trackingUrl'],
      properties: {
        code: { type: 'string', example: 'SEG-2026-000123' },
        kind: { type: 'string', enum: ['report', 'request', 'complaint'] },
        state: { type: 'string' },
        receivedAt: { type: 'string', format: 'date-time' },
        dueAt: { type: ['string', 'null'], format: 'date-time' },
        trackingUrl: { type: 'string' },
        position: { ...position, type: ['object', 'null'] },
        emergency: {
          type: 'object',
          properties: {
            alertSent: { type: 'boolean' },
            callNumber: { type: 'string' },
            message: { type: 'string' },
          },
        },
        confirmation: {
          type: 'object',
          description: 'The report waits until its author opens the emailed link.',
          properties: { required: { type: 'boolean', const: true }, message: { type: 'string' } },
        },
        duplicateOf: {
          type: 'object',
          description: 'The problem was already reported: this report joined that case.',
          properties: { code: { type: 'string' }, message: { type: 'string' } },
        },
      },
    },
    SupportResult: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        reporters: { type: 'integer', description: 'Citizens behind the report now.' },
        alreadySupporting: { type: 'boolean' },
        trackingUrl: { type: 'string' },
        message: { type: 'string' },
      },
    },
    ReportMap: {
      type: 'object',
      required: ['type', 'features', 'meta'],
      properties: {
        type: { type: 'string', const: 'FeatureCollection' },
        features: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              type: { type: 'string', const: 'Feature' },
              geometry: {
                type: 'object',
                properties: {
                  type: { type: 'string', const: 'Point' },
                  coordinates: {
                    type: 'array',
                    items: { type: 'number' },
                    description: '[longitude, latitude], rounded to about 100 m.',
                  },
                },
              },
              properties: {
                type: 'object',
                properties: {
                  code: { type: 'string' },
                  state: { type: 'string', enum: MAP_STATES },
                  topic: { type: ['string', 'null'], description: 'The topic code.' },
                  receivedAt: { type: 'string', format: 'date-time' },
                  reporters: { type: 'integer' },
                },
              },
            },
          },
        },
        meta: {
          type: 'object',
          properties: {
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            hasMore: { type: 'boolean' },
          },
        },
      },
    },
    TrackedCase: {
      type: 'object',
      required: ['code', 'kind', 'state', 'timeline'],
      properties: {
        code: { type: 'string' },
        kind: { type: 'string', enum: ['report', 'request', 'complaint'] },
        state: { type: 'string' },
        topic: nameAndSlug,
        office: nameAndSlug,
        receivedAt: { type: 'string', format: 'date-time' },
        dueAt: { type: ['string', 'null'], format: 'date-time' },
        resolvedAt: { type: ['string', 'null'], format: 'date-time' },
        closedAt: { type: ['string', 'null'], format: 'date-time' },
        timeline: {
          type: 'array',
          description: 'Public events only.',
          items: {
            type: 'object',
            properties: {
              type: { type: 'string' },
              from: { type: ['string', 'null'] },
              to: { type: ['string', 'null'] },
              text: {
                type: ['string', 'null'],
                description: "The office's messages to the citizen.",
              },
              at: { type: 'string', format: 'date-time' },
            },
          },
        },
        description: { type: 'string', description: 'Reports: the text shown to the public.' },
        position: { ...position, type: ['object', 'null'] },
        photos: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              url: { type: 'string' },
              width: { type: ['integer', 'null'] },
              height: { type: ['integer', 'null'] },
              small: { type: 'string' },
            },
          },
        },
        reporters: { type: 'integer' },
        duplicateOf: { type: ['string', 'null'], description: "The master report's code." },
        subject: { type: 'string', description: 'Requests and complaints.' },
        answer: { type: ['string', 'null'] },
        outcome: {
          type: ['string', 'null'],
          description: 'Complaints: upheld, partly_upheld, rejected.',
        },
      },
    },
    PrivateCase: {
      allOf: [
        ref('TrackedCase'),
        {
          type: 'object',
          properties: {
            awaitingConfirmation: { type: 'boolean' },
            awaitingReply: { type: 'boolean' },
            canReply: { type: 'boolean' },
            conversation: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  from: { type: 'string', enum: ['office', 'citizen'] },
                  text: { type: ['string', 'null'] },
                  at: { type: 'string', format: 'date-time' },
                },
              },
            },
          },
        },
      ],
    },
    ReplyResult: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        state: { type: 'string' },
        photos: { type: 'integer' },
        at: { type: 'string', format: 'date-time' },
      },
    },
    RatingView: {
      type: 'object',
      required: ['code', 'kind', 'canRate'],
      properties: {
        code: { type: 'string' },
        kind: { type: 'string', enum: ['report', 'request', 'complaint'] },
        canRate: { type: 'boolean' },
        reason: { type: 'string', enum: ['used', 'expired', 'reopened'] },
        expiresAt: { type: 'string', format: 'date-time' },
        score: { type: 'integer' },
      },
    },
  },
};
