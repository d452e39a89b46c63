/**
 * Searching the service catalogue the way citizens type: without accents or capitals, with
 * singulars for plurals ("certificati" finds "certificato"), with the words in any order. The text
 * rules here serve both databases: PostgreSQL ranks with its full-text search (Italian
 * configuration) over the terms built here; SQLite ranks with `rankService` below.
 */
import { redactContacts } from './redact';

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 8;

/** Lower case, accents off, anything but letters and digits as spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Words that carry no meaning in a search box (Italian and English).
const STOP_WORDS = new Set(
  (
    'a ad al alla alle allo ai agli all che chi con come cosa da dal dalla dalle dai dagli del della ' +
    'delle dello dei degli di e ed gli i il in la le lo ma mi nel nella nelle nei negli o per quale ' +
    'quando se si sono su sul sulla sui tra fra un una uno voglio vorrei devo posso ' +
    'an and for how i in is my of on the to what where with'
  ).split(' ')
);

/**
 * The stem a search term is matched by: a final vowel off words longer than four letters, so the
 * singular and the plural of most Italian nouns and adjectives meet ("certificat-o/-i",
 * "rifiut-o/-i", "scuol-a/-e").
 */
export function stem(word: string): string {
  return word.length > 4 ? word.replace(/[aeiou]$/, '') : word;
}

/** The query's meaningful words, folded, at most eight, no repeats. */
export function searchTerms(query: string): string[] {
  const words = foldText(query)
    .split(' ')
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * The terms as a PostgreSQL tsquery: each a prefix (`term:*`), all required. PostgreSQL stems each
 * word with its Italian dictionary before taking it as a prefix ("certificati:*" is
 * "certific:*"), so the words go in whole. Terms hold letters and digits only (foldText), so
 * nothing in them can change the query's syntax.
 */
export function toTsQuery(terms: readonly string[]): string {
  return terms.map((t) => `${t}:*`).join(' & ');
}

export interface SearchableService {
  title: string;
  summary: string;
  topics: readonly string[];
}

// As PostgreSQL's setweight: the title counts most, then the topics, then the summary.
const WEIGHTS = { title: 1, topics: 0.4, summary: 0.2 };

const words = (text: string) => foldText(text).split(' ').filter(Boolean);

/**
 * How well a service answers the terms: 0 unless every term starts a word of its title, topics or
 * summary; otherwise the sum of each term's best field weight, with a bonus when the title holds
 * every term (ties broken by the caller, by title).
 */
export function rankService(service: SearchableService, terms: readonly string[]): number {
  if (!terms.length) return 0;
  const fields = {
    title: words(service.title),
    topics: service.topics.flatMap(words),
    summary: words(service.summary),
  };
  let score = 0;
  let allInTitle = true;
  for (const term of terms.map(stem)) {
    let best = 0;
    for (const [field, list] of Object.entries(fields) as [keyof typeof WEIGHTS, string[]][]) {
      if (list.some((w) => w.startsWith(term))) best = Math.max(best, WEIGHTS[field]);
    }
    if (best === 0) return 0;
    if (best !== WEIGHTS.title) allInTitle = false;
    score += best;
  }
  return Math.round((score + (allInTitle ? 1 : 0)) * 1000) / 1000;
}

/**
 * What the search statistics keep of a query: contacts a citizen may have typed (an email, a phone,
 * a tax code) replaced by markers, then folded, so "Certificato" and "certificato " count as one.
 */
export function statisticsText(query: string): string {
  return foldText(redactContacts(query.slice(0, MAX_QUERY_LENGTH))).slice(0, 100);
}
