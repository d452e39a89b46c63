/** The published catalogue: services, offices, topics (Strapi's generic reads) and surveys. */
import officeSchema from '../../api/office/content-types/office/schema.json';
import serviceSchema from '../../api/service/content-types/service/schema.json';
import surveySchema from '../../api/survey/content-types/survey/schema.json';
import topicSchema from '../../api/topic/content-types/topic/schema.json';
import accessChannel from '../../components/shared/access-channel.json';
import contact from '../../components/shared/contact.json';
import documentLink from '../../components/shared/document-link.json';
import openingHours from '../../components/shared/opening-hours.json';
import surveyQuestion from '../../components/survey/question.json';
import topicAttribute from '../../components/topic/attribute.json';
import { STAFF_ONLY_TYPES } from '../graphql-exposure';
import { RESPONSE_CHANNELS } from '../surveys/public-survey';
import {
  data,
  documentSchema,
  errors,
  json,
  localeParam,
  pathParam,
  queryParam,
  ref,
  type Area,
  type Operation,
  type Schema,
} from './common';

const COMPONENTS: Record<string, { name: string; attributes: Record<string, unknown> }> = {
  'shared.access-channel': { name: 'AccessChannel', attributes: accessChannel.attributes },
  'shared.contact': { name: 'Contact', attributes: contact.attributes },
  'shared.document-link': { name: 'DocumentLink', attributes: documentLink.attributes },
  'shared.opening-hours': { name: 'OpeningHours', attributes: openingHours.attributes },
  'survey.question': { name: 'SurveyQuestion', attributes: surveyQuestion.attributes },
  'topic.attribute': { name: 'TopicAttribute', attributes: topicAttribute.attributes },
};

const componentRef = (uid: string) => COMPONENTS[uid]?.name ?? 'Component';
const derive = (attributes: Record<string, unknown>, document: boolean, description?: string) =>
  documentSchema(attributes as never, {
    hiddenTargets: STAFF_ONLY_TYPES,
    componentRef,
    document,
    description,
  });

const TYPES = [
  {
    uid: 'api::service.service',
    plural: 'services',
    name: 'Service',
    schema: serviceSchema,
    what: 'service cards of the catalogue',
  },
  {
    uid: 'api::office.office',
    plural: 'offices',
    name: 'Office',
    schema: officeSchema,
    what: 'offices of the organisation (their contacts and manager are public by law)',
  },
  {
    uid: 'api::topic.topic',
    plural: 'topics',
    name: 'Topic',
    schema: topicSchema,
    what: 'topics a report, request or complaint can be about (`code` is the Open311 service_code)',
  },
] as const;

const PAGINATION_META: Schema = {
  type: 'object',
  properties: {
    pagination: {
      type: 'object',
      properties: {
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
        pageCount: { type: 'integer' },
        total: { type: 'integer' },
      },
    },
  },
};

/** Strapi's query parameters of the generic `find` (bracket notation: `filters[slug][$eq]=x`). */
const FIND_PARAMS: Schema[] = [
  queryParam('filters', 'Strapi filters, e.g. `filters[slug][$eq]=anagrafe`.', { type: 'object' }),
  queryParam('populate', 'Relations and components to include, e.g. `populate=*`.', {
    type: 'string',
  }),
  queryParam('fields', 'Attributes to return, e.g. `fields[0]=title`.', {
    type: 'array',
    items: { type: 'string' },
  }),
  queryParam('sort', 'e.g. `sort=title:asc`.', { type: 'string' }),
  queryParam('pagination[page]', 'Page number (from 1).', { type: 'integer', minimum: 1 }),
  queryParam('pagination[pageSize]', 'Entries per page (default 25, at most 100).', {
    type: 'integer',
    minimum: 1,
    maximum: 100,
  }),
  localeParam,
  queryParam(
    'status',
    'Ignored for the public: always the published version (src/lib/published-only.ts).',
    { type: 'string', enum: ['published'] }
  ),
];

function genericReads(t: (typeof TYPES)[number]) {
  const find: Operation = {
    'x-strapi-action': `${t.uid}.find`,
    summary: `List the published ${t.what}`,
    tags: ['Catalogue'],
    parameters: FIND_PARAMS,
    responses: {
      '200': json(
        `Published ${t.plural}.`,
        data({ type: 'array', items: ref(t.name) }, { meta: PAGINATION_META })
      ),
      ...errors(400),
    },
  };
  const findOne: Operation = {
    'x-strapi-action': `${t.uid}.findOne`,
    summary: `One published ${t.name.toLowerCase()} by its documentId`,
    tags: ['Catalogue'],
    parameters: [
      pathParam('id', 'The documentId.'),
      ...FIND_PARAMS.filter((p) =>
        ['populate', 'fields', 'locale', 'status'].includes(String(p.name))
      ),
    ],
    responses: { '200': json(`The ${t.name.toLowerCase()}.`, data(ref(t.name))), ...errors(404) },
  };
  return {
    [`/api/${t.plural}`]: { get: find },
    [`/api/${t.plural}/{id}`]: { get: findOne },
  };
}

const slugParam = pathParam(
  'slug',
  "The survey's slug (in the asked locale).",
  'soddisfazione-urp'
);

export const catalogue: Area = {
  tag: {
    name: 'Catalogue',
    description:
      "Published content, read with Strapi's generic endpoints (and over GraphQL at /graphql). Drafts are never served.",
  },
  paths: {
    ...genericReads(TYPES[0]),
    ...genericReads(TYPES[1]),
    ...genericReads(TYPES[2]),
    '/api/offices/tree': {
      get: {
        'x-strapi-action': 'api::office.office-tree.show',
        summary: 'The whole published organisation as a tree, in one answer',
        description:
          'Roots (areas, and offices whose parent is not published) with their children, sorted by name; each office with the number of published services it is responsible for and the number in its whole subtree.',
        tags: ['Catalogue'],
        parameters: [localeParam],
        responses: {
          '200': json(
            'The tree.',
            data(
              { type: 'array', items: ref('OfficeTreeNode') },
              {
                meta: { type: 'object', properties: { locale: { type: 'string' } } },
              }
            )
          ),
          ...errors(400),
        },
      },
    },
    '/api/services/search': {
      get: {
        'x-strapi-action': 'api::service.service-search.search',
        summary: 'Search the catalogue',
        description:
          'Published services ranked for the query over title, topic names and summary; accents, capitals and plurals do not matter, every word must match (a word being typed matches as a prefix). The text is counted in anonymised statistics (contacts in it redacted, no IP).',
        tags: ['Catalogue'],
        parameters: [
          queryParam('q', 'What the citizen typed (2 to 200 characters).', {
            type: 'string',
            minLength: 2,
            maxLength: 200,
          }),
          localeParam,
          queryParam('start', 'Hits to skip (default 0).', { type: 'integer', minimum: 0 }),
          queryParam('limit', 'Hits to return (default 10, at most 50).', {
            type: 'integer',
            minimum: 1,
            maximum: 50,
          }),
        ],
        responses: {
          '200': json(
            'The hits, best first.',
            data(
              { type: 'array', items: ref('ServiceHit') },
              {
                meta: {
                  type: 'object',
                  properties: {
                    query: { type: 'string' },
                    locale: { type: 'string' },
                    terms: { type: 'array', items: { type: 'string' } },
                    total: { type: 'integer' },
                    start: { type: 'integer' },
                    limit: { type: 'integer' },
                  },
                },
              }
            )
          ),
          ...errors(400),
        },
      },
    },
    '/api/surveys': {
      get: {
        'x-strapi-action': 'api::survey.survey.find',
        summary: 'List the published surveys',
        tags: ['Surveys'],
        parameters: FIND_PARAMS,
        responses: {
          '200': json(
            'Published surveys.',
            data({ type: 'array', items: ref('Survey') }, { meta: PAGINATION_META })
          ),
          ...errors(400),
        },
      },
    },
    '/api/surveys/{slug}': {
      get: {
        'x-strapi-action': 'api::survey.survey.show',
        summary: 'A published survey by its slug, and whether it takes answers now',
        tags: ['Surveys'],
        parameters: [slugParam, localeParam],
        responses: {
          '200': json('The questionnaire.', data(ref('PublicSurvey'))),
          ...errors(400, 404),
        },
      },
    },
    '/api/surveys/{slug}/responses': {
      post: {
        'x-strapi-action': 'api::survey.survey.respond',
        summary: 'Answer a survey',
        description:
          'Answers are checked against the questions (each refused answer is named in `details.errors`). A survey that requires an invitation needs the `token` of its link; a named survey may take the case code from it.',
        tags: ['Surveys'],
        parameters: [slugParam, localeParam],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('SurveyAnswers') } },
        },
        responses: {
          '201': json('Recorded.', data(ref('SubmittedSurveyResponse'))),
          ...errors(400, 403, 404, 409, 410, 429),
        },
      },
    },
  },
  schemas: {
    ...Object.fromEntries(
      TYPES.map((t) => [
        t.name,
        derive(t.schema.attributes, true, `A published ${t.name.toLowerCase()}.`),
      ])
    ),
    Survey: derive(surveySchema.attributes, true, 'A published survey.'),
    ...Object.fromEntries(
      Object.values(COMPONENTS).map((c) => [c.name, derive(c.attributes, false)])
    ),
    OfficeTreeNode: {
      type: 'object',
      required: ['documentId', 'name', 'slug', 'kind', 'servicesCount', 'children'],
      properties: {
        documentId: { type: 'string' },
        name: { type: 'string' },
        slug: { type: 'string' },
        kind: { type: 'string' },
        servicesCount: { type: 'integer' },
        subtreeServicesCount: { type: 'integer' },
        children: { type: 'array', items: ref('OfficeTreeNode') },
      },
    },
    ServiceHit: {
      type: 'object',
      properties: {
        documentId: { type: 'string' },
        slug: { type: 'string' },
        title: { type: 'string' },
        summary: { type: 'string' },
        availability: { type: 'string', enum: ['active', 'suspended'] },
        score: { type: 'number', description: 'Relevance; higher is better.' },
        topics: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, slug: { type: 'string' } },
          },
        },
        responsibleOffice: {
          type: ['object', 'null'],
          properties: { name: { type: 'string' }, slug: { type: 'string' } },
        },
      },
    },
    RelatedDocument: {
      type: 'object',
      description: 'A related published document, with its own attributes.',
      properties: { id: { type: 'integer' }, documentId: { type: 'string' } },
      additionalProperties: true,
    },
    MediaFile: {
      type: 'object',
      description: "An uploaded file (Strapi's upload plugin).",
      properties: {
        id: { type: 'integer' },
        documentId: { type: 'string' },
        name: { type: 'string' },
        alternativeText: { type: ['string', 'null'] },
        mime: { type: 'string' },
        size: { type: 'number' },
        url: { type: 'string' },
        width: { type: ['integer', 'null'] },
        height: { type: ['integer', 'null'] },
        formats: { type: ['object', 'null'] },
      },
    },
    PublicSurvey: {
      type: 'object',
      required: ['slug', 'locale', 'title', 'state', 'questions'],
      properties: {
        slug: { type: 'string' },
        locale: { type: 'string' },
        title: { type: 'string' },
        description: { type: ['string', 'null'] },
        state: { type: 'string', enum: ['not_open_yet', 'open', 'closed'] },
        opensAt: { type: ['string', 'null'], format: 'date-time' },
        closesAt: { type: ['string', 'null'], format: 'date-time' },
        anonymous: { type: 'boolean' },
        requiresInvitation: { type: 'boolean' },
        channels: { type: 'array', items: { type: 'string' } },
        services: {
          type: 'array',
          items: {
            type: 'object',
            properties: { slug: { type: 'string' }, title: { type: 'string' } },
          },
        },
        offices: {
          type: 'array',
          items: {
            type: 'object',
            properties: { slug: { type: 'string' }, name: { type: 'string' } },
          },
        },
        questions: {
          type: 'array',
          description: 'The questions, each with its key, type, text and options.',
          items: { type: 'object', additionalProperties: true },
        },
      },
    },
    SurveyAnswers: {
      type: 'object',
      required: ['answers'],
      properties: {
        answers: {
          type: 'object',
          description:
            'Answers by question key: a number (scale, NPS), a key (emoticon, single choice), a list of keys (multiple choice) or text.',
          additionalProperties: {
            anyOf: [
              { type: 'number' },
              { type: 'string' },
              { type: 'array', items: { type: 'string' } },
            ],
          },
        },
        token: {
          type: 'string',
          description: 'The invitation token of the link, when the survey requires one.',
        },
        channel: { type: 'string', enum: RESPONSE_CHANNELS },
        service: { type: 'string', description: "Slug of one of the survey's services." },
        website: { type: 'string', description: 'Honeypot: leave empty.' },
      },
    },
    SubmittedSurveyResponse: {
      type: 'object',
      properties: {
        survey: { type: 'string', description: 'The slug.' },
        locale: { type: 'string' },
        answered: { type: 'integer', description: 'How many questions were answered.' },
      },
    },
  },
};
