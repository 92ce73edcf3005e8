import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCreditCodeCheck, isValidCreditCode, isValidOrgCode, normaliseCode } from './credit-code.ts';

// Real codes seen in index numbers (domain-reference §5.1).
const valid = ['11370900004341590P', '113708280043326001', '11622301013932667J', '116223010139324488', '1133068200259085XF'];

test('GB 32100 check character: real agency codes from published index numbers pass', () => {
  for (const code of valid) assert.equal(isValidCreditCode(code), true, code);
});

test('GB 32100 check character: one changed character is caught', () => {
  for (const code of valid) {
    const last = code[17] === '0' ? '1' : '0';
    assert.equal(isValidCreditCode(code.slice(0, 17) + last), false, code);
  }
  assert.equal(isValidCreditCode('11370900004341590'), false, 'too short');
  assert.equal(isValidCreditCode('11370900004341590I'), false, 'I is not in the charset');
});

test('computeCreditCodeCheck reproduces the check character', () => {
  for (const code of valid) assert.equal(computeCreditCodeCheck(code.slice(0, 17)), code[17]);
});

test('GB 11714 organisation code: with and without hyphen', () => {
  assert.equal(isValidOrgCode('00434159-0'), true); // embedded in 11370900004341590P
  assert.equal(isValidOrgCode('004341590'), true);
  assert.equal(isValidOrgCode('00434159-1'), false);
  assert.equal(isValidOrgCode('0142768-8'), false, 'a 7-character short code is not a GB 11714 code');
});

test('normaliseCode: full-width and lower-case input', () => {
  assert.equal(normaliseCode('１１３７０９０００ ０４３４１５９０p'), '11370900004341590P');
});
