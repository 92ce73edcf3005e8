import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CalendarInputError } from './calendar-input-error.ts';
import { fromDayNumber, parseCalendarDate, toDayNumber } from './calendar-date.ts';
import { parseHolidayData } from './holiday-data.ts';
import { createHolidayCalendar, isWorkday } from './holiday-calendar.ts';
import { addWorkdays, countWorkdays, type Pause } from './working-days.ts';

const cal = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

const addCases: [rule: string, from: string, n: number, due: string][] = [
  ['spec check: 2024 春节 2月10日至17日 and make-up 2月4日/18日', '2024-01-26', 20, '2024-02-28'],
  ['2025 国庆节、中秋节 span with make-up 9月28日（周日）and 10月11日（周六）', '2025-09-22', 20, '2025-10-24'],
  ['make-up Sunday is the next working day (2025-09-28)', '2025-09-26', 1, '2025-09-28'],
  ['make-up Saturday is the next working day (2026-02-14)', '2026-02-13', 1, '2026-02-14'],
  ['year boundary: 2018-12-29 (Saturday) worked under the 2019 notice', '2018-12-28', 1, '2018-12-29'],
  ['year boundary: 2018-12-30 to 2019-01-01 off under the 2019 notice', '2018-12-29', 1, '2019-01-02'],
  ['year boundary: 2011-12-31 (Saturday) worked under the 2012 notice', '2011-12-30', 1, '2011-12-31'],
  ['year boundary: 2022-12-31 to 2023-01-02 off under the 2023 notice', '2022-12-30', 1, '2023-01-03'],
  ['2020 春节延长: 1月24日至2月2日 off, 2月3日 back to work', '2020-01-23', 1, '2020-02-03'],
  ['an anchor on a holiday still does not count itself', '2025-10-01', 1, '2025-10-09'],
  ['n = 0 returns the anchor', '2025-10-01', 0, '2025-10-01'],
  ['2027 has no notice: weekends only (provisional)', '2026-12-31', 1, '2027-01-01'],
];
for (const [rule, from, n, due] of addCases) {
  test(`addWorkdays (anchor not counted, N-th working day is the last) — ${rule}`, () => {
    assert.equal(addWorkdays(cal, from, n), due);
  });
}

const pauseCases: [rule: string, from: string, n: number, pauses: Pause[], due: string][] = [
  ['pause inside a working week removes 2 days', '2025-09-01', 5, [{ from: '2025-09-02', to: '2025-09-04' }], '2025-09-10'],
  ['the start day of a pause still counts', '2025-09-01', 1, [{ from: '2025-09-02', to: '2025-09-04' }], '2025-09-02'],
  ['pause over 国庆节: only 10-09 and 10-10 were working days to lose', '2025-09-22', 20, [{ from: '2025-09-30', to: '2025-10-10', reason: 'consultation' }], '2025-10-28'],
  ['pause ending on a make-up Saturday removes it too (10-11 worked)', '2025-09-22', 20, [{ from: '2025-10-08', to: '2025-10-11', reason: 'fee' }], '2025-10-29'],
  ['pause across the 2025/2026 year boundary incl. make-up Sunday 2026-01-04', '2025-12-15', 20, [{ from: '2025-12-26', to: '2026-01-06' }], '2026-01-21'],
  ['overlapping pauses remove each working day once', '2025-09-01', 5, [{ from: '2025-09-02', to: '2025-09-04' }, { from: '2025-09-03', to: '2025-09-05' }], '2025-09-11'],
  ['a pause ending before the anchor changes nothing', '2025-09-22', 20, [{ from: '2025-09-01', to: '2025-09-05' }], '2025-10-24'],
  ['a one-day pause (from = to) removes nothing', '2025-09-01', 5, [{ from: '2025-09-03', to: '2025-09-03' }], '2025-09-08'],
];
for (const [rule, from, n, pauses, due] of pauseCases) {
  test(`pauses (条例第三十三条第三款: working days after the start up to and including the end do not count) — ${rule}`, () => {
    assert.equal(addWorkdays(cal, from, n, pauses), due);
  });
}

test('countWorkdays traces every day from the anchor to the due date', () => {
  const count = countWorkdays(cal, '2025-09-26', 3);
  assert.deepEqual(
    count.days.map((d) => [d.date, d.status, d.ordinal]),
    [
      ['2025-09-26', 'anchor', null],
      ['2025-09-27', 'not_workday', null],
      ['2025-09-28', 'counted', 1],
      ['2025-09-29', 'counted', 2],
      ['2025-09-30', 'counted', 3],
    ],
  );
  assert.equal(count.provisional, false);
  assert.equal(countWorkdays(cal, '2026-12-20', 10).provisional, true, 'runs into 2027, which has no notice');
});

test('bad input is a CalendarInputError with a Chinese message, never a crash', () => {
  const cases: [string, () => unknown, string][] = [
    ['malformed anchor', () => addWorkdays(cal, '2025-02-29', 1), 'invalid_date'],
    ['negative N', () => addWorkdays(cal, '2025-09-22', -1), 'invalid_count'],
    ['fractional N', () => addWorkdays(cal, '2025-09-22', 1.5), 'invalid_count'],
    ['absurd N', () => addWorkdays(cal, '2025-09-22', 1e9), 'invalid_count'],
    ['pause ending before it starts', () => addWorkdays(cal, '2025-09-22', 5, [{ from: '2025-09-25', to: '2025-09-24' }]), 'invalid_range'],
    ['pause with a malformed date', () => addWorkdays(cal, '2025-09-22', 5, [{ from: '2025-09-25', to: 'soon' }]), 'invalid_date'],
  ];
  for (const [label, run, code] of cases) {
    assert.throws(run, (e: unknown) => e instanceof CalendarInputError && e.code === code && /[\u4e00-\u9fff]/.test(e.message), label);
  }
});

const dateArb = fc
  .integer({ min: toDayNumber(parseCalendarDate('2008-05-01')), max: toDayNumber(parseCalendarDate('2027-12-31')) })
  .map(fromDayNumber);
const pauseArb = fc
  .tuple(dateArb, fc.integer({ min: 0, max: 40 }), fc.constantFrom('consultation' as const, 'fee' as const))
  .map(([from, len, reason]): Pause => ({ from, to: fromDayNumber(toDayNumber(from) + len), reason }));

test('property: the due date is always a working day (n ≥ 1), whatever the pauses', () => {
  fc.assert(
    fc.property(dateArb, fc.integer({ min: 1, max: 60 }), fc.array(pauseArb, { maxLength: 3 }), (from, n, pauses) => {
      assert.ok(isWorkday(cal, addWorkdays(cal, from, n, pauses)));
    }),
  );
});

test('property: adding a pause never makes the due date earlier', () => {
  fc.assert(
    fc.property(dateArb, fc.integer({ min: 0, max: 60 }), fc.array(pauseArb, { maxLength: 2 }), pauseArb, (from, n, pauses, extra) => {
      assert.ok(addWorkdays(cal, from, n, [...pauses, extra]) >= addWorkdays(cal, from, n, pauses));
    }),
  );
});

test('property: addWorkdays is monotonic in n (strictly: one more day is a later date)', () => {
  fc.assert(
    fc.property(dateArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), fc.array(pauseArb, { maxLength: 2 }), (from, a, b, pauses) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const dLo = addWorkdays(cal, from, lo, pauses);
      const dHi = addWorkdays(cal, from, hi, pauses);
      assert.ok(lo === hi ? dLo === dHi : dLo < dHi);
    }),
  );
});
