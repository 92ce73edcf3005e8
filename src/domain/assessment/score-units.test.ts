import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHolidayCalendar, parseHolidayData } from '../calendar/index.ts';
import { assessmentDayOf, describeRule, parseRubric, parseRubricConfig, periodKeyOf, pointsFor, rubricForPeriod, scoreAndRank, scoreUnit, type Rubric, type UnitRecords } from './index.ts';

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

const item = (ref: string, formedOn: string, publishedOn: string, o: Partial<UnitRecords['items'][number]> = {}) => ({ id: `i-${ref}`, ref, title: `信息${ref}`, formedOn, publishedOn, summary: `概述${ref}`, indexNumber: ref, isPolicy: false, interprets: null, ...o });

const good: UnitRecords = {
  unitId: 1,
  unitName: '甲镇',
  items: Array.from({ length: 24 }, (_, i) => item(`A${i}`, '2025-03-03', '2025-03-05')),
  pendingItems: [],
  requests: [{ id: 'r1', ref: 'R1', receivedOn: '2025-03-03', dueOn: '2025-03-31', repliedOn: '2025-03-10', open: false }],
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
  pendingItems: [],
  requests: [
    { id: 'r2', ref: 'R2', receivedOn: '2025-03-03', dueOn: '2025-03-31', repliedOn: '2025-04-02', open: false },
    { id: 'r3', ref: 'R3', receivedOn: '2025-03-03', dueOn: '2025-03-31', repliedOn: '2025-03-20', open: false },
    { id: 'r4', ref: 'R4', receivedOn: '2025-11-03', dueOn: '2025-12-01', repliedOn: null, open: true },
  ],
  appeals: [{ id: 'c1', ref: 'C1', closedOn: '2025-06-01', corrected: true }],
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

test('each figure carries every record it was computed from, the adverse ones marked, with links to the records', () => {
  const scored = scoreUnit(rubric, poor, cal);
  const by = Object.fromEntries(scored.indicators.map((i) => [i.indicator, i]));
  const pub = by.on_time_publication_rate!;
  assert.deepEqual(pub.records.map((r) => [r.kind, r.id, r.adverse]), [['item', 'i-B1', false], ['item', 'i-B2', true], ['item', 'i-B3', false]]);
  assert.deepEqual(pub.evidence.map((r) => r.id), ['i-B2']);
  const reply = by.on_time_reply_rate!;
  assert.deepEqual(reply.records.map((r) => [r.kind, r.id, r.adverse]), [['request', 'r2', true], ['request', 'r3', false]], 'the open request has no reply to judge');
  assert.deepEqual(by.corrections!.records.map((r) => [r.kind, r.id, r.adverse]), [['appeal', 'c1', true]]);
  assert.equal(by.update_frequency!.records.length, 3, 'the frequency lists the items it counted');
});

test('rubric config: weights must add up to 100, rules must suit the indicator, periods must be real and distinct', () => {
  const config = { name: '黔城镇政务公开考核细则', indicators: rubric.indicators, periods: [{ label: '2025年度', fromOn: '2025-01-01', toOn: '2025-12-31' }, { label: '2026年上半年', fromOn: '2026-01-01', toOn: '2026-06-30' }] };
  const ok = parseRubricConfig(config);
  assert.equal(ok.ok, true);
  const light = parseRubricConfig({ ...config, indicators: rubric.indicators.slice(0, 3) });
  assert.equal(light.ok, false);
  if (!light.ok) assert.deepEqual(light.problems, [{ path: 'indicators', message: '各项指标分值之和应为 100 分（现为 70 分）' }]);
  const wrongRule = parseRubricConfig({ ...config, indicators: [{ indicator: 'on_time_reply_rate', weight: 60, rule: { kind: 'deduct', each: 5 } }, { indicator: 'corrections', weight: 40, rule: { kind: 'deduct', each: 50 } }] });
  assert.equal(wrongRule.ok, false);
  if (!wrongRule.ok) {
    assert.deepEqual(wrongRule.problems.map((p) => p.path).sort(), ['indicators.0.rule.kind', 'indicators.1.rule.each']);
    assert.match(wrongRule.problems.map((p) => p.message).join(), /按件扣分只适用于按件计数的指标/);
  }
  const badRate = parseRubricConfig({ ...config, indicators: [{ indicator: 'on_time_reply_rate', weight: 100, rule: { kind: 'ratio', full: 120, zero: 80 } }] });
  assert.equal(badRate.ok, false);
  if (!badRate.ok) assert.equal(badRate.problems[0]!.path, 'indicators.0.rule.full');
  const periods = parseRubricConfig({ ...config, periods: [{ label: '2025年度', fromOn: '2025-12-31', toOn: '2025-01-01' }, { label: '2025年度', fromOn: '2025-02-30', toOn: '2025-03-01' }] });
  assert.equal(periods.ok, false);
  if (!periods.ok) {
    const text = periods.problems.map((p) => `${p.path}:${p.message}`).join('\n');
    assert.match(text, /periods\.0\.toOn:考核期截止日期早于起始日期/);
    assert.match(text, /periods\.1\.label:考核期“2025年度”重复/);
    assert.match(text, /periods\.1\.fromOn:起始日期不是有效日期/);
  }
  const none = parseRubricConfig({ ...config, periods: [] });
  assert.equal(none.ok, false);
  if (!none.ok) assert.match(none.problems[0]!.message, /至少设置一个考核期/);
  if (ok.ok) {
    const applied = rubricForPeriod(ok.config, ok.config.periods[1]!);
    assert.deepEqual([applied.name, applied.fromOn, applied.toOn], ['黔城镇政务公开考核细则（2026年上半年）', '2026-01-01', '2026-06-30']);
    assert.equal(periodKeyOf(ok.config.periods[0]!), '2025-01-01~2025-12-31');
  }
});

test('threshold rules pass or fail in the indicator’s direction; rules read in words', () => {
  const rate = { indicator: 'on_time_reply_rate' as const, weight: 20, rule: { kind: 'threshold' as const, pass: 95 } };
  assert.equal(pointsFor(rate, 95), 20);
  assert.equal(pointsFor(rate, 94.99), 0);
  const count = { indicator: 'overdue_items' as const, weight: 10, rule: { kind: 'threshold' as const, pass: 0 } };
  assert.equal(pointsFor(count, 0), 10, 'no overdue item: full points');
  assert.equal(pointsFor(count, 1), 0);
  const fewerIsBetter = { indicator: 'overdue_requests' as const, weight: 10, rule: { kind: 'ratio' as const, full: 0, zero: 4 } };
  assert.equal(pointsFor(fewerIsBetter, 1), 7.5, 'a ratio may run downwards for counts');
  assert.equal(describeRule(rubric.indicators[0]!), '≥ 100% 得满分，≤ 80% 不得分，之间按比例');
  assert.equal(describeRule(rubric.indicators[5]!), '每件扣 2.5 分，扣完 5 分为止');
  assert.equal(describeRule(count), '≤ 0条 得满分，否则不得分');
});

test('overdue items: deadline in the period and still unpublished on the day of assessment (条例第二十六条)', () => {
  const unit: UnitRecords = {
    ...good,
    // Formed 3 March 2025: due 31 March. Published 30 April, after a June assessment day: not overdue then.
    items: [item('L1', '2025-03-03', '2025-04-30'), item('L2', '2025-03-03', '2025-07-15')],
    pendingItems: [
      { id: 'p1', ref: '草稿1', title: '未发布的通知', formedOn: '2025-05-06' },
      // Due in January 2026: outside the 2025 period.
      { id: 'p2', ref: '草稿2', title: '年底形成的通知', formedOn: '2025-12-22' },
    ],
  };
  const spec: Rubric = { ...rubric, indicators: [{ indicator: 'overdue_items', weight: 100, rule: { kind: 'deduct', each: 10 } }] };
  const mid = scoreUnit(spec, unit, cal, assessmentDayOf(spec, '2025-06-30')).indicators[0]!;
  assert.deepEqual(mid.evidence.map((e) => e.id), ['p1', 'i-L2'], 'L1 was published by June; L2 only in July');
  assert.equal(mid.points, 80);
  assert.match(mid.evidence[1]!.text, /至 2025-06-30 仍未公开（2025-07-15 公开）/);
  const end = scoreUnit(spec, unit, cal, assessmentDayOf(spec, '2026-03-01')).indicators[0]!;
  assert.deepEqual(end.evidence.map((e) => e.id), ['p1'], 'by the period’s end L2 had been published');
});

test('an open request due after the day of assessment is not yet overdue', () => {
  const spec: Rubric = { ...rubric, indicators: [{ indicator: 'overdue_requests', weight: 100, rule: { kind: 'deduct', each: 10 } }] };
  const early = scoreUnit(spec, poor, cal, '2025-11-20').indicators[0]!;
  assert.deepEqual(early.evidence.map((e) => e.id), ['r2'], 'R4 is due on 1 December');
  const late = scoreUnit(spec, poor, cal, '2025-12-31').indicators[0]!;
  assert.deepEqual(late.evidence.map((e) => e.id), ['r2', 'r4']);
});
