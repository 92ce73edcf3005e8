import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasBankCardPrefix, isBankCardNumber, passesLuhn } from './bank-card-number.ts';

test('Luhn check', () => {
  const cases: [string, boolean, string][] = [
    ['79927398713', true, 'the textbook example'],
    ['79927398710', false, 'textbook example with a wrong check digit'],
    ['4111111111111111', true, 'Visa test number'],
    ['6228480012345678911', true, 'synthetic 19-digit 农行 card'],
    ['6228480012345678912', false, 'one digit changed'],
    ['', false, 'empty'],
    ['6228a', false, 'not digits'],
  ];
  for (const [digits, expected, rule] of cases) assert.equal(passesLuhn(digits), expected, rule);
});

test('issuer prefixes by length', () => {
  const cases: [string, boolean, string][] = [
    ['6216601234567891', true, '16-digit UnionPay'],
    ['2023101213812345', false, '16 digits starting 20 is a date-based serial, not Mastercard 2-series'],
    ['2221001234567890', true, 'Mastercard 2-series'],
    ['621700123456789011', true, '18-digit UnionPay'],
    ['431281198001010013', false, '18 digits starting 43 (an ID number) is no card'],
    ['4563510012345678909', true, '19-digit 中国银行 Visa debit'],
    ['1865310104000123456', false, '19-digit 对公账户 starting 18'],
  ];
  for (const [digits, expected, rule] of cases) assert.equal(hasBankCardPrefix(digits), expected, rule);
  assert.equal(isBankCardNumber('6228480012345678911'), true);
  assert.equal(isBankCardNumber('622848001234567891'), false, 'prefix of a valid card is not itself valid');
});
