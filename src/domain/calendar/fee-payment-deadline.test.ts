import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseHolidayData } from './holiday-data.ts';
import { createHolidayCalendar } from './holiday-calendar.ts';
import { computeFeePaymentDeadline } from './fee-payment-deadline.ts';

const cal = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

const cases: [rule: string, noticeReceivedOn: string, due: string, provisional: boolean][] = [
  ['109号办法（四川转述）: “收到收费通知次日起20个工作日内缴纳费用” — over 国庆节 2025 with both make-up days', '2025-09-26', '2025-10-30', false],
  ['109号办法: an ordinary month', '2025-03-03', '2025-03-31', false],
  ['109号办法: running into 2027 without a notice is provisional', '2026-12-15', '2027-01-12', true],
];

for (const [rule, noticeReceivedOn, due, provisional] of cases) {
  test(`computeFeePaymentDeadline — ${rule}`, () => {
    const r = computeFeePaymentDeadline(cal, noticeReceivedOn);
    assert.equal(r.due, due);
    assert.equal(r.provisional, provisional);
    assert.ok(r.explanation.some((l) => l.text.includes('国办函〔2020〕109号')));
  });
}
