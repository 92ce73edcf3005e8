import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MESSAGE_TEMPLATE_LABELS, templateNames } from './message-templates.ts';

test('every message the services queue has a label in the console’s per-template provider settings', () => {
  assert.deepEqual(Object.keys(MESSAGE_TEMPLATE_LABELS).sort(), templateNames().sort());
  for (const label of Object.values(MESSAGE_TEMPLATE_LABELS)) assert.match(label, /^[\u4e00-\u9fff]+$/);
});
