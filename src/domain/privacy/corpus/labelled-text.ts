/**
 * The corpus label format: an expected finding is written inline as `⟦kind:text⟧`, e.g.
 * `身份证号：⟦id_card:431281199003071234⟧`, so a reviewer reads labels where they occur. Anything
 * not labelled is expected to produce no finding above `info`.
 */
import { isFindingKind, type FindingKind } from '../finding.ts';

/** One expected finding, with offsets into the text after the markers are removed. */
export interface Label {
  readonly kind: FindingKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Strips `⟦kind:text⟧` markers and returns the plain text with the labels they made. */
export function parseLabelledText(source: string): { text: string; labels: Label[] } {
  const labels: Label[] = [];
  let text = '';
  let cursor = 0;
  for (let open = source.indexOf('⟦'); open >= 0; open = source.indexOf('⟦', cursor)) {
    const colon = source.indexOf(':', open);
    const close = source.indexOf('⟧', open);
    if (colon < 0 || close < 0 || colon > close) throw new SyntaxError(`malformed label at ${open}: ${source.slice(open, open + 30)}`);
    const kind = source.slice(open + 1, colon);
    if (!isFindingKind(kind)) throw new SyntaxError(`unknown finding kind "${kind}" at ${open}`);
    const inner = source.slice(colon + 1, close);
    if (inner.includes('⟦')) throw new SyntaxError(`nested label at ${open}`);
    text += source.slice(cursor, open);
    labels.push({ kind, start: text.length, end: text.length + inner.length, text: inner });
    text += inner;
    cursor = close + 1;
  }
  return { text: text + source.slice(cursor), labels };
}
