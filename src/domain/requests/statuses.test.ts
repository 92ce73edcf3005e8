import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REQUEST_STATUSES, REQUEST_STATUS_LABELS, isOpen, isRequestStatus, isTerminal, type RequestStatus } from './statuses.ts';

const statuses: [RequestStatus, string, boolean, boolean][] = [
  ['awaiting_confirmation', '待确认', true, false],
  ['registered', '已登记', true, false],
  ['under_review', '审查中', true, false],
  ['awaiting_clarification', '补正中', true, false],
  ['in_progress', '办理中', true, false],
  ['consulting', '征求意见中', true, false],
  ['awaiting_fee', '待缴费', true, false],
  ['under_approval', '审核中', true, false],
  ['replied', '已答复', false, false],
  ['delivered', '已送达', false, true],
  ['archived', '已归档', false, true],
  ['withdrawn', '已撤回', false, true],
  ['closed_no_action', '终止（逾期未补正或未缴费）', false, true],
];
test('条例第四十五条 statuses: labels, open (a reply is owed) and terminal (only 归档 may follow)', () => {
  assert.deepEqual([...REQUEST_STATUSES], statuses.map((s) => s[0]));
  for (const [status, label, open, terminal] of statuses) {
    assert.equal(REQUEST_STATUS_LABELS[status], label);
    assert.equal(isOpen(status), open, status);
    assert.equal(isTerminal(status), terminal, status);
  }
  assert.equal(isRequestStatus('pending'), false);
});
