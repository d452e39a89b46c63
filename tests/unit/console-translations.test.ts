/** The URP console speaks Italian and English: both files have every key, none left empty. */
import en from '../../src/plugins/urp-console/admin/src/translations/en.json';
import italian from '../../src/plugins/urp-console/admin/src/translations/it.json';

describe('URP console translations', () => {
  it('have the same keys in Italian and English', () => {
    expect(Object.keys(italian).sort()).toEqual(Object.keys(en).sort());
  });

  it('leave no text empty and keep the placeholders', () => {
    for (const [key, text] of Object.entries(en)) {
      const other = (italian as Record<string, string>)[key];
      expect(text.trim()).not.toBe('');
      expect(other.trim()).not.toBe('');
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect({ key, placeholders: placeholders(other) }).toEqual({
        key,
        placeholders: placeholders(text),
      });
    }
  });
});
