import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHolidayCalendar, parseHolidayData } from '../calendar/index.ts';
import { parseRubric, pointsFor, scoreAndRank, type Rubric, type UnitRecords } from './index.ts';

const cal = createHolidayCalendar(parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))));

const rubric: Rubric = {
  name: '2025年度政务公开考核',
  fromOn: '2025-01-01',
  toOn: '2025-12-31',
  indicators: [
    { indicator: 'on_time_publication_rate', weight: 30, rule: { kind: 'ratio', full: 100, zero: 80 } },
    { indicator: 'on_time_reply_rate', weight: 30, rule: { kind: 'ratio', full: 100, zero: 50 } },
    { indicator: 'catalogue_completeness', weight: 10, rule: { kind: 'ratio', full: 100, zero: 0 } },
    { indicator: 'update_frequency', weight: 10, rule: { kind: 'ratio', full: 2, zero: 0 } },
    { indicator: 'interpretations_per_policy', weight: 10, rule: { kind: 'ratio', full: 1, zero: 0 } },
    { indicator: 'corrections', weight: 5, rule: { kind: 'deduct', each: 2.5 } },
    { indicator: 'overdue_requests', weight: 5, rule: { kind: 'deduct', each: 1 } },
  ],
};

const item = (ref: string, formedOn: string, publishedOn: string, o: Partial<UnitRecords['items'][number]> = {}) => ({ ref, title: `信息${ref}`, formedOn, publishedOn, summary: `概述${ref}`, indexNumber: ref, isPolicy: false, interprets: null, ...o });

const good: UnitRecords = {
  unitId: 1,
  unitName: '甲镇',
  items: Array.from({ length: 24 }, (_, i) => item(`A${i}`, '2025-03-03', '2025-03-05')),
  requests: [{ ref: 'R1', receivedOn: '2025-03-03', dueOn: '2025-03-31', repliedOn: '2025-03-10', open: false }],
  appeals: [],
};
const poor: UnitRecords = {
  unitId: 2,
  unitName: '乙镇',
  items: [
    item('B1', '2025-03-03', '2025-03-05', { isPolicy: true }),
    // 条例第二十六条: formed 3 March, 20 working days → due 31 March; published 30 April is late.
    item('B2', '2025-03-03', '2025-04-30', { summary: '信息B2' }),
    item('B3', '2025-03-04', '2025-03-06', { interprets: 'B1' }),
  ],
  requests: [
    { ref: 'R2', receivedOn: '2025-03-03', dueOn: '2025-03-31', repliedOn: '2025-04-02', open: false },
    { ref: 'R3', receivedOn: '2025-03-03', dueOn: '2025-03-31', repliedOn: '2025-03-20', open: false },
    { ref: 'R4', receivedOn: '2025-11-03', dueOn: '2025-12-01', repliedOn: null, open: true },
  ],
  appeals: [{ ref: 'C1', closedOn: '2025-06-01', corrected: true }],
};

test('rubric config: zod validation with Chinese messages', () => {
  assert.equal(parseRubric(rubric).ok, true);
  const bad = parseRubric({ name: '', fromOn: '2025-12-31', toOn: '2025-01-01', indicators: [{ indicator: 'speed', weight: 0, rule: { kind: 'x' } }] });
  assert.equal(bad.ok, false);
  if (!bad.ok) {
    const text = bad.problems.join('\n');
    assert.match(text, /请填写考核名称/);
    assert.match(text, /指标应为/);
    assert.match(text, /分值应大于 0/);
  }
  const dup = parseRubric({ ...rubric, indicators: [rubric.indicators[0], rubric.indicators[0]] });
  assert.equal(dup.ok, false);
});

test('scoring rules: ratio between zero and full, deduction capped at the weight', () => {
  const ratio = { indicator: 'on_time_reply_rate' as const, weight: 30, rule: { kind: 'ratio' as const, full: 100, zero: 50 } };
  assert.equal(pointsFor(ratio, 100), 30);
  assert.equal(pointsFor(ratio, 75), 15);
  assert.equal(pointsFor(ratio, 40), 0);
  assert.equal(pointsFor(ratio, null), 30, 'nothing to measure costs nothing');
  const deduct = { indicator: 'corrections' as const, weight: 5, rule: { kind: 'deduct' as const, each: 2.5 } };
  assert.equal(pointsFor(deduct, 1), 2.5);
  assert.equal(pointsFor(deduct, 3), 0);
});

test('units are scored from their records with evidence, and ranked', () => {
  const [first, second] = scoreAndRank(rubric, [poor, good], cal);
  assert.equal(first!.unitName, '甲镇');
  assert.equal(first!.rank, 1);
  assert.equal(second!.rank, 2);
  assert.equal(first!.maximum, 100);
  const p = Object.fromEntries(second!.indicators.map((i) => [i.indicator, i]));
  // 2 of 3 on time = 66.67 % → (66.67 − 80) / 20 < 0 → 0 points; the late item is the evidence.
  assert.equal(p.on_time_publication_rate!.measure, 66.67);
  assert.equal(p.on_time_publication_rate!.points, 0);
  assert.match(p.on_time_publication_rate!.evidence[0]!.text, /应于 2025-03-31 前公开，2025-04-30 才公开/);
  assert.equal(p.on_time_reply_rate!.measure, 50);
  assert.equal(p.on_time_reply_rate!.points, 0);
  assert.equal(p.catalogue_completeness!.evidence.length, 1, 'a summary that only repeats the title is missing');
  assert.equal(p.update_frequency!.measure, 0.25);
  assert.equal(p.interpretations_per_policy!.measure, 1);
  assert.equal(p.corrections!.points, 2.5);
  assert.equal(p.overdue_requests!.measure, 2, 'one late reply, one open past its deadline');
  assert.equal(p.overdue_requests!.points, 3);
  const g = Object.fromEntries(first!.indicators.map((i) => [i.indicator, i]));
  assert.equal(g.interpretations_per_policy!.measure, null);
  assert.equal(first!.total, 100);
});

test('equal totals share a rank', () => {
  const ranked = scoreAndRank(rubric, [{ ...good, unitId: 3, unitName: '丙镇' }, good, poor], cal);
  assert.deepEqual(ranked.map((r) => r.rank), [1, 1, 3]);
});
