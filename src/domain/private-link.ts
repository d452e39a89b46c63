/**
 * The citizen's private link to a case: `<reference code>.<MAC>`. The code is public (printed on
 * the tracking page); the MAC, an HMAC-SHA256 of the code and the case's internal document id under
 * a server secret, is what makes the link private. Nothing secret is stored: every email can carry
 * the link, and rotating the secret revokes all links at once.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** 24 bytes of the MAC, base64url: 192 bits, more than enough against guessing. */
const MAC_LENGTH = 32;

function mac(secret: string, code: string, documentId: string): string {
  return createHmac('sha256', secret)
    .update(`case-link|${code}|${documentId}`)
    .digest('base64url')
    .slice(0, MAC_LENGTH);
}

export function signCaseLink(secret: string, code: string, documentId: string): string {
  if (!secret) throw new Error('The case link secret is empty');
  return `${code}.${mac(secret, code, documentId)}`;
}

/** The reference code a link claims to be for, or null when it is not shaped like a link. */
export function parseCaseLink(token: string): { code: string; mac: string } | null {
  const match = /^([A-Z]{3}-\d{4}-\d{6,})\.([A-Za-z0-9_-]{32})$/.exec(token.trim());
  return match ? { code: match[1], mac: match[2] } : null;
}

/** True when the link was signed for this case under this secret (constant-time comparison). */
export function verifyCaseLink(secret: string, token: string, documentId: string): boolean {
  const parsed = parseCaseLink(token);
  if (!parsed || !secret) return false;
  const expected = Buffer.from(mac(secret, parsed.code, documentId));
  const given = Buffer.from(parsed.mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
