import {
  foldText,
  rankService,
  searchTerms,
  statisticsText,
  stem,
  toTsQuery,
} from '../../src/domain/catalogue-search';

it('folds capitals, accents and punctuation', () => {
  expect(foldText("  Carta d'IDENTITÀ — perché?  ")).toBe('carta d identita perche');
});

it('keeps the meaningful words of a query, once each', () => {
  expect(searchTerms('Come richiedere il certificato di residenza, certificato!')).toEqual([
    'richiedere',
    'certificato',
    'residenza',
  ]);
  expect(searchTerms('di il la')).toEqual([]);
  expect(searchTerms('a b c d e f g h i j k l m n o p q r s t u v w x y z ab')).toEqual(['ab']);
});

it('stems singulars and plurals alike, leaving short words whole', () => {
  expect(stem('certificato')).toBe(stem('certificati'));
  expect(stem('scuola')).toBe(stem('scuole'));
  expect(stem('cie')).toBe('cie');
});

it('writes a tsquery of prefixes that the query text cannot break', () => {
  expect(toTsQuery(searchTerms("rifiuti & ingombranti | !(x) 'a'"))).toBe(
    'rifiuti:* & ingombranti:*'
  );
});

describe('rankService', () => {
  const card = {
    title: 'Certificato di residenza',
    summary: 'Il documento che attesta dove vivi',
    topics: ['Anagrafe'],
  };
  const rank = (q: string) => rankService(card, searchTerms(q));

  it('needs every word somewhere', () => {
    expect(rank('certificato nascita')).toBe(0);
    expect(rank('')).toBe(0);
  });

  it('weighs the title over the topics over the summary, with a bonus for all in the title', () => {
    expect(rank('certificati residenza')).toBe(3);
    expect(rank('anagrafe')).toBe(0.4);
    expect(rank('documento')).toBe(0.2);
    expect(rank('certificato documento')).toBe(1.2);
  });

  it('matches the start of a word, not its middle', () => {
    expect(rank('resid')).toBeGreaterThan(0);
    expect(rank('idenza')).toBe(0);
  });
});

it('keeps of a query for the statistics no contact a citizen typed', () => {
  const text = statisticsText(
    'Rinnovo CIE mario.rossi@example.org tel. 333 123 4567 RSSMRA80A01G702X'
  );
  expect(text).not.toMatch(/mario|4567|rssmra/);
  expect(text).toBe('rinnovo cie email tel telefono codice fiscale');
});
