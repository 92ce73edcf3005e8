/**
 * 体裁 (genre): what kind of document an item is. The genre decides two counts of the annual report:
 * whether the item is a 公文 (official document, counted with its full-text electronic rate) and
 * whether it is a 规章 or 行政规范性文件 (表二 第二十条第（一）项: 本年制发、本年废止、现行有效).
 * A closed union, because those counts depend on it; the 公文 types are those of the
 * 《党政机关公文处理工作条例》 that governments publish.
 */

/** Every genre, in the order the console lists them. */
export const GENRES = [
  'regulation',
  'normative_document',
  'decision',
  'order',
  'communique',
  'announcement',
  'public_notice',
  'opinion',
  'notice',
  'bulletin',
  'report',
  'reply',
  'letter',
  'minutes',
  'plan',
  'statistics',
  'service_guide',
  'news',
  'interpretation',
  'other',
] as const;

/** One of `GENRES`. */
export type Genre = (typeof GENRES)[number];

/** Whether a value is a known genre. */
export function isGenre(value: unknown): value is Genre {
  return typeof value === 'string' && (GENRES as readonly string[]).includes(value);
}

/** The two kinds of normative text the annual report's 表二 counts. */
export const NORMATIVE_KINDS = ['regulation', 'normative_document'] as const;

/** One of `NORMATIVE_KINDS`. */
export type NormativeKind = (typeof NORMATIVE_KINDS)[number];

/** The label of each normative kind as 表二 words its rows (“规章”“行政规范性文件”). */
export const NORMATIVE_KIND_LABELS: Readonly<Record<NormativeKind, string>> = {
  regulation: '规章',
  normative_document: '行政规范性文件',
};

/** What the system needs to know about a genre. */
export interface GenreInfo {
  readonly label: string;
  /** Counted as a 公文 (official document) in the annual report. */
  readonly officialDocument: boolean;
  /** The 表二 row it counts in, if it is a 规章 or 行政规范性文件. */
  readonly normativeKind: NormativeKind | null;
}

/** Each genre's label and its report flags. */
export const GENRE_INFO: Readonly<Record<Genre, GenreInfo>> = {
  // 规章 and 规范性文件 are issued as official documents with a number, so they count as 公文 too.
  regulation: { label: '规章', officialDocument: true, normativeKind: 'regulation' },
  normative_document: { label: '行政规范性文件', officialDocument: true, normativeKind: 'normative_document' },
  decision: { label: '决定', officialDocument: true, normativeKind: null },
  order: { label: '命令（令）', officialDocument: true, normativeKind: null },
  communique: { label: '公报', officialDocument: true, normativeKind: null },
  announcement: { label: '公告', officialDocument: true, normativeKind: null },
  public_notice: { label: '通告', officialDocument: true, normativeKind: null },
  opinion: { label: '意见', officialDocument: true, normativeKind: null },
  notice: { label: '通知', officialDocument: true, normativeKind: null },
  bulletin: { label: '通报', officialDocument: true, normativeKind: null },
  report: { label: '报告', officialDocument: true, normativeKind: null },
  reply: { label: '批复', officialDocument: true, normativeKind: null },
  letter: { label: '函', officialDocument: true, normativeKind: null },
  minutes: { label: '会议纪要', officialDocument: true, normativeKind: null },
  plan: { label: '规划计划', officialDocument: false, normativeKind: null },
  statistics: { label: '统计信息', officialDocument: false, normativeKind: null },
  service_guide: { label: '办事指南', officialDocument: false, normativeKind: null },
  news: { label: '工作动态', officialDocument: false, normativeKind: null },
  interpretation: { label: '政策解读', officialDocument: false, normativeKind: null },
  other: { label: '其他', officialDocument: false, normativeKind: null },
};

/** Whether items of a genre count as 公文 in the annual report. */
export function isOfficialDocumentGenre(genre: Genre): boolean {
  return GENRE_INFO[genre].officialDocument;
}

/** The 表二 row (规章 or 行政规范性文件) of a genre, or null. */
export function normativeKindOf(genre: Genre): NormativeKind | null {
  return GENRE_INFO[genre].normativeKind;
}
