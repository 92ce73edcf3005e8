import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHolidayCalendar, parseHolidayData } from '../calendar/index.ts';
import { openRequest, reportRequest } from '../reports/test-factories.ts';
import { countByPeriod, hasActivity, requestStatisticsOf, requestTrend, requestYearsOf, trendPeriods, workdaysBetween } from './index.ts';

const cal = createHolidayCalendar(parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))));

const requests = [
  // Received 2023, replied 2024: carried into 2024 and handled there.
  reportRequest({ id: 'a', receivedOn: '2023-12-20', channel: 'letter_registered', repliedOn: '2024-01-10', dueOn: '2024-01-18', closedOn: '2024-01-10' }),
  reportRequest({ id: 'b', receivedOn: '2024-03-01', channel: 'online', repliedOn: '2024-03-20', dueOn: '2024-03-29', closedOn: '2024-03-20' }),
  reportRequest({ id: 'c', receivedOn: '2024-03-04', channel: 'letter_ordinary', outcome: 'unavailable_not_held', repliedOn: '2024-04-09', dueOn: '2024-04-01', closedOn: '2024-04-09' }),
  reportRequest({ id: 'd', receivedOn: '2024-05-06', channel: 'oral', outcome: 'partially_disclosed', repliedOn: '2024-05-06', dueOn: null, closedOn: '2024-05-06' }),
  // Open at the year's end: carried into 2025.
  openRequest({ id: 'e', receivedOn: '2024-12-23', channel: 'fax', dueOn: '2025-01-21' }),
  // Awaiting confirmation of receipt: not received, not counted.
  openRequest({ id: 'f', receivedOn: null, channel: 'online', dueOn: null }),
];

test('yearly statistics count as table 三 does: new, carried in, handled by outcome, carried out, by channel', () => {
  const s = requestStatisticsOf(requests, 2024);
  assert.deepEqual([s.received, s.carriedIn, s.closed, s.carriedOut], [4, 1, 4, 1]);
  assert.equal(s.received + s.carriedIn, s.closed + s.carriedOut, '表三：第一项加第二项之和，等于第三项加第四项之和');
  assert.deepEqual(s.byChannel, { online: 1, letter: 1, fax: 1, in_person: 1 }, 'an oral request counts as in person (条例第二十九条)');
  assert.equal(s.byOutcome.disclosed, 2);
  assert.equal(s.byOutcome.unavailable_not_held, 1);
  assert.deepEqual(s.byOutcomeGroup, { disclosed: 2, partially_disclosed: 1, withheld: 0, unable_to_provide: 1, not_processed: 0, other: 0 });
  assert.deepEqual([s.replied, s.repliedOnTime], [4, 3]);
  const before = requestStatisticsOf(requests, 2023);
  assert.deepEqual([before.received, before.closed, before.carriedOut], [1, 0, 1]);
  assert.equal(hasActivity(requestStatisticsOf(requests, 2019)), false);
  assert.deepEqual(requestYearsOf(requests, 2024), [2023, 2024], 'years up to the last one asked for');
});

test('working days from receipt to reply skip weekends and holidays; the day of receipt is not counted', () => {
  assert.equal(workdaysBetween(cal, '2024-03-01', '2024-03-01'), 0);
  assert.equal(workdaysBetween(cal, '2024-03-01', '2024-03-04'), 1, 'Friday to Monday');
  // 2024-09-29 (Sunday) is a make-up working day; 1–7 October National Day holiday.
  assert.equal(workdaysBetween(cal, '2024-09-27', '2024-10-08'), 3, '29 Sep (调休上班), 30 Sep, 8 Oct');
});

test('request trend by month: channels by receipt, outcomes by closing, on-time rate and mean working days by reply', () => {
  const periods = trendPeriods('month', { year: 2024 });
  assert.equal(periods.length, 12);
  const rows = requestTrend(requests, periods, 'month', cal);
  const march = rows.find((r) => r.period === '2024-03')!;
  assert.deepEqual(march.received, { online: 1, letter: 1, fax: 0, in_person: 0 });
  assert.equal(march.replied, 1);
  assert.equal(march.onTimeRate, 100);
  assert.equal(march.averageWorkdays, workdaysBetween(cal, '2024-03-01', '2024-03-20'));
  const april = rows.find((r) => r.period === '2024-04')!;
  assert.equal(april.onTimeRate, 0, 'replied 9 April, due 1 April');
  assert.equal(april.closed.unable_to_provide, 1);
  const may = rows.find((r) => r.period === '2024-05')!;
  assert.deepEqual([may.replied, may.repliedOnTime, may.averageWorkdays], [1, 1, 0], 'a reply on the spot');
  assert.equal(rows.find((r) => r.period === '2024-06')!.onTimeRate, null, 'no replies: no rate');
  const years = requestTrend(requests, trendPeriods('year', { fromYear: 2023, toYear: 2024 }), 'year', cal);
  assert.deepEqual(years.map((y) => y.replied), [0, 4]);
  assert.equal(years[1]!.onTimeRate, 75);
});

test('counts by period: rows sorted by total, entries outside the periods ignored', () => {
  const t = countByPeriod(
    [
      { date: '2024-01', key: 'finance', count: 2 },
      { date: '2024-02', key: 'agriculture', count: 5 },
      { date: '2024-02', key: 'finance', count: 1 },
      { date: '2023-12', key: 'finance', count: 9 },
    ],
    trendPeriods('month', { year: 2024 }),
    'month',
  );
  assert.deepEqual(t.rows.map((r) => [r.key, r.values.slice(0, 3)]), [['agriculture', [0, 5, 0]], ['finance', [2, 1, 0]]]);
  assert.deepEqual(trendPeriods('year', { fromYear: 2017, toYear: 2019 }), ['2017', '2018', '2019']);
});
