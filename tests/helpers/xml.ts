/**
 * A strict parser for the XML Open311 answers may contain: a declaration, elements and text, the
 * five predefined entities. Anything else (an attribute, a comment, CDATA, a mismatched tag) throws,
 * so a test that parses an answer also proves it carries no XML attributes.
 */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref[0] === '#')
      return String.fromCodePoint(
        ref[1].toLowerCase() === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      );
    if (!(ref in ENTITIES)) throw new Error(`unknown entity ${whole}`);
    return ENTITIES[ref];
  });
}

export function parseXml(xml: string): XmlNode {
  let rest = xml.replace(/^<\?xml version="1\.0" encoding="utf-8"\?>\s*/, '');
  if (rest === xml) throw new Error('no XML declaration');
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack = [root];
  while (rest.length) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text.includes('>')) throw new Error(`stray > in ${text}`);
    if (stack.length === 1 && text.trim()) throw new Error('text outside the root');
    stack[stack.length - 1].text += decode(text);
    if (lt === -1) break;
    rest = rest.slice(lt);
    const tag = /^<(\/?)([A-Za-z_][A-Za-z0-9_.-]*)(\s[^>]*)?(\/?)>/.exec(rest);
    if (!tag) throw new Error(`malformed tag at ${rest.slice(0, 40)}`);
    const [whole, closing, name, attrs, selfClosing] = tag;
    if (attrs && attrs.trim()) throw new Error(`element <${name}> carries attributes: ${attrs}`);
    rest = rest.slice(whole.length);
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const node: XmlNode = { name, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    if (!selfClosing) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is not closed`);
  if (root.children.length !== 1) throw new Error('not exactly one root element');
  return root.children[0];
}

/** Children by name: `child(node, 'request')` for all, `first(...)` for one. */
export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** A leaf element's text by name (undefined when absent). */
export function textOf(node: XmlNode, name: string): string | undefined {
  return children(node, name)[0]?.text;
}

/** Every text of the document, for "this never appears" checks. */
export function allText(node: XmlNode): string {
  return node.text + node.children.map(allText).join(' ');
}
