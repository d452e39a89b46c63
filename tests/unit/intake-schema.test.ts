/** The intake schema on values as forms send them (strings, blanks). */
import { reportIntakeSchema } from '../../src/lib/intake-schema';

const base = {
  topic: 'ROAD-POTHOLE',
  description: 'Buca profonda davanti al civico 12',
  privacyConsent: 'true',
  address: 'Via Roma 1',
};

it('a blank position field of a form means no position, not 0', () => {
  const r = reportIntakeSchema.safeParse({ ...base, latitude: '', longitude: ' ' });
  expect(r.success).toBe(true);
  expect(r.data?.latitude).toBeUndefined();
  expect(r.data?.longitude).toBeUndefined();
});

it('reads coordinates from form strings', () => {
  const r = reportIntakeSchema.safeParse({ ...base, latitude: '43.7167', longitude: '10.4017' });
  expect(r.data).toMatchObject({ latitude: 43.7167, longitude: 10.4017, privacyConsent: true });
});

it.each([
  ['latitude', { latitude: 'nord', longitude: '10.4' }],
  ['latitude', { latitude: 91, longitude: 10.4 }],
  ['longitude', { latitude: 43.7, longitude: -181 }],
])('refuses a bad %s', (field, position) => {
  const r = reportIntakeSchema.safeParse({ ...base, ...position });
  expect(r.success).toBe(false);
  expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(field);
});
