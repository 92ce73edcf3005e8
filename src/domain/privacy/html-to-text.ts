/**
 * A deliberately small HTML-to-text conversion so that HTML bodies can be scanned: it drops
 * scripts, styles and comments, turns block elements into line breaks and table cells into tabs
 * (the scanner treats a tab as a column boundary), and decodes entities. It is not a sanitiser and
 * its output is never rendered as HTML.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·',
  times: '×', divide: '÷', yen: '¥', copy: '©', reg: '®', deg: '°', plusmn: '±', laquo: '«', raquo: '»',
  bull: '•', permil: '‰', sect: '§', para: '¶', trade: '™', shy: '',
};

const BLOCK_TAGS =
  'address|article|aside|blockquote|body|caption|dd|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|header|hr|html|li|main|nav|ol|p|pre|section|table|tbody|thead|tfoot|tr|ul|title';

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return entity;
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? entity;
}

/** Converts an HTML document or fragment to plain text for scanning. */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style|noscript|template|head)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<br\b[^>]*>/gi, '\n')
    .replace(/<\/?(?:td|th)\b[^>]*>/gi, '\t')
    .replace(new RegExp(`</?(?:${BLOCK_TAGS})\\b[^>]*>`, 'gi'), '\n')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/&(#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (entity, body: string) => decodeEntity(entity, body))
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, (run: string) => (run.includes('\t') ? '\t' : ' '))
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
