import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DISCLOSURE_GROUNDS, DISCLOSURE_GROUND_INFO, decideDisclosure, groundsFor, isPublishable } from './disclosure-attribute.ts';

const cases: Array<[rule: string, attribute: unknown, ground: unknown, ok: boolean, message?: RegExp]> = [
  ['主动公开 needs no ground', 'proactive', null, true],
  ['主动公开 takes no ground', 'proactive', 'art16_internal_affairs', false, /不需要填写/],
  ['条例第十四条 国家秘密: 不予公开', 'withheld', 'art14_state_secret', true],
  ['条例第十四条 says “不予公开”: never 依申请公开', 'on_request', 'art14_state_secret', false, /不予公开/],
  ['条例第十五条 third-party rights may be released on request (consent)', 'on_request', 'art15_third_party_rights', true],
  ['条例第十六条 过程性信息 “可以不予公开”', 'withheld', 'art16_process_information', true],
  ['条例第十六条 行政执法案卷 may be released on request', 'on_request', 'art16_enforcement_files', true],
  ['条例第十九条 outside proactive scope supports 依申请公开', 'on_request', 'art19_outside_proactive_scope', true],
  ['条例第十九条 is no ground to withhold', 'withheld', 'art19_outside_proactive_scope', false, /不能作为不予公开的依据/],
  ['不予公开 without a ground is refused', 'withheld', '', false, /须写明法定依据/],
  ['依申请公开 without a ground is refused', 'on_request', null, false, /须写明法定依据/],
  ['unknown grounds are refused', 'withheld', 'art99', false, /无效/],
  ['an attribute must be chosen', '', null, false, /请认定公开属性/],
];
for (const [rule, attribute, ground, ok, message] of cases) {
  test(`decideDisclosure — ${rule}`, () => {
    const r = decideDisclosure(attribute, ground, ' 涉及某企业报价 ');
    assert.equal(r.ok, ok);
    if (!r.ok && message) assert.match(r.problem, message);
    if (r.ok && r.decision.attribute !== 'proactive') assert.equal(r.decision.note, '涉及某企业报价');
  });
}

test('every ground quotes its article and is offered for the attributes it supports', () => {
  for (const g of DISCLOSURE_GROUNDS) {
    const info = DISCLOSURE_GROUND_INFO[g];
    assert.match(info.article, /^条例第十[四五六九]条/);
    assert.ok(info.quote.length > 3);
  }
  assert.deepEqual(groundsFor('proactive'), []);
  assert.equal(groundsFor('withheld').length, 7);
  assert.ok(!groundsFor('on_request').some((g) => g.startsWith('art14_')));
});

test('only 主动公开 items are publishable', () => {
  assert.equal(isPublishable({ attribute: 'proactive' }), true);
  assert.equal(isPublishable({ attribute: 'on_request', ground: 'art15_third_party_rights', note: '' }), false);
  assert.equal(isPublishable(null), false);
});
