/**
 * Contact details in free text (descriptions, answers, messages), replaced by markers when a case
 * is anonymised (docs/ARCHITECTURE.md "Retention"). What is recognised:
 *
 * | found                                                           | marker              |
 * | --------------------------------------------------------------- | ------------------- |
 * | email addresses                                                 | `[email]`           |
 * | IBANs (Italian shape, or any country's passing the mod-97 check) | `[IBAN]`            |
 * | Italian tax codes (codice fiscale, omocodia included)           | `[codice fiscale]`  |
 * | phone numbers: +CC / 00CC international, Italian mobiles (3…,   | `[telefono]`        |
 * | 9–10 digits) and landlines (0…, 6–11 digits), with spaces, dots, |                     |
 * | dashes, slashes or an area code in parentheses                   |                     |
 * | the names the caller knows (the citizen's), whole, either order  | `[nome]`            |
 *
 * Ordinary numbers stay: house numbers and postcodes (too short), dates and times (recognised and
 * skipped), reference codes like SEG-2026-000123 and protocol numbers like 123/2026 (joined to a
 * word or a year), amounts written with thousands dots (1.250.000). Other people's names cannot be
 * told from ordinary words and stay. Markers hold no digits, so redacting twice changes nothing.
 */

export const REDACTION_MARKERS = {
  email: '[email]',
  iban: '[IBAN]',
  taxCode: '[codice fiscale]',
  phone: '[telefono]',
  name: '[nome]',
} as const;

export interface RedactOptions {
  /** Names known to belong to the people of the case (the citizen's); redacted wherever whole. */
  names?: readonly (string | null | undefined)[];
}

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// Two letters, two check digits, then 11–30 letters or digits, often in groups of four.
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){11,30}(?![\p{L}\p{N}])/giu;
// IT, 2 check digits, CIN letter, ABI (5), CAB (5), account (12): redacted even with a typo.
const ITALIAN_IBAN = /^IT\d{2}[A-Z]\d{10}[A-Z0-9]{12}$/;

// Omocodia replaces digits of the code with the letters L M N P Q R S T U V.
const D = '[0-9LMNP-V]';
const TAX_CODE = new RegExp(
  `(?<![\\p{L}\\p{N}])[A-Z]{6}${D}{2}[ABCDEHLMPRST]${D}{2}[A-Z]${D}{3}[A-Z](?![\\p{L}\\p{N}])`,
  'giu'
);

// Dates (12/03/2026, 01.02.26, 3-4-2026) and times (08.30, 17:45) first, so they are kept whole;
// otherwise a run of digit groups, optionally after + and with an area code in parentheses.
const SEP = '[ \\u00a0./-]';
const NUMBERS = new RegExp(
  [
    '(?<date>(?<![\\p{L}\\p{N}])\\d{1,2}(?<ds>[./-])\\d{1,2}\\k<ds>\\d{2,4}(?![\\p{N}]|[./-]\\d))',
    '(?<time>(?<![\\p{L}\\p{N}])\\d{1,2}[.:]\\d{2}(?![\\p{N}]|[.:]\\d))',
    `(?<run>(?<![\\p{L}\\p{N}_@+])(?:\\+[ \\u00a0]?)?\\(?\\d+\\)?(?:${SEP}?\\(?\\d+\\)?)*)`,
  ].join('|'),
  'gu'
);

function ibanChecksumOk(compact: string): boolean {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function validIban(candidate: string): boolean {
  const compact = candidate.replace(/[ \u00a0]/g, '').toUpperCase();
  if (compact.length < 15 || !/\d/.test(compact.slice(4))) return false; // a word, not an account
  return ITALIAN_IBAN.test(compact) || ibanChecksumOk(compact);
}

function redactIbans(text: string): string {
  return text.replace(IBAN, (found) => {
    // The match may run into the next word ("IT60X05… grazie"): the IBAN ends before a space.
    for (let end = found.length; end >= 15; end--) {
      if (end < found.length && !/[ \u00a0]/.test(found[end])) continue;
      if (validIban(found.slice(0, end))) return REDACTION_MARKERS.iban + found.slice(end);
    }
    return found;
  });
}

function redactTaxCodes(text: string): string {
  // A real code has digits; sixteen letters that happen to fit the shape are a word.
  return text.replace(TAX_CODE, (found) => (/\d/.test(found) ? REDACTION_MARKERS.taxCode : found));
}

/** An Italian number without the country code: a mobile (3…) or a landline (0 + area code). */
function isItalianNumber(digits: string, firstGroup: string, grouped: boolean): boolean {
  if (digits.startsWith('3')) {
    return digits.length >= 9 && digits.length <= 10 && (!grouped || firstGroup.length <= 4);
  }
  if (/^0[1-9]/.test(digits)) {
    return digits.length >= 6 && digits.length <= 11 && (!grouped || firstGroup.length <= 4);
  }
  return false;
}

/** Whether a span of digit groups (as written, no surrounding text) is a phone number. */
function isPhone(span: string): boolean {
  const groups = span.match(/\d+/g) ?? [];
  const digits = groups.join('');
  // 1.250.000, 333.000.000: thousands, not a number to call.
  if (/^\d{1,3}(?:\.\d{3})+$/.test(span)) return false;
  // 123/2026, 050/2026: a number of the year (protocol, act), not a phone.
  if (/\/(?:19|20)\d{2}$/.test(span)) return false;
  const international = span.startsWith('+') || /^00[1-9]/.test(span);
  if (international) {
    const rest = span.startsWith('+') ? digits : digits.slice(2);
    if (rest.startsWith('39')) return isItalianNumber(rest.slice(2), '', false);
    return rest.length >= 8 && rest.length <= 15;
  }
  return isItalianNumber(digits, groups[0] ?? '', groups.length > 1);
}

/**
 * Phone numbers inside a run of digit groups. The run may hold more than a number ("civico 12 050
 * 910111"): a number starts at the run's start or after a space, and the longest valid one wins.
 */
function redactRun(run: string): string {
  // Groups and the separators before them; a number may start only where a space separated.
  const parts = [...run.matchAll(/([ \u00a0./-]?)(\+[ \u00a0]?)?(\(?\d+\)?)/g)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    sep: m[1],
  }));
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < parts.length) {
    const canStart = i === 0 || /[ \u00a0]/.test(parts[i].sep);
    let matchedEnd = -1;
    if (canStart) {
      const from = parts[i].start + parts[i].sep.length;
      for (let j = parts.length - 1; j >= i; j--) {
        if (isPhone(run.slice(from, parts[j].end).replace(/[()]/g, ''))) {
          out += run.slice(copied, from) + REDACTION_MARKERS.phone;
          copied = parts[j].end;
          matchedEnd = j;
          break;
        }
      }
    }
    i = matchedEnd >= 0 ? matchedEnd + 1 : i + 1;
  }
  return out + run.slice(copied);
}

function redactPhones(text: string): string {
  return text.replace(NUMBERS, (found, ...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    if (!groups.run) return found; // a date or a time
    const offset = args[args.length - 3] as number;
    // Joined to a word by a dash or slash: a code (SEG-2026-000123, prot. A/0123456).
    if (/[\p{L}\p{N}][-/]$/u.test(text.slice(Math.max(0, offset - 2), offset))) return found;
    return redactRun(found);
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function redactNames(text: string, names: RedactOptions['names']): string {
  const forms = new Set<string>();
  for (const name of names ?? []) {
    const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
    if (words.join('').length < 3) continue; // too short to tell from an ordinary word
    forms.add(words.map(escapeRegExp).join('\\s+'));
    // "Rossi Maria" as forms and signatures often write it.
    if (words.length === 2) forms.add([words[1], words[0]].map(escapeRegExp).join('\\s+'));
  }
  if (!forms.size) return text;
  // Longest first, so "Maria Rossi Bianchi" is not left half redacted by "Maria Rossi".
  const alternatives = [...forms].sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(re, REDACTION_MARKERS.name);
}

/** The text with its contact details replaced by markers (see the table above). */
export function redactContacts(text: string, options: RedactOptions = {}): string {
  let out = text.replace(EMAIL, REDACTION_MARKERS.email);
  out = redactIbans(out);
  out = redactTaxCodes(out);
  out = redactPhones(out);
  return redactNames(out, options.names);
}

/** Every string inside a JSON value redacted (a report's extra attributes); the shape is kept. */
export function redactDeep<T>(value: T, options: RedactOptions = {}): T {
  if (typeof value === 'string') return redactContacts(value, options) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, options)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactDeep(v, options)])
    ) as T;
  }
  return value;
}
