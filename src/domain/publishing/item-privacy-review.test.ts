import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decisionProblem, scanItemTexts, summariseReview, type FindingAction, type ReviewSource, type SourcedFinding } from './item-privacy-review.ts';

const texts = new Map<ReviewSource, string>([
  ['title', '低保名单'],
  ['attachment:abc', ''],
]);

test('an attachment not read gets one blocking 未能自动检测 finding; a read one gets none', () => {
  const none = scanItemTexts(texts, {});
  assert.equal(none.length, 0, 'empty text alone yields nothing: why the reading status must be passed');
  const findings = scanItemTexts(texts, {}, new Map([['attachment:abc', '附件“名单.png”：图片中的文字无法自动识别']]));
  assert.equal(findings.length, 1);
  const [f] = findings as [SourcedFinding];
  assert.equal(f.kind, 'unreadable');
  assert.equal(f.severity, 'block');
  assert.equal(f.id, 'attachment:abc#unreadable@0-0');
  assert.match(f.reason, /^未能自动检测：附件“名单.png”：图片中的文字无法自动识别。请逐页人工核对/);
  assert.deepEqual(summariseReview(findings, []), { unresolvedBlocking: 1, unresolvedWarnings: 0 });
  assert.deepEqual(summariseReview(findings, [{ id: f.id, action: 'checked', reason: '已逐页核对', by: '7', at: '2026-11-26T02:00:00.000Z' }]), { unresolvedBlocking: 0, unresolvedWarnings: 0 });
});

test('who may clear what: an unread attachment only by a check by eye with a reason; a check by eye only for unread attachments', () => {
  const unread = scanItemTexts(texts, {}, new Map([['attachment:abc', '扫描件']]))[0]!;
  const id = scanItemTexts(new Map<ReviewSource, string>([['body', '身份证号 43128119900307121X']]), {})[0]!;
  const cases: Array<[string, SourcedFinding, FindingAction, string, RegExp | null]> = [
    ['unread: masking is refused', unread, 'mask', '', /不能打码或直接标为确需公开/],
    ['unread: “intended” is refused', unread, 'intended', '确需公开', /不能打码或直接标为确需公开/],
    ['unread: a check without a reason is refused', unread, 'checked', '  ', /写明人工核对的情况/],
    ['unread: a check with a reason clears it', unread, 'checked', '已逐页核对扫描件', null],
    ['ID number: a check by eye is no way to clear it', id, 'checked', '已逐页核对扫描件', /只有“未能自动检测”的附件/],
    ['ID number: masking still clears it', id, 'mask', '', null],
  ];
  for (const [label, finding, action, reason, problem] of cases) {
    const got = decisionProblem(finding, action, reason);
    if (problem === null) assert.equal(got, null, label);
    else assert.match(got ?? '', problem, label);
  }
});
