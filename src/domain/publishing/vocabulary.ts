/**
 * Configurable vocabularies (主题分类、基层政务公开标准目录领域): lists that an administrator may
 * extend or retire, unlike the closed unions fixed by the regulations. An item stores the stable
 * code; a retired entry can no longer be chosen but still names the items that carry it.
 */

import type { Genre } from './genres.ts';

/** One entry of a configurable vocabulary. */
export interface VocabularyEntry {
  /** Stable identifier stored on items; never reused for another meaning. */
  readonly code: string;
  /** The label shown on the portal and in the console. */
  readonly label: string;
  /** The parent entry, for two-level lists such as “综合政务\政务公开”. */
  readonly parentCode?: string | null;
  /** A retired entry is kept for old items but cannot be chosen for new ones. */
  readonly retired?: boolean;
  /** 体裁 only: the statutory genre the kind counts as in the annual report (see kinds.ts). */
  readonly genre?: Genre | null;
}

/** A named, ordered list of entries. */
export interface Vocabulary {
  /** What the list is called in messages, e.g. “主题分类”. */
  readonly name: string;
  readonly entries: readonly VocabularyEntry[];
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const MAX_LABEL = 40;

/** Lists every problem of a vocabulary (bad or duplicate codes, empty labels, unknown or circular parents), in Chinese. */
export function validateVocabulary(vocabulary: Vocabulary): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const byCode = new Map(vocabulary.entries.map((e) => [e.code, e]));
  vocabulary.entries.forEach((entry, i) => {
    const where = `${vocabulary.name}第${i + 1}项`;
    if (!CODE.test(entry.code)) problems.push(`${where}的代码“${entry.code}”无效：只能使用字母、数字和 _ . -，不超过 40 个字符。`);
    if (seen.has(entry.code)) problems.push(`${where}的代码“${entry.code}”重复。`);
    seen.add(entry.code);
    const label = entry.label.trim();
    if (label === '' || label.length > MAX_LABEL) problems.push(`${where}的名称不能为空，且不超过 ${MAX_LABEL} 个字。`);
    const parent = entry.parentCode ?? null;
    if (parent !== null) {
      if (!byCode.has(parent)) problems.push(`${where}“${label}”的上级“${parent}”不存在。`);
      else if (hasCycle(byCode, entry.code)) problems.push(`${where}“${label}”的上级关系构成循环。`);
    }
  });
  return problems;
}

function hasCycle(byCode: ReadonlyMap<string, VocabularyEntry>, start: string): boolean {
  const visited = new Set<string>();
  let code: string | null = start;
  while (code !== null) {
    if (visited.has(code)) return true;
    visited.add(code);
    code = byCode.get(code)?.parentCode ?? null;
  }
  return false;
}

/** The entry with a code, if the vocabulary has one. */
export function findEntry(vocabulary: Vocabulary, code: string): VocabularyEntry | undefined {
  return vocabulary.entries.find((e) => e.code === code);
}

/** Whether a code may be chosen for a new or edited item: it exists and is not retired. */
export function isSelectable(vocabulary: Vocabulary, code: string): boolean {
  const entry = findEntry(vocabulary, code);
  return entry !== undefined && entry.retired !== true;
}

/** The label of a code with its ancestors, joined by “\” as portals show it (e.g. “综合政务\政务公开”); the code itself if unknown. */
export function labelPathOf(vocabulary: Vocabulary, code: string): string {
  const labels: string[] = [];
  const seen = new Set<string>();
  let entry = findEntry(vocabulary, code);
  while (entry !== undefined && !seen.has(entry.code)) {
    seen.add(entry.code);
    labels.unshift(entry.label);
    entry = entry.parentCode ? findEntry(vocabulary, entry.parentCode) : undefined;
  }
  return labels.length > 0 ? labels.join('\\') : code;
}
