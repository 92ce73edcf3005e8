/**
 * How a figure names the records behind it when they are too many to list by id: a county folds a
 * million items, so the store counts the year's items in SQL, and a figure carries the query key that
 * lists them again (within the report's agencies and year) instead of their ids. The keys say which
 * items count, in the same words as `tallyItems`.
 */
import { GENRES, isOfficialDocumentGenre, normativeKindOf, type Genre } from '../publishing/index.ts';
import type { DeliveryChannel } from './delivery-channels.ts';

/**
 * What the store counts of a year's items:
 * - `published`: items first published in the year (revisions are not new items; withdrawn ones still were published);
 * - `documents`: those whose latest published version is a 公文 genre;
 * - `documents_fulltext`: those 公文 whose latest published version has its full text online.
 */
export const ITEM_COUNT_KEYS = ['published', 'documents', 'documents_fulltext'] as const;

/** One of `ITEM_COUNT_KEYS`. */
export type ItemCountKey = (typeof ITEM_COUNT_KEYS)[number];

/** Whether a value is an item count key. */
export function isItemCountKey(value: unknown): value is ItemCountKey {
  return typeof value === 'string' && (ITEM_COUNT_KEYS as readonly string[]).includes(value);
}

/** The counts of a year's items by `ITEM_COUNT_KEYS`, as the store computes them. */
export type ItemCounts = Readonly<Record<ItemCountKey, number>>;

/** The messages sent on each report channel in the year, as the store counted them (SQL). */
export type DeliveryCounts = Readonly<Record<DeliveryChannel, number>>;

/**
 * A reproducible query for the records behind a figure, evaluated within the report's agencies and year:
 * the year's items of a count key, or the messages sent on a report channel.
 */
export type RecordQuery = { readonly source: 'items'; readonly key: ItemCountKey } | { readonly source: 'deliveries'; readonly channel: DeliveryChannel };

/** Records counted for a figure: their ids when the compiler saw them, or the query that lists them again. */
export interface CountedRecords {
  readonly count: number;
  /** Empty when `query` is set. */
  readonly ids: readonly string[];
  readonly query: RecordQuery | null;
}

/** Records known by their ids. */
export function recordsOf(ids: readonly string[]): CountedRecords {
  return { count: ids.length, ids, query: null };
}

/** The genres counted as 公文 (the store's SQL filters on them). */
export const OFFICIAL_DOCUMENT_GENRES: readonly Genre[] = GENRES.filter(isOfficialDocumentGenre);

/** The genres of 规章 and 行政规范性文件, whose items the compiler still reads one by one (表二 第二十条第（一）项 needs their dates). */
export const NORMATIVE_GENRES: readonly Genre[] = GENRES.filter((g) => normativeKindOf(g) !== null);
