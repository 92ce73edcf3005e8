import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPhoneNumber, checkPostcode, normalisePhoneNumber } from './phone-numbers.ts';

test('telephone numbers are checked by shape', () => {
  const cases: Array<[rule: string, input: string, problem: RegExp | undefined]> = [
    ['mobile: 1, then 3–9, then 9 digits', '13907451206', undefined],
    ['mobile: with +86', '+86 139 0745 1206', undefined],
    ['mobile: full-width digits', '１３９０７４５１２０６', undefined],
    ['mobile: second digit 2 does not exist', '12907451206', /第二位/],
    ['mobile: 10 digits are too few', '1390745120', /格式不正确/],
    ['mobile: 12 digits are too many', '139074512066', /格式不正确/],
    ['fixed line: four-digit area code and 7 digits', '0745-7731502', undefined],
    ['fixed line: three-digit area code (Beijing) and 8 digits', '010-65123456', undefined],
    ['fixed line: area code in brackets', '(0745)7731502', undefined],
    ['fixed line: without a hyphen', '07457731502', undefined],
    ['fixed line: extension after a hyphen', '0745-7731502-803', undefined],
    ['fixed line: extension after 转', '0745-7731502转803', undefined],
    ['fixed line: without the area code is refused', '7731502', /区号/],
    ['fixed line: an area code must start with 0', '745-7731502', /格式不正确/],
    ['fixed line: a local number does not start with 0', '0745-0731502', /格式不正确/],
    ['service number: 400', '400-123-4567', undefined],
    ['international: Hong Kong +852', '+852 2123 4567', undefined],
    ['international: at most 15 digits (E.164)', '+852123456789012345', /格式不正确/],
    ['letters are refused', '请打我电话', /格式不正确/],
    ['a formula is no telephone number', '=HYPERLINK("http://x","y")', /格式不正确/],
  ];
  for (const [rule, input, problem] of cases) {
    const result = checkPhoneNumber(normalisePhoneNumber(input));
    if (problem === undefined) assert.equal(result, undefined, rule);
    else assert.match(result ?? '', problem, rule);
  }
});

test('postcodes are six digits', () => {
  const cases: Array<[rule: string, input: string, ok: boolean]> = [
    ['six digits', '418100', true],
    ['a leading zero is kept', '010010', true],
    ['five digits', '41810', false],
    ['letters', '41810A', false],
  ];
  for (const [rule, input, ok] of cases) assert.equal(checkPostcode(input) === undefined, ok, rule);
});
