/**
 * Normalisation for Chinese search: Traditional → Simplified (opencc-js `tw→cn`, character level,
 * never the phrase variant `twp`, so the length and positions of the text stay comparable),
 * full-width ASCII → half-width, Latin lower case, whitespace collapsed. Text and queries go
 * through the same function, so a query typed in Traditional characters finds Simplified text.
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Normalises text or a query for indexing and matching. */
export function normaliseForSearch(text: string): string {
  return (toSimplified(text) as string)
    .replace(/[\uFF01-\uFF5E]/g, (ch: string) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards (used with `ESCAPE '\\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
