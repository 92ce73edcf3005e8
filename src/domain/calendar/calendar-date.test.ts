import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CalendarInputError } from './calendar-input-error.ts';
import {
  addDays,
  compareDates,
  daysBetween,
  fromDayNumber,
  isCalendarDate,
  parseCalendarDate,
  toDayNumber,
  weekdayNameZh,
  weekdayOf,
  type CalendarDate,
} from './calendar-date.ts';

const d = (s: string): CalendarDate => parseCalendarDate(s);

test('ISO dates: real calendar dates are accepted, impossible ones rejected (架构：日期为 YYYY-MM-DD)', () => {
  const cases: [string, unknown, boolean][] = [
    ['ordinary date', '2025-09-22', true],
    ['leap day of a leap year', '2024-02-29', true],
    ['leap day of a year divisible by 400', '2000-02-29', true],
    ['no leap day in a common year', '2023-02-29', false],
    ['no leap day in a century year', '1900-02-29', false],
    ['no 31 April', '2025-04-31', false],
    ['no month 13', '2025-13-01', false],
    ['no day 0', '2025-01-00', false],
    ['not zero-padded', '2025-9-22', false],
    ['with a time', '2025-09-22T00:00:00Z', false],
    ['Chinese date text', '2025年9月22日', false],
    ['empty', '', false],
    ['not a string', 20250922, false],
    ['a Date object', new Date(0), false],
  ];
  for (const [label, value, ok] of cases) assert.equal(isCalendarDate(value), ok, label);
});

test('parseCalendarDate throws a Chinese CalendarInputError naming the field', () => {
  assert.throws(
    () => parseCalendarDate('2025-02-30', '收到申请之日'),
    (e: unknown) => e instanceof CalendarInputError && e.code === 'invalid_date' && e.message.includes('收到申请之日') && e.message.includes('YYYY-MM-DD'),
  );
});

test('day arithmetic across months, years and leap days (UTC-free integer arithmetic)', () => {
  const cases: [string, string, number, string][] = [
    ['into the next month', '2025-01-31', 1, '2025-02-01'],
    ['into a leap day', '2024-02-28', 1, '2024-02-29'],
    ['over a leap day', '2024-02-28', 2, '2024-03-01'],
    ['into the next year', '2018-12-31', 1, '2019-01-01'],
    ['backwards over New Year', '2019-01-01', -1, '2018-12-31'],
    ['a whole leap year', '2024-01-01', 366, '2025-01-01'],
    ['before 1970', '1969-12-31', 1, '1970-01-01'],
  ];
  for (const [label, from, n, to] of cases) {
    assert.equal(addDays(d(from), n), to, label);
    assert.equal(daysBetween(d(from), d(to)), n, label);
  }
});

test('weekdays of known dates (公休日判断的基础)', () => {
  const cases: [string, number, string][] = [
    ['1970-01-01', 4, '周四'],
    ['2000-01-01', 6, '周六'],
    ['2019-05-15', 3, '周三'],
    ['2025-09-22', 1, '周一'],
    ['2026-02-14', 6, '周六'],
    ['2027-01-03', 0, '周日'],
  ];
  for (const [date, weekday, name] of cases) {
    assert.equal(weekdayOf(d(date)), weekday, date);
    assert.equal(weekdayNameZh(d(date)), name, date);
  }
});

test('property: day numbers round-trip and agree with the UTC weekday of the same date', () => {
  fc.assert(
    fc.property(fc.integer({ min: toDayNumber(d('1900-01-01')), max: toDayNumber(d('2199-12-31')) }), (n) => {
      const date = fromDayNumber(n);
      assert.ok(isCalendarDate(date));
      assert.equal(toDayNumber(date), n);
      // Test code may use Date; the domain never does.
      assert.equal(weekdayOf(date), new Date(n * 86_400_000).getUTCDay());
      assert.equal(date, new Date(n * 86_400_000).toISOString().slice(0, 10));
    }),
  );
});

test('compareDates orders dates chronologically', () => {
  assert.ok(compareDates(d('2019-05-14'), d('2019-05-15')) < 0);
  assert.equal(compareDates(d('2019-05-15'), d('2019-05-15')), 0);
  assert.ok(compareDates(d('2020-01-01'), d('2019-12-31')) > 0);
});
