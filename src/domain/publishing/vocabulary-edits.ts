/**
 * Editing an agency's vocabularies (主题分类、体裁、基层政务公开标准目录领域): add, rename, reorder,
 * retire, restore, and delete a term no item has ever used. Codes are stable: a rename changes the
 * label everywhere, a retired term stays valid on the items that carry it but is not offered for
 * new ones, and a term in use is never deleted (domain-reference §4: “平台应把领域清单做成可配置字典”).
 */
import { z } from 'zod';
import { DEFAULT_CATALOGUE_DOMAINS } from './catalogue-domains.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';
import { GENRES, GENRE_INFO, type Genre } from './genres.ts';
import { DEFAULT_KINDS, findKindProblems } from './kinds.ts';
import { findEntry, validateVocabulary, type Vocabulary, type VocabularyEntry } from './vocabulary.ts';

/** The vocabularies an agency configures. */
export const VOCABULARY_NAMES = ['category', 'kind', 'catalogue_domain'] as const;

/** One of `VOCABULARY_NAMES`. */
export type VocabularyName = (typeof VOCABULARY_NAMES)[number];

/** Whether a value names a configurable vocabulary. */
export function isVocabularyName(value: unknown): value is VocabularyName {
  return typeof value === 'string' && (VOCABULARY_NAMES as readonly string[]).includes(value);
}

/** The heading of each vocabulary in the console. */
export const VOCABULARY_LABELS: Readonly<Record<VocabularyName, string>> = {
  category: '主题分类',
  kind: '体裁',
  catalogue_domain: '基层政务公开标准目录领域',
};

/** The list a vocabulary starts from when neither the agency nor any superior has configured it. */
export function defaultVocabulary(name: VocabularyName): Vocabulary {
  switch (name) {
    case 'category':
      return DEFAULT_CATEGORIES;
    case 'kind':
      return DEFAULT_KINDS;
    case 'catalogue_domain':
      return DEFAULT_CATALOGUE_DOMAINS;
    default: {
      const unreachable: never = name;
      return unreachable;
    }
  }
}

/** A change to one vocabulary, as the console asks for it. */
export type VocabularyCommand =
  | { readonly type: 'add'; readonly label: string; readonly parentCode: string | null; readonly genre: Genre | null }
  | { readonly type: 'rename'; readonly code: string; readonly label: string }
  | { readonly type: 'move'; readonly code: string; readonly direction: 'up' | 'down' }
  | { readonly type: 'retire'; readonly code: string }
  | { readonly type: 'restore'; readonly code: string }
  | { readonly type: 'remove'; readonly code: string };

const MAX_LABEL = 40;
const codeField = z.string({ message: '缺少条目代码' }).trim().min(1, '缺少条目代码').max(40, '条目代码无效');
const labelField = z
  .string({ message: '请填写名称' })
  .trim()
  .min(1, '请填写名称')
  .max(MAX_LABEL, `名称不超过 ${MAX_LABEL} 个字`)
  .refine((l) => !l.includes('\\'), '名称中不能有“\\”（用作上下级分隔）');
const blankToNull = (v: unknown) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v);

/** Parses a console form into a vocabulary command (field errors in Chinese). */
export const vocabularyCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('add'),
    label: labelField,
    parentCode: z.preprocess(blankToNull, codeField.nullable()),
    genre: z.preprocess(blankToNull, z.enum(GENRES, { message: '年报统计口径无效' }).nullable()),
  }),
  z.object({ type: z.literal('rename'), code: codeField, label: labelField }),
  z.object({ type: z.literal('move'), code: codeField, direction: z.enum(['up', 'down'], { message: '移动方向无效' }) }),
  z.object({ type: z.literal('retire'), code: codeField }),
  z.object({ type: z.literal('restore'), code: codeField }),
  z.object({ type: z.literal('remove'), code: codeField }),
]);

/** What an edit needs besides the vocabulary: the code a new term gets and how many items use a code. */
export interface VocabularyEditContext {
  readonly name: VocabularyName;
  /** The code for an added term (see `nextLocalCode`). */
  readonly newCode: string;
  /** How many items (any version, in the agency's subtree) carry a code. */
  readonly usage: (code: string) => number;
}

/** The outcome of an edit: the new list and what changed (for the audit log), or a problem in Chinese. */
export type VocabularyEditResult =
  | { readonly ok: true; readonly vocabulary: Vocabulary; readonly change: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly problem: string };

/** A fresh code for a term an agency adds: `a<agency id>-<n>`, unique across agencies and never reused within one. */
export function nextLocalCode(vocabulary: Vocabulary, agencyId: number): string {
  const prefix = `a${agencyId}-`;
  let max = 0;
  for (const e of vocabulary.entries) {
    if (!e.code.startsWith(prefix)) continue;
    const n = Number(e.code.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${prefix}${max + 1}`;
}

/** Entries in display order: top-level entries in their order, each followed by its children. */
export function inTreeOrder(entries: readonly VocabularyEntry[]): VocabularyEntry[] {
  const codes = new Set(entries.map((e) => e.code));
  const top = entries.filter((e) => !e.parentCode || !codes.has(e.parentCode));
  return top.flatMap((t) => [t, ...entries.filter((e) => e.parentCode === t.code)]);
}

/** The terms that can be chosen for a new or edited item, in display order, with labels as paths (“综合政务\政务公开”). */
export function selectableOptions(vocabulary: Vocabulary, keep: string | null = null): Array<[code: string, label: string]> {
  const byCode = new Map(vocabulary.entries.map((e) => [e.code, e]));
  return inTreeOrder(vocabulary.entries)
    .filter((e) => e.retired !== true || e.code === keep)
    .map((e) => {
      const parent = e.parentCode ? byCode.get(e.parentCode) : undefined;
      const label = parent ? `${parent.label}\\${e.label}` : e.label;
      return [e.code, e.retired === true ? `${label}（已停用）` : label];
    });
}

function activeCount(entries: readonly VocabularyEntry[]): number {
  return entries.filter((e) => e.retired !== true).length;
}

/** Applies one command to a vocabulary, enforcing the rules above; pure. */
export function editVocabulary(vocabulary: Vocabulary, command: VocabularyCommand, context: VocabularyEditContext): VocabularyEditResult {
  const fail = (problem: string): VocabularyEditResult => ({ ok: false, problem });
  const entries = inTreeOrder(vocabulary.entries);
  const done = (next: VocabularyEntry[], change: Record<string, unknown>): VocabularyEditResult => {
    const result: Vocabulary = { ...vocabulary, entries: inTreeOrder(next) };
    const problems = [...validateVocabulary(result), ...(context.name === 'kind' ? findKindProblems(result.entries) : [])];
    return problems.length > 0 ? fail(problems.join('')) : { ok: true, vocabulary: result, change };
  };
  const sameLabel = (label: string, parentCode: string | null, except: string | null) =>
    entries.find((e) => e.code !== except && (e.parentCode ?? null) === parentCode && e.label === label);

  if (command.type === 'add') {
    const label = command.label.trim();
    if (command.parentCode !== null) {
      if (context.name !== 'category') return fail(`${VOCABULARY_LABELS[context.name]}只有一级，不能设上级。`);
      const parent = findEntry(vocabulary, command.parentCode);
      if (parent === undefined) return fail('所选上级分类不存在。');
      if (parent.parentCode) return fail('主题分类最多两级：所选上级本身是二级分类。');
      if (parent.retired === true) return fail(`上级分类“${parent.label}”已停用，请先恢复。`);
    }
    if (context.name === 'kind' && command.genre === null) return fail('请选择新体裁在年度报告中按哪一类统计。');
    if (context.name !== 'kind' && command.genre !== null) return fail('只有体裁需要年报统计口径。');
    const twin = sameLabel(label, command.parentCode, null);
    if (twin) return fail(twin.retired === true ? `已有停用的“${label}”，可直接恢复使用。` : `已有“${label}”。`);
    if (findEntry(vocabulary, context.newCode)) return fail(`代码“${context.newCode}”已被占用。`);
    const entry: VocabularyEntry = {
      code: context.newCode,
      label,
      parentCode: command.parentCode,
      ...(context.name === 'kind' ? { genre: command.genre } : {}),
    };
    return done([...entries, entry], { added: entry });
  }

  const target = findEntry(vocabulary, command.code);
  if (target === undefined) return fail('该条目不存在，可能已被他人删除，请刷新后重试。');
  const children = entries.filter((e) => e.parentCode === target.code);

  switch (command.type) {
    case 'rename': {
      const label = command.label.trim();
      if (label === target.label) return fail('名称没有变化。');
      const twin = sameLabel(label, target.parentCode ?? null, target.code);
      if (twin) return fail(`已有“${label}”。`);
      return done(
        entries.map((e) => (e.code === target.code ? { ...e, label } : e)),
        { code: target.code, label: [target.label, label] },
      );
    }
    case 'move': {
      const siblings = entries.filter((e) => (e.parentCode ?? null) === (target.parentCode ?? null));
      const i = siblings.findIndex((e) => e.code === target.code);
      const j = command.direction === 'up' ? i - 1 : i + 1;
      const other = siblings[j];
      if (other === undefined) return fail(command.direction === 'up' ? '已经排在最前。' : '已经排在最后。');
      const next = entries.map((e) => (e.code === target.code ? other : e.code === other.code ? target : e));
      return done(next, { code: target.code, direction: command.direction, swappedWith: other.code });
    }
    case 'retire': {
      if (target.retired === true) return fail(`“${target.label}”已经停用。`);
      const activeChildren = children.filter((c) => c.retired !== true);
      if (activeChildren.length > 0) return fail(`请先停用“${target.label}”的下级分类：${activeChildren.map((c) => c.label).join('、')}。`);
      if (activeCount(entries) <= 1) return fail(`${VOCABULARY_LABELS[context.name]}至少要保留一项可选。`);
      return done(
        entries.map((e) => (e.code === target.code ? { ...e, retired: true } : e)),
        { code: target.code, label: target.label, retired: true, inUse: context.usage(target.code) },
      );
    }
    case 'restore': {
      if (target.retired !== true) return fail(`“${target.label}”没有停用。`);
      const parent = target.parentCode ? findEntry(vocabulary, target.parentCode) : undefined;
      if (parent?.retired === true) return fail(`请先恢复上级分类“${parent.label}”。`);
      return done(
        entries.map((e) => (e.code === target.code ? { ...e, retired: false } : e)),
        { code: target.code, label: target.label, retired: false },
      );
    }
    case 'remove': {
      const used = context.usage(target.code);
      if (used > 0) return fail(`“${target.label}”已有 ${used} 条信息使用，不能删除；可以停用，停用后旧信息仍显示该名称，新信息不能再选。`);
      if (children.length > 0) return fail(`“${target.label}”还有下级分类，请先删除或移走下级分类。`);
      if (target.retired !== true && activeCount(entries) <= 1) return fail(`${VOCABULARY_LABELS[context.name]}至少要保留一项可选。`);
      return done(
        entries.filter((e) => e.code !== target.code),
        { removed: target },
      );
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

/** The label of a genre as the 体裁 screen explains what a kind counts as in the annual report. */
export function genreCountingLabel(genre: Genre): string {
  const info = GENRE_INFO[genre];
  const counted = info.normativeKind !== null ? '（表二计入规范性文件，并计为公文）' : info.officialDocument ? '（计为公文）' : '';
  return `${info.label}${counted}`;
}
