/**
 * Detectors look at the context of a match on its own line. Scanning back to the line start with
 * `lastIndexOf` would make a long single-line input (an HTML page without breaks, a CSV record)
 * quadratic, so context is always a bounded window that says whether it reached the line's ends.
 */

/** A bounded piece of the line around a match. */
export interface LineWindow {
  /** Offset where the window starts: the line start, or `before` characters back. */
  readonly from: number;
  /** Offset where the window ends: the line end, or `after` characters on. */
  readonly to: number;
  readonly isLineStart: boolean;
  readonly isLineEnd: boolean;
}

/** Finds the part of the line at most `before` characters before `start` and `after` characters after `end`. */
export function lineWindow(text: string, start: number, end: number, before: number, after: number): LineWindow {
  const lowest = Math.max(0, start - before);
  let from = start;
  while (from > lowest && text.charCodeAt(from - 1) !== 10) from--;
  const isLineStart = from === 0 || text.charCodeAt(from - 1) === 10;
  const highest = Math.min(text.length, end + after);
  let to = end;
  while (to < highest && text.charCodeAt(to) !== 10) to++;
  const isLineEnd = to === text.length || text.charCodeAt(to) === 10;
  return { from, to, isLineStart, isLineEnd };
}
