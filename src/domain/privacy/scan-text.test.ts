import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scanText } from './scan-text.ts';

const ID = '431281198001010013';

test('the agency allow-list: its own contacts are not findings, however written', () => {
  const allowList = ['0745-7731916', '13907450110', 'qcznyb@163.com', '洪江市黔城镇玉壶路88号'];
  const cases: [string, string[], string][] = [
    ['值班手机：13907450110', [], 'the duty mobile as listed'],
    ['值班手机：139 0745 0110', [], 'the duty mobile, spaced'],
    ['值班手机：+86 13907450110', [], 'the duty mobile with +86'],
    ['邮箱：QCZNYB@163.com', [], 'the mailbox in capitals'],
    ['张三，地址：洪江市黔城镇玉壶路88号', [], 'the office address'],
    ['值班手机：13907450111', ['mobile:13907450111'], 'a different number is still found'],
  ];
  for (const [text, expected, rule] of cases) {
    assert.deepEqual(scanText(text, { allowList }).map((f) => `${f.kind}:${f.text}`), expected, rule);
  }
});

test('a realistic row: kinds, order, masks and severities', () => {
  const text = `1\t张三\t${ID}\t6228 4800 1234 5678 911\t138-0745-1234\t家住黔城镇玉壶村3组12号\t因患精神障碍`;
  const findings = scanText(text, { sensitiveWords: ['精神障碍'] });
  assert.deepEqual(
    findings.map((f) => [f.kind, f.severity, f.masked]),
    [
      ['id_card', 'block', '431***********0013'],
      ['bank_card', 'block', '***************8911'],
      ['mobile', 'block', '138****1234'],
      ['address', 'warn', '黔城镇玉壶村***'],
      ['sensitive_word', 'warn', '****'],
    ],
  );
  for (const f of findings) assert.equal(text.slice(f.start, f.end), f.text);
});

test('overlaps: the stronger, then the longer finding wins', () => {
  // A sensitive word inside an ID number must not hide the ID.
  const findings = scanText(`身份证${ID}`, { sensitiveWords: ['1980'] });
  assert.deepEqual(findings.map((f) => f.kind), ['id_card']);
});

test('offsets are UTF-16 offsets into the input, also after astral characters', () => {
  const text = `𠀀𠀀张三 ${ID}`;
  const [f] = scanText(text);
  assert.equal(f?.start, 7);
  assert.equal(text.slice(f!.start, f!.end), ID);
});

test('property: findings are faithful, sorted and non-overlapping for any text', () => {
  const alphabet = fc.constantFrom(...'0123456789０１２Xx +-.，,★密机秘内部资料注意保密村组号住张三\n\t@a.cnE'.split(''));
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 200 }).map((cs) => cs.join('')), (text) => {
      let previousEnd = 0;
      for (const f of scanText(text, { sensitiveWords: ['资料'], allowList: ['0745-7731916'] })) {
        if (text.slice(f.start, f.end) !== f.text || f.start < previousEnd || f.end <= f.start) return false;
        previousEnd = f.end;
      }
      return true;
    }),
    { numRuns: 500 },
  );
});

test('empty and plain texts have no findings', () => {
  assert.deepEqual(scanText(''), []);
  assert.deepEqual(scanText('黔城镇人民政府关于做好2023年防汛工作的通知'), []);
});

test('long single-line input stays linear (it was quadratic when context scanned back to the line start)', () => {
  const cases: [string, string][] = [
    ['  机密 '.repeat(40000), 'header words'],
    ['张三住黔城镇玉壶村3组12号，'.repeat(12000), 'addresses'],
    ['内部资料'.repeat(40000), 'overlapping sensitive words'],
  ];
  for (const [text, rule] of cases) {
    const started = performance.now();
    scanText(text, { sensitiveWords: ['部资', '资料', '料内'] });
    assert.ok(performance.now() - started < 3000, rule);
  }
});
