/**
 * The proactive-disclosure counts with the ids behind them: items and 公文 first published in the year and
 * the full-text electronic rate (the seed's “新增公文类信息43条，全文电子化率达100%”), and 规章 and
 * 行政规范性文件 issued, ceased and in force (表二 第二十条第（一）项) by the same rules as the publishing
 * domain's `countNormativeDocuments`, plus the 2019 format's 新公开 and 对外公开总数.
 */
import {
  NORMATIVE_KINDS,
  cessationOf,
  collapseVersions,
  isOfficialDocumentGenre,
  normativeKindOf,
  publishedInYear,
  type NormativeKind,
  type ReportItem,
} from '../publishing/index.ts';
import { recordsOf, type CountedRecords, type ItemCounts } from './record-query.ts';
import { isWithin, type ReportPeriod } from './report-period.ts';

/** Ids of the normative texts in each 表二 measure. */
export interface NormativeIds {
  /** Formed (成文) in the year: 本年制发 / 本年新制作. */
  readonly issued: readonly string[];
  /** Repealed or lapsed in the year: 本年废止. */
  readonly repealed: readonly string[];
  /** Formed by 31 December and not ceased by then: 现行有效. */
  readonly inForce: readonly string[];
  /** First published in the year: 本年新公开 (2019). */
  readonly published: readonly string[];
  /** Published by 31 December: 对外公开总数量 (2019). */
  readonly publicTotal: readonly string[];
}

/** The proactive-disclosure ids of a year. */
export interface ItemTally {
  readonly items: CountedRecords;
  readonly documents: CountedRecords;
  readonly documentsWithFullText: CountedRecords;
  readonly normative: Readonly<Record<NormativeKind, NormativeIds>>;
}

/**
 * Sorts a year's published item versions into the proactive-disclosure counts. With `counts` (the store
 * counted the year's items in SQL), `items` need hold only the 规章 and 行政规范性文件, and the three
 * item counts carry their query keys instead of ids.
 */
export function tallyItems(items: readonly ReportItem[], year: number, period: ReportPeriod, counts?: ItemCounts): ItemTally {
  const published = publishedInYear(items, year);
  const documents = published.filter((p) => isOfficialDocumentGenre(p.latest.genre));
  const live = collapseVersions(items).filter((p) => p.latest.status !== 'withdrawn');
  const normative = {} as Record<NormativeKind, NormativeIds>;
  for (const kind of NORMATIVE_KINDS) {
    const ids: { issued: string[]; repealed: string[]; inForce: string[]; published: string[]; publicTotal: string[] } = {
      issued: [],
      repealed: [],
      inForce: [],
      published: [],
      publicTotal: [],
    };
    for (const p of live.filter((x) => normativeKindOf(x.latest.genre) === kind)) {
      const { latest } = p;
      const ceased = latest.validity === null ? null : cessationOf(latest.validity);
      if (isWithin(latest.formedOn, period)) ids.issued.push(p.id);
      // 本年废止件数 as the publishing domain prints it: repealed plus lapsed in the year.
      if (ceased !== null && isWithin(ceased.since, period)) ids.repealed.push(p.id);
      if (latest.formedOn <= period.to && (ceased === null || ceased.since > period.to)) ids.inForce.push(p.id);
      if (isWithin(p.firstPublishedOn, period)) ids.published.push(p.id);
      if (p.firstPublishedOn <= period.to) ids.publicTotal.push(p.id);
    }
    normative[kind] = ids;
  }
  if (counts !== undefined) {
    const queried = (key: keyof ItemCounts): CountedRecords => ({ count: counts[key], ids: [], query: { source: 'items', key } });
    return { items: queried('published'), documents: queried('documents'), documentsWithFullText: queried('documents_fulltext'), normative };
  }
  return {
    items: recordsOf(published.map((p) => p.id)),
    documents: recordsOf(documents.map((p) => p.id)),
    documentsWithFullText: recordsOf(documents.filter((p) => p.latest.hasElectronicFullText).map((p) => p.id)),
    normative,
  };
}
