import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cessationOf, findValidityProblems, validityOn, VALIDITY_LABELS, type ValidityDates } from './validity.ts';

const d = (effectiveOn: string | null, expiresOn: string | null, repealedOn: string | null): ValidityDates => ({ effectiveOn, expiresOn, repealedOn });

const cases: Array<[rule: string, dates: ValidityDates, on: string, label: string]> = [
  ['no dates: 有效', d(null, null, null), '2024-01-01', '有效'],
  ['before “自…起施行”: 尚未施行', d('2024-03-01', null, null), '2024-02-29', '尚未施行'],
  ['on the effective day: 有效', d('2024-03-01', null, null), '2024-03-01', '有效'],
  ['on the last day of “有效期至”: still 有效', d('2024-01-01', '2025-12-31', null), '2025-12-31', '有效'],
  ['the day after “有效期至”: 失效', d('2024-01-01', '2025-12-31', null), '2026-01-01', '失效'],
  ['from “自…起废止”: 废止', d('2024-01-01', null, '2024-07-01'), '2024-07-01', '废止'],
  ['the day before repeal: 有效', d('2024-01-01', null, '2024-07-01'), '2024-06-30', '有效'],
  ['lapsed and later repealed: 废止 prevails once repealed', d('2020-01-01', '2021-12-31', '2023-05-01'), '2023-06-01', '废止'],
  ['lapsed, repeal still ahead: 失效', d('2020-01-01', '2021-12-31', '2023-05-01'), '2022-06-01', '失效'],
];
for (const [rule, dates, on, label] of cases) {
  test(`validityOn — ${rule}`, () => assert.equal(VALIDITY_LABELS[validityOn(dates, on)], label));
}

test('cessationOf: a text ceases once, at the earlier of repeal and lapse', () => {
  assert.equal(cessationOf(d('2020-01-01', null, null)), null);
  assert.deepEqual(cessationOf(d('2020-01-01', '2021-12-31', null)), { status: 'expired', since: '2022-01-01' });
  assert.deepEqual(cessationOf(d('2020-01-01', '2021-12-31', '2023-05-01')), { status: 'expired', since: '2022-01-01' });
  assert.deepEqual(cessationOf(d('2020-01-01', '2025-12-31', '2023-05-01')), { status: 'repealed', since: '2023-05-01' });
  assert.deepEqual(cessationOf(d(null, '2024-02-28', null)), { status: 'expired', since: '2024-02-29' });
});

test('findValidityProblems: order of dates and malformed dates', () => {
  assert.deepEqual(findValidityProblems(d('2024-01-01', '2025-12-31', '2025-01-01')), []);
  assert.match(findValidityProblems(d('2024-01-01', '2023-12-31', null))[0] ?? '', /早于施行日期/);
  assert.match(findValidityProblems(d('2024-01-01', null, '2023-12-31'))[0] ?? '', /废止日期.*早于施行日期/);
  assert.match(findValidityProblems(d('2024-02-30', null, null))[0] ?? '', /不是有效日期/);
});
