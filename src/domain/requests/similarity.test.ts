import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareNormalised,
  extractDocumentNumbers,
  findRepeats,
  isSameInformation,
  normaliseInformationSought,
  suggestProactiveDisclosure,
  type SimilarityItem,
} from './similarity.ts';

test('normalisation: full-width → half-width, punctuation, spaces and request boilerplate removed', () => {
  const n = normaliseInformationSought('请公开：２０２４年　青山镇“农村危房改造”补助资金的发放名单！');
  assert.equal(n.text, '2024年青山镇农村危房改造补助资金发放名单');
  assert.deepEqual(n.years, [2024]);
});

const numbers: [rule: string, text: string, expected: string[]][] = [
  ['GB/T 9704 brackets 〔〕', '请公开湘政办发〔2023〕15号文件', ['湘政办发〔2023〕15号']],
  ['square brackets and lead-in words', '申请获取县政府关于印发湘政办发[2023]15号的全文', ['湘政办发〔2023〕15号']],
  ['full-width brackets and leading zeros', '青政发（２０２２）００８号', ['青政发〔2022〕8号']],
  ['两个文号', '国办函〔2020〕109号和国办公开办函〔2021〕30号', ['国办函〔2020〕109号', '国办公开办函〔2021〕30号']],
  ['no 文号', '2024年部门预算', []],
];
for (const [rule, text, expected] of numbers) {
  test(`extractDocumentNumbers — ${rule}`, () => {
    assert.deepEqual(extractDocumentNumbers(text).documentNumbers.map((d) => d.text), expected);
  });
}

// [rule, a, b, same information?]
const pairs: [string, string, string, boolean][] = [
  ['same request reworded', '请公开2023年青山镇农村危房改造补助资金发放名单', '申请公开青山镇2023年度农村危房改造补助资金的发放情况及名单', true],
  ['same 文号, different words', '请公开《关于印发湘政办发〔2023〕15号文件》', '申请获取湘政办发[2023]15号全文', true],
  ['a longer phrasing containing the shorter one', '请公开XX县自然资源局关于红星村土地征收的批复文件', '申请公开红星村土地征收批复', true],
  ['different subject, same town and year', '请公开2023年青山镇农村危房改造补助资金发放名单', '请提供2023年青山镇最低生活保障对象名单', false],
  ['same subject, different years', '请公开2022年青山镇部门预算', '请公开2023年青山镇部门预算', false],
  ['unrelated', '青山镇2023年财政预算执行情况', '青山镇红星村土地征收批复', false],
];
for (const [rule, a, b, same] of pairs) {
  test(`isSameInformation — ${rule}`, () => {
    assert.equal(isSameInformation(compareNormalised(normaliseInformationSought(a), normaliseInformationSought(b))), same);
  });
}

const item = (id: string, applicantKey: string, informationSought: string, extra: Partial<SimilarityItem> = {}): SimilarityItem => ({
  id, applicantKey, informationSought, repliedOn: null, open: true, outcome: null, ...extra,
});

test('条例第三十六条第（六）项: a repeat of an answered request is flagged; a pending twin is a duplicate; an unanswered withdrawn one is ignored', () => {
  const earlier = [
    item('R-1', 'A', '申请公开青山镇2023年度农村危房改造补助资金的发放情况及名单', { repliedOn: '2024-05-10', open: false, outcome: 'disclosed' }),
    item('R-2', 'A', '请公开2023年青山镇农村危房改造补助资金发放名单（第二次）'),
    item('R-3', 'A', '2023年青山镇农村危房改造补助资金发放名单', { open: false }),
    item('R-4', 'A', '青山镇2023年最低生活保障资金发放名单', { repliedOn: '2024-06-01', open: false }),
  ];
  const matches = findRepeats({ id: 'R-9', informationSought: '请公开2023年青山镇农村危房改造补助资金发放名单' }, earlier);
  assert.deepEqual(matches.map((m) => [m.requestId, m.kind]), [['R-2', 'duplicate_pending'], ['R-1', 'repeat_after_reply']]);
  assert.match(matches.find((m) => m.requestId === 'R-1')!.note, /第三十六条第（六）项/);
});

test('条例第三十六条第（六）项: the same 文号 is a repeat even when the words differ', () => {
  const matches = findRepeats({ id: 'N', informationSought: '请提供湘政办发[2023]15号' }, [
    item('E', 'A', '关于印发湘政办发〔2023〕15号文件的全文', { repliedOn: '2024-01-05', open: false, outcome: 'disclosed' }),
  ]);
  assert.equal(matches.length, 1);
  assert.deepEqual(matches[0]!.sharedDocumentNumbers, ['湘政办发〔2023〕15号']);
});

test('条例第四十四条: three different applicants asking for the same information suggest proactive disclosure', () => {
  const requests = [
    item('1', 'A', '请公开红星村土地征收批复'),
    item('2', 'B', '申请公开XX县自然资源局关于红星村土地征收的批复文件', { outcome: 'disclosed', repliedOn: '2025-01-02', open: false }),
    item('3', 'C', '红星村土地征收批复文件', { outcome: 'partially_disclosed', repliedOn: '2025-01-03', open: false }),
    item('4', 'A', '红星村土地征收的批复'),
    item('5', 'D', '红星村土地征收批复', { outcome: 'withheld_state_secret', repliedOn: '2025-01-04', open: false }),
    item('6', 'E', '青山镇2024年部门预算'),
    item('7', 'F', '申请公开青山镇2024年部门预算'),
  ];
  const suggestions = suggestProactiveDisclosure(requests);
  assert.equal(suggestions.length, 1);
  assert.deepEqual([...suggestions[0]!.requestIds].sort(), ['1', '2', '3', '4']);
  assert.equal(suggestions[0]!.applicantCount, 3);
  assert.match(suggestions[0]!.note, /第四十四条/);
  assert.equal(suggestProactiveDisclosure(requests, 0.5, 4).length, 0);
});
