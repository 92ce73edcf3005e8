import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSensitiveWords } from './sensitive-words.ts';
import { toHalfWidth } from './half-width.ts';

const scan = (text: string, words: string[]): string[] =>
  detectSensitiveWords(text, toHalfWidth(text), words).map((f) => `${f.start}:${f.text}:${f.masked}`);

test('agency sensitive words', () => {
  const cases: [string, string[], string[], string][] = [
    ['因患精神障碍致贫', ['精神障碍'], ['2:精神障碍:****'], 'a listed word'],
    ['艾滋病，艾滋病', ['艾滋病', ' 艾滋病 '], ['0:艾滋病:***', '4:艾滋病:***'], 'every occurrence, duplicates and spaces in the list ignored'],
    ['HIV携带者；hiv', ['hiv'], ['0:HIV:***', '7:hiv:***'], 'ASCII case-insensitively'],
    ['ＨＩＶ阳性', ['HIV'], ['0:ＨＩＶ:***'], 'full-width text'],
    ['无', [''], [], 'empty words are ignored'],
  ];
  for (const [text, words, expected, rule] of cases) assert.deepEqual(scan(text, words), expected, rule);
});
