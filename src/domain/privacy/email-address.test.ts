import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectEmails } from './email-address.ts';
import { toHalfWidth } from './half-width.ts';

const scan = (text: string): string[] => detectEmails(text, toHalfWidth(text)).map((f) => `${f.severity}:${f.text}:${f.masked}`);

test('e-mail addresses', () => {
  const cases: [string, string[], string][] = [
    ['邮箱zhangsan1985@qq.com。', ['warn:zhangsan1985@qq.com:z***@qq.com'], 'personal mailbox after Chinese text'],
    ['（li.hong_01@163.com）', ['warn:li.hong_01@163.com:l***@163.com'], 'dots and underscores'],
    ['ｗａｎｇ＠１２６．ｃｏｍ', ['warn:ｗａｎｇ＠１２６．ｃｏｍ:w***@126.com'], 'full-width'],
    ['hjjw@hongjiang.gov.cn', ['info:hjjw@hongjiang.gov.cn:h***@hongjiang.gov.cn'], 'government domain is institutional'],
    ['a@b', [], 'no top-level domain'],
    ['@163.com', [], 'no mailbox'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});
