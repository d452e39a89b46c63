import { escapeXmlText, toXml } from '../../src/domain/open311/xml';

describe('toXml', () => {
  it('writes elements only, naming list items after their list', () => {
    const xml = toXml('service_requests', [
      { service_request_id: 'SEG-2026-000001', lat: 43.7, media_url: null, metadata: false },
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n' +
        '<service_requests><request><service_request_id>SEG-2026-000001</service_request_id>' +
        '<lat>43.7</lat><media_url></media_url><metadata>false</metadata></request></service_requests>\n'
    );
  });

  it('nests lists in objects (attributes, values)', () => {
    const xml = toXml('service_definition', {
      service_code: 'BUCHE',
      attributes: [{ code: 'kind', values: [{ key: 'a', name: 'A' }] }],
    });
    expect(xml).toContain(
      '<attributes><attribute><code>kind</code><values><value><key>a</key><name>A</name></value></values></attribute></attributes>'
    );
  });

  it('escapes text and drops characters XML cannot carry', () => {
    expect(escapeXmlText('a < b & c > "d" \'e\'')).toBe('a &lt; b &amp; c &gt; "d" \'e\'');
    expect(escapeXmlText('bell\u0007 nul\u0000 tab\tnewline\n')).toBe('bell nul tab\tnewline\n');
    expect(escapeXmlText('lone \uD800 surrogate, pair \uD83D\uDE00')).toBe(
      'lone  surrogate, pair \uD83D\uDE00'
    );
  });

  it('refuses an element name that is not a name', () => {
    expect(() => toXml('errors', { 'bad name': 1 })).toThrow(RangeError);
  });
});
