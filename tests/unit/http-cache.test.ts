import { etagOf, isCatalogueRead } from '../../src/lib/catalogue/http-cache';

it('validates the public catalogue reads only', () => {
  expect(isCatalogueRead('GET', '/api/services')).toBe(true);
  expect(isCatalogueRead('GET', '/api/offices/tree')).toBe(true);
  expect(isCatalogueRead('HEAD', '/api/topics/abc')).toBe(true);
  expect(isCatalogueRead('POST', '/api/services/x/rating')).toBe(false);
  expect(isCatalogueRead('GET', '/api/servicesx')).toBe(false);
  expect(isCatalogueRead('GET', '/api/reports')).toBe(false);
});

it('tags equal bodies alike and different ones apart', () => {
  expect(etagOf('{"a":1}')).toBe(etagOf(Buffer.from('{"a":1}')));
  expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
  expect(etagOf('x')).toMatch(/^W\/"[\w-]+"$/);
});
