/**
 * GET /api/services/search?q=: the published services of a locale ranked for a citizen's query.
 * PostgreSQL ranks with its full-text search, Italian configuration, over title (weight A), topic
 * names (B) and summary (C), accents folded on both sides, on vectors stored per published card
 * (src/lib/catalogue/search-vectors.ts); SQLite ranks the same fields with `rankService`
 * (src/domain/catalogue-search.ts) over every published card of the locale (a catalogue holds
 * hundreds of cards, not millions).
 */
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import {
  rankService,
  searchTerms,
  toTsQuery,
  type SearchableService,
} from '../../domain/catalogue-search';
import { refreshSearchVectors, VECTORS_TABLE } from './search-vectors';

const SERVICE_UID = 'api::service.service';
const TOPIC_UID = 'api::topic.topic';

export interface SearchOptions {
  query: string;
  locale: string;
  start: number;
  limit: number;
}

export interface ServiceHit {
  documentId: string;
  slug: string;
  title: string;
  summary: string;
  availability: string;
  score: number;
  topics: { name: string; slug: string }[];
  responsibleOffice: { name: string; slug: string } | null;
}

export interface SearchResult {
  hits: ServiceHit[];
  total: number;
  terms: string[];
}

interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/** The services and topics tables and their link table, as Strapi's metadata names them. */
function tables(strapi: Core.Strapi) {
  const service = strapi.db.metadata.get(SERVICE_UID);
  const topic = strapi.db.metadata.get(TOPIC_UID);
  const link = (service.attributes.topics as unknown as { joinTable: JoinTable }).joinTable;
  return { services: service.tableName, topics: topic.tableName, link };
}

/** Each published service of the locale with the names of its published topics, space-joined. */
function candidates(
  strapi: Core.Strapi,
  locale: string,
  knex: Knex | Knex.Transaction = strapi.db.connection
): Knex.QueryBuilder {
  const t = tables(strapi);
  const postgres = strapi.db.dialect.client === 'postgres';
  const topicNames = knex(`${t.link.name} as l`)
    .join(`${t.topics} as tp`, 'tp.id', `l.${t.link.inverseJoinColumn.name}`)
    .whereNotNull('tp.published_at')
    .select(`l.${t.link.joinColumn.name} as service_id`)
    .select(
      knex.raw(
        postgres ? "string_agg(tp.name, ' ') as names" : "group_concat(tp.name, ' ') as names"
      )
    )
    .groupBy(`l.${t.link.joinColumn.name}`)
    .as('tn');
  return knex(`${t.services} as s`)
    .leftJoin(topicNames, 'tn.service_id', 's.id')
    .whereNotNull('s.published_at')
    .andWhere('s.locale', locale);
}

// Accents off in SQL as foldText does in JavaScript (no extension such as unaccent needed).
const FOLD = (column: string) =>
  `translate(lower(coalesce(${column}, '')), 'àáâãäåèéêëìíîïòóôõöùúûüýçñ', 'aaaaaaeeeeiiiiooooouuuuycn')`;

interface Ranked {
  ranked: { documentId: string; score: number }[];
  total: number;
}

/** Each published service's weighted vector: title A, topic names B, summary C. */
const VECTOR =
  `setweight(to_tsvector('italian', ${FOLD('s.title')}), 'A') || ` +
  `setweight(to_tsvector('italian', ${FOLD('tn.names')}), 'B') || ` +
  `setweight(to_tsvector('italian', ${FOLD('s.summary')}), 'C')`;

async function rankOnPostgres(
  strapi: Core.Strapi,
  opts: SearchOptions,
  terms: string[]
): Promise<Ranked> {
  const knex = strapi.db.connection;
  const t = tables(strapi);
  await refreshSearchVectors(strapi, t, opts.locale, (trx) =>
    candidates(strapi, opts.locale, trx).select(
      's.id',
      's.locale',
      's.document_id',
      trx.raw("coalesce(s.title, '')"),
      trx.raw(VECTOR)
    )
  );
  const schema = strapi.db.getSchemaName();
  const rows = (await knex(schema ? `${schema}.${VECTORS_TABLE} as v` : `${VECTORS_TABLE} as v`)
    .joinRaw("cross join to_tsquery('italian', ?) as q", [toTsQuery(terms)])
    .where('v.locale', opts.locale)
    .andWhereRaw('v.vector @@ q')
    .select('v.document_id', 'v.title')
    .select(knex.raw('ts_rank(v.vector, q) as score'))
    .select(knex.raw('count(*) over () as total'))
    .orderBy([
      { column: 'score', order: 'desc' },
      { column: 'v.title', order: 'asc' },
    ])
    .offset(opts.start)
    .limit(opts.limit)) as { document_id: string; score: number; total: string | number }[];
  const total = rows.length ? Number(rows[0].total) : await countOnPostgres(strapi, opts, terms);
  return {
    ranked: rows.map((r) => ({ documentId: r.document_id, score: Number(r.score) })),
    total,
  };
}

/** The total when the page asked for is past the last hit (the window function saw no row). */
async function countOnPostgres(
  strapi: Core.Strapi,
  opts: SearchOptions,
  terms: string[]
): Promise<number> {
  if (opts.start === 0) return 0;
  const { total } = await rankOnPostgres(strapi, { ...opts, start: 0, limit: 1 }, terms);
  return total;
}

async function rankOnSqlite(
  strapi: Core.Strapi,
  opts: SearchOptions,
  terms: string[]
): Promise<Ranked> {
  const rows = (await candidates(strapi, opts.locale).select(
    's.document_id',
    's.title',
    's.summary',
    'tn.names'
  )) as { document_id: string; title: string; summary: string | null; names: string | null }[];
  const scored = rows
    .map((r) => {
      const card: SearchableService = {
        title: r.title ?? '',
        summary: r.summary ?? '',
        topics: r.names ? [r.names] : [],
      };
      return { documentId: r.document_id, title: card.title, score: rankService(card, terms) };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title, 'it'));
  return {
    ranked: scored.slice(opts.start, opts.start + opts.limit),
    total: scored.length,
  };
}

export async function searchServices(
  strapi: Core.Strapi,
  opts: SearchOptions
): Promise<SearchResult> {
  const terms = searchTerms(opts.query);
  if (!terms.length) return { hits: [], total: 0, terms };
  const { ranked, total } =
    strapi.db.dialect.client === 'postgres'
      ? await rankOnPostgres(strapi, opts, terms)
      : await rankOnSqlite(strapi, opts, terms);
  if (!ranked.length) return { hits: [], total, terms };
  const docs = (await strapi.documents(SERVICE_UID).findMany({
    locale: opts.locale,
    status: 'published',
    filters: { documentId: { $in: ranked.map((r) => r.documentId) } },
    fields: ['slug', 'title', 'summary', 'availability'],
    populate: {
      topics: { fields: ['name', 'slug'] },
      responsibleOffice: { fields: ['name', 'slug'] },
    },
  } as never)) as unknown as (Omit<ServiceHit, 'score'> & {
    topics?: ServiceHit['topics'];
  })[];
  const byId = new Map(docs.map((d) => [d.documentId, d]));
  const hits: ServiceHit[] = [];
  for (const r of ranked) {
    const d = byId.get(r.documentId);
    if (!d) continue;
    hits.push({
      documentId: d.documentId,
      slug: d.slug,
      title: d.title,
      summary: d.summary,
      availability: d.availability,
      score: Math.round(r.score * 10000) / 10000,
      topics: (d.topics ?? []).map((t) => ({ name: t.name, slug: t.slug })),
      responsibleOffice: d.responsibleOffice
        ? { name: d.responsibleOffice.name, slug: d.responsibleOffice.slug }
        : null,
    });
  }
  return { hits, total, terms };
}
