/**
 * Item bodies are rich text typed or pasted by staff (often from Word). Only structural markup is
 * kept — paragraphs, headings, lists, tables, emphasis, links — so a published page can carry no
 * script, style or tracking; the CSP forbids inline scripts and styles anyway.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 'sub', 'sup', 'ul', 'ol', 'li', 'blockquote', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'a', 'hr', 'span', 'div'],
  allowedAttributes: { a: ['href', 'title', 'rel'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  // Word's headings h1 become h2: the page's own title is the only h1.
  transformTags: { h1: 'h2', a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  exclusiveFilter: (frame) => frame.tag === 'span' && !frame.text.trim(),
};

/** Returns safe HTML for an item body. */
export function sanitiseBodyHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
