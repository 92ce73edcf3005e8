import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHolidayCalendar, parseHolidayData } from '../calendar/index.ts';
import {
  assessTimeliness,
  classifyPublicationQueue,
  countWorkdaysBetween,
  summariseTimeliness,
  type QueueItem,
} from './publication-queue.ts';

const cal = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

// 条例第二十六条: formed 2024-01-26 → due 2024-02-28 (20 working days across 春节 2024, make-up Sunday 02-04 counted).
const item = (patch: Partial<QueueItem> = {}): QueueItem => ({
  id: 'a',
  version: 1,
  status: 'draft',
  attribute: 'proactive',
  formedOn: '2024-01-26',
  changedOn: null,
  publishedOn: null,
  ...patch,
});

const cases: Array<[rule: string, today: string, cls: string, left: number, over: number]> = [
  ['well before the deadline: on track (16 working days left, 除夕 02-09 and make-up Sundays included)', '2024-02-01', 'on_track', 16, 0],
  ['five working days left (02-22, 23, 26, 27, 28): due soon', '2024-02-21', 'due_soon', 5, 0],
  ['six working days left: still on track', '2024-02-20', 'on_track', 6, 0],
  ['on the due date itself: due soon, 0 left', '2024-02-28', 'due_soon', 0, 0],
  ['the day after the due date: overdue by 1 working day', '2024-02-29', 'overdue', 0, 1],
  ['a weekend later: overdue by 2 working days (02-29, 03-01)', '2024-03-03', 'overdue', 0, 2],
];
for (const [rule, today, cls, left, over] of cases) {
  test(`classifyPublicationQueue — 条例第二十六条: ${rule}`, () => {
    const [entry] = classifyPublicationQueue(cal, [item()], today);
    assert.ok(entry);
    assert.equal(entry.dueOn, '2024-02-28');
    assert.equal(entry.class, cls);
    assert.equal(entry.workdaysLeft, left);
    assert.equal(entry.workdaysOverdue, over);
  });
}

test('the queue holds unpublished 主动公开 and undecided items only, most urgent first', () => {
  const items: QueueItem[] = [
    item({ id: 'ok', formedOn: '2024-02-20' }),
    item({ id: 'late', formedOn: '2024-01-02' }),
    item({ id: 'undecided', attribute: null, formedOn: '2024-02-19' }),
    item({ id: 'on-request', attribute: 'on_request' }),
    item({ id: 'withheld', attribute: 'withheld' }),
    item({ id: 'published', status: 'published', publishedOn: '2024-02-01' }),
    item({ id: 'withdrawn', status: 'withdrawn', publishedOn: '2024-02-01' }),
    item({ id: 'soon', status: 'reviewed' }),
  ];
  const q = classifyPublicationQueue(cal, items, '2024-02-26', { dueSoonWorkdays: 3 });
  assert.deepEqual(q.map((e) => [e.id, e.class]), [['late', 'overdue'], ['soon', 'due_soon'], ['undecided', 'on_track'], ['ok', 'on_track']]);
  assert.equal(q.find((e) => e.id === 'undecided')?.attributeDecided, false);
});

test('条例第二十六条 “变更之日”: a revision counts from its change date', () => {
  const [entry] = classifyPublicationQueue(cal, [item({ version: 2, changedOn: '2024-03-01' })], '2024-03-01');
  assert.equal(entry?.anchorOn, '2024-03-01');
  assert.equal(entry?.dueOn, '2024-03-29');
});

test('a scheduled date after the deadline is flagged', () => {
  const [late] = classifyPublicationQueue(cal, [item({ status: 'scheduled', scheduledOn: '2024-02-29' })], '2024-02-20');
  assert.equal(late?.scheduledLate, true);
  const [fine] = classifyPublicationQueue(cal, [item({ status: 'scheduled', scheduledOn: '2024-02-28' })], '2024-02-20');
  assert.equal(fine?.scheduledLate, false);
});

test('information formed before the regulations took effect (2008-05-01) has no statutory deadline', () => {
  const [entry] = classifyPublicationQueue(cal, [item({ formedOn: '2007-12-01' })], '2024-02-20');
  assert.equal(entry?.class, 'no_statutory_deadline');
  assert.equal(entry?.dueOn, null);
});

const timeliness: Array<[rule: string, publishedOn: string, onTime: boolean, late: number]> = [
  ['published on the due date: on time', '2024-02-28', true, 0],
  ['published during 春节 before the due date: on time', '2024-02-05', true, 0],
  ['published the next day: late by 1 working day', '2024-02-29', false, 1],
  ['published the Monday after: late by 3 working days', '2024-03-04', false, 3],
];
for (const [rule, publishedOn, onTime, late] of timeliness) {
  test(`assessTimeliness — 条例第二十六条: ${rule}`, () => {
    const [entry] = assessTimeliness(cal, [item({ status: 'published', publishedOn })]);
    assert.equal(entry?.onTime, onTime);
    assert.equal(entry?.workdaysLate, late);
  });
}

test('summariseTimeliness: on-time rate over assessable versions; non-proactive and unpublished are not assessed', () => {
  const entries = assessTimeliness(cal, [
    item({ id: 'a', status: 'published', publishedOn: '2024-02-28' }),
    item({ id: 'b', status: 'revised', publishedOn: '2024-02-27' }),
    item({ id: 'c', status: 'withdrawn', publishedOn: '2024-03-04' }),
    item({ id: 'd', status: 'published', publishedOn: '2008-01-10', formedOn: '2007-12-01' }),
    item({ id: 'e', status: 'draft' }),
    item({ id: 'f', status: 'approved', attribute: 'on_request', publishedOn: null }),
  ]);
  assert.deepEqual(summariseTimeliness(entries), { assessed: 4, onTime: 2, late: 1, notApplicable: 1, onTimeRate: 2 / 3 });
  assert.equal(summariseTimeliness([]).onTimeRate, null);
});

test('countWorkdaysBetween counts working days after the first date up to the second', () => {
  assert.equal(countWorkdaysBetween(cal, '2024-02-09', '2024-02-18'), 1); // 春节 off 02-10…02-17, make-up Sunday 02-18
  assert.equal(countWorkdaysBetween(cal, '2024-02-28', '2024-02-28'), 0);
  assert.equal(countWorkdaysBetween(cal, '2024-03-01', '2024-02-01'), 0);
});
