import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHolidayCalendar, parseHolidayData } from '../calendar/index.ts';
import { evolveAll } from './evolve.ts';
import { clockEventsOf, deadlineOf } from './reply-deadline.ts';
import type { RequestRecord } from './request.ts';
import type { DisclosureRequestEvent } from './request-events.ts';

const calendar = createHolidayCalendar(
  parseHolidayData(JSON.parse(readFileSync(new URL('../../../resources/calendar/cn-holidays.json', import.meta.url), 'utf8'))),
);

const record = {
  id: 'R-3', agencyId: 4, agencyPath: '/1/4/',
  applicant: { type: 'natural_person', name: '王五', identity: null, contact: { phone: '13900000000' } },
  informationSought: { description: '2024年青山镇财政决算' }, formWanted: 'any', deliveryMethod: 'online', channel: 'in_person',
  submission: { submittedOn: '2025-03-03' },
} satisfies RequestRecord;
const at = '2025-03-03T02:00:00Z';
const base: DisclosureRequestEvent[] = [
  { type: 'Submitted', at, by: 'o', record, submittedOn: '2025-03-03' },
  { type: 'Registered', at, by: 'o', receivedOn: '2025-03-03', receiptBasis: '第三十一条第（一）项', regime: '2019' },
];
const consulting: DisclosureRequestEvent = {
  type: 'ConsultationStarted', at, by: 'o', party: 'other_agency', consultedName: '县财政局', startedOn: '2025-03-05', letterReceivedOn: '2025-03-05', responseDueOn: '2025-03-26',
};

const cases: [rule: string, events: DisclosureRequestEvent[], asOf: string | undefined, due: string][] = [
  ['条例第三十三条: 20 working days from receipt', base, undefined, '2025-03-31'],
  ['条例第三十三条第三款: an open consultation runs through asOf (3 working days paused)', [...base, consulting], '2025-03-10', '2025-04-03'],
  ['open consultation without asOf: the earliest possible due date', [...base, consulting], undefined, '2025-03-31'],
  ['asOf before the consultation began adds nothing', [...base, consulting], '2025-03-04', '2025-03-31'],
];
for (const [rule, events, asOf, due] of cases) {
  test(`deadlineOf — ${rule}`, () => {
    assert.equal(deadlineOf(evolveAll(events)!, calendar, asOf)?.due, due);
  });
}

test('deadlineOf is null before the receipt date is known; clockEventsOf adds open pauses only', () => {
  assert.equal(deadlineOf(evolveAll(base.slice(0, 1))!, calendar), null);
  assert.deepEqual(clockEventsOf(evolveAll([...base, consulting])!, '2025-03-07'), [
    { type: 'paused', from: '2025-03-05', to: '2025-03-07', reason: 'consultation' },
  ]);
});

test('the deadline explains itself (条例第三十三条 quoted)', () => {
  const d = deadlineOf(evolveAll(base)!, calendar)!;
  assert.ok(d.explanation.some((l) => l.text.includes('第三十三条')));
});
