import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileReport } from './compile-report.ts';
import { findFigure } from './figures.ts';
import { importReportTables, normaliseLabel, parseCell } from './import-report-tables.ts';
import { cellValue } from './report-table.ts';
import { compileInput, manualInputs, openRequest, reportAppeal, reportRequest } from './test-factories.ts';
import { validateReport } from './validate-report.ts';

const compiled = compileReport(
  compileInput({
    requests: [reportRequest({ id: 'a' }), openRequest({ id: 'o', receivedOn: '2024-12-30', applicantType: 'legal_service_provider' })],
    appeals: [reportAppeal({ id: 'x', result: 'corrected' })],
    manual: manualInputs({ feesCollectedWanYuan: 0.75, narrative: { problems: '无。' } }),
  }),
);

for (const format of ['2021', '2019', '2008'] as const) {
  test(`round trip (${format}): JSON.stringify → importReportTables gives back the same tables, figures and text`, () => {
    const report = format === '2021' ? compiled : compileReport(compileInput({ year: format === '2019' ? 2020 : 2017, requests: [reportRequest({ id: 'a', receivedOn: `${format === '2019' ? '2020' : '2017'}-03-01` })] }));
    const result = importReportTables(JSON.stringify(report));
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.report.tables, report.tables);
    assert.deepEqual(result.report.figures, report.figures);
    assert.deepEqual(result.report.sections, report.sections);
    assert.deepEqual(result.report.preface, report.preface);
    assert.deepEqual(result.report.agency, report.agency);
    assert.deepEqual(result.blanks, []);
    assert.deepEqual(result.notes, []);
  });
}

test('a year before installation: a hand-typed table 三 (labels only) gives next year its 上年结转', () => {
  const typed = {
    year: 2023,
    tables: [
      {
        id: 'table3',
        rows: [
          { label: '一、本年新收政府信息公开申请数量', values: [5, 1, 0, 0, 0, 0, 6] },
          { label: '二、上年结转政府信息公开申请数量', values: [0, 0, 0, 0, 0, 0, 0] },
          { label: '(一)予以公开', values: [3, 1, 0, 0, 0, 0, 4] },
          { label: '3.危及"三安全一稳定"', values: [1, 0, 0, 0, 0, 0, 1] },
          { label: '（七）总计', values: [4, 1, 0, 0, 0, 0, 5] },
          { label: '四、结转下年度继续办理', values: ['1', '0', '0', '0', '0', '0', '1'] },
        ],
      },
    ],
  };
  const result = importReportTables(typed);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.report.format, '2021');
  assert.equal(cellValue(result.report.tables, { table: 'table3', row: 'withheld_endangers_security_stability', column: 'natural_person' }), 1);
  assert.equal(cellValue(result.report.tables, { table: 'table3', row: 'disclosed', column: 'total' }), 4);
  // Rows not typed stay blank, not 0 (§2.1.5 第7条).
  assert.equal(cellValue(result.report.tables, { table: 'table3', row: 'other_other', column: 'total' }), null);
  assert.ok(result.notes.some((n) => n.includes('3.其他')));
  const next = compileReport(compileInput({ previousReport: result.report }));
  assert.equal(findFigure(next.figures, 'requests.carried_in')?.value, 1);
  assert.equal(findFigure(next.figures, 'requests.carried_in')?.source, 'previous_report');
  assert.deepEqual(next.tables.find((t) => t.id === 'table3')?.rows[1]?.values, [1, 0, 0, 0, 0, 0, 1]);
});

const cells: Array<[raw: number | string | null | undefined, expected: number | null | undefined, rule: string]> = [
  [0, 0, '0 是 0'],
  ['0', 0, '“0” 是 0'],
  ['', null, '空白不是 0'],
  [null, null, '空白不是 0'],
  [undefined, null, '缺失不是 0'],
  ['—', null, '“—”按空白'],
  ['－', null, '全角“－”按空白'],
  ['１２', 12, '全角数字'],
  ['1,234', 1234, '千分位'],
  ['2.35', 2.35, '收费金额（万元）可有小数'],
  ['十二', undefined, '中文数字无法读取'],
];
for (const [raw, expected, rule] of cells) {
  test(`parseCell(${JSON.stringify(raw) ?? 'undefined'}) = ${String(expected)}: ${rule}`, () => {
    assert.equal(parseCell(raw), expected);
  });
}

test('blank cells are listed and the validator warns about them instead of treating them as 0 silently', () => {
  const json = JSON.parse(JSON.stringify(compiled)) as { tables: Array<{ id: string; rows: Array<{ key: string; values: Array<number | string | null> }> }> };
  const t4 = json.tables.find((t) => t.id === 'table4');
  const row = t4?.rows[0];
  if (row === undefined) throw new Error('no table 四');
  row.values[2] = '';
  const result = importReportTables(json);
  assert.ok(result.ok);
  assert.deepEqual(result.blanks, [{ table: 'table4', row: 'cases', column: 'reconsideration.other' }]);
  const findings = validateReport(result.report);
  assert.ok(findings.some((f) => f.rule === 'values.blank' && !f.passed && f.level === 'warning'));
  assert.ok(findings.every((f) => f.rule !== 'table4.group_total' || f.passed));
});

test('labels: straight quotes, half-width brackets and stray spaces match the official wording', () => {
  assert.equal(normaliseLabel('3.危及"三安全一稳定"'), '3.危及“三安全一稳定”');
  assert.equal(normaliseLabel('(七) 总计'), '（七）总计');
});

test('columns given by label: a third-party “法人或其他组织小计” column is ignored with a note', () => {
  const result = importReportTables({
    year: 2023,
    format: '2021',
    tables: [
      {
        id: 'table3',
        columns: [{ label: '自然人' }, { label: '商业企业' }, { label: '科研机构' }, { label: '社会公益组织' }, { label: '法律服务机构' }, { label: '其他' }, { label: '法人或其他组织小计' }, { label: '总计' }],
        rows: [{ label: '四、结转下年度继续办理', values: [1, 2, 0, 0, 0, 0, 2, 3] }],
      },
    ],
  });
  assert.ok(result.ok);
  assert.deepEqual(result.report.tables.find((t) => t.id === 'table3')?.rows.at(-1)?.values, [1, 2, 0, 0, 0, 0, 3]);
  assert.ok(result.notes.some((n) => n.includes('法人或其他组织小计')));
});

const rejections: Array<[what: string, input: unknown, pattern: RegExp]> = [
  ['not JSON', '{', /JSON/],
  ['no year', { tables: [] }, /year/],
  ['a table the format does not have', { year: 2023, format: '2021', tables: [{ id: 'table2_clause20_9', rows: [] }] }, /没有表格/],
  ['a row with the wrong number of values', { year: 2023, tables: [{ id: 'table4', rows: [{ key: 'cases', values: [1, 2] }] }] }, /应为 15 个/],
  ['a value that is not a number', { year: 2023, tables: [{ id: 'table4', rows: [{ key: 'cases', values: ['x', ...Array.from({ length: 14 }, () => 0)] }] }] }, /不是数字/],
  ['a row given twice', { year: 2023, tables: [{ id: 'table2_clause20_5', rows: [{ key: 'licensing', values: [1] }, { label: '行政许可', values: [2] }] }] }, /两次/],
  ['an unknown figure', { year: 2023, tables: [], figures: [{ key: 'requests.nonsense', label: '', value: 1, unit: 'count', source: 'manual', recordIds: [], cell: null }] }, /未知的指标/],
];
for (const [what, input, pattern] of rejections) {
  test(`import rejects ${what}`, () => {
    const result = importReportTables(input);
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.problems.join('\n'), pattern);
  });
}
