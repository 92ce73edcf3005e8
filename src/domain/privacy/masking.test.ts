import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compactNumber, maskBankCard, maskContact, maskContactsIn, maskDocumentNumber, maskEmail, maskIdCard, maskMobile, maskText, maskWord } from './masking.ts';
import { scanText } from './scan-text.ts';

test('official masked formats', () => {
  const cases: [string, string, string][] = [
    [maskIdCard('430102199003071234'), '430***********1234', 'ID: first 3 and last 4'],
    [maskIdCard('43122819560101045X'), '431***********045X', 'ID ending in X'],
    [maskIdCard('431281800101001'), '431********1001', 'legacy 15-digit ID'],
    [maskMobile('13812345678'), '138****5678', 'mobile'],
    [maskMobile('8613812345678'), '+86 138****5678', 'mobile with country code'],
    [maskBankCard('6228480012345671234'), '***************1234', 'bank card: last four'],
    [maskBankCard('6216601234561234'), '************1234', '16-digit card'],
    [maskEmail('zhangsan@qq.com'), 'z***@qq.com', 'e-mail: first character and domain'],
    [maskDocumentNumber('E12345678', 1, 3), 'E*****678', 'passport'],
    [maskDocumentNumber('AB', 1, 3), '**', 'too short to keep anything'],
    [maskWord('精神障碍'), '****', 'word'],
    [maskWord('𠀀病'), '**', 'one asterisk per character, not per UTF-16 unit'],
    [compactNumber('４３１２ ８１１９-８００１ ０１００ １３ｘ'), '431281198001010013X', 'compact form for masks and comparisons'],
  ];
  for (const [actual, expected, rule] of cases) assert.equal(actual, expected, rule);
});

test('maskText replaces every finding and leaves the rest alone', () => {
  const text = '张三，身份证４３１２８１１９８００１０１００１３，电话138 0745 1234，卡号6228 4800 1234 5678 911。';
  assert.equal(maskText(text, scanText(text)), '张三，身份证431***********0013，电话138****1234，卡号***************8911。');
  assert.equal(maskText(text, []), text);
});

test('maskText refuses findings from another text', () => {
  const findings = scanText('电话13807451234');
  assert.throws(() => maskText('电话13907451234', findings), RangeError);
});

test('contacts masked for staff who may not see them: the contact itself, and in free text', () => {
  const table: Array<[string, string]> = [
    ['zhangxm@example.com', 'z***@example.com'],
    ['13912345678', '139****5678'],
    ['+86 139 1234 5678', '+86 139****5678'],
    ['黔城镇沅江路 12 号', '黔***'],
    ['x', '*'],
  ];
  for (const [contact, masked] of table) assert.equal(maskContact(contact), masked, contact);
  assert.equal(
    maskContactsIn('550 <ouyangcy@example.com>: rejected (欧阳春燕, 13912345678; cc li.si@mail.gov.cn)', ['ouyangcy@example.com', '欧阳春燕']),
    '550 <o***@example.com>: rejected (****, 139****5678; cc l***@mail.gov.cn)',
  );
  assert.equal(maskContactsIn('SMTP 连接超时'), 'SMTP 连接超时', 'nothing personal, nothing changed');
});
