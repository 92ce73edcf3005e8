import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  OUTCOMES,
  OUTCOME_DEFINITIONS,
  OUTCOME_GROUP_LABELS,
  TRIAL_2019_OUTCOME_ROW_LABELS,
  isOutcome,
  outcomeFromRowLabel,
  outcomeLabelZh,
  outcomesInGroup,
  type Outcome,
  type OutcomeGroup,
  type ReplyType,
} from './outcomes.ts';

// 国办公开办函〔2021〕30号 表三“三、本年度办理结果”, verbatim (domain-reference §2.1.3).
const TABLE_3_ROWS = `
（一）予以公开
（二）部分公开（区分处理的，只计这一情形，不计其他情形）
1.属于国家秘密
2.其他法律行政法规禁止公开
3.危及“三安全一稳定”
4.保护第三方合法权益
5.属于三类内部事务信息
6.属于四类过程性信息
7.属于行政执法案卷
8.属于行政查询事项
1.本机关不掌握相关政府信息
2.没有现成信息需要另行制作
3.补正后申请内容仍不明确
1.信访举报投诉类申请
2.重复申请
3.要求提供公开出版物
4.无正当理由大量反复申请
5.要求行政机关确认或重新出具已获取信息
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
3.其他
`.trim().split('\n');

test('表三（2021格式）: the outcomes are exactly the 21 data rows under 三、本年度办理结果, in order, verbatim', () => {
  assert.equal(OUTCOMES.length, 21);
  assert.deepEqual(OUTCOMES.map((o) => OUTCOME_DEFINITIONS[o].rowLabel), TABLE_3_ROWS);
});

const groupSizes: [OutcomeGroup, number, string][] = [
  ['disclosed', 1, '（一）予以公开'],
  ['partially_disclosed', 1, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
  ['withheld', 8, '（三）不予公开'],
  ['unable_to_provide', 3, '（四）无法提供'],
  ['not_processed', 5, '（五）不予处理'],
  ['other', 3, '（六）其他处理'],
];
for (const [group, size, label] of groupSizes) {
  test(`表三: group ${label} has ${size} data row(s)`, () => {
    assert.equal(outcomesInGroup(group).length, size);
    assert.equal(OUTCOME_GROUP_LABELS[group], label);
  });
}

test('表三: “三安全一稳定” keeps the curly quotes; straight quotes are accepted when parsing', () => {
  assert.equal(OUTCOME_DEFINITIONS.withheld_endangers_security_stability.rowLabel, '3.危及“三安全一稳定”');
  assert.equal(outcomeFromRowLabel('3.危及"三安全一稳定"'), 'withheld_endangers_security_stability');
  assert.equal(outcomeFromRowLabel('2.重复申请'), 'not_processed_repeat');
  assert.equal(outcomeFromRowLabel('（七）总计'), null);
});

// domain-reference §1.6 mapping of 第三十六条 reply types and grounds to table 三 rows.
const mapping: [rule: string, outcome: Outcome, replyTypes: ReplyType[], article: string][] = [
  ['36(一) 已主动公开、36(二) 可以公开 → （一）予以公开', 'disclosed', ['already_public', 'provided'], '第三十六条第（一）项'],
  ['37 区分处理 → （二）部分公开', 'partially_disclosed', ['provided', 'withheld'], '第三十七条'],
  ['36(三)+14 国家秘密 → （三）1', 'withheld_state_secret', ['withheld'], '第十四条'],
  ['36(三)+14 法律行政法规禁止 → （三）2', 'withheld_prohibited_by_law', ['withheld'], '第十四条'],
  ['36(三)+14 三安全一稳定 → （三）3', 'withheld_endangers_security_stability', ['withheld'], '第十四条'],
  ['36(三)+15 第三方合法权益 → （三）4', 'withheld_third_party_rights', ['withheld'], '第十五条'],
  ['36(三)+16① 内部事务 → （三）5', 'withheld_internal_affairs', ['withheld'], '第十六条第一款'],
  ['36(三)+16② 过程性信息 → （三）6', 'withheld_process_information', ['withheld'], '第十六条第二款'],
  ['36(三)+16② 行政执法案卷 → （三）7', 'withheld_enforcement_file', ['withheld'], '第十六条第二款'],
  ['36(七) 工商、不动产登记等 → （三）8 行政查询事项（推导）', 'withheld_administrative_inquiry', ['special_procedure'], '第三十六条第（七）项'],
  ['36(四) 不存在、36(五) 非本机关 → （四）1', 'unavailable_not_held', ['not_exist', 'not_responsible'], '第三十六条第（四）项'],
  ['38 需加工分析 → （四）2', 'unavailable_needs_creation', [], '第三十八条'],
  ['30 补正后仍不明确 → （四）3', 'unavailable_unclear_after_clarification', [], '第三十条'],
  ['39① 信访举报投诉 → （五）1', 'not_processed_petition_complaint', [], '第三十九条第一款'],
  ['36(六) 重复申请 → （五）2', 'not_processed_repeat', ['repeat'], '第三十六条第（六）项'],
  ['39② 公开出版物 → （五）3', 'not_processed_publication', [], '第三十九条第二款'],
  ['35 不合理 → （五）4', 'not_processed_excessive', [], '第三十五条'],
  ['30 逾期不补正 → （六）1', 'other_clarification_overdue', [], '第三十条'],
  ['109号 逾期未缴费 → （六）2', 'other_fee_unpaid', [], '109号'],
];
for (const [rule, outcome, replyTypes, article] of mapping) {
  test(`§1.6 mapping — ${rule}`, () => {
    const d = OUTCOME_DEFINITIONS[outcome];
    assert.deepEqual([...d.replyTypes], replyTypes);
    assert.ok(d.grounds.some((g) => g.article.includes(article)), `${outcome} cites ${article}`);
  });
}

test('条例第三十七条: only 部分公开 requires recording what was withheld and why', () => {
  assert.deepEqual(OUTCOMES.filter((o) => OUTCOME_DEFINITIONS[o].requiresWithheldParts), ['partially_disclosed']);
  assert.match(OUTCOME_DEFINITIONS.partially_disclosed.note ?? '', /第三十七条/);
});

test('2019 试行格式（国办公开办函〔2019〕60号）: （六）其他处理 is one row, the others are as 2021', () => {
  assert.equal(TRIAL_2019_OUTCOME_ROW_LABELS.length, 19);
  assert.equal(TRIAL_2019_OUTCOME_ROW_LABELS.at(-1), '（六）其他处理');
  for (const o of outcomesInGroup('other')) assert.equal(OUTCOME_DEFINITIONS[o].trialFormatRowLabel, '（六）其他处理');
  assert.equal(OUTCOME_DEFINITIONS.not_processed_repeat.trialFormatRowLabel, '2.重复申请');
});

test('outcome guard and short labels', () => {
  assert.equal(isOutcome('disclosed'), true);
  assert.equal(isOutcome('approved'), false);
  assert.equal(outcomeLabelZh('withheld_state_secret'), '不予公开·属于国家秘密');
  assert.equal(outcomeLabelZh('partially_disclosed'), '部分公开');
});
