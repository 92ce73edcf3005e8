/**
 * Test helper: a small strict XML 1.0 reader for what the app writes (feeds, sitemaps). It rejects
 * what a real parser rejects in such documents — forbidden characters, unknown or bare entities,
 * unquoted or repeated attributes, mismatched or unclosed tags, text outside the root — and returns
 * the element tree. No DTDs, no namespaces processing (prefixes are part of names).
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, entities decoded. */
  text: string;
}

const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NAME = '[A-Za-z_:][-A-Za-z0-9._:]*';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`“<” in text or attribute at ${String(where)}`);
  return raw.replace(/&([^;]*);|&/g, (whole, name: string | undefined) => {
    if (name === undefined) throw new Error(`bare “&” at ${String(where)}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(name);
    if (!m) throw new Error(`unknown entity ${whole} at ${String(where)}`);
    const ch = String.fromCodePoint(m[1] ? parseInt(m[1], 16) : Number(m[2]));
    if (FORBIDDEN.test(ch)) throw new Error(`reference to a forbidden character ${whole} at ${String(where)}`);
    return ch;
  });
}

/** Parses a whole document; throws with the position of the first error. */
export function parseXml(doc: string): XmlElement {
  const bad = FORBIDDEN.exec(doc);
  if (bad) throw new Error(`forbidden character U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} at ${String(bad.index)}`);
  let i = 0;
  const declaration = /^<\?xml\s+version="1\.[0-9]"(\s+encoding="[A-Za-z0-9._-]+")?(\s+standalone="(yes|no)")?\s*\?>/.exec(doc);
  if (declaration) i = declaration[0].length;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`);
  const attribute = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const text = doc.slice(i, lt === -1 ? doc.length : lt);
    if (text.includes(']]>')) throw new Error(`“]]>” in text at ${String(i)}`);
    const decoded = decode(text, i);
    if (stack.length > 0) stack[stack.length - 1]!.text += decoded;
    else if (decoded.trim() !== '') throw new Error(`text outside the root element at ${String(i)}`);
    if (lt === -1) break;
    i = lt;
    if (doc.startsWith('<!--', i)) {
      const end = doc.indexOf('-->', i + 4);
      if (end === -1 || doc.slice(i + 4, end).includes('--')) throw new Error(`bad comment at ${String(i)}`);
      i = end + 3;
      continue;
    }
    if (doc.startsWith('<![CDATA[', i)) {
      const end = doc.indexOf(']]>', i);
      if (end === -1 || stack.length === 0) throw new Error(`bad CDATA section at ${String(i)}`);
      stack[stack.length - 1]!.text += doc.slice(i + 9, end);
      i = end + 3;
      continue;
    }
    const m = tag.exec(doc.slice(i));
    if (!m) throw new Error(`malformed tag at ${String(i)}: ${doc.slice(i, i + 40)}`);
    const [whole, closing, name, attrs, selfClosing] = m as unknown as [string, string, string, string, string];
    if (closing) {
      if (attrs.trim() !== '' || selfClosing) throw new Error(`malformed end tag at ${String(i)}`);
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? '(nothing)'}> at ${String(i)}`);
    } else {
      const element: XmlElement = { name, attributes: {}, children: [], text: '' };
      for (const a of attrs.matchAll(attribute)) {
        if (a[1]! in element.attributes) throw new Error(`attribute ${a[1]!} repeated at ${String(i)}`);
        element.attributes[a[1]!] = decode(a[2] ?? a[3] ?? '', i);
      }
      if (stack.length > 0) stack[stack.length - 1]!.children.push(element);
      else if (root) throw new Error(`a second root element at ${String(i)}`);
      else root = element;
      if (!selfClosing) stack.push(element);
    }
    i += whole.length;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]!.name}> is not closed`);
  if (!root) throw new Error('no root element');
  return root;
}
