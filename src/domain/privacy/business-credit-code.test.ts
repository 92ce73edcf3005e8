import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectBusinessCreditCodes } from './business-credit-code.ts';
import { toHalfWidth } from './half-width.ts';

const scan = (text: string): string[] =>
  detectBusinessCreditCodes(text, toHalfWidth(text)).map((f) => `${f.severity}:${f.text}:${f.masked}`);

// 92431281MA4L7Q3K2N: a synthetic 个体工商户 code with a correct GB 32100 check character.
test('individual-business credit codes next to a name', () => {
  const cases: [string, string[], string][] = [
    ['经营者：李四，统一社会信用代码：92431281MA4L7Q3K2N', ['warn:92431281MA4L7Q3K2N:92431281******3K2N'], 'labelled name before'],
    ['当事人：李四\n统一社会信用代码：92431281MA4L7Q3K2N', ['warn:92431281MA4L7Q3K2N:92431281******3K2N'], 'name on the line before'],
    ['1\t王桂花\t92431281ma4l7q3k2n', ['warn:92431281ma4l7q3k2n:92431281******3K2N'], 'table row, lower case'],
    ['统一社会信用代码：92431281MA4L7Q3K2N', [], 'no person nearby'],
    ['经营者：李四，统一社会信用代码：92431281MA4L7Q3K2P', [], 'wrong check character'],
    ['经营者：李四，统一社会信用代码：91431281MA4L123456', [], 'a company (91) is not a person'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});
