import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkRequestRecord, missingParticulars, type RequestRecord } from './request.ts';

const valid: RequestRecord = {
  id: 'R-6', agencyId: 4, agencyPath: '/1/4/',
  applicant: { type: 'research_institution', name: '某大学法学院', identity: { kind: '统一社会信用代码', number: '12430000444885003X' }, contact: { email: 'lab@example.edu.cn' }, representative: '钱七' },
  informationSought: { description: '2024年行政复议案件统计', documentNumber: '' },
  formWanted: 'electronic', deliveryMethod: 'email', channel: 'online', submission: { submittedOn: '2025-03-03' },
};

const cases: [rule: string, record: RequestRecord, problem: RegExp | null][] = [
  ['a complete record passes', valid, null],
  ['第二十九条第二款（一）: name required', { ...valid, applicant: { ...valid.applicant, name: ' ' } }, /姓名或者名称/],
  ['第二十九条第二款（一）: some contact required (to send 补正 or the reply)', { ...valid, applicant: { ...valid.applicant, contact: { phone: '' } } }, /联系方式/],
  ['第二十九条第二款（二）: description or 文号 required', { ...valid, informationSought: { description: '' } }, /特征性描述/],
  ['a 文号 alone is enough', { ...valid, informationSought: { description: '', documentNumber: '国办函〔2020〕109号' } }, null],
  ['closed vocabularies', { ...valid, channel: 'wechat' as RequestRecord['channel'], formWanted: 'scroll' as RequestRecord['formWanted'] }, /申请渠道.*|信息形式/],
  ['dates are YYYY-MM-DD', { ...valid, submission: { submittedOn: '2025/03/03' } }, /不是有效日期/],
];
for (const [rule, record, problem] of cases) {
  test(`checkRequestRecord — ${rule}`, () => {
    const problems = checkRequestRecord(record);
    if (problem === null) assert.deepEqual(problems, []);
    else assert.match(problems.join(''), problem);
  });
}

test('missingParticulars — 第二十九条 items for a 补正告知: identity proof', () => {
  assert.deepEqual(missingParticulars(valid), []);
  assert.match(missingParticulars({ ...valid, applicant: { ...valid.applicant, identity: null } }).join(''), /身份证明/);
});
