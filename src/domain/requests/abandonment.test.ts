import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHolidayCalendar, parseHolidayData } from '../calendar/index.ts';
import { abandonmentDeadlineOf, detectAbandonment, findAbandonments } from './abandonment.ts';
import { evolveAll } from './evolve.ts';
import type { RequestRecord } from './request.ts';
import type { DisclosureRequestEvent } from './request-events.ts';

const calendar = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);
const record = {
  id: 'R-4', agencyId: 4, agencyPath: '/1/4/',
  applicant: { type: 'natural_person', name: '赵六', identity: null, contact: { phone: '13700000000' } },
  informationSought: { description: '红星村2024年村级财务收支明细' }, formWanted: 'paper', deliveryMethod: 'post', channel: 'in_person',
  submission: { submittedOn: '2025-03-03' },
} satisfies RequestRecord;
const at = '2025-03-03T02:00:00Z';
const registered: DisclosureRequestEvent[] = [
  { type: 'Submitted', at, by: 'o', record, submittedOn: '2025-03-03' },
  { type: 'Registered', at, by: 'o', receivedOn: '2025-03-03', receiptBasis: '第三十一条第（一）项', regime: '2019' },
];
const clarification: DisclosureRequestEvent = {
  type: 'ClarificationRequested', at, by: 'o', points: ['请明确年份'], deadlineOn: '2025-03-14', sentOn: '2025-03-05', noticeDueOn: '2025-03-12', late: false,
};
const feeNotice: DisclosureRequestEvent = {
  type: 'FeeNoticeSent', at, by: 'o', fee: { basis: 'per_page', quantity: 120, piecesEarlierInMonth: 0, amount: 1100, bands: [], legalBasis: [] },
  sentOn: '2025-09-25', noticeReceivedOn: '2025-09-26', paymentDueOn: '2025-10-30',
};

const cases: [rule: string, events: DisclosureRequestEvent[], today: string, outcome: string | null][] = [
  ['第三十条: on the stated clarification deadline the applicant may still clarify', [...registered, clarification], '2025-03-14', null],
  ['第三十条“逾期不补正的，视为放弃申请” → 表三（六）1', [...registered, clarification], '2025-03-15', 'other_clarification_overdue'],
  ['109号: on the 20th working day after receiving the notice payment is still possible (国庆 2025 skipped)', [...registered, feeNotice], '2025-10-30', null],
  ['109号“逾期未缴纳的视为放弃申请” → 表三（六）2', [...registered, feeNotice], '2025-10-31', 'other_fee_unpaid'],
  ['no clarification or fee pending: nothing to close', registered, '2026-01-01', null],
];
for (const [rule, events, today, outcome] of cases) {
  test(`detectAbandonment — ${rule}`, () => {
    const e = detectAbandonment(evolveAll(events)!, { today, at: `${today}T01:00:00Z`, calendar });
    assert.equal(e?.outcome ?? null, outcome);
    if (e !== null) {
      assert.equal(e.by, null);
      assert.equal(e.abandonedOn, today);
    }
  });
}

test('abandonmentDeadlineOf recomputes the payment deadline on the calendar given; findAbandonments lists what the job closes', () => {
  const fee = evolveAll([...registered, feeNotice])!;
  assert.deepEqual(abandonmentDeadlineOf(fee, calendar), { reason: 'fee_unpaid', deadlineOn: '2025-10-30' });
  const clar = evolveAll([...registered, clarification])!;
  const found = findAbandonments([fee, clar, evolveAll(registered)!], { today: '2025-03-20', at, calendar });
  assert.deepEqual(found.map((f) => f.event.reason), ['clarification_overdue']);
});
