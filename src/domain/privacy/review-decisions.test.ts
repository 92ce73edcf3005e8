import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyReviewDecisions, type ReviewDecision } from './review-decisions.ts';
import { findingId } from './finding.ts';
import { scanText } from './scan-text.ts';

const text = '秘密★1年\n张三，身份证431281198001010013，电话13807451234，邮箱zhangsan@qq.com。';
const findings = scanText(text);
const idOf = (kind: string): string => findingId(findings.find((f) => f.kind === kind)!);

test('the scan of the sample text', () => {
  assert.deepEqual(findings.map((f) => `${f.kind}/${f.severity}`), ['secret_marking/block', 'id_card/block', 'mobile/block', 'email/warn']);
});

test('reviewer decisions', () => {
  const cases: { rule: string; decisions: ReviewDecision[]; unresolvedBlock: boolean; unresolved: string[]; rejected: string[]; textIncludes: string[] }[] = [
    {
      rule: 'no decisions: every block finding is unresolved',
      decisions: [],
      unresolvedBlock: true,
      unresolved: ['secret_marking', 'id_card', 'mobile', 'email'],
      rejected: [],
      textIncludes: ['431281198001010013'],
    },
    {
      rule: 'masking personal data resolves it, but the marking still blocks',
      decisions: [{ findingId: idOf('id_card'), action: 'mask' }, { findingId: idOf('mobile'), action: 'mask' }],
      unresolvedBlock: true,
      unresolved: ['secret_marking', 'email'],
      rejected: [],
      textIncludes: ['431***********0013', '138****1234', 'zhangsan@qq.com'],
    },
    {
      rule: 'a marking cannot be masked away',
      decisions: [{ findingId: idOf('secret_marking'), action: 'mask' }],
      unresolvedBlock: true,
      unresolved: ['secret_marking', 'id_card', 'mobile', 'email'],
      rejected: ['marking_cannot_be_masked'],
      textIncludes: ['秘密★1年'],
    },
    {
      rule: 'intended needs a reason',
      decisions: [{ findingId: idOf('mobile'), action: 'intended', reason: '  ' }],
      unresolvedBlock: true,
      unresolved: ['secret_marking', 'id_card', 'mobile', 'email'],
      rejected: ['reason_required'],
      textIncludes: ['13807451234'],
    },
    {
      rule: 'all resolved: a declassified marking kept on purpose, data masked; warn needs no decision',
      decisions: [
        { findingId: idOf('secret_marking'), action: 'intended', reason: '已于2023年12月解密（洪保密〔2023〕5号）' },
        { findingId: idOf('id_card'), action: 'mask' },
        { findingId: idOf('mobile'), action: 'intended', reason: '本人同意公开（条例第十五条）' },
        { findingId: 'mobile@0-1', action: 'mask' },
        { findingId: idOf('id_card'), action: 'intended', reason: 'twice' },
      ],
      unresolvedBlock: false,
      unresolved: ['email'],
      rejected: ['unknown_finding', 'duplicate_decision'],
      textIncludes: ['秘密★1年', '431***********0013', '13807451234'],
    },
  ];
  for (const c of cases) {
    const outcome = applyReviewDecisions(text, findings, c.decisions);
    assert.equal(outcome.hasUnresolvedBlock, c.unresolvedBlock, c.rule);
    assert.deepEqual(outcome.unresolved.map((f) => f.kind), c.unresolved, c.rule);
    assert.deepEqual(outcome.rejected.map((r) => r.problem), c.rejected, c.rule);
    for (const s of c.textIncludes) assert.ok(outcome.text.includes(s), `${c.rule}: ${s}`);
  }
});

test('intended findings keep their reasons', () => {
  const outcome = applyReviewDecisions(text, findings, [{ findingId: idOf('email'), action: 'intended', reason: ' 申请人要求以邮件答复 ' }]);
  assert.deepEqual(outcome.intended.map((i) => [i.finding.kind, i.reason]), [['email', '申请人要求以邮件答复']]);
});
