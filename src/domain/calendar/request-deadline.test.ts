import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { CalendarInputError } from './calendar-input-error.ts';
import { fromDayNumber, parseCalendarDate, toDayNumber } from './calendar-date.ts';
import { parseHolidayData } from './holiday-data.ts';
import { createHolidayCalendar, isWorkday } from './holiday-calendar.ts';
import { computeRequestDeadline, type RequestEvent } from './request-deadline.ts';
import type { DayLine } from './deadline-explanation.ts';

const cal = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

const text = (r: ReturnType<typeof computeRequestDeadline>) => r.explanation.map((l) => l.text).join('\n');

type Case = {
  rule: string;
  received: string;
  events?: RequestEvent[];
  regime: '2008' | '2019';
  due: string;
  countFrom?: string;
  clarificationNoticeDue?: string | null;
  says?: string[];
};

const cases: Case[] = [
  {
    rule: 'spec check — 条例第三十三条: 20 + full extension of 20 (received 2025-09-22)',
    received: '2025-09-22',
    events: [{ type: 'extended' }],
    regime: '2019',
    due: '2025-11-21',
    says: ['延长 20 个工作日', '原答复期限 2025-10-24', '（延长期第20日）'],
  },
  {
    rule: '条例第三十三条: 20 working days over 国庆节、中秋节 2025',
    received: '2025-09-22',
    regime: '2019',
    due: '2025-10-24',
    says: ['第三十三条', '调休上班日（国庆节、中秋节），计第5日', '节假日放假（国庆节、中秋节），不计'],
  },
  {
    rule: 'switch-over: received 2019-05-14 → 2008年条例第二十四条, 15 working days',
    received: '2019-05-14',
    regime: '2008',
    due: '2019-06-04',
    clarificationNoticeDue: null,
    says: ['国务院令第492号', '15个工作日'],
  },
  {
    rule: 'switch-over: received 2019-05-15 → 2019年条例第三十三条, 20 working days (端午 6-07 off)',
    received: '2019-05-15',
    regime: '2019',
    due: '2019-06-13',
    says: ['国务院令第711号'],
  },
  {
    rule: '2008年条例第二十四条: extension at most 15 working days (清明 2018-04-08 make-up Sunday counts)',
    received: '2018-03-01',
    events: [{ type: 'extended' }],
    regime: '2008',
    due: '2018-04-13',
    says: ['延长答复的期限最长不得超过15个工作日'],
  },
  {
    rule: '条例第三十三条: a shorter extension of 5 working days',
    received: '2025-09-22',
    events: [{ type: 'extended', workdays: 5 }],
    regime: '2019',
    due: '2025-10-31',
  },
  {
    rule: '条例第三十条: clarification notice in time → period restarts from the clarified request',
    received: '2025-09-22',
    events: [
      { type: 'clarification_requested', on: '2025-09-26' },
      { type: 'clarification_received', on: '2025-10-13' },
    ],
    regime: '2019',
    due: '2025-11-10',
    countFrom: '2025-10-13',
    clarificationNoticeDue: '2025-09-30',
    says: ['答复期限自行政机关收到补正的申请之日起计算', '收到补正后的申请之日，当日不计'],
  },
  {
    rule: '条例第三十条: clarified request received, notice date not recorded → restart',
    received: '2025-09-22',
    events: [{ type: 'clarification_received', on: '2025-10-13' }],
    regime: '2019',
    due: '2025-11-10',
    countFrom: '2025-10-13',
    says: ['未记录补正告知的发出日期'],
  },
  {
    rule: '条例第三十条: clarification notice after the 7-day window does not restart the clock',
    received: '2025-09-22',
    events: [
      { type: 'clarification_requested', on: '2025-10-09' },
      { type: 'clarification_received', on: '2025-10-13' },
    ],
    regime: '2019',
    due: '2025-10-24',
    countFrom: '2025-09-22',
    clarificationNoticeDue: '2025-09-30',
    says: ['晚于第三十条规定的期限（最迟 2025-09-30）', '不产生重新起算的效果'],
  },
  {
    rule: '2008年条例: no 7-day clarification window; clarified request restarts the 15 days (推定)',
    received: '2018-03-01',
    events: [{ type: 'clarification_received', on: '2018-03-20' }],
    regime: '2008',
    due: '2018-04-11',
    countFrom: '2018-03-20',
    clarificationNoticeDue: null,
    says: ['推定'],
  },
  {
    rule: '条例第三十三条第三款: consultation pause over 国庆节 removes only the working days inside it',
    received: '2025-09-22',
    events: [{ type: 'paused', from: '2025-09-30', to: '2025-10-10', reason: 'consultation' }],
    regime: '2019',
    due: '2025-10-28',
    says: ['征求第三方和其他机关意见所需时间不计算在前款规定的期限内', '暂停期间（征求意见），不计'],
  },
  {
    rule: '收费通知至缴费 pause across New Year 2026, with the make-up Sunday 2026-01-04 paused',
    received: '2025-12-15',
    events: [{ type: 'paused', from: '2025-12-26', to: '2026-01-06', reason: 'fee' }],
    regime: '2019',
    due: '2026-01-21',
    says: ['收费通知至缴费期间'],
  },
  {
    rule: 'extension after pauses: the extension is counted after the paused original deadline',
    received: '2025-09-22',
    events: [
      { type: 'paused', from: '2025-09-30', to: '2025-10-10', reason: 'consultation' },
      { type: 'extended', workdays: 3 },
    ],
    regime: '2019',
    due: '2025-10-31',
    says: ['原答复期限 2025-10-28', '暂停期间仍不计入'],
  },
];

for (const c of cases) {
  test(`computeRequestDeadline — ${c.rule}`, () => {
    const r = computeRequestDeadline(cal, { received: c.received, ...(c.events ? { events: c.events } : {}) });
    assert.equal(r.regime, c.regime, `${c.rule}: regime`);
    assert.equal(r.due, c.due, `${c.rule}: due`);
    if (c.countFrom) assert.equal(r.countFrom, c.countFrom, `${c.rule}: countFrom`);
    if (c.clarificationNoticeDue !== undefined) assert.equal(r.clarificationNoticeDue, c.clarificationNoticeDue, `${c.rule}: 补正告知期限`);
    for (const fragment of c.says ?? []) assert.ok(text(r).includes(fragment), `${c.rule}: explanation says “${fragment}”`);
    assert.equal(r.provisional, false, `${c.rule}: official data only`);
  });
}

test('a clarification requested in time but not yet answered is flagged and counted from receipt for now', () => {
  const r = computeRequestDeadline(cal, { received: '2025-09-22', events: [{ type: 'clarification_requested', on: '2025-09-25' }] });
  assert.equal(r.awaitingClarification, true);
  assert.equal(r.due, '2025-10-24');
  assert.ok(text(r).includes('尚未收到补正后的申请'));
});

test('the explanation lists every day from the anchor to the due date and is JSON-serialisable', () => {
  const r = computeRequestDeadline(cal, { received: '2025-09-22', events: [{ type: 'extended' }] });
  const days = r.explanation.filter((l): l is DayLine => l.type === 'day');
  assert.equal(days[0]?.date, '2025-09-22');
  assert.equal(days[0]?.status, 'anchor');
  assert.equal(days.at(-1)?.date, r.due);
  assert.deepEqual(
    days.filter((d) => d.status === 'counted').map((d) => d.ordinal),
    Array.from({ length: 40 }, (_, i) => i + 1),
  );
  for (let i = 1; i < days.length; i++) {
    assert.equal(toDayNumber(days[i]!.date) - toDayNumber(days[i - 1]!.date), 1, 'consecutive days');
  }
  assert.ok(r.explanation.some((l) => l.type === 'rule' && l.text.includes('适用2019年修订')));
  assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
});

test('provisional years: a deadline running into 2027 (no notice yet) is provisional and says so', () => {
  const cases: [string, string, boolean][] = [
    ['received in 2027', '2027-03-01', true],
    ['received in December 2026, due in January 2027', '2026-12-10', true],
    ['received and due in 2026', '2026-06-01', false],
  ];
  for (const [rule, received, provisional] of cases) {
    const r = computeRequestDeadline(cal, { received });
    assert.equal(r.provisional, provisional, rule);
    assert.equal(text(r).includes('临时期限'), provisional, `${rule}: warning line`);
  }
});

test('bad input: typed CalendarInputError with a Chinese message, never a crash', () => {
  const bad: [string, unknown, string][] = [
    ['malformed receipt date', { received: '2025-13-01' }, 'invalid_date'],
    ['before the 2008 regulations took effect', { received: '2008-04-30' }, 'before_regulations'],
    ['unknown event type', { received: '2025-09-22', events: [{ type: 'withdrawn' }] }, 'unknown_event'],
    ['events not a list', { received: '2025-09-22', events: 'extended' }, 'invalid_event'],
    ['pause with to < from', { received: '2025-09-22', events: [{ type: 'paused', from: '2025-10-10', to: '2025-10-01', reason: 'fee' }] }, 'invalid_range'],
    ['pause with an unknown reason', { received: '2025-09-22', events: [{ type: 'paused', from: '2025-10-01', to: '2025-10-10', reason: 'holiday' }] }, 'invalid_event'],
    ['negative extension', { received: '2025-09-22', events: [{ type: 'extended', workdays: -3 }] }, 'invalid_event'],
    ['extension over 20 (条例第三十三条)', { received: '2025-09-22', events: [{ type: 'extended', workdays: 21 }] }, 'invalid_event'],
    ['two full extensions exceed the cap', { received: '2025-09-22', events: [{ type: 'extended' }, { type: 'extended' }] }, 'invalid_event'],
    ['extension over 15 under the 2008 regulations', { received: '2018-03-01', events: [{ type: 'extended', workdays: 16 }] }, 'invalid_event'],
    ['clarification before receipt', { received: '2025-09-22', events: [{ type: 'clarification_received', on: '2025-09-21' }] }, 'invalid_range'],
    ['two clarifications (第三十条：一次性告知)', { received: '2025-09-22', events: [{ type: 'clarification_requested', on: '2025-09-23' }, { type: 'clarification_requested', on: '2025-09-24' }] }, 'invalid_event'],
  ];
  for (const [label, input, code] of bad) {
    assert.throws(
      () => computeRequestDeadline(cal, input as Parameters<typeof computeRequestDeadline>[1]),
      (e: unknown) => e instanceof CalendarInputError && e.code === code && /[\u4e00-\u9fff]/.test(e.message),
      label,
    );
  }
});

const receivedArb = fc
  .integer({ min: toDayNumber(parseCalendarDate('2008-05-01')), max: toDayNumber(parseCalendarDate('2027-06-30')) })
  .map(fromDayNumber);

test('property: the reply deadline is always a working day, later than receipt; a pause never moves it earlier', () => {
  fc.assert(
    fc.property(receivedArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), (received, offset, len) => {
      const from = fromDayNumber(toDayNumber(received) + offset);
      const to = fromDayNumber(toDayNumber(from) + len);
      const plain = computeRequestDeadline(cal, { received });
      const paused = computeRequestDeadline(cal, { received, events: [{ type: 'paused', from, to, reason: 'consultation' }] });
      assert.ok(isWorkday(cal, plain.due));
      assert.ok(plain.due > received);
      assert.ok(paused.due >= plain.due);
    }),
  );
});
