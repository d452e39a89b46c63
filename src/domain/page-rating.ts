/**
 * Page and channel ratings (issue "Listening tools"): the rating widget of the municipal website
 * model of Designers Italia ("Quanto sono chiare le informazioni su questa pagina?", 1–5 stars,
 * then what went wrong for 1–3 stars or what went well for 4–5, then a short comment), and the
 * emoticon rating of counters and channels as in "Mettiamoci la faccia". This module holds the
 * wording in Italian and English, the checks of a submission and the public aggregates; it keeps
 * nothing about who rated.
 *
 * Rounding, as for survey statistics (src/domain/survey-stats.ts): means to 2 decimals, shares
 * as fractions of 1 to 4 decimals; no ratings give null, never NaN.
 */
import { round } from './office-kpis';
import { EMOTICONS, type Emoticon } from './survey-questions';
import { MEAN_DIGITS, SHARE_DIGITS } from './survey-stats';

export { EMOTICONS, type Emoticon };

export const RATING_LOCALES = ['it', 'en'] as const;
export type RatingLocale = (typeof RATING_LOCALES)[number];

export const STARS = [1, 2, 3, 4, 5] as const;
export type Stars = (typeof STARS)[number];

/** 1–3 stars ask where the difficulties were; 4–5 what the citizen liked. */
export const NEGATIVE_STARS: readonly Stars[] = [1, 2, 3];
export const POSITIVE_STARS: readonly Stars[] = [4, 5];

export const NEGATIVE_REASONS = [
  'unclear',
  'incomplete',
  'unsure_progress',
  'technical',
  'other',
] as const;
export const POSITIVE_REASONS = [
  'clear',
  'complete',
  'sure_progress',
  'no_technical',
  'other',
] as const;
export type NegativeReason = (typeof NEGATIVE_REASONS)[number];
export type PositiveReason = (typeof POSITIVE_REASONS)[number];
export type Reason = NegativeReason | PositiveReason;

/** The comment box of the model: "Inserire massimo 200 caratteri". */
export const COMMENT_MAX_LENGTH = 200;
export const PAGE_URL_MAX_LENGTH = 500;

type Localised = Record<RatingLocale, string>;

const STAR_QUESTION: Localised = {
  it: 'Quanto sono chiare le informazioni su questa pagina?',
  en: 'How clear is the information on this page?',
};

const NEGATIVE_QUESTION: Localised = {
  it: 'Dove hai incontrato le maggiori difficoltà?',
  en: 'Where did you have the most difficulty?',
};

const POSITIVE_QUESTION: Localised = {
  it: 'Quali sono stati gli aspetti che hai preferito?',
  en: 'What did you like best?',
};

const NEGATIVE_LABELS: Record<NegativeReason, Localised> = {
  unclear: {
    it: 'A volte le indicazioni non erano chiare',
    en: 'Sometimes the instructions were not clear',
  },
  incomplete: {
    it: 'A volte le indicazioni non erano complete',
    en: 'Sometimes the instructions were not complete',
  },
  unsure_progress: {
    it: 'A volte non capivo se stavo procedendo correttamente',
    en: 'Sometimes I could not tell whether I was proceeding correctly',
  },
  technical: { it: 'Ho avuto problemi tecnici', en: 'I had technical problems' },
  other: { it: 'Altro', en: 'Other' },
};

const POSITIVE_LABELS: Record<PositiveReason, Localised> = {
  clear: { it: 'Le indicazioni erano chiare', en: 'The instructions were clear' },
  complete: { it: 'Le indicazioni erano complete', en: 'The instructions were complete' },
  sure_progress: {
    it: 'Capivo sempre che stavo procedendo correttamente',
    en: 'I always knew I was proceeding correctly',
  },
  no_technical: { it: 'Non ho avuto problemi tecnici', en: 'I had no technical problems' },
  other: { it: 'Altro', en: 'Other' },
};

const COMMENT_TEXTS = {
  question: { it: 'Vuoi aggiungere altri dettagli?', en: 'Would you like to add any details?' },
  label: { it: 'Dettaglio', en: 'Details' },
  hint: {
    it: `Inserire massimo ${COMMENT_MAX_LENGTH} caratteri`,
    en: `At most ${COMMENT_MAX_LENGTH} characters`,
  },
} satisfies Record<string, Localised>;

const THANKS: Localised = {
  it: 'Grazie, il tuo parere ci aiuterà a migliorare il servizio!',
  en: 'Thank you, your feedback will help us improve the service!',
};

const EMOTICON_QUESTION: Localised = {
  it: 'Come giudichi il servizio che hai ricevuto?',
  en: 'How do you rate the service you received?',
};

/** The three faces of "Mettiamoci la faccia": green, yellow, red. */
const EMOTICON_LABELS: Record<Emoticon, Localised> = {
  positive: { it: 'Positivo', en: 'Good' },
  neutral: { it: 'Sufficiente', en: 'Fair' },
  negative: { it: 'Negativo', en: 'Poor' },
};

export interface FormOption {
  key: string;
  label: string;
}

/** What the website needs to render the widgets, in one locale. */
export interface RatingForm {
  locale: RatingLocale;
  stars: { question: string; min: 1; max: 5 };
  difficulties: { question: string; forStars: readonly Stars[]; options: FormOption[] };
  preferred: { question: string; forStars: readonly Stars[]; options: FormOption[] };
  comment: { question: string; label: string; hint: string; maxLength: number };
  thanks: string;
  emoticon: { question: string; options: FormOption[] };
}

const options = <K extends string>(
  keys: readonly K[],
  labels: Record<K, Localised>,
  l: RatingLocale
) => keys.map((key) => ({ key, label: labels[key][l] }));

export function ratingForm(locale: RatingLocale): RatingForm {
  return {
    locale,
    stars: { question: STAR_QUESTION[locale], min: 1, max: 5 },
    difficulties: {
      question: NEGATIVE_QUESTION[locale],
      forStars: NEGATIVE_STARS,
      options: options(NEGATIVE_REASONS, NEGATIVE_LABELS, locale),
    },
    preferred: {
      question: POSITIVE_QUESTION[locale],
      forStars: POSITIVE_STARS,
      options: options(POSITIVE_REASONS, POSITIVE_LABELS, locale),
    },
    comment: {
      question: COMMENT_TEXTS.question[locale],
      label: COMMENT_TEXTS.label[locale],
      hint: COMMENT_TEXTS.hint[locale],
      maxLength: COMMENT_MAX_LENGTH,
    },
    thanks: THANKS[locale],
    emoticon: {
      question: EMOTICON_QUESTION[locale],
      options: options(EMOTICONS, EMOTICON_LABELS, locale),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Checking a submission
// ---------------------------------------------------------------------------------------------

/** A refused submission: which field, and why (the API answers 400 naming it). */
export class RatingInputError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
  }
}

export interface StarRating {
  stars: Stars;
  /** Distinct keys of the stars' band, in the form's order. */
  reasons: Reason[];
  comment: string | null;
  locale: RatingLocale;
}

export interface EmoticonRating {
  channel: string;
  emoticon: Emoticon;
  comment: string | null;
  locale: RatingLocale;
}

export const isNegative = (stars: Stars) => NEGATIVE_STARS.includes(stars);

export const reasonsFor = (stars: Stars): readonly Reason[] =>
  isNegative(stars) ? NEGATIVE_REASONS : POSITIVE_REASONS;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v != null && typeof v === 'object' && !Array.isArray(v);

/** Refuses fields the form does not have: nothing else (an email, a name) is ever taken. */
function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const extra = Object.keys(body).find((k) => !allowed.includes(k));
  if (extra !== undefined)
    throw new RatingInputError(extra, `${extra} is not a field of a rating.`);
}

export function parseStars(raw: unknown): Stars {
  if (typeof raw !== 'number' || !STARS.includes(raw as Stars)) {
    throw new RatingInputError('stars', 'stars must be a whole number from 1 to 5.');
  }
  return raw as Stars;
}

/** Optional; each key at most once and of the stars' band (negative for 1–3, positive for 4–5). */
export function parseReasons(raw: unknown, stars: Stars): Reason[] {
  if (raw == null) return [];
  if (!Array.isArray(raw)) throw new RatingInputError('reasons', 'reasons must be a list of keys.');
  const allowed = reasonsFor(stars);
  const seen = new Set<Reason>();
  raw.forEach((key, i) => {
    if (typeof key !== 'string' || !allowed.includes(key as Reason)) {
      const band = isNegative(stars) ? '1 to 3' : '4 or 5';
      throw new RatingInputError(
        `reasons.${i}`,
        `a rating of ${band} stars takes these reasons: ${allowed.join(', ')}.`
      );
    }
    if (seen.has(key as Reason)) {
      throw new RatingInputError(`reasons.${i}`, `${key} is given more than once.`);
    }
    seen.add(key as Reason);
  });
  return allowed.filter((key) => seen.has(key));
}

/** Optional, trimmed; an empty one is none. Characters are counted as the citizen sees them. */
export function parseComment(raw: unknown): string | null {
  if (raw == null) return null;
  if (typeof raw !== 'string') throw new RatingInputError('comment', 'comment must be text.');
  const text = raw.trim();
  if ([...text].length > COMMENT_MAX_LENGTH) {
    throw new RatingInputError(
      'comment',
      `comment must be at most ${COMMENT_MAX_LENGTH} characters.`
    );
  }
  return text || null;
}

export function parseRatingLocale(raw: unknown, fallback: RatingLocale = 'it'): RatingLocale {
  if (raw == null || raw === '') return fallback;
  if (typeof raw === 'string' && (RATING_LOCALES as readonly string[]).includes(raw)) {
    return raw as RatingLocale;
  }
  throw new RatingInputError('locale', `locale must be one of ${RATING_LOCALES.join(', ')}.`);
}

function requireObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw new RatingInputError('body', 'The rating must be a JSON object.');
  return body;
}

/**
 * A star rating: `{ stars, reasons?, comment?, locale? }`, plus the fields named in `extraFields`
 * that the caller reads itself (the page's `url`).
 */
export function parseStarRating(
  body: unknown,
  opts: { extraFields?: readonly string[]; defaultLocale?: RatingLocale } = {}
): StarRating {
  const input = requireObject(body);
  onlyFields(input, ['stars', 'reasons', 'comment', 'locale', ...(opts.extraFields ?? [])]);
  const stars = parseStars(input.stars);
  return {
    stars,
    reasons: parseReasons(input.reasons, stars),
    comment: parseComment(input.comment),
    locale: parseRatingLocale(input.locale, opts.defaultLocale),
  };
}

/** An emoticon rating of one of the configured channels: `{ channel, emoticon, comment?, locale? }`. */
export function parseEmoticonRating(body: unknown, channels: readonly string[]): EmoticonRating {
  const input = requireObject(body);
  onlyFields(input, ['channel', 'emoticon', 'comment', 'locale']);
  const channel = input.channel;
  if (typeof channel !== 'string' || !channels.includes(channel)) {
    throw new RatingInputError('channel', `channel must be one of ${channels.join(', ')}.`);
  }
  const emoticon = input.emoticon;
  if (typeof emoticon !== 'string' || !EMOTICONS.includes(emoticon as Emoticon)) {
    throw new RatingInputError('emoticon', `emoticon must be one of ${EMOTICONS.join(', ')}.`);
  }
  return {
    channel,
    emoticon: emoticon as Emoticon,
    comment: parseComment(input.comment),
    locale: parseRatingLocale(input.locale),
  };
}

const PLACEHOLDER_ORIGIN = 'https://page.invalid';

/**
 * The page a rating is about, as the path of its URL: the host, query string and fragment are
 * dropped (a query may carry a citizen's data; the host is the website's own) and so is a
 * trailing slash, so `https://comune.example/servizi/?x=1#a` and `/servizi` are one page. Accepts
 * an http(s) URL or a path starting with '/' (not '//', which names a host), at most 500
 * characters before and after normalising.
 */
export function normalisePageUrl(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.trim()) {
    throw new RatingInputError('url', 'url must be the address of a page of the website.');
  }
  const text = raw.trim();
  if (text.length > PAGE_URL_MAX_LENGTH) {
    throw new RatingInputError('url', `url must be at most ${PAGE_URL_MAX_LENGTH} characters.`);
  }
  const isPath = text.startsWith('/') && !text.startsWith('//');
  if (!isPath && !/^https?:\/\/[^/?#\s]/i.test(text)) {
    throw new RatingInputError(
      'url',
      "url must be an http(s) address or a path starting with '/'."
    );
  }
  let url: URL;
  try {
    url = isPath ? new URL(text, PLACEHOLDER_ORIGIN) : new URL(text);
  } catch {
    throw new RatingInputError('url', 'url is not a valid address.');
  }
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') || '/' : '/';
  if (path.length > PAGE_URL_MAX_LENGTH) {
    throw new RatingInputError('url', `url must be at most ${PAGE_URL_MAX_LENGTH} characters.`);
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// Aggregates (public: counts and averages only, never a comment)
// ---------------------------------------------------------------------------------------------

/** Ratings alike, counted together (a GROUP BY stars, reasons of the database). */
export interface StarGroup {
  stars: number;
  reasons?: readonly string[] | null;
  /** How many ratings the group holds (default 1: one rating). */
  count?: number;
}

export interface StarSummary {
  count: number;
  /** Mean stars, 2 decimals; null without ratings. */
  mean: number | null;
  /** Ratings per number of stars, 1 to 5. */
  distribution: Record<Stars, number>;
  /** How often each reason was chosen: difficulties by 1–3 star ratings, preferred by 4–5. */
  reasons: {
    difficulties: Record<NegativeReason, number>;
    preferred: Record<PositiveReason, number>;
  };
}

const zeros = <K extends string | number>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The aggregate of star ratings. A group whose stars are outside 1–5, or a reason outside its
 * band (stored rows are checked at submission, so neither should exist), is left out.
 */
export function summariseStars(groups: readonly StarGroup[]): StarSummary {
  const distribution = zeros(STARS);
  const difficulties = zeros(NEGATIVE_REASONS);
  const preferred = zeros(POSITIVE_REASONS);
  let count = 0;
  let total = 0;
  for (const group of groups) {
    if (!STARS.includes(group.stars as Stars)) continue;
    const stars = group.stars as Stars;
    const n = group.count ?? 1;
    distribution[stars] += n;
    count += n;
    total += n * stars;
    const tally: Record<string, number> = isNegative(stars) ? difficulties : preferred;
    for (const reason of new Set(group.reasons ?? [])) {
      if (reason in tally) tally[reason] += n;
    }
  }
  return {
    count,
    mean: count ? round(total / count, MEAN_DIGITS) : null,
    distribution,
    reasons: { difficulties, preferred },
  };
}

export interface EmoticonGroup {
  emoticon: string;
  count?: number;
}

export interface EmoticonSummary {
  count: number;
  counts: Record<Emoticon, number>;
  /** Fractions of 1, 4 decimals; null without ratings. */
  shares: Record<Emoticon, number | null>;
}

export function summariseEmoticons(groups: readonly EmoticonGroup[]): EmoticonSummary {
  const counts = zeros(EMOTICONS);
  for (const group of groups) {
    if (EMOTICONS.includes(group.emoticon as Emoticon)) {
      counts[group.emoticon as Emoticon] += group.count ?? 1;
    }
  }
  const count = EMOTICONS.reduce((sum, e) => sum + counts[e], 0);
  const shares = Object.fromEntries(
    EMOTICONS.map((e) => [e, count ? round(counts[e] / count, SHARE_DIGITS) : null])
  ) as Record<Emoticon, number | null>;
  return { count, counts, shares };
}
