import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, formatCsv, parseCsv, restoreCsvCell } from './csv.ts';

test('cells a spreadsheet would run as a formula are neutralised with a leading apostrophe (OWASP CSV injection)', () => {
  const cases: Array<[rule: string, value: string, written: string]> = [
    ['= starts a formula', '=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['+ starts a formula', '+1+cmd|\' /C calc\'!A0', `"'+1+cmd|' /C calc'!A0"`],
    ['- starts a formula', '-2+3+cmd|\' /C calc\'!A0', `"'-2+3+cmd|' /C calc'!A0"`],
    ['@ starts a formula (Lotus syntax)', '@SUM(1+1)*cmd|\' /C calc\'!A0', `"'@SUM(1+1)*cmd|' /C calc'!A0"`],
    ['a leading tab hides a formula', '\t=1+1', `"'\t=1+1"`],
    ['a leading carriage return hides a formula', '\r=1+1', `"'\r=1+1"`],
    ['spaces before = do not make it text', '  =1+1', `"'  =1+1"`],
    ['a line feed before = does not either', '\n@SUM(1)', `"'\n@SUM(1)"`],
    ['an apostrophe of its own is doubled, so that reading back is exact', "'quoted", `"''quoted"`],
    ['a plain negative number is data, not a formula', '-12', '-12'],
    ['a percentage is data', '-3.5%', '-3.5%'],
    ['ordinary text is written as it is', '张晓梅', '张晓梅'],
    ['an = inside the text is harmless', '甲=乙', '甲=乙'],
  ];
  for (const [rule, value, written] of cases) assert.equal(csvCell(value), written, rule);
});

test('long digit strings stay text in a spreadsheet: quoted and prefixed, all digits kept', () => {
  const cases: Array<[rule: string, value: string | number, written: string]> = [
    ['an 18-digit ID number would lose its last 3 digits as a number', '431281199003071228', `"'431281199003071228"`],
    ['a 19-digit bank card number', '6222021234567890123', `"'6222021234567890123"`],
    ['12 digits would show in scientific notation', '123456789012', `"'123456789012"`],
    ['a leading zero would be lost (postcode)', '010010', `"'010010"`],
    ['an ID number with X is text already', '11010519491231002X', '11010519491231002X'],
    ['an 11-digit mobile number shows in full', '13907451206', '13907451206'],
    ['a count is a number', 42, '42'],
    ['zero is a number', '0', '0'],
  ];
  for (const [rule, value, written] of cases) assert.equal(csvCell(value), written, rule);
});

test('RFC 4180 quoting: commas, quotes and line breaks round-trip through the parser', () => {
  const rows = [
    ['名称', '说明', '号码'],
    ['逗号,在中间', '他说："好"，"行"', '431281199003071228'],
    ['多行\n文本', '回车\r\n换行', '=HYPERLINK("http://x","y")'],
    ['', ' 前后空格 ', "'引号开头"],
    [' =1+1', '\n-1', '\t'],
    ['-1', '+86 139', '@提到'],
  ];
  const text = formatCsv(rows);
  assert.deepEqual(parseCsv(text).map((r) => r.map(restoreCsvCell)), rows);
});

test('exactly one byte-order mark, at the start; CRLF line ends', () => {
  const text = formatCsv([['\uFEFF项目', '数值'], ['合计', 3]]);
  assert.equal(text.startsWith('\uFEFF'), true);
  assert.equal([...text].filter((ch) => ch === '\uFEFF').length, 1, 'a BOM inside a cell is dropped, not doubled');
  assert.equal(text, '\uFEFF项目,数值\r\n合计,3\r\n');
  assert.equal(formatCsv([]), '\uFEFF');
});

test('reading back: only the apostrophes this writer adds are removed', () => {
  const cases: Array<[rule: string, cell: string, value: string]> = [
    ['a neutralised formula', "'=1+1", '=1+1'],
    ['a protected long number', "'431281199003071228", '431281199003071228'],
    ['a doubled apostrophe', "''abc", "'abc"],
    ['an apostrophe someone typed before text stays', "'abc", "'abc"],
    ['plain text stays', 'abc', 'abc'],
  ];
  for (const [rule, cell, value] of cases) assert.equal(restoreCsvCell(cell), value, rule);
});

test('parseCsv: quotes inside and after fields, escaped quotes, every line ending, an unclosed quote', () => {
  assert.deepEqual(parseCsv('a"b,"x""y",""\r\n"q"r,\rlast'), [['a"b', 'x"y', ''], ['qr', ''], ['last']]);
  assert.deepEqual(parseCsv('\ufeff"多行\n正文",2\n\n'), [['多行\n正文', '2'], ['']]);
  assert.deepEqual(parseCsv(''), []);
  assert.throws(() => parseCsv('a,"open\nstill open'), /引号未闭合/);
  // A long field is one slice of the text, not a chain of characters.
  const long = '公开'.repeat(100_000);
  assert.deepEqual(parseCsv(`${long},"${long}"\n`), [[long, long]]);
});
