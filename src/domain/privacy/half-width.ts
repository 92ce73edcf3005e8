/**
 * Full-width forms (U+FF01–FF5E) and the ideographic space are common in Chinese documents
 * (`４３０１…`, `＋８６`, `（内部资料）`). Mapping them one code unit for one lets every detector
 * run on ASCII patterns while its offsets stay valid in the original text.
 */

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;

/** Maps full-width ASCII variants to ASCII and U+3000 to a space, keeping the length unchanged. */
export function toHalfWidth(text: string): string {
  FULL_WIDTH.lastIndex = 0;
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}
