/**
 * A tiny XML writer for Open311 answers. GeoReport v2 XML is elements only (no attributes, no
 * mixed content), so a few lines that escape text and name list items are enough; a library would
 * add a dependency and options (attributes, CDATA) clients must not receive.
 */

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | XmlObject;
export interface XmlObject {
  [element: string]: XmlValue;
}

/** The element name of each item of a list, by the list's own element name. */
export const OPEN311_LIST_ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
};

// Characters XML 1.0 cannot carry at all (C0 controls but tab/newline/return, lone surrogates,
// U+FFFE/U+FFFF): dropped, since a client's parser would refuse the whole document.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXmlText(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function assertName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name))
    throw new RangeError(`bad XML element name ${name}`);
}

function element(name: string, value: XmlValue, itemName: (list: string) => string): string {
  assertName(name);
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = itemName(name);
    return `<${name}>${value.map((v) => element(item, v, itemName)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([child, v]) => element(child, v, itemName))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXmlText(String(value))}</${name}>`;
}

/** A whole document: the declaration, then `root` holding `value` (lists name their items). */
export function toXml(
  root: string,
  value: XmlValue,
  itemName: (list: string) => string = (list) => OPEN311_LIST_ITEMS[list] ?? 'item'
): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemName)}\n`;
}
