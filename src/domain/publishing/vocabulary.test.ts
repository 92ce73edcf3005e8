import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATALOGUE_DOMAINS } from './catalogue-domains.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';
import { findEntry, isSelectable, labelPathOf, validateVocabulary, type Vocabulary } from './vocabulary.ts';

test('the default vocabularies are valid', () => {
  assert.deepEqual(validateVocabulary(DEFAULT_CATEGORIES), []);
  assert.deepEqual(validateVocabulary(DEFAULT_CATALOGUE_DOMAINS), []);
});

test('国办发〔2019〕54号: the default catalogue has the 26 pilot domains', () => {
  assert.equal(DEFAULT_CATALOGUE_DOMAINS.entries.length, 26);
  assert.equal(new Set(DEFAULT_CATALOGUE_DOMAINS.entries.map((e) => e.label)).size, 26);
  assert.equal(findEntry(DEFAULT_CATALOGUE_DOMAINS, 'housing_expropriation')?.label, '国有土地上房屋征收与补偿');
});

test('主题分类 default list starts from 综合政务 and ends with 其他', () => {
  assert.equal(findEntry(DEFAULT_CATEGORIES, 'general_affairs')?.label, '综合政务');
  assert.equal(DEFAULT_CATEGORIES.entries.at(-1)?.label, '其他');
});

const configured: Vocabulary = {
  name: '主题分类',
  entries: [
    { code: 'general_affairs', label: '综合政务' },
    { code: 'open_government', label: '政务公开', parentCode: 'general_affairs' },
    { code: 'old', label: '旧分类', retired: true },
  ],
};

test('two-level categories print as portals show them (综合政务\\政务公开)', () => {
  assert.deepEqual(validateVocabulary(configured), []);
  assert.equal(labelPathOf(configured, 'open_government'), '综合政务\\政务公开');
  assert.equal(labelPathOf(configured, 'missing'), 'missing');
});

test('a retired entry still names old items but cannot be chosen', () => {
  assert.equal(findEntry(configured, 'old')?.label, '旧分类');
  assert.equal(isSelectable(configured, 'old'), false);
  assert.equal(isSelectable(configured, 'general_affairs'), true);
  assert.equal(isSelectable(configured, 'missing'), false);
});

const badCases: Array<[rule: string, entries: Vocabulary['entries'], expected: RegExp]> = [
  ['codes are unique', [{ code: 'a', label: '甲' }, { code: 'a', label: '乙' }], /重复/],
  ['codes use letters, digits and _ . - only', [{ code: '主题', label: '甲' }], /代码“主题”无效/],
  ['labels are not empty', [{ code: 'a', label: '  ' }], /名称不能为空/],
  ['parents exist', [{ code: 'a', label: '甲', parentCode: 'z' }], /上级“z”不存在/],
  ['parents do not loop', [{ code: 'a', label: '甲', parentCode: 'b' }, { code: 'b', label: '乙', parentCode: 'a' }], /循环/],
];
for (const [rule, entries, expected] of badCases) {
  test(`validateVocabulary — ${rule}`, () => {
    const problems = validateVocabulary({ name: '主题分类', entries });
    assert.ok(problems.some((p) => expected.test(p)), problems.join(' | '));
  });
}
