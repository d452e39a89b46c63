import {
  COMMENT_MAX_LENGTH,
  NEGATIVE_REASONS,
  POSITIVE_REASONS,
  RatingInputError,
  normalisePageUrl,
  parseEmoticonRating,
  parseStarRating,
  ratingForm,
  summariseEmoticons,
  summariseStars,
} from '../../src/domain/page-rating';

/** The field a refusal names (and that it is a refusal, not another error). */
function refusedField(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof RatingInputError) return error.field;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the form', () => {
  it('asks the Designers Italia questions in Italian, with stable keys', () => {
    const form = ratingForm('it');
    expect(form.stars).toEqual({
      question: 'Quanto sono chiare le informazioni su questa pagina?',
      min: 1,
      max: 5,
    });
    expect(form.difficulties.question).toBe('Dove hai incontrato le maggiori difficoltà?');
    expect(form.difficulties.forStars).toEqual([1, 2, 3]);
    expect(form.difficulties.options).toEqual([
      { key: 'unclear', label: 'A volte le indicazioni non erano chiare' },
      { key: 'incomplete', label: 'A volte le indicazioni non erano complete' },
      { key: 'unsure_progress', label: 'A volte non capivo se stavo procedendo correttamente' },
      { key: 'technical', label: 'Ho avuto problemi tecnici' },
      { key: 'other', label: 'Altro' },
    ]);
    expect(form.preferred.question).toBe('Quali sono stati gli aspetti che hai preferito?');
    expect(form.preferred.forStars).toEqual([4, 5]);
    expect(form.preferred.options).toEqual([
      { key: 'clear', label: 'Le indicazioni erano chiare' },
      { key: 'complete', label: 'Le indicazioni erano complete' },
      { key: 'sure_progress', label: 'Capivo sempre che stavo procedendo correttamente' },
      { key: 'no_technical', label: 'Non ho avuto problemi tecnici' },
      { key: 'other', label: 'Altro' },
    ]);
    expect(form.comment).toEqual({
      question: 'Vuoi aggiungere altri dettagli?',
      label: 'Dettaglio',
      hint: 'Inserire massimo 200 caratteri',
      maxLength: 200,
    });
    expect(form.emoticon.options.map((o) => o.key)).toEqual(['positive', 'neutral', 'negative']);
  });

  it('has the same keys in English, every label translated', () => {
    const it = ratingForm('it');
    const en = ratingForm('en');
    expect(en.stars.question).toBe('How clear is the information on this page?');
    for (const part of ['difficulties', 'preferred', 'emoticon'] as const) {
      expect(en[part].options.map((o) => o.key)).toEqual(it[part].options.map((o) => o.key));
      en[part].options.forEach((o, i) => expect(o.label).not.toBe(it[part].options[i].label));
    }
    expect(en.difficulties.options.map((o) => o.key)).toEqual([...NEGATIVE_REASONS]);
    expect(en.preferred.options.map((o) => o.key)).toEqual([...POSITIVE_REASONS]);
  });
});

describe('a star rating', () => {
  it('takes stars, the reasons of their band in the form order, a trimmed comment', () => {
    expect(
      parseStarRating({ stars: 2, reasons: ['technical', 'unclear'], comment: '  Poco chiaro  ' })
    ).toEqual({
      stars: 2,
      reasons: ['unclear', 'technical'],
      comment: 'Poco chiaro',
      locale: 'it',
    });
    expect(parseStarRating({ stars: 5, reasons: ['other', 'clear'], locale: 'en' })).toEqual({
      stars: 5,
      reasons: ['clear', 'other'],
      comment: null,
      locale: 'en',
    });
  });

  it('needs only the stars; no reasons, an empty comment and a null one are none', () => {
    expect(parseStarRating({ stars: 3 })).toEqual({
      stars: 3,
      reasons: [],
      comment: null,
      locale: 'it',
    });
    expect(parseStarRating({ stars: 4, reasons: [], comment: '   ' }).comment).toBeNull();
    expect(parseStarRating({ stars: 4, reasons: null, comment: null }).reasons).toEqual([]);
  });

  it('defaults the locale as told, and takes the fields the caller reads itself', () => {
    expect(parseStarRating({ stars: 1 }, { defaultLocale: 'en' }).locale).toBe('en');
    expect(parseStarRating({ stars: 1, url: '/x' }, { extraFields: ['url'] }).stars).toBe(1);
  });

  it('takes a comment of exactly 200 characters, counted as the citizen sees them', () => {
    expect(parseStarRating({ stars: 4, comment: 'a'.repeat(200) }).comment).toHaveLength(200);
    const faces = '🙂'.repeat(COMMENT_MAX_LENGTH); // 400 UTF-16 units, 200 characters
    expect(parseStarRating({ stars: 4, comment: faces }).comment).toBe(faces);
  });

  it.each([
    ['no stars', {}, 'stars'],
    ['stars 0', { stars: 0 }, 'stars'],
    ['stars 6', { stars: 6 }, 'stars'],
    ['half a star', { stars: 3.5 }, 'stars'],
    ['stars as text', { stars: '4' }, 'stars'],
    ['stars null', { stars: null }, 'stars'],
    ['reasons not a list', { stars: 2, reasons: 'unclear' }, 'reasons'],
    ['a positive reason for 2 stars', { stars: 2, reasons: ['clear'] }, 'reasons.0'],
    ['a negative reason for 5 stars', { stars: 5, reasons: ['clear', 'unclear'] }, 'reasons.1'],
    ['a negative reason for 4 stars', { stars: 4, reasons: ['technical'] }, 'reasons.0'],
    ['a positive reason for 3 stars', { stars: 3, reasons: ['no_technical'] }, 'reasons.0'],
    ['a reason twice', { stars: 1, reasons: ['other', 'other'] }, 'reasons.1'],
    ['a reason not a key', { stars: 1, reasons: [1] }, 'reasons.0'],
    ['an unknown reason', { stars: 1, reasons: ['slow'] }, 'reasons.0'],
    ['a comment not text', { stars: 4, comment: 42 }, 'comment'],
    ['a comment of 201 characters', { stars: 4, comment: 'a'.repeat(201) }, 'comment'],
    ['a locale not offered', { stars: 4, locale: 'fr' }, 'locale'],
    ['a field the form does not have', { stars: 4, email: 'a@b.it' }, 'email'],
  ])('refuses %s', (_what, body, field) => {
    expect(refusedField(() => parseStarRating(body))).toBe(field);
  });

  it.each([null, undefined, [], 'stars=4', 4])(
    'refuses a body that is not an object (%p)',
    (body) => {
      expect(refusedField(() => parseStarRating(body))).toBe('body');
    }
  );
});

describe('an emoticon rating', () => {
  const channels = ['counter_urp', 'phone'];

  it('takes a configured channel, a face and a trimmed comment', () => {
    expect(
      parseEmoticonRating(
        { channel: 'phone', emoticon: 'neutral', comment: ' Attesa lunga ' },
        channels
      )
    ).toEqual({ channel: 'phone', emoticon: 'neutral', comment: 'Attesa lunga', locale: 'it' });
    expect(
      parseEmoticonRating({ channel: 'counter_urp', emoticon: 'positive', locale: 'en' }, channels)
    ).toEqual({ channel: 'counter_urp', emoticon: 'positive', comment: null, locale: 'en' });
  });

  it.each([
    ['no channel', { emoticon: 'positive' }, 'channel'],
    ['a channel not configured', { channel: 'counter_x', emoticon: 'positive' }, 'channel'],
    ['a channel not text', { channel: 1, emoticon: 'positive' }, 'channel'],
    ['no face', { channel: 'phone' }, 'emoticon'],
    ['a face not offered', { channel: 'phone', emoticon: 'angry' }, 'emoticon'],
    ['stars instead of a face', { channel: 'phone', emoticon: 'positive', stars: 5 }, 'stars'],
    [
      'a comment of 201 characters',
      { channel: 'phone', emoticon: 'negative', comment: 'x'.repeat(201) },
      'comment',
    ],
    ['a locale not offered', { channel: 'phone', emoticon: 'negative', locale: 'de' }, 'locale'],
  ])('refuses %s', (_what, body, field) => {
    expect(refusedField(() => parseEmoticonRating(body, channels))).toBe(field);
  });

  it('refuses a body that is not an object', () => {
    expect(refusedField(() => parseEmoticonRating('positive', channels))).toBe('body');
  });
});

describe('the page URL', () => {
  it.each([
    ['https://www.Comune.example/Servizi/Anagrafe/?nome=Maria#orari', '/Servizi/Anagrafe'],
    ['http://comune.example/servizi', '/servizi'],
    ['https://comune.example', '/'],
    ['/servizi/', '/servizi'],
    ['/servizi//', '/servizi'],
    ['/', '/'],
    ['  /servizi?x=1  ', '/servizi'],
    ['/città/uffici', '/citt%C3%A0/uffici'],
    ['/a/../servizi', '/servizi'],
  ])('keeps the path of %s: %s', (raw, path) => {
    expect(normalisePageUrl(raw)).toBe(path);
  });

  it('takes 500 characters and no more', () => {
    const long = `/${'a'.repeat(499)}`;
    expect(normalisePageUrl(long)).toBe(long);
    expect(refusedField(() => normalisePageUrl(`${long}a`))).toBe('url');
    // Encoding may lengthen a path past the limit.
    expect(refusedField(() => normalisePageUrl(`/${'à'.repeat(200)}`))).toBe('url');
  });

  it.each([
    ['nothing', undefined],
    ['an empty text', '   '],
    ['a number', 42],
    ['another scheme', 'ftp://comune.example/servizi'],
    ['a script', 'javascript:alert(1)'],
    ['a relative path', 'servizi/anagrafe'],
    ['a host without scheme', '//altro.example/servizi'],
    ['a scheme without host', 'http://'],
    ['an address that does not parse', 'http://exa mple.com/x'],
  ])('refuses %s', (_what, raw) => {
    expect(refusedField(() => normalisePageUrl(raw))).toBe('url');
  });
});

describe('the star aggregate', () => {
  it('counts, averages and distributes the stars, and counts reasons by band', () => {
    const s = summariseStars([
      { stars: 5, reasons: ['clear', 'complete'] },
      { stars: 4, reasons: ['clear'] },
      { stars: 4, reasons: [] },
      { stars: 2, reasons: ['unclear', 'technical'] },
      { stars: 1, reasons: ['unclear', 'other'] },
      { stars: 5, reasons: ['other'] },
    ]);
    // (5 + 4 + 4 + 2 + 1 + 5) / 6 = 21 / 6 = 3.5
    expect(s).toEqual({
      count: 6,
      mean: 3.5,
      distribution: { 1: 1, 2: 1, 3: 0, 4: 2, 5: 2 },
      reasons: {
        difficulties: { unclear: 2, incomplete: 0, unsure_progress: 0, technical: 1, other: 1 },
        preferred: { clear: 2, complete: 1, sure_progress: 0, no_technical: 0, other: 1 },
      },
    });
  });

  it('weighs groups by their count and rounds the mean to 2 decimals', () => {
    // (3 × 2 + 5 × 1) / 3 = 11 / 3 = 3.666… → 3.67
    const s = summariseStars([
      { stars: 3, reasons: ['incomplete'], count: 2 },
      { stars: 5, reasons: null, count: 1 },
    ]);
    expect(s.count).toBe(3);
    expect(s.mean).toBe(3.67);
    expect(s.distribution).toEqual({ 1: 0, 2: 0, 3: 2, 4: 0, 5: 1 });
    expect(s.reasons.difficulties.incomplete).toBe(2);
  });

  it('gives no mean without ratings', () => {
    const s = summariseStars([]);
    expect(s.count).toBe(0);
    expect(s.mean).toBeNull();
    expect(Object.values(s.distribution)).toEqual([0, 0, 0, 0, 0]);
  });

  it('leaves out stars outside 1–5 and reasons outside their band', () => {
    const s = summariseStars([
      { stars: 6, reasons: ['unclear'] },
      { stars: 2, reasons: ['clear', 'unclear', 'unclear'] },
    ]);
    expect(s.count).toBe(1);
    expect(s.mean).toBe(2);
    expect(s.reasons.difficulties.unclear).toBe(1);
    expect(s.reasons.preferred.clear).toBe(0);
  });
});

describe('the emoticon aggregate', () => {
  it('counts the faces and gives their shares to 4 decimals', () => {
    const s = summariseEmoticons([
      { emoticon: 'positive' },
      { emoticon: 'negative' },
      { emoticon: 'positive' },
    ]);
    // 2/3 = 0.6667, 0/3 = 0, 1/3 = 0.3333
    expect(s).toEqual({
      count: 3,
      counts: { positive: 2, neutral: 0, negative: 1 },
      shares: { positive: 0.6667, neutral: 0, negative: 0.3333 },
    });
  });

  it('weighs groups by their count and leaves out unknown faces', () => {
    const s = summariseEmoticons([
      { emoticon: 'neutral', count: 3 },
      { emoticon: 'positive', count: 5 },
      { emoticon: 'angry', count: 9 },
    ]);
    // 5/8 = 0.625, 3/8 = 0.375
    expect(s.count).toBe(8);
    expect(s.shares).toEqual({ positive: 0.625, neutral: 0.375, negative: 0 });
  });

  it('gives no shares without ratings', () => {
    expect(summariseEmoticons([])).toEqual({
      count: 0,
      counts: { positive: 0, neutral: 0, negative: 0 },
      shares: { positive: null, neutral: null, negative: null },
    });
  });
});
