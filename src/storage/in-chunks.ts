/**
 * Lists of values bound into one statement (`where id in (…)`) go in parts: SQLite binds at most 32 766
 * variables per statement and PostgreSQL 65 535 parameters, and a county's register passes either
 * (`gongkai assess` failed above ~32 700 items). 5 000 per part keeps each statement small on both stores.
 */
export const IN_LIST_CHUNK = 5000;

/** Splits a list into parts of at most `size`. */
export function chunksOf<T>(list: readonly T[], size = IN_LIST_CHUNK): T[][] {
  if (!(size >= 1)) throw new RangeError(`chunk size ${String(size)}`);
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Runs a query once per part of `values` (duplicates removed) and concatenates the rows, in part order. */
export async function inChunks<T, R>(values: readonly T[], query: (part: T[]) => Promise<readonly R[]>, size = IN_LIST_CHUNK): Promise<R[]> {
  const out: R[] = [];
  for (const part of chunksOf([...new Set(values)], size)) out.push(...(await query(part)));
  return out;
}
