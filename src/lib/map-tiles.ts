/**
 * The base map of the console's pages: where its tiles come from, and the Content Security
 * Policy sources that let the admin load them (config/middlewares.ts adds them to img-src).
 * Pure: config files and tests call it with the configured URL template.
 */

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_ATTRIBUTION = '© OpenStreetMap contributors';

/** A Leaflet URL template's placeholders: {s}, {z}, {x}, {y}, {r}, or any other {name}. */
const PLACEHOLDER = /\{[^}]*\}/;

/**
 * The CSP source expressions that cover every tile a Leaflet URL template can name:
 * 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' → ['https://tile.openstreetmap.org'],
 * 'https://{s}.tile.example.org/…' → ['https://*.tile.example.org'] (subdomains as a wildcard,
 * which CSP allows only as the leftmost label, so a placeholder anywhere in the host widens to
 * the labels after it). A relative template is served by the app itself ('self'); an empty or
 * unusable one adds nothing.
 */
export function tileImgSources(template: string | null | undefined): string[] {
  const url = (template ?? '').trim();
  const m = /^(?:([a-z][a-z0-9+.-]*):)?\/\/([^/?#]+)/i.exec(url);
  if (!m) return [];
  const scheme = m[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') return [];
  const authority = m[2].replace(/^[^@]*@/, ''); // no credentials in a CSP source
  const hostPort = /^(\[[^\]]+\]|[^:]+)(?::(\d+|\{[^}]*\}))?$/.exec(authority);
  if (!hostPort) return [];
  const [, rawHost, rawPort] = hostPort;
  const labels = rawHost.toLowerCase().split('.');
  let host: string;
  const last = labels.reduce((at, label, i) => (PLACEHOLDER.test(label) ? i : at), -1);
  if (last < 0) {
    host = labels.join('.');
  } else {
    const rest = labels.slice(last + 1);
    // "{s}.example" or "{s}" alone would be a wildcard over a whole top-level domain: refuse.
    if (rest.length < 2) return [];
    host = `*.${rest.join('.')}`;
  }
  if (!/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$|^\[[0-9a-f:.]+\]$/.test(host)) return [];
  const port = rawPort && PLACEHOLDER.test(rawPort) ? ':*' : rawPort ? `:${rawPort}` : '';
  return [`${scheme ? `${scheme}://` : ''}${host}${port}`];
}
