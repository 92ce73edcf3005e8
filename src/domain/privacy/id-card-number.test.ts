import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeIdCardCheck, isValidIdCardNumber, readIdCardNumber } from './id-card-number.ts';

test('GB 11643 check character', () => {
  const cases: [string, string, string][] = [
    ['11010519491231002', 'X', 'the standard’s own example 11010519491231002X'],
    ['44052418800101001', '4', 'second standard example 440524188001010014'],
    ['43128119800101001', '3', 'synthetic 洪江市 number'],
    ['43122819560101045', 'X', 'check value 10 is written X'],
  ];
  for (const [first17, check, rule] of cases) assert.equal(computeIdCardCheck(first17), check, rule);
  assert.equal(computeIdCardCheck('4312811980010100'), undefined, '16 digits');
});

test('readIdCardNumber: province, date and check', () => {
  const cases: [string, ReturnType<typeof readIdCardNumber>, string][] = [
    ['431281198001010013', { length: 18, bornOn: '1980-01-01', isCheckValid: true }, 'valid 18-digit'],
    ['431281198001010014', { length: 18, bornOn: '1980-01-01', isCheckValid: false }, 'wrong check character still reads as ID-shaped'],
    ['431281198002300013', undefined, '30 February is not a date'],
    ['431281200002290016', { length: 18, bornOn: '2000-02-29', isCheckValid: computeIdCardCheck('43128120000229001') === '6' }, '2000 is a leap year'],
    ['431281190002290010', undefined, '1900 is not a leap year'],
    ['201281198001010013', undefined, '20 is not a province code'],
    ['431281188001010013', undefined, 'born before 1900'],
    ['431281800101001', { length: 15, bornOn: '1980-01-01', isCheckValid: true }, 'legacy 15-digit, 19YY'],
    ['431281801301001', undefined, 'legacy with month 13'],
    ['4312811980010100131', undefined, '19 digits'],
  ];
  for (const [input, expected, rule] of cases) assert.deepEqual(readIdCardNumber(input), expected, rule);
});

test('isValidIdCardNumber accepts a lower-case x', () => {
  assert.equal(isValidIdCardNumber('43122819560101045x'), true);
  assert.equal(isValidIdCardNumber('431281800101001'), false, 'the 15-digit form has no check to validate');
});
