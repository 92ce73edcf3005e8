import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_KINDS, genreOfKind, kindLabelOf } from './kinds.ts';
import { createItemInputSchema } from './item.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';
import { DEFAULT_CATALOGUE_DOMAINS } from './catalogue-domains.ts';
import {
  editVocabulary,
  inTreeOrder,
  nextLocalCode,
  selectableOptions,
  vocabularyCommandSchema,
  type VocabularyCommand,
  type VocabularyName,
} from './vocabulary-edits.ts';
import type { Vocabulary } from './vocabulary.ts';

const categories: Vocabulary = {
  name: '主题分类',
  entries: [
    { code: 'general_affairs', label: '综合政务' },
    { code: 'open_government', label: '政务公开', parentCode: 'general_affairs' },
    { code: 'agriculture', label: '农业' },
    { code: 'old', label: '旧分类', retired: true },
  ],
};

const usedOnce = (code: string) => (code === 'agriculture' || code === 'old' ? 1 : 0);
const ctx = (name: VocabularyName = 'category') => ({ name, newCode: 'a2-1', usage: usedOnce });

const rejected: Array<[rule: string, command: VocabularyCommand, expected: RegExp]> = [
  ['a term in use is never deleted, only retired', { type: 'remove', code: 'agriculture' }, /已有 1 条信息使用，不能删除；可以停用/],
  ['a retired term in use is not deleted either', { type: 'remove', code: 'old' }, /不能删除/],
  ['a parent with children is not deleted', { type: 'remove', code: 'general_affairs' }, /还有下级分类/],
  ['a parent is retired after its children', { type: 'retire', code: 'general_affairs' }, /请先停用“综合政务”的下级分类：政务公开/],
  ['labels are unique among siblings', { type: 'add', label: '农业', parentCode: null, genre: null }, /已有“农业”/],
  ['a retired twin is restored, not duplicated', { type: 'add', label: '旧分类', parentCode: null, genre: null }, /已有停用的“旧分类”，可直接恢复/],
  ['categories have two levels at most', { type: 'add', label: '三级', parentCode: 'open_government', genre: null }, /最多两级/],
  ['the parent must exist', { type: 'add', label: '新', parentCode: 'missing', genre: null }, /上级分类不存在/],
  ['only kinds count as a genre', { type: 'add', label: '新', parentCode: null, genre: 'notice' }, /只有体裁/],
  ['the first term cannot move up', { type: 'move', code: 'general_affairs', direction: 'up' }, /最前/],
  ['an unknown code is reported', { type: 'rename', code: 'nope', label: '甲' }, /不存在/],
  ['a rename must change the label', { type: 'rename', code: 'agriculture', label: '农业' }, /没有变化/],
  ['a retired term is not retired twice', { type: 'retire', code: 'old' }, /已经停用/],
  ['an active term is not restored', { type: 'restore', code: 'agriculture' }, /没有停用/],
];
for (const [rule, command, expected] of rejected) {
  test(`editVocabulary refuses — ${rule}`, () => {
    const r = editVocabulary(categories, command, ctx());
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.problem : '', expected);
  });
}

test('adding a second-level category puts it after its parent’s children, with the new code', () => {
  const r = editVocabulary(categories, { type: 'add', label: '政策解读', parentCode: 'general_affairs', genre: null }, ctx());
  assert.ok(r.ok);
  assert.deepEqual(r.vocabulary.entries.map((e) => e.code), ['general_affairs', 'open_government', 'a2-1', 'agriculture', 'old']);
  assert.deepEqual(r.change, { added: { code: 'a2-1', label: '政策解读', parentCode: 'general_affairs' } });
});

test('rename keeps the code (items keep their term); move swaps siblings only', () => {
  const renamed = editVocabulary(categories, { type: 'rename', code: 'agriculture', label: '农业农村' }, ctx());
  assert.ok(renamed.ok);
  assert.equal(renamed.vocabulary.entries.find((e) => e.code === 'agriculture')?.label, '农业农村');
  const moved = editVocabulary(categories, { type: 'move', code: 'agriculture', direction: 'up' }, ctx());
  assert.ok(moved.ok);
  assert.deepEqual(moved.vocabulary.entries.map((e) => e.code), ['agriculture', 'general_affairs', 'open_government', 'old'], 'the child moves with its parent');
});

test('retire records how many items keep the term; restore brings it back; an unused term is deleted', () => {
  const retired = editVocabulary(categories, { type: 'retire', code: 'agriculture' }, ctx());
  assert.ok(retired.ok);
  assert.deepEqual(retired.change, { code: 'agriculture', label: '农业', retired: true, inUse: 1 });
  const restored = editVocabulary(categories, { type: 'restore', code: 'old' }, ctx());
  assert.ok(restored.ok);
  assert.equal(restored.vocabulary.entries.find((e) => e.code === 'old')?.retired, false);
  const removed = editVocabulary(categories, { type: 'remove', code: 'open_government' }, ctx());
  assert.ok(removed.ok);
  assert.equal(removed.vocabulary.entries.some((e) => e.code === 'open_government'), false);
});

test('at least one term stays selectable', () => {
  const one: Vocabulary = { name: '标准目录领域', entries: [{ code: 'x', label: '甲' }, { code: 'y', label: '乙', retired: true }] };
  const r = editVocabulary(one, { type: 'retire', code: 'x' }, { name: 'catalogue_domain', newCode: 'a1-1', usage: () => 0 });
  assert.match(!r.ok ? r.problem : '', /至少要保留一项可选/);
});

test('a new 体裁 must say what it counts as in the annual report, and counts as that genre', () => {
  const missing = editVocabulary(DEFAULT_KINDS, { type: 'add', label: '会议通知', parentCode: null, genre: null }, ctx('kind'));
  assert.match(!missing.ok ? missing.problem : '', /年度报告中按哪一类统计/);
  const added = editVocabulary(DEFAULT_KINDS, { type: 'add', label: '会议通知', parentCode: null, genre: 'notice' }, ctx('kind'));
  assert.ok(added.ok);
  assert.equal(genreOfKind(added.vocabulary, 'a2-1'), 'notice');
  assert.equal(kindLabelOf(added.vocabulary, { genre: 'notice', kindCode: 'a2-1' }), '会议通知');
  assert.equal(kindLabelOf(added.vocabulary, { genre: 'notice' }), '通知', 'items from before kinds were configurable show their genre');
});

test('nextLocalCode numbers an agency’s own terms and never reuses a number still present', () => {
  assert.equal(nextLocalCode(categories, 7), 'a7-1');
  assert.equal(nextLocalCode({ name: 'x', entries: [{ code: 'a7-1', label: '甲' }, { code: 'a7-9', label: '乙' }, { code: 'a70-12', label: '丙' }] }, 7), 'a7-10');
});

test('selectable options: retired terms are hidden unless the item already carries them; paths for second-level terms', () => {
  assert.deepEqual(selectableOptions(categories), [
    ['general_affairs', '综合政务'],
    ['open_government', '综合政务\\政务公开'],
    ['agriculture', '农业'],
  ]);
  assert.deepEqual(selectableOptions(categories, 'old').at(-1), ['old', '旧分类（已停用）']);
  assert.deepEqual(inTreeOrder([{ code: 'c', label: '子', parentCode: 'p' }, { code: 'p', label: '父' }]).map((e) => e.code), ['p', 'c']);
});

test('the command schema turns a form into a command and explains bad input in Chinese', () => {
  assert.deepEqual(vocabularyCommandSchema.parse({ type: 'add', label: ' 会议通知 ', parentCode: '', genre: 'notice', code: '' }), { type: 'add', label: '会议通知', parentCode: null, genre: 'notice' });
  const bad = vocabularyCommandSchema.safeParse({ type: 'add', label: '甲\\乙', parentCode: '', genre: '' });
  assert.equal(bad.success, false);
  assert.match(bad.error?.issues[0]?.message ?? '', /不能有“\\”/);
  assert.equal(vocabularyCommandSchema.safeParse({ type: 'move', code: 'x', direction: 'sideways' }).success, false);
});

const form = {
  title: '关于召开防汛工作会议的通知',
  summary: '通知召开会议。',
  formedOn: '2026-11-20',
  categoryCode: 'general_affairs',
  genre: 'notice',
  disclosure: { attribute: 'proactive' },
};

test('the item schema takes the agency’s kinds: a configured kind is stored with the genre it counts as', () => {
  const kinds: Vocabulary = { name: '体裁', entries: [...DEFAULT_KINDS.entries, { code: 'a2-1', label: '会议通知', genre: 'notice' }, { code: 'a2-2', label: '旧体裁', genre: 'news', retired: true }] };
  const schema = createItemInputSchema({ categories: DEFAULT_CATEGORIES, catalogueDomains: DEFAULT_CATALOGUE_DOMAINS, kinds });
  const parsed = schema.parse({ ...form, genre: 'a2-1' });
  assert.equal(parsed.genre, 'notice');
  assert.equal(parsed.kindCode, 'a2-1');
  const retired = schema.safeParse({ ...form, genre: 'a2-2' });
  assert.equal(retired.success, false);
  assert.match(retired.error?.issues.map((i) => i.message).join() ?? '', /该体裁已停用/);
  const unknown = schema.safeParse({ ...form, genre: 'a9-1' });
  assert.match(unknown.error?.issues.map((i) => i.message).join() ?? '', /体裁不存在/);
  // Old items keep the term they carry, even after it has been retired.
  const kept = createItemInputSchema({ categories: DEFAULT_CATEGORIES, catalogueDomains: DEFAULT_CATALOGUE_DOMAINS, kinds }, { kindCode: 'a2-2' }).parse({ ...form, genre: 'a2-2' });
  assert.equal(kept.genre, 'news');
});

test('the item schema keeps a retired category on an item that already carries it, and refuses it for others', () => {
  const retiredCategories: Vocabulary = { ...DEFAULT_CATEGORIES, entries: DEFAULT_CATEGORIES.entries.map((e) => (e.code === 'general_affairs' ? { ...e, retired: true } : e)) };
  const vocab = { categories: retiredCategories, catalogueDomains: DEFAULT_CATALOGUE_DOMAINS };
  assert.match(createItemInputSchema(vocab).safeParse(form).error?.issues[0]?.message ?? '', /该主题分类已停用/);
  assert.equal(createItemInputSchema(vocab, { categoryCode: 'general_affairs' }).safeParse(form).success, true);
});
