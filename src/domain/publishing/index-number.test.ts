import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEFAULT_INDEX_TEMPLATE,
  IndexNumberError,
  findIndexCode,
  formatIndexNumber,
  indexSequenceScope,
  parseIndexNumber,
  validateTemplate,
} from './index-number.ts';

// domain-reference §5.1: formats seen on agencies' item pages.
const formatCases: Array<[rule: string, template: string, code: string, formedOn: string, seq: number, expected: string]> = [
  ['§5.1 default: credit code / year - 5-digit sequence (泰安市财政局)', DEFAULT_INDEX_TEMPLATE, '11370900004341590P', '2017-06-01', 150, '11370900004341590P/2017-00150'],
  ['§5.1 default (金乡县胡集镇)', DEFAULT_INDEX_TEMPLATE, '113708280043326001', '2024-11-30', 2411, '113708280043326001/2024-02411'],
  ['§5.1 year and month (宁国市商务局)', '{code}/{yyyymm}-{seq:05}', '11341702486344515H', '2021-10-08', 13, '11341702486344515H/202110-00013'],
  ['§5.1 organisation code with a dash (中国政府网)', DEFAULT_INDEX_TEMPLATE, '0142768-8', '2022-05-01', 185, '0142768-8/2022-00185'],
  ['§5.1 hyphens only, unpadded sequence (怒江)', '{code}-{year}-{seq}', '01527918X', '2020-01-02', 153077, '01527918X-2020-153077'],
  ['§5.1 short code, 4-digit sequence (zjc)', '{code}/{year}-{seq:04}', '8923888D', '2020-03-03', 113, '8923888D/2020-0113'],
  ['the width is a minimum: 100000 under {seq:05} prints in full', DEFAULT_INDEX_TEMPLATE, '8923888D', '2020-03-03', 100000, '8923888D/2020-100000'],
  ['fixed prefixes are allowed', 'GS-{code}-{year}-{seq:03}', 'D0122', '2023-01-01', 7, 'GS-D0122-2023-007'],
];
for (const [rule, template, code, formedOn, seq, expected] of formatCases) {
  test(`formatIndexNumber — ${rule}`, () => {
    assert.equal(formatIndexNumber(template, { code, formedOn, seq }), expected);
    const parsed = parseIndexNumber(template, expected);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
    assert.equal(parsed.value.code, code);
    assert.equal(parsed.value.year, Number(formedOn.slice(0, 4)));
    assert.equal(parsed.value.seq, seq);
  });
}

const parseFailures: Array<[rule: string, template: string, text: string, expected: RegExp]> = [
  ['§5.1 defect: missing sequence (“2021-None”)', DEFAULT_INDEX_TEMPLATE, '11370300MB28646707/2021-None', /与模板/],
  ['a sequence shorter than the width is a typo', DEFAULT_INDEX_TEMPLATE, '11370300MB28646707/2021-150', /与模板/],
  ['a padded sequence longer than needed is not canonical', DEFAULT_INDEX_TEMPLATE, '11370300MB28646707/2021-012345', /与模板/],
  ['sequence 0 does not exist', DEFAULT_INDEX_TEMPLATE, '11370300MB28646707/2021-00000', /从 1 开始/],
  ['month 13 does not exist', '{code}/{yyyymm}-{seq:05}', '11341702486344515H/202113-00013', /月份 13/],
  ['wrong separator', DEFAULT_INDEX_TEMPLATE, '11370300MB28646707-2021-00001', /与模板/],
];
for (const [rule, template, text, expected] of parseFailures) {
  test(`parseIndexNumber rejects — ${rule}`, () => {
    const r = parseIndexNumber(template, text);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.problem, expected);
  });
}

test('parseIndexNumber tolerates full-width characters, spaces and lower case', () => {
  const r = parseIndexNumber(DEFAULT_INDEX_TEMPLATE, ' 11370900004341590p／2017－00150 ');
  assert.deepEqual(r, { ok: true, value: { code: '11370900004341590P', year: 2017, month: null, seq: 150 } });
});

test('parseIndexNumber reads a dashed organisation code under an all-hyphen template', () => {
  const r = parseIndexNumber('{code}-{year}-{seq:05}', '0142768-8-2022-00185');
  assert.deepEqual(r, { ok: true, value: { code: '0142768-8', year: 2022, month: null, seq: 185 } });
});

const templateCases: Array<[rule: string, template: string, expected: RegExp | null]> = [
  ['the default is valid', DEFAULT_INDEX_TEMPLATE, null],
  ['year-month is valid', '{code}/{yyyymm}-{seq:05}', null],
  ['empty', '  ', /不能为空/],
  ['unknown placeholder', '{code}/{year}-{seq:05}-{dept}', /未知占位符 \{dept\}/],
  ['unbalanced braces', '{code/{year}-{seq}', /花括号不配对|未知占位符/],
  ['no sequence', '{code}/{year}', /流水号/],
  ['two sequences', '{code}/{year}-{seq}-{seq}', /只包含一个流水号/],
  ['no year: the sequence restarts yearly', '{code}-{seq:05}', /年份/],
  ['both year and year-month', '{code}/{year}/{yyyymm}-{seq}', /年份/],
  ['no agency code', '{year}-{seq:05}', /机构代码/],
  ['placeholders need a separator', '{code}{year}-{seq:05}', /之间须有分隔符/],
  ['separators are / - _ . only', '{code}｜{year}-{seq:05}', /不能使用的字符/],
  ['sequence width at most 10', '{code}/{year}-{seq:11}', /位数/],
];
for (const [rule, template, expected] of templateCases) {
  test(`validateTemplate — ${rule}`, () => {
    const problems = validateTemplate(template);
    if (expected === null) assert.deepEqual(problems, []);
    else assert.ok(problems.some((p) => expected.test(p)), problems.join(' | ') || '(no problems)');
  });
}

test('formatIndexNumber refuses bad templates, codes, dates and sequence numbers with Chinese messages', () => {
  const ok = { code: '8923888D', formedOn: '2020-03-03', seq: 1 };
  const bad: Array<[string, Parameters<typeof formatIndexNumber>[1], RegExp]> = [
    ['{year}-{seq}', ok, /模板.*无效/],
    [DEFAULT_INDEX_TEMPLATE, { ...ok, code: 'abc' }, /机构代码/],
    [DEFAULT_INDEX_TEMPLATE, { ...ok, code: '' }, /机构代码/],
    [DEFAULT_INDEX_TEMPLATE, { ...ok, formedOn: '2020-02-30' }, /生成日期/],
    [DEFAULT_INDEX_TEMPLATE, { ...ok, seq: 0 }, /流水号/],
    [DEFAULT_INDEX_TEMPLATE, { ...ok, seq: 1.5 }, /流水号/],
  ];
  for (const [template, input, message] of bad) {
    assert.throws(() => formatIndexNumber(template, input), (e: unknown) => e instanceof IndexNumberError && message.test(e.message));
  }
});

test('property: formatting then parsing returns the code, year and sequence', () => {
  const templates = ['{code}/{year}-{seq:05}', '{code}/{yyyymm}-{seq:05}', '{code}-{year}-{seq}', 'X.{code}_{year}.{seq:03}'];
  const code = fc.oneof(
    fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
    fc.stringMatching(/^[0-9A-Z]{8}-[0-9X]$/),
    fc.stringMatching(/^[0-9A-Z]{4,12}$/),
  );
  const date = fc.record({ y: fc.integer({ min: 2008, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });
  fc.assert(
    fc.property(fc.constantFrom(...templates), code, date, fc.integer({ min: 1, max: 9_999_999 }), (template, c, { y, m, d }, seq) => {
      const formedOn = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const text = formatIndexNumber(template, { code: c, formedOn, seq });
      const parsed = parseIndexNumber(template, text);
      assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.problem}`);
      assert.equal(parsed.value.code, c);
      assert.equal(parsed.value.year, y);
      assert.equal(parsed.value.seq, seq);
      assert.equal(parsed.value.month, template.includes('yyyymm') ? m : null);
    }),
  );
});

test('the sequence belongs to the code owner and the year of the 生成日期 (reset yearly)', () => {
  assert.deepEqual(indexSequenceScope({ codeOwnerAgencyId: 4, formedOn: '2024-12-31' }), { agencyId: 4, year: 2024 });
  assert.deepEqual(indexSequenceScope({ codeOwnerAgencyId: 4, formedOn: '2025-01-01' }), { agencyId: 4, year: 2025 });
  assert.throws(() => indexSequenceScope({ codeOwnerAgencyId: 4, formedOn: '2025-13-01' }), IndexNumberError);
});

test('a unit without its own code numbers under its nearest ancestor with one', () => {
  const lineage = [
    { id: 9, creditCode: null, orgCode: null },
    { id: 4, creditCode: null, orgCode: '0142768-8' },
    { id: 1, creditCode: '11370900004341590P', orgCode: null },
  ];
  assert.deepEqual(findIndexCode(lineage), { code: '0142768-8', ownerAgencyId: 4 });
  assert.deepEqual(findIndexCode(lineage.slice(2)), { code: '11370900004341590P', ownerAgencyId: 1 });
  assert.equal(findIndexCode([{ id: 9, creditCode: null, orgCode: null }]), null);
});
