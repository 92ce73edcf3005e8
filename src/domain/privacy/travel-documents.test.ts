import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectTravelDocuments } from './travel-documents.ts';
import { toHalfWidth } from './half-width.ts';

const scan = (text: string): string[] =>
  detectTravelDocuments(text, toHalfWidth(text)).map((f) => `${f.kind}/${f.severity}:${f.text}:${f.masked}`);

test('passport and Hong Kong/Macau permit numbers', () => {
  const cases: [string, string[], string][] = [
    ['护照号码：E12345678', ['passport/block:E12345678:E*****678'], 'E + 8 digits after 护照'],
    ['普通护照\tEA1234567', ['passport/block:EA1234567:E*****567'], 'E + letter + 7 digits'],
    ['证件号E12345678', ['passport/warn:E12345678:E*****678'], 'without a document word: warn'],
    ['旧版护照 G12345678', ['passport/block:G12345678:G*****678'], 'old G passport with context'],
    ['编号G12345678', ['passport/info:G12345678:G*****678'], 'G + 8 digits without context: noted only'],
    ['往来港澳通行证 C12345678', ['hk_macau_permit/block:C12345678:C*****678'], 'C + 8 digits'],
    ['港澳通行证号CA1234567', ['hk_macau_permit/block:CA1234567:C*****567'], 'C + letter + 7 digits'],
    ['回乡证 H1234567801', ['hk_macau_permit/block:H1234567801:H*******801'], '港澳居民来往内地通行证 with 10 digits'],
    ['型号C300，批号E2023', [], 'model and batch numbers are too short'],
    ['E123456789', [], 'too long'],
    ['IE12345678', [], 'inside a longer code'],
  ];
  for (const [text, expected, rule] of cases) assert.deepEqual(scan(text), expected, rule);
});
