/**
 * What the search index stores beside the normalised text, so that a query over a million items
 * touches only the entries it returns (architecture.md, “Search”; the [publishing] issue's target
 * of p95 < 50 ms at 1M items):
 *
 * - a sort key that orders entries newest first (published date, then item id, both descending),
 *   used as the FTS5 rowid on SQLite and as an indexed column on PostgreSQL, so the first page of
 *   a common query is read straight off the index in result order and the read stops there;
 * - the distinct one- and two-character grams of the text, so one- and two-character queries
 *   (低保, 王) are index look-ups instead of scans (trigram indexes start at three characters);
 * - facet tokens (agency and its ancestors, year, category, kind, validity) so that SQLite filters
 *   inside the full-text index instead of after it (see {@link facetToken}).
 */

/** Characters that may be part of a gram: letters and digits (FTS5 `unicode61` token characters). */
const GRAM_CHAR = /^[\p{L}\p{N}]$/u;

const DAY_MS = 86_400_000;
/** Item ids below this fit beside the day number in a safe integer (days·10¹⁰ < 2⁵³ until the year 4400). */
const ID_SPAN = 10_000_000_000;

/** Orders entries newest first: a larger key is a later publication date, or the same date and a larger id. */
export function sortKeyOf(publishedOn: string, itemId: number): number {
  const day = Math.floor(Date.parse(`${publishedOn.slice(0, 10)}T00:00:00Z`) / DAY_MS);
  if (!Number.isFinite(day)) throw new Error(`发布日期无效：${publishedOn}`);
  if (!Number.isInteger(itemId) || itemId < 0 || itemId >= ID_SPAN) throw new Error(`信息编号超出检索索引范围：${itemId}`);
  return day * ID_SPAN + itemId;
}

/** Whether a query of one or two characters can be answered from the gram index. */
export function isGramQuery(q: string): boolean {
  const chars = [...q];
  return chars.length >= 1 && chars.length <= 2 && chars.every((c) => GRAM_CHAR.test(c));
}

/** The distinct one- and two-character grams of normalised text (letters and digits only). */
export function gramsOf(text: string): string[] {
  // Each character is classified once (the ledger import indexes a hundred thousand bodies at a time).
  const grams = new Set<string>();
  let previous: string | null = null;
  for (const c of text) {
    if (isGramChar(c)) {
      if (previous !== null) grams.add(previous + c);
      grams.add(c);
      previous = c;
    } else previous = null;
  }
  return [...grams];
}

/** GRAM_CHAR of a character, remembered for the Basic Multilingual Plane (0 not yet known, 1 yes, 2 no). */
const BMP_GRAM_CHAR = new Uint8Array(0x10000);
function isGramChar(c: string): boolean {
  if (c.length !== 1) return GRAM_CHAR.test(c);
  const code = c.charCodeAt(0);
  let known = BMP_GRAM_CHAR[code]!;
  if (known === 0) {
    known = GRAM_CHAR.test(c) ? 1 : 2;
    BMP_GRAM_CHAR[code] = known;
  }
  return known === 1;
}

/**
 * A facet token is exactly three characters from the Unicode private-use areas, kept in a column
 * of its own (queries name the column, so text can never match a facet): in the trigram table it
 * is one trigram with a doclist of its own (a year
 * written as " y2015 " would share trigrams like "201" with every body text, and the filter would
 * cost more than the search), and in the gram table (`unicode61`, private use = token characters)
 * it is one token. Character 1 names the facet kind; characters 2 and 3 carry a 32-bit value: the
 * number itself (agency id, year), or for a text value (category, kind, validity) its 40-bit
 * FNV-1a hash, 8 bits of which ride in character 1 (a collision among the few dozen values of a
 * vocabulary has odds below one in a hundred million).
 */
function facet(kind: number, value: number, extra = 0): string {
  return String.fromCodePoint(0xe000 + kind * 256 + extra, 0xf0000 + Math.floor(value / 65536), 0x100000 + (value % 65536));
}

function textFacet(kind: number, text: string): string {
  // 32-bit FNV-1a, plus 8 bits of a second pass with the constants swapped.
  let h = 0x811c9dc5;
  let g = 0x01000193;
  for (const b of new TextEncoder().encode(text)) {
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
    g = Math.imul(g ^ b, 0x811c9dc5) >>> 0;
  }
  return facet(kind, h, g & 0xff);
}

function numberFacet(kind: number, value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** 32) throw new Error(`检索分面取值超出范围：${value}`);
  return facet(kind, value);
}

export interface FacetValues {
  agencyPath: string;
  year: number;
  category: string;
  genre: string;
  validity: string;
}

/** One three-character token per facet value. */
export const facetToken = {
  agency: (id: string | number) => numberFacet(1, Number(id)),
  year: (year: number) => numberFacet(2, year),
  category: (category: string) => textFacet(3, category),
  genre: (genre: string) => textFacet(4, genre),
  validity: (validity: string) => textFacet(5, validity),
};

/** The last agency id of an agency path (`/1/2/9/` → `9`): a subtree filter is one token. */
export function agencyIdOfPath(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1];
}

/** The facet tokens of an entry, space-separated. */
export function facetsOf(doc: FacetValues): string {
  const tokens = [
    ...doc.agencyPath.split('/').filter(Boolean).map(facetToken.agency),
    facetToken.year(doc.year),
    facetToken.category(doc.category),
    facetToken.genre(doc.genre),
    facetToken.validity(doc.validity),
  ];
  return tokens.join(' ');
}

/**
 * Grams that every text containing `q` holds (see {@link gramsOf}): the query itself when it is a
 * gram; otherwise up to `max` of its two-character grams (the first, the last and some between), or
 * its characters when no two letters or digits stand together. Empty when `q` has no letter or digit.
 */
export function gramsWithin(q: string, max = 4): string[] {
  if (isGramQuery(q)) return [q];
  const all = gramsOf(q);
  const pairs = all.filter((g) => [...g].length === 2);
  const pool = pairs.length > 0 ? pairs : all;
  if (pool.length <= max) return pool;
  return [...new Set(Array.from({ length: max }, (_, i) => pool[Math.round((i * (pool.length - 1)) / (max - 1))]!))];
}

/**
 * A key of PostgreSQL's agency-scoped gram index (migration 0020): the agency id, `t` (title) or
 * `b` (body), the gram. Must match the SQL function `search_scoped_grams`.
 */
export function scopedGramKey(agencyId: number, where: 't' | 'b', gram: string): string {
  return `${String(agencyId)}${where}${gram}`;
}
