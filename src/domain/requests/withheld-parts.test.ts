import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outcomesInGroup } from './outcomes.ts';
import { WITHHOLDING_GROUNDS, checkWithheldParts, isWithholdingGround, type WithheldPart } from './withheld-parts.ts';

test('第三十七条: the grounds are the 8 不予公开 rows of 表三 plus “不属于政府信息”', () => {
  assert.deepEqual(WITHHOLDING_GROUNDS.slice(0, 8), outcomesInGroup('withheld'));
  assert.equal(isWithholdingGround('not_government_information'), true);
  assert.equal(isWithholdingGround('disclosed'), false);
});

const cases: [rule: string, part: WithheldPart, problem: RegExp | null][] = [
  ['a complete part passes', { description: '第3页身份证号码', ground: 'withheld_third_party_rights', reason: '个人隐私' }, null],
  ['第三十七条“对不予公开的内容说明理由”: a reason is required', { description: '第3页', ground: 'withheld_third_party_rights', reason: ' ' }, /说明理由/],
  ['what was withheld must be described', { description: '', ground: 'withheld_internal_affairs', reason: '人事管理' }, /内容说明/],
  ['the ground must be known', { description: '附件', ground: 'secret' as WithheldPart['ground'], reason: '保密' }, /依据/],
];
for (const [rule, part, problem] of cases) {
  test(`checkWithheldParts — ${rule}`, () => {
    const problems = checkWithheldParts([part]);
    if (problem === null) assert.deepEqual(problems, []);
    else assert.match(problems.join(''), problem);
  });
}
