/**
 * 体裁 as an agency names them: a configurable vocabulary over the closed `Genre` union. Each kind
 * counts as one statutory genre, because the annual report's 表二 counts 公文 and 规章/行政规范性文件
 * by genre; an agency may rename the default kinds, add its own (e.g. “会议通知”, counted as 通知),
 * reorder and retire them, but what a kind counts as is fixed when it is added.
 */
import { GENRES, GENRE_INFO, isGenre, type Genre } from './genres.ts';
import { findEntry, type Vocabulary, type VocabularyEntry } from './vocabulary.ts';

/** The default 体裁 vocabulary: one kind per genre, with the same code. */
export const DEFAULT_KINDS: Vocabulary = {
  name: '体裁',
  entries: GENRES.map((g) => ({ code: g, label: GENRE_INFO[g].label, parentCode: null, genre: g })),
};

/** The statutory genre a kind counts as, if the vocabulary has the kind. */
export function genreOfKind(kinds: Vocabulary, code: string): Genre | undefined {
  const entry = findEntry(kinds, code);
  if (entry === undefined) return undefined;
  return entry.genre ?? (isGenre(entry.code) ? entry.code : undefined);
}

/** The kind code an item carries: its configured kind, or its genre for items drafted before kinds were configurable. */
export function kindCodeOf(item: { readonly genre: Genre; readonly kindCode?: string | null }): string {
  return item.kindCode ?? item.genre;
}

/** The label of an item's 体裁 in an agency's vocabulary, falling back to the statutory genre's label. */
export function kindLabelOf(kinds: Vocabulary, item: { readonly genre: Genre; readonly kindCode?: string | null }): string {
  return findEntry(kinds, kindCodeOf(item))?.label ?? GENRE_INFO[item.genre].label;
}

/** Lists what is wrong with the kinds of a 体裁 vocabulary: each must count as a known genre. */
export function findKindProblems(entries: readonly VocabularyEntry[]): string[] {
  return entries.filter((e) => e.genre === undefined || e.genre === null || !isGenre(e.genre)).map((e) => `体裁“${e.label}”没有指定年报统计口径。`);
}
