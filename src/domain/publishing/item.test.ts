import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATALOGUE_DOMAINS } from './catalogue-domains.ts';
import { createItemInputSchema, deadlineAnchorOf, findSubmissionProblems, itemInputSchema, type ItemContent } from './item.ts';

const form = {
  title: '关于印发某镇农村人居环境整治实施方案的通知',
  summary: '印发实施方案，明确整治任务和责任分工。',
  documentNumber: '某政发〔2024〕3号',
  jointIssuers: '某县农业农村局、某县生态环境局',
  formedOn: '2024-03-01',
  changedOn: '',
  categoryCode: 'urban_rural_environment',
  genre: 'notice',
  clause: 'art21_agricultural_policy',
  catalogueDomain: '',
  keywords: '人居环境，整治 实施方案',
  validity: { effectiveOn: '', expiresOn: '', repealedOn: '' },
  bodyHtml: '<p>各村：</p>',
  disclosure: { attribute: 'proactive', ground: '', note: '' },
  interpretsItemId: '',
  hasElectronicFullText: 'on',
};

test('a console form parses into item content: lists split, blanks become null, checkbox becomes true', () => {
  const r = itemInputSchema.safeParse(form);
  assert.ok(r.success, JSON.stringify(r.error?.issues));
  assert.deepEqual(r.data.jointIssuers, ['某县农业农村局', '某县生态环境局']);
  assert.deepEqual(r.data.keywords, ['人居环境', '整治', '实施方案']);
  assert.equal(r.data.changedOn, null);
  assert.equal(r.data.catalogueDomain, null);
  assert.equal(r.data.validity, null);
  assert.deepEqual(r.data.disclosure, { attribute: 'proactive' });
  assert.equal(r.data.hasElectronicFullText, true);
});

const invalid: Array<[rule: string, patch: Record<string, unknown>, path: string, message: RegExp]> = [
  ['条例第十二条: 名称 is required', { title: ' ' }, 'title', /请填写信息名称/],
  ['条例第十二条: 生成日期 is a real date', { formedOn: '2024-02-30' }, 'formedOn', /生成日期不是有效日期/],
  ['主题分类 must exist in the configured list', { categoryCode: 'nope' }, 'categoryCode', /主题分类不存在/],
  ['体裁 must be chosen', { genre: '' }, 'genre', /请选择体裁/],
  ['变更日期 not before 生成日期', { changedOn: '2024-02-01' }, 'changedOn', /变更日期不能早于生成日期/],
  ['有效期 ends after it starts', { validity: { effectiveOn: '2024-04-01', expiresOn: '2024-03-01' } }, 'validity', /早于施行日期/],
  ['不予公开 needs a ground (条例第十四至十六条)', { disclosure: { attribute: 'withheld' } }, 'disclosure', /须写明法定依据/],
  ['条例第十四条 cannot support 依申请公开', { disclosure: { attribute: 'on_request', ground: 'art14_state_secret' } }, 'disclosure', /不予公开/],
  ['only a 政策解读 links to a policy', { interpretsItemId: 'item-1' }, 'interpretsItemId', /政策解读/],
  ['at most 10 keywords', { keywords: 'a b c d e f g h i j k' }, 'keywords', /关键词不超过 10 个/],
];
for (const [rule, patch, path, message] of invalid) {
  test(`itemInputSchema rejects — ${rule}`, () => {
    const r = itemInputSchema.safeParse({ ...form, ...patch });
    assert.equal(r.success, false);
    const issue = r.error?.issues.find((i) => i.path[0] === path);
    assert.ok(issue, `no issue on ${path}: ${JSON.stringify(r.error?.issues)}`);
    assert.match(issue.message, message);
  });
}

test('a retired catalogue domain cannot be chosen', () => {
  const schema = createItemInputSchema({
    categories: { name: '主题分类', entries: [{ code: 'urban_rural_environment', label: '城乡建设、环境保护' }] },
    catalogueDomains: { ...DEFAULT_CATALOGUE_DOMAINS, entries: [{ code: 'tax_administration', label: '税收管理', retired: true }] },
  });
  const r = schema.safeParse({ ...form, catalogueDomain: 'tax_administration' });
  assert.equal(r.success, false);
  assert.match(r.error?.issues[0]?.message ?? '', /已停用/);
});

test('依申请公开 with a 条例第十五条 ground parses into a decision with its note', () => {
  const r = itemInputSchema.parse({ ...form, disclosure: { attribute: 'on_request', ground: 'art15_third_party_rights', note: '含投标人报价' } });
  assert.deepEqual(r.disclosure, { attribute: 'on_request', ground: 'art15_third_party_rights', note: '含投标人报价' });
});

function content(patch: Partial<ItemContent> = {}): ItemContent {
  return { ...itemInputSchema.parse(form), attachments: [], ...patch };
}

const submission: Array<[rule: string, patch: Partial<ItemContent>, expected: RegExp | null]> = [
  ['a complete item has no problems', {}, null],
  ['条例第十二条: 内容概述 is part of the catalogue', { summary: '' }, /内容概述/],
  ['the 公开属性 must be decided before review', { disclosure: null }, /请认定公开属性/],
  ['生成日期 cannot be in the future', { formedOn: '2024-03-09' }, /晚于今天/],
  ['a 主动公开 item needs a body or an attachment', { bodyHtml: ' ', hasElectronicFullText: false }, /须有正文或附件/],
  ['a 行政规范性文件 needs its 文号', { genre: 'normative_document', documentNumber: null, validity: { effectiveOn: '2024-04-01', expiresOn: null, repealedOn: null } }, /文号/],
  ['a 行政规范性文件 needs its 施行日期', { genre: 'normative_document', validity: null }, /施行日期/],
];
for (const [rule, patch, expected] of submission) {
  test(`findSubmissionProblems — ${rule}`, () => {
    const problems = findSubmissionProblems(content(patch), '2024-03-08');
    if (expected === null) assert.deepEqual(problems, []);
    else assert.ok(problems.some((p) => expected.test(p)), problems.join(' | ') || '(none)');
  });
}

test('条例第二十六条 “形成或者变更之日”: a revision runs from its change date', () => {
  assert.equal(deadlineAnchorOf({ formedOn: '2024-03-01', changedOn: null }), '2024-03-01');
  assert.equal(deadlineAnchorOf({ formedOn: '2024-03-01', changedOn: '2024-06-03' }), '2024-06-03');
});
