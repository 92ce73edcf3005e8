import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FINDING_KINDS, findingId, isFindingKind, isSeverity, severityRank } from './finding.ts';

test('closed unions: guards accept exactly the listed values', () => {
  for (const kind of FINDING_KINDS) assert.equal(isFindingKind(kind), true, kind);
  for (const value of ['ID_CARD', 'phone', '', 1, null, undefined]) assert.equal(isFindingKind(value), false, String(value));
  for (const value of ['block', 'warn', 'info']) assert.equal(isSeverity(value), true, value);
  assert.equal(isSeverity('error'), false);
});

test('severity rank orders block before warn before info', () => {
  assert.ok(severityRank('block') < severityRank('warn'));
  assert.ok(severityRank('warn') < severityRank('info'));
});

test('findingId is kind and span', () => {
  assert.equal(findingId({ kind: 'mobile', start: 3, end: 14 }), 'mobile@3-14');
});
