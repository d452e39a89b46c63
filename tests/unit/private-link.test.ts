import { parseCaseLink, signCaseLink, verifyCaseLink } from '../../src/domain/private-link';

const SECRET = 'test-secret';
const CODE = 'SEG-2026-000042';
const DOC = 'k3j4h5g6f7d8s9a0q1w2e3r4';

describe('private case links', () => {
  it('carry the public code and a MAC, and verify for their case', () => {
    const link = signCaseLink(SECRET, CODE, DOC);
    expect(link.startsWith(`${CODE}.`)).toBe(true);
    expect(parseCaseLink(link)).toEqual({ code: CODE, mac: link.slice(CODE.length + 1) });
    expect(verifyCaseLink(SECRET, link, DOC)).toBe(true);
  });

  it('are refused for another case, another secret, or a tampered MAC', () => {
    const link = signCaseLink(SECRET, CODE, DOC);
    expect(verifyCaseLink(SECRET, link, 'another-document-id-0000')).toBe(false);
    expect(verifyCaseLink('other-secret', link, DOC)).toBe(false);
    const last = link.at(-1) === 'A' ? 'B' : 'A';
    expect(verifyCaseLink(SECRET, link.slice(0, -1) + last, DOC)).toBe(false);
  });

  it('cannot be made from the public code alone', () => {
    expect(verifyCaseLink(SECRET, CODE, DOC)).toBe(false);
    expect(parseCaseLink(CODE)).toBeNull();
    expect(parseCaseLink(`${CODE}.short`)).toBeNull();
  });

  it('differ between cases and refuse an empty secret', () => {
    expect(signCaseLink(SECRET, CODE, DOC)).not.toBe(signCaseLink(SECRET, 'SEG-2026-000043', DOC));
    expect(() => signCaseLink('', CODE, DOC)).toThrow(/secret/);
    expect(verifyCaseLink('', signCaseLink(SECRET, CODE, DOC), DOC)).toBe(false);
  });
});
