/** The content locale a public catalogue read asks for (`?locale=`), Italian by default. */
import { CONTENT_LOCALES } from '../locales';
import { IntakeError } from '../intake';

export function contentLocale(raw: unknown): string {
  if (raw === undefined || raw === null || raw === '') return 'it';
  const codes = CONTENT_LOCALES.map((l) => l.code);
  if (typeof raw !== 'string' || !codes.includes(raw)) {
    throw new IntakeError(400, `locale must be one of ${codes.join(', ')}.`, 'locale');
  }
  return raw;
}
