import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPersonalNumbers } from './personal-numbers.ts';
import { toHalfWidth } from './half-width.ts';

const scan = (text: string): string[] =>
  detectPersonalNumbers(text, toHalfWidth(text)).map((f) => `${f.kind}/${f.severity}:${f.text}`);

// Synthetic numbers: valid GB 11643 check characters and Luhn digits.
const ID = '431281198001010013';
const ID_X = '43122819560101045X';

test('id_card: 18-digit numbers in the ways people write them', () => {
  const cases: [string, string[], string][] = [
    [`身份证号：${ID}`, [`id_card/block:${ID}`], 'plain'],
    ['身份证号43122819560101045x。', ['id_card/block:43122819560101045x'], 'lower-case x'],
    ['４３１２８１１９８００１０１００１３', ['id_card/block:４３１２８１１９８００１０１００１３'], 'full-width digits'],
    ['４３１２２８１９５６０１０１０４５Ｘ', ['id_card/block:４３１２２８１９５６０１０１０４５Ｘ'], 'full-width with Ｘ'],
    ['号码 431281 19800101 0013 ', ['id_card/block:431281 19800101 0013'], 'grouped 6-8-4'],
    ['号码 4312 8119 8001 0100 13', ['id_card/block:4312 8119 8001 0100 13'], 'grouped in fours'],
    ['号码431281-19800101-0013', ['id_card/block:431281-19800101-0013'], 'hyphenated'],
    [`${ID_X}（户主）`, [`id_card/block:${ID_X}`], 'X before Chinese'],
    ['431281800101001', ['id_card/block:431281800101001'], 'legacy 15 digits with a valid date'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});

test('id_card: look-alikes', () => {
  const cases: [string, string[], string][] = [
    ['431281198001010014', ['id_card/info:431281198001010014'], 'wrong check character: noted, not blocked'],
    ['431281198013010013', [], 'month 13'],
    ['201281198001010013', [], 'not a province code'],
    ['431281*********0013', [], 'already masked'],
    [`A${ID}`, [], 'inside a longer code'],
    [`${ID}5`, [], 'inside a longer number'],
    ['11370900004341590P/2017-00150', [], '索引号'],
    ['431281991301001', [], 'legacy with month 13'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});

test('mobile: mainland numbers and their prefixes', () => {
  const cases: [string, string[], string][] = [
    ['电话13807451234', ['mobile/block:13807451234'], 'plain'],
    ['电话 138 0745 1234。', ['mobile/block:138 0745 1234'], 'spaced 3-4-4'],
    ['电话 138-0745-1234', ['mobile/block:138-0745-1234'], 'hyphenated'],
    ['电话 1380745 1234', ['mobile/block:1380745 1234'], '7-4'],
    ['电话 +86 13807451234', ['mobile/block:+86 13807451234'], '+86 and a space'],
    ['电话+8613807451234', ['mobile/block:+8613807451234'], '+86 glued'],
    ['电话 +86-138-0745-1234', ['mobile/block:+86-138-0745-1234'], '+86 hyphenated'],
    ['电话(+86)13807451234', ['mobile/block:(+86)13807451234'], '(+86)'],
    ['电话 0086 13807451234', ['mobile/block:0086 13807451234'], '0086'],
    ['电话＋８６　１３８０７４５１２３４', ['mobile/block:＋８６　１３８０７４５１２３４'], 'full-width with ideographic space'],
    ['13807451234，13907451234', ['mobile/block:13807451234', 'mobile/block:13907451234'], 'full-width comma list'],
    ['1,13807451234,2', ['mobile/block:13807451234'], 'CSV field'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});

test('mobile: not part of a longer number, not a landline', () => {
  const cases: [string, string[], string][] = [
    ['0745-7731916', [], 'landline with area code'],
    ['(0745)7731916', [], 'landline in brackets'],
    ['07457731916', [], '11 digits starting 0'],
    ['12345678901', [], '1 followed by 2 is not a mobile prefix'],
    ['订单号20231012138123456789', [], 'inside an order number'],
    ['SF1381234567801', [], 'after letters'],
    ['138123456789', [], '12 digits'],
    ['1381234567', [], '10 digits'],
    ['13812345678.00元', [], 'an amount'],
    ['13812345678元', [], 'an amount in 元'],
    ['热线10086 13807451234', ['mobile/block:13807451234'], 'the hotline is not a country code'],
    ['https://x.gov.cn/c13812345678/1.html', [], 'inside a URL path segment'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});

test('bank_card: Luhn-valid card numbers', () => {
  const cases: [string, string[], string][] = [
    ['卡号6228480012345678911', ['bank_card/block:6228480012345678911'], '19 digits'],
    ['卡号 6228 4800 1234 5678 911', ['bank_card/block:6228 4800 1234 5678 911'], 'grouped in fours'],
    ['卡号 6216 6012 3456 7891', ['bank_card/block:6216 6012 3456 7891'], '16 digits grouped'],
    ['卡号 622848 0012345678911', ['bank_card/block:622848 0012345678911'], 'BIN and account'],
    ['卡号６２２８４８００１２３４５６７８９１１', ['bank_card/block:６２２８４８００１２３４５６７８９１１'], 'full-width'],
    ['卡号 6228480012345678912', ['bank_card/info:6228480012345678912'], 'UnionPay-shaped but Luhn fails: noted'],
    ['账号 18653101040001234', [], '对公账户 (prefix 18)'],
    ['流水号2023101213812345', [], 'date-based serial'],
    ['项目编号431281202213812345678', [], '21 digits'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});

test('columns separated by single spaces are read one by one', () => {
  assert.deepEqual(scan(`张三 ${ID} 138 0745 1234 6228 4800 1234 5678 911`), [
    `id_card/block:${ID}`,
    'mobile/block:138 0745 1234',
    'bank_card/block:6228 4800 1234 5678 911',
  ]);
});

test('not findings: document numbers, dates, amounts, postcodes', () => {
  const text = '洪政发〔2017〕12号 2017-12-01 20171201 12345.00元 1,234,567.89元 邮编418100 国务院令第711号 第13812号';
  assert.deepEqual(scan(text), []);
});

test('masked forms', () => {
  const masked = (text: string): string[] => detectPersonalNumbers(text, toHalfWidth(text)).map((f) => f.masked);
  assert.deepEqual(masked(`${ID} 43122819560101045x`), ['431***********0013', '431***********045X']);
  assert.deepEqual(masked('431281800101001'), ['431********1001']);
  assert.deepEqual(masked('138 0745 1234 +86 13907451234'), ['138****1234', '+86 139****1234']);
  assert.deepEqual(masked('6228 4800 1234 5678 911'), ['***************8911']);
});
