import { etagOf, isCatalogueRead, matchesIfNoneMatch } from '../../src/lib/catalogue/http-cache';

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

it('matches If-None-Match lists, weakly, and the wildcard', () => {
  const tag = etagOf('{"a":1}');
  const opaque = tag.slice(2);
  expect(matchesIfNoneMatch(tag, tag)).toBe(true);
  expect(matchesIfNoneMatch(opaque, tag)).toBe(true);
  expect(matchesIfNoneMatch(`W/"other", ${tag}`, tag)).toBe(true);
  expect(matchesIfNoneMatch('*', tag)).toBe(true);
  expect(matchesIfNoneMatch('W/"other"', tag)).toBe(false);
  expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
  expect(matchesIfNoneMatch('', tag)).toBe(false);
});
