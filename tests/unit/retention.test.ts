import {
  anonymousEmail,
  keptReason,
  retentionCutoff,
  scrubCaseRow,
} from '../../src/domain/retention';

describe('retentionCutoff', () => {
  it.each([
    ['2028-02-13T03:30:00.000Z', 24, '2026-02-13T03:30:00.000Z'],
    ['2028-01-15T00:00:00.000Z', 1, '2027-12-15T00:00:00.000Z'],
    ['2028-03-31T10:00:00.000Z', 1, '2028-02-29T10:00:00.000Z'], // leap year
    ['2027-03-31T10:00:00.000Z', 1, '2027-02-28T10:00:00.000Z'],
    ['2028-02-29T12:00:00.000Z', 24, '2026-02-28T12:00:00.000Z'],
    ['2028-05-31T23:59:59.999Z', 13, '2027-04-30T23:59:59.999Z'],
    ['2028-05-10T08:00:00.000Z', 0, '2028-05-10T08:00:00.000Z'],
  ])('%s minus %i months is %s', (now, months, expected) => {
    expect(retentionCutoff(new Date(now), months).toISOString()).toBe(expected);
  });

  it('does not change the date it is given', () => {
    const now = new Date('2028-03-31T10:00:00Z');
    retentionCutoff(now, 1);
    expect(now.toISOString()).toBe('2028-03-31T10:00:00.000Z');
  });

  it.each([-1, 1.5, NaN])('refuses %p months', (months) => {
    expect(() => retentionCutoff(new Date(), months)).toThrow(RangeError);
  });
});

describe('scrubCaseRow', () => {
  it('returns only the text columns that change, with the citizen’s name', () => {
    const row = {
      id: 1,
      reference_code: 'SEG-2026-000001',
      description: 'Buca, chiamate Maria Rossi al 333 1234567',
      qualification_note: 'Confermata',
      resolution_note: null,
      rating_comment: 'Grazie, scrivete a m@r.it',
      attribute_values: null,
      address: 'Via Roma 12, tel 050 910111',
    };
    expect(scrubCaseRow('report', row, ['Maria Rossi'])).toEqual({
      description: 'Buca, chiamate [nome] al [telefono]',
      rating_comment: 'Grazie, scrivete a [email]',
    });
  });

  it('scrubs the strings of JSON columns, stored as text or as objects', () => {
    const asText = { attribute_values: '{"targa":"AB123CD","contatto":"333 1234567"}' };
    expect(scrubCaseRow('report', asText, [])).toEqual({
      attribute_values: '{"targa":"AB123CD","contatto":"[telefono]"}',
    });
    expect(scrubCaseRow('report', { attribute_values: { piano: 2 } }, [])).toEqual({});
  });

  it('knows the columns of requests and complaints', () => {
    const contact = 'scrivere a a@b.it';
    const request = { subject: contact, description: contact, answer: contact, kind: contact };
    expect(Object.keys(scrubCaseRow('request', request, []))).toEqual([
      'subject',
      'description',
      'answer',
    ]);
    const complaint = { subject: contact, description: contact, remedy: contact, answer: contact };
    expect(Object.keys(scrubCaseRow('complaint', complaint, []))).toEqual([
      'subject',
      'description',
      'remedy',
      'answer',
    ]);
  });
});

describe('keptReason', () => {
  const none = { hasActiveCases: false, follows: false, hasAccount: false };
  it('frees a citizen with nothing running and no account', () => {
    expect(keptReason(none)).toBeNull();
  });
  it('names the first reason in order: active cases, following, account', () => {
    expect(keptReason({ hasActiveCases: true, follows: true, hasAccount: true })).toBe(
      'activeCases'
    );
    expect(keptReason({ ...none, follows: true, hasAccount: true })).toBe('following');
    expect(keptReason({ ...none, hasAccount: true })).toBe('account');
  });
});

describe('anonymousEmail', () => {
  it('is unique per citizen, lower-case and under the reserved .invalid domain', () => {
    expect(anonymousEmail('Abc123xyz')).toBe('anonimo-abc123xyz@anonymised.invalid');
    expect(anonymousEmail('a')).not.toBe(anonymousEmail('b'));
  });
});
