import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RequestEvent } from '../calendar/index.ts';
import { evolve, evolveAll } from './evolve.ts';
import type { RequestRecord } from './request.ts';
import type { DisclosureRequestEvent } from './request-events.ts';

const record: RequestRecord = {
  id: 'R-2',
  agencyId: 4,
  agencyPath: '/1/4/',
  applicant: { type: 'commercial_enterprise', name: '某建筑有限公司', identity: { kind: '统一社会信用代码', number: '91430100MA4L000000' }, contact: { email: 'a@example.cn' } },
  informationSought: { description: '红星村土地征收批复', documentNumber: '湘政土批〔2024〕12号' },
  formWanted: 'electronic',
  deliveryMethod: 'email',
  channel: 'letter_registered',
  submission: { signedForOn: '2025-03-03' },
};
const at = '2025-03-03T02:00:00Z';
const by = 'officer-1';

const events: DisclosureRequestEvent[] = [
  { type: 'Submitted', at, by, record, submittedOn: '2025-03-03' },
  { type: 'Registered', at, by, receivedOn: '2025-03-03', receiptBasis: '条例第三十一条第（二）项', regime: '2019' },
  { type: 'ClarificationRequested', at, by, points: ['文号'], deadlineOn: '2025-03-14', sentOn: '2025-03-05', noticeDueOn: '2025-03-12', late: false },
  { type: 'ClarificationReceived', at, by, receivedOn: '2025-03-07', afterDeadline: false, justification: null },
  { type: 'ConsultationStarted', at, by, party: 'third_party', consultedName: '村民李四', startedOn: '2025-03-10', letterReceivedOn: '2025-03-10', responseDueOn: '2025-03-31' },
  { type: 'ConsultationEnded', at, by, endedOn: '2025-03-14', result: 'consented', deemedConsent: false },
  { type: 'FeeNoticeSent', at, by, fee: { basis: 'per_page', quantity: 40, piecesEarlierInMonth: 0, amount: 100, bands: [], legalBasis: [] }, sentOn: '2025-03-17', noticeReceivedOn: '2025-03-17', paymentDueOn: '2025-04-15' },
  { type: 'FeeWaived', at, by: 'approver-1', waivedOn: '2025-03-18', reason: '经济困难' },
  { type: 'ExtensionApproved', at, by: 'approver-1', workdays: 10, reason: '材料多', approvedOn: '2025-03-20', dueBeforeOn: '2025-04-10', dueOn: '2025-04-24' },
];

test('evolve maps the request events onto the clock events (补正 restarts, 征求意见 and 收费 pause, 延长 adds)', () => {
  const s = evolveAll(events)!;
  const clock: RequestEvent[] = [
    { type: 'clarification_requested', on: '2025-03-05' },
    { type: 'clarification_received', on: '2025-03-07' },
    { type: 'paused', from: '2025-03-10', to: '2025-03-14', reason: 'consultation' },
    { type: 'paused', from: '2025-03-17', to: '2025-03-18', reason: 'fee' },
    { type: 'extended', workdays: 10 },
  ];
  assert.deepEqual(s.clockEvents, clock);
  assert.equal(s.version, events.length);
  assert.equal(s.status, 'in_progress');
  assert.equal(s.extension?.approvedBy, 'approver-1');
  assert.equal(s.consultations[0]?.result, 'consented');
});

test('status follows the events: 补正中 → 审查中 → 征求意见中 → 办理中 → 待缴费 → 办理中', () => {
  const statuses = events.map((_e, i) => evolveAll(events.slice(0, i + 1))!.status);
  assert.deepEqual(statuses, [
    'awaiting_confirmation',
    'registered',
    'awaiting_clarification',
    'under_review',
    'consulting',
    'in_progress',
    'awaiting_fee',
    'in_progress',
    'in_progress',
  ]);
});

test('Abandoned closes the request with 表三（六）1 or 2 as its outcome', () => {
  const s = evolve(evolveAll(events.slice(0, 3)), {
    type: 'Abandoned', at, by: null, reason: 'clarification_overdue', outcome: 'other_clarification_overdue', deadlineOn: '2025-03-14', abandonedOn: '2025-03-17',
  });
  assert.equal(s.status, 'closed_no_action');
  assert.equal(s.outcome, 'other_clarification_overdue');
});

test('a corrupted log throws instead of guessing', () => {
  assert.throws(() => evolve(null, events[1]!), /Submitted/);
  assert.throws(() => evolveAll([events[0]!, events[0]!]), /已提交/);
  assert.throws(() => evolveAll([events[0]!, events[5]!]), /没有进行中的征求意见/);
  assert.equal(evolveAll([]), null);
});
