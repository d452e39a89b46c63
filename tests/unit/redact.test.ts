import { REDACTION_MARKERS, redactContacts, redactDeep } from '../../src/domain/redact';

const r = (text: string, names?: string[]) => redactContacts(text, { names });

describe('emails', () => {
  it.each([
    ['scrivete a maria.rossi@example.org grazie', 'scrivete a [email] grazie'],
    ['Mario_Bianchi+urp@Posta.Comune.Pisa.IT', '[email]'],
    ['pec: m.verdi@pec.it.', 'pec: [email].'],
    ['(o.neill@example.co.uk)', '([email])'],
    ['a@b.it, c.d@e-f.com', '[email], [email]'],
    ['luca.ferri99@example.org', '[email]'],
  ])('%p', (text, expected) => expect(r(text)).toBe(expected));

  it('leaves a lone @ and social handles alone', () => {
    expect(r('ci vediamo @ piazza Garibaldi, @comunepisa')).toBe(
      'ci vediamo @ piazza Garibaldi, @comunepisa'
    );
  });
});

describe('phone numbers', () => {
  it.each([
    ['chiamatemi al 333 1234567', 'chiamatemi al [telefono]'],
    ['cell. 3331234567.', 'cell. [telefono].'],
    ['tel.333-123-4567', 'tel.[telefono]'],
    ['347/1234567 dopo le 18', '[telefono] dopo le 18'],
    ['333.1234567', '[telefono]'],
    ['+39 050 123456', '[telefono]'],
    ['+39 333 1234567', '[telefono]'],
    ['+393331234567', '[telefono]'],
    ['+39 3331234567', '[telefono]'],
    ['0039 333 1234567', '[telefono]'],
    ['050-910111', '[telefono]'],
    ['ufficio 050 910111 int. 4', 'ufficio [telefono] int. 4'],
    ['(050) 910111', '[telefono]'],
    ['06 12345678', '[telefono]'],
    ['06.12.34.56.78', '[telefono]'],
    ['0509101111', '[telefono]'],
    ['050/910111', '[telefono]'],
    ['+44 20 7946 0958', '[telefono]'],
    ['+1 (555) 123-4567', '[telefono]'],
    ['tel:+33 1 42 68 53 00', 'tel:[telefono]'],
    ['333 1234567 oppure 050 910111', '[telefono] oppure [telefono]'],
  ])('%p', (text, expected) => expect(r(text)).toBe(expected));

  it('finds the number after a house number in the same run of digits', () => {
    expect(r('via Roma 12 050 910111')).toBe('via Roma 12 [telefono]');
    expect(r('civico 7 333 1234567')).toBe('civico 7 [telefono]');
  });

  it('stops at the end of the number, not at the end of the digits', () => {
    expect(r('333 1234567 12 volte')).toBe('[telefono] 12 volte');
  });
});

describe('ordinary numbers stay', () => {
  it.each([
    'via Roma 12',
    'davanti al civico 12/B, 56127 Pisa',
    'CAP 00185 Roma',
    'il 12/03/2026 alle 17:45',
    'dal 03/12/2026 al 05.01.2027',
    'il 3-4-2026',
    'il 01.02.26',
    'dalle 08.30-12.30 e dalle 15.00',
    'codice SEG-2026-000123',
    'vedi seg-2026-000123 e RIC-2026-000045, REC-2027-1000000',
    'prot. n. 0012345/2026',
    'delibera 123/2026',
    'spesa di € 1.250.000',
    'costo 333.000.000 euro',
    'sono 35,50 euro',
    'buca di 30 cm, profonda 0,5 m',
    'posizione 43.716712, 10.401712',
    'anno 2026 3 segnalazioni',
    'matricola 00123456',
    'lampioni 1 2 3 4 5 6 spenti',
    'pratica IT001E12345678',
    'numero verde 800 123456',
    'chiamato il 112',
  ])('%p', (text) => expect(r(text)).toBe(text));

  it('keeps the date and redacts the phone next to it', () => {
    expect(r('03/12/2026 050 910111')).toBe('03/12/2026 [telefono]');
  });
});

describe('tax codes (codice fiscale)', () => {
  it.each([
    ['CF RSSMRA85T10A562S', 'CF [codice fiscale]'],
    ['cf: rssmra85t10a562s.', 'cf: [codice fiscale].'],
    // omocodia: digits replaced by letters
    ['RSSMRA85T10A56NS', '[codice fiscale]'],
    ['(BNCLCU70A01G702Y)', '([codice fiscale])'],
  ])('%p', (text, expected) => expect(r(text)).toBe(expected));

  it('leaves sixteen-letter words and longer codes alone', () => {
    expect(r('precipitevolissimevolmente')).toBe('precipitevolissimevolmente');
    expect(r('XRSSMRA85T10A562SX')).toBe('XRSSMRA85T10A562SX');
  });
});

describe('IBANs', () => {
  it.each([
    ['IBAN IT60X0542811101000000123456', 'IBAN [IBAN]'],
    ['IT60 X054 2811 1010 0000 0123 456 grazie', '[IBAN] grazie'],
    ['it60x0542811101000000123456', '[IBAN]'],
    ['IT60X0542811101000000123456 grazie', '[IBAN] grazie'],
    // a valid German IBAN (mod-97)
    ['DE89 3704 0044 0532 0130 00', '[IBAN]'],
    // an Italian IBAN with a wrong check digit is still an account number
    ['IT61X0542811101000000123456', '[IBAN]'],
  ])('%p', (text, expected) => expect(r(text)).toBe(expected));

  it('leaves look-alikes that fail the checksum', () => {
    expect(r('DE00 3704 0044 0532 0130 00')).not.toContain('[IBAN]');
    expect(r('AB12 CDEF GHIJ KLMN')).toBe('AB12 CDEF GHIJ KLMN');
  });
});

describe('known names', () => {
  it('redacts the whole name in either order, any case, any spacing', () => {
    expect(r('Gentile Maria Rossi, la ringraziamo. ROSSI  MARIA', ['Maria Rossi'])).toBe(
      'Gentile [nome], la ringraziamo. [nome]'
    );
  });

  it('matches whole words only', () => {
    expect(r('Mariarosa Rossini', ['Maria Rossi'])).toBe('Mariarosa Rossini');
  });

  it('prefers the longest name and skips empty or too short ones', () => {
    expect(r('Maria Rossi Bianchi scrive', ['Maria Rossi', 'Maria Rossi Bianchi'])).toBe(
      '[nome] scrive'
    );
    expect(r('Al bar di via Po', ['Al', '', '  '])).toBe('Al bar di via Po');
  });

  it('escapes names with regex characters', () => {
    expect(r("D'Angelo (Gino) scrive", ["D'Angelo (Gino)"])).toBe('[nome] scrive');
  });
});

describe('together', () => {
  const message =
    'Buongiorno, sono Maria Rossi (CF RSSMRA85T10A562S), abito in via Roma 12. ' +
    'La buca SEG-2026-000123 segnalata il 12/03/2026 è ancora lì: chiamatemi al 333 1234567 ' +
    'o scrivete a maria.rossi@example.org. Rimborso su IT60X0542811101000000123456.';

  it('redacts every contact detail and keeps the rest', () => {
    expect(r(message, ['Maria Rossi'])).toBe(
      'Buongiorno, sono [nome] (CF [codice fiscale]), abito in via Roma 12. ' +
        'La buca SEG-2026-000123 segnalata il 12/03/2026 è ancora lì: chiamatemi al [telefono] ' +
        'o scrivete a [email]. Rimborso su [IBAN].'
    );
  });

  it('is idempotent', () => {
    const once = r(message, ['Maria Rossi']);
    expect(r(once, ['Maria Rossi'])).toBe(once);
  });

  it('leaves text without contacts untouched, and the empty string', () => {
    const plain = 'Lampione spento da tre giorni in piazza dei Miracoli 5.';
    expect(r(plain)).toBe(plain);
    expect(r('')).toBe('');
  });

  it('uses the documented markers', () => {
    expect(REDACTION_MARKERS).toEqual({
      email: '[email]',
      iban: '[IBAN]',
      taxCode: '[codice fiscale]',
      phone: '[telefono]',
      name: '[nome]',
    });
  });
});

describe('redactDeep', () => {
  it('redacts strings anywhere in a JSON value and keeps its shape and other values', () => {
    const value = {
      plate: 'AB123CD',
      contact: ['333 1234567', { email: 'a@b.it' }],
      floors: 3,
      lift: true,
      note: null,
    };
    expect(redactDeep(value)).toEqual({
      plate: 'AB123CD',
      contact: ['[telefono]', { email: '[email]' }],
      floors: 3,
      lift: true,
      note: null,
    });
    expect(redactDeep(null)).toBeNull();
  });
});
