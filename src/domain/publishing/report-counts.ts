/**
 * Pure folds over the registry for the annual report (条例第五十条：年度报告应当包括“（一）行政机关主动
 * 公开政府信息的情况”): 公文 published in the year and their full-text electronic rate; 规章 and
 * 行政规范性文件 issued, repealed and in force at the end of the year (表二, 第二十条第（一）项); and
 * items by category, genre, agency, clause or catalogue domain. The caller selects the agencies (an
 * agency and its sub-units); these functions only count.
 */
import { NORMATIVE_KINDS, normativeKindOf, isOfficialDocumentGenre, type NormativeKind } from './genres.ts';
import type { PublicationItem } from './item.ts';
import { cessationOf } from './validity.ts';

/** What the counters read from an item version. */
export type ReportItem = Pick<
  PublicationItem,
  | 'id'
  | 'version'
  | 'agencyId'
  | 'status'
  | 'disclosure'
  | 'genre'
  | 'categoryCode'
  | 'clause'
  | 'catalogueDomain'
  | 'formedOn'
  | 'publishedOn'
  | 'hasElectronicFullText'
  | 'validity'
>;

/** An item as the report sees it: when it was first published, and its latest published version. */
export interface PublishedItem {
  readonly id: string;
  readonly firstPublishedOn: string;
  /** The highest published version; its fields (genre, validity, status …) are the ones counted. */
  readonly latest: ReportItem;
}

/**
 * Collapses versions into items: each item that has ever been published, with its first publication
 * date and its latest published version. Revisions are not new items; withdrawn and expired items
 * still were published.
 */
export function collapseVersions(items: readonly ReportItem[]): PublishedItem[] {
  const byId = new Map<string, { first: string; latest: ReportItem }>();
  for (const item of items) {
    if (item.publishedOn === null) continue;
    const seen = byId.get(item.id);
    if (seen === undefined) byId.set(item.id, { first: item.publishedOn, latest: item });
    else {
      if (item.publishedOn < seen.first) seen.first = item.publishedOn;
      if (item.version > seen.latest.version) seen.latest = item;
    }
  }
  return [...byId.entries()]
    .map(([id, v]) => ({ id, firstPublishedOn: v.first, latest: v.latest }))
    .sort((a, b) => a.firstPublishedOn.localeCompare(b.firstPublishedOn) || a.id.localeCompare(b.id));
}

function inYear(date: string, year: number): boolean {
  return date.slice(0, 4) === String(year);
}

/** Items first published in a year. */
export function publishedInYear(items: readonly ReportItem[], year: number): PublishedItem[] {
  return collapseVersions(items).filter((p) => inYear(p.firstPublishedOn, year));
}

/** 公文 published in a year and how many of them have their full text online. */
export interface OfficialDocumentCount {
  readonly published: number;
  readonly withElectronicFullText: number;
  /** withElectronicFullText / published, or null when none were published. */
  readonly fullTextRate: number | null;
}

/** Counts the 公文 first published in a year and their full-text electronic rate. */
export function countOfficialDocuments(items: readonly ReportItem[], year: number): OfficialDocumentCount {
  const docs = publishedInYear(items, year).filter((p) => isOfficialDocumentGenre(p.latest.genre));
  const withElectronicFullText = docs.filter((p) => p.latest.hasElectronicFullText).length;
  return { published: docs.length, withElectronicFullText, fullTextRate: docs.length === 0 ? null : withElectronicFullText / docs.length };
}

/** One row of 表二 第二十条第（一）项. */
export interface NormativeCount {
  /** 本年制发件数: 生成日期 (成文日期) in the year. */
  readonly issued: number;
  /** Repealed (废止) in the year. */
  readonly repealed: number;
  /** Lapsed (失效) in the year at the end of their period of validity. */
  readonly expired: number;
  /** 本年废止件数 as the report prints it: repealed plus lapsed in the year. */
  readonly ceased: number;
  /** 现行有效件数: issued by 31 December and not repealed or lapsed by then (including texts not yet in force). */
  readonly inForce: number;
}

/** Counts 规章 and 行政规范性文件 issued, repealed or lapsed in a year, and in force at its end; withdrawn items are left out. */
export function countNormativeDocuments(items: readonly ReportItem[], year: number): Readonly<Record<NormativeKind, NormativeCount>> {
  const yearEnd = `${String(year)}-12-31`;
  const result = {} as Record<NormativeKind, NormativeCount>;
  const published = collapseVersions(items).filter((p) => p.latest.status !== 'withdrawn');
  for (const kind of NORMATIVE_KINDS) {
    const docs = published.filter((p) => normativeKindOf(p.latest.genre) === kind);
    let issued = 0;
    let repealed = 0;
    let expired = 0;
    let inForce = 0;
    for (const { latest } of docs) {
      if (inYear(latest.formedOn, year)) issued += 1;
      const ceased = latest.validity === null ? null : cessationOf(latest.validity);
      if (ceased !== null && inYear(ceased.since, year)) {
        if (ceased.status === 'repealed') repealed += 1;
        else expired += 1;
      }
      if (latest.formedOn <= yearEnd && (ceased === null || ceased.since > yearEnd)) inForce += 1;
    }
    result[kind] = { issued, repealed, expired, ceased: repealed + expired, inForce };
  }
  return result;
}

/** The dimensions items can be counted by. */
export const COUNT_DIMENSIONS = ['category', 'genre', 'agency', 'clause', 'catalogueDomain'] as const;

/** One of `COUNT_DIMENSIONS`. */
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

/** Whether a value is a known count dimension. */
export function isCountDimension(value: unknown): value is CountDimension {
  return typeof value === 'string' && (COUNT_DIMENSIONS as readonly string[]).includes(value);
}

/** A count for one value of a dimension; `key` is null for items without one (e.g. no clause). */
export interface DimensionCount {
  readonly key: string | null;
  readonly count: number;
}

function keyOf(item: ReportItem, dimension: CountDimension): string | null {
  switch (dimension) {
    case 'category':
      return item.categoryCode;
    case 'genre':
      return item.genre;
    case 'agency':
      return String(item.agencyId);
    case 'clause':
      return item.clause;
    case 'catalogueDomain':
      return item.catalogueDomain;
    default: {
      const unreachable: never = dimension;
      return unreachable;
    }
  }
}

/** Counts the items first published in a year by a dimension, largest first (ties by key). */
export function countPublishedBy(items: readonly ReportItem[], year: number, dimension: CountDimension): DimensionCount[] {
  const counts = new Map<string | null, number>();
  for (const { latest } of publishedInYear(items, year)) {
    const key = keyOf(latest, dimension);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'));
}
