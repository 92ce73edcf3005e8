import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CalendarInputError } from './calendar-input-error.ts';
import { determineReceiptDate, type ReceiptFacts } from './receipt-date.ts';

const cases: [rule: string, facts: ReceiptFacts, receivedOn: string][] = [
  ['第三十一条第（一）项: in person → the day submitted', { channel: 'in_person', submittedOn: '2025-09-22' }, '2025-09-22'],
  ['第三十一条第（二）项: registered mail → the day the agency signs for it', { channel: 'registered_mail', signedForOn: '2025-09-24' }, '2025-09-24'],
  ['第三十一条第（二）项: ordinary letter → the day of confirmation with the applicant', { channel: 'ordinary_mail', arrivedOn: '2025-09-24', confirmedOn: '2025-09-24' }, '2025-09-24'],
  ['第三十一条第（二）项: ordinary letter confirmed late → still the confirmation day', { channel: 'ordinary_mail', arrivedOn: '2025-09-24', confirmedOn: '2025-09-26' }, '2025-09-26'],
  ['第三十一条第（三）项: online → the day both sides confirm', { channel: 'online', submittedOn: '2025-09-27', confirmedOn: '2025-09-29' }, '2025-09-29'],
  ['第三十一条第（三）项: fax → the day both sides confirm', { channel: 'fax', confirmedOn: '2025-10-09' }, '2025-10-09'],
];

for (const [rule, facts, receivedOn] of cases) {
  test(`determineReceiptDate — ${rule}`, () => {
    const r = determineReceiptDate(facts);
    assert.equal(r.receivedOn, receivedOn);
    assert.match(r.basis, /条例第三十一条/);
  });
}

test('determineReceiptDate notes an ordinary letter not confirmed on the day it arrived (“应当于收到申请的当日与申请人确认”)', () => {
  assert.match(determineReceiptDate({ channel: 'ordinary_mail', arrivedOn: '2025-09-24', confirmedOn: '2025-09-26' }).basis, /未按规定于当日确认/);
});

test('determineReceiptDate rejects missing or contradictory dates with Chinese errors (第三十一条)', () => {
  const bad: [string, unknown, string][] = [
    ['in person without a date', { channel: 'in_person' }, 'missing_date'],
    ['registered mail without the signing date', { channel: 'registered_mail', submittedOn: '2025-09-20' }, 'missing_date'],
    ['ordinary letter without confirmation', { channel: 'ordinary_mail', arrivedOn: '2025-09-24' }, 'missing_date'],
    ['online without confirmation', { channel: 'online', submittedOn: '2025-09-24' }, 'missing_date'],
    ['confirmation before the letter arrived', { channel: 'ordinary_mail', arrivedOn: '2025-09-24', confirmedOn: '2025-09-23' }, 'invalid_range'],
    ['confirmation before the online submission', { channel: 'online', submittedOn: '2025-09-24', confirmedOn: '2025-09-23' }, 'invalid_range'],
    ['malformed date', { channel: 'fax', confirmedOn: '2025-9-9' }, 'invalid_date'],
    ['unknown channel', { channel: 'carrier_pigeon', submittedOn: '2025-09-24' }, 'invalid_channel'],
  ];
  for (const [label, facts, code] of bad) {
    assert.throws(
      () => determineReceiptDate(facts as ReceiptFacts),
      (e: unknown) => e instanceof CalendarInputError && e.code === code && /[\u4e00-\u9fff]/.test(e.message),
      label,
    );
  }
});
