import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnnualReport, ReportSnapshot } from './annual-report.ts';
import { compileReport } from './compile-report.ts';
import { withCell, type ReportTable, type TableId } from './report-table.ts';
import { compileInput, manualInputs, openRequest, reportAppeal, reportItem, reportRequest } from './test-factories.ts';
import { isValid, validateReport } from './validate-report.ts';
import { VALIDATION_RULES, type ValidationFinding, type ValidationRule } from './validation-rules.ts';

const requests = [
  reportRequest({ id: 'carried', receivedOn: '2023-12-20', repliedOn: '2024-01-10', closedOn: '2024-01-10', dueOn: '2024-01-18' }),
  reportRequest({ id: 'a', applicantType: 'commercial_enterprise', replyType: 'already_public' }),
  reportRequest({ id: 'b', outcome: 'withheld_process_information', replyType: 'withheld' }),
  openRequest({ id: 'open', receivedOn: '2024-12-24', dueOn: '2025-01-21' }),
];
const manual = manualInputs({
  licensingDecisions: 4,
  feesCollectedWanYuan: 1.25,
  narrative: { overview: '全年共收到政府信息公开申请3件，上年结转1件。', problems: '个别栏目更新不及时。' },
});
const previous = compileReport(
  compileInput({
    year: 2023,
    requests: [openRequest({ id: 'carried', receivedOn: '2023-12-20', dueOn: '2024-01-18' })],
    items: [reportItem({ id: 'n1', genre: 'normative_document', formedOn: '2023-02-01', publishedOn: '2023-02-03' })],
  }),
);
const clean = compileReport(
  compileInput({
    requests,
    manual,
    appeals: [reportAppeal({ id: 'x' })],
    items: [
      reportItem({ id: 'n1', genre: 'normative_document', formedOn: '2023-02-01', publishedOn: '2023-02-03' }),
      reportItem({ id: 'n2', genre: 'normative_document', formedOn: '2024-02-01', publishedOn: '2024-02-03' }),
    ],
  }),
);

const broken = (findings: readonly ValidationFinding[], rule: ValidationRule) => findings.filter((f) => f.rule === rule && !f.passed);
const editTable = (report: AnnualReport, id: TableId, edit: (t: ReportTable) => ReportTable): AnnualReport => ({
  ...report,
  tables: report.tables.map((t) => (t.id === id ? edit(t) : t)),
});
const cellOf = (report: ReportSnapshot, id: TableId, row: string, column: string): number => {
  const t = report.tables.find((x) => x.id === id);
  const i = t?.columns.findIndex((c) => c.key === column) ?? -1;
  return t?.rows.find((r) => r.key === row)?.values[i] ?? NaN;
};
const bump = (report: AnnualReport, id: TableId, cells: ReadonlyArray<[string, string]>, by = 1): AnnualReport =>
  cells.reduce((r, [row, column]) => editTable(r, id, (t) => withCell(t, row, column, cellOf(r, id, row, column) + by)), report);

test('a compiled report passes every error-level rule, each rule listed once as passed', () => {
  const findings = validateReport(clean, { previous });
  assert.deepEqual(findings.filter((f) => !f.passed), []);
  assert.ok(isValid(findings));
  const listed = new Set(findings.map((f) => f.rule));
  for (const rule of VALIDATION_RULES.filter((r) => r !== 'table2.regulations_below_city')) assert.ok(listed.has(rule), `rule ${rule} was applied`);
});

const breakages: Array<[rule: ValidationRule, level: 'error' | 'warning', what: string, make: () => { report: AnnualReport; previous?: ReportSnapshot }]> = [
  ['tables.structure', 'error', '表三少了一行（25 行 × 7 列）', () => ({ report: editTable(clean, 'table3', (t) => ({ ...t, rows: t.rows.filter((r) => r.key !== 'other_other') })) })],
  ['values.domain', 'error', '件数为负数', () => ({ report: editTable(clean, 'table2_clause20_5', (t) => withCell(t, 'licensing', 'decisions', -1)) })],
  ['values.domain', 'error', '件数带小数（收费金额万元可有小数，件数不行）', () => ({ report: editTable(clean, 'table3', (t) => withCell(t, 'received', 'other_organisation', 0.5)) })],
  ['values.blank', 'warning', '空白单元格（区分空白与0）', () => ({ report: editTable(clean, 'table4', (t) => withCell(t, 'cases', 'reconsideration.other', null)) })],
  ['table3.column_balance', 'error', '“第一项加第二项之和，等于第三项加第四项之和”', () => ({ report: bump(clean, 'table3', [['carried_out', 'natural_person'], ['carried_out', 'total']]) })],
  ['table3.total_equals_outcomes', 'error', '（七）总计 ≠ Σ（一）…（六）', () => ({ report: bump(clean, 'table3', [['unavailable_not_held', 'natural_person'], ['unavailable_not_held', 'total']]) })],
  ['table3.row_total', 'error', '行总计 ≠ 六类申请人之和', () => ({ report: bump(clean, 'table3', [['received', 'natural_person']]) })],
  ['table4.group_total', 'error', '表四组总计 ≠ 四项之和', () => ({ report: bump(clean, 'table4', [['cases', 'litigation_direct.upheld']]) })],
  ['cross_year.carried_in', 'error', '本年“二”≠ 上年“四”（逐列）', () => ({ report: clean, previous: bump(previous, 'table3', [['carried_out', 'research_institution'], ['carried_out', 'total']]) })],
  ['cross_year.normative_in_force', 'warning', '上年现行有效 + 本年制发 − 本年废止 ≠ 本年现行有效', () => ({ report: clean, previous: { year: 2023, format: '2021', tables: bump(previous, 'table2_clause20_1', [['normative_document', 'in_force']]).tables } })],
  ['figures.match_tables', 'error', '指标与单元格不一致', () => ({ report: editTable(clean, 'table2_clause20_5', (t) => withCell(t, 'licensing', 'decisions', 5)) })],
  ['narrative.generated_quotes', 'error', '生成的句子引用的数字被改动', () => ({ report: editParagraph(clean, '本年度新收政府信息公开申请3件', '本年度新收政府信息公开申请4件') })],
  ['narrative.generated_quotes', 'error', '指标被改动而句子未改', () => ({ report: { ...clean, figures: clean.figures.map((f) => (f.key === 'requests.carried_out' ? { ...f, value: 2 } : f)) } })],
  ['narrative.report_year', 'error', '生成的正文写错年度（种子报告的“2016年度”笔误）', () => ({ report: { ...clean, preface: clean.preface.map((p) => ({ ...p, text: p.text.replace('统计期限为2024年', '统计期限为2023年') })) } })],
  ['narrative.free_text', 'warning', '人工撰写的总体情况与表三不一致', () => ({ report: editParagraph(clean, '全年共收到政府信息公开申请3件', '全年共收到政府信息公开申请9件') })],
  ['table2.regulations_below_city', 'warning', '乡镇填报规章', () => ({ report: compileReport(compileInput({ items: [reportItem({ id: 'r', genre: 'regulation', formedOn: '2024-01-05', publishedOn: '2024-01-06' })] })) })],
  ['records.anomalies', 'warning', '记录未能计入', () => ({ report: compileReport(compileInput({ requests: [reportRequest({ id: 'y', outcome: null })] })) })],
  ['sections.not_empty', 'warning', '“存在的主要问题”部分为空', () => ({ report: compileReport(compileInput()) })],
];

function editParagraph(report: AnnualReport, from: string, to: string): AnnualReport {
  return {
    ...report,
    sections: report.sections.map((s) => ({ ...s, paragraphs: s.paragraphs.map((p) => ({ ...p, text: p.text.replace(from, to) })) })),
  };
}

for (const [rule, level, what, make] of breakages) {
  test(`${rule} (${level}): ${what} is caught`, () => {
    const { report, previous: prior } = make();
    const findings = validateReport(report, { previous: prior ?? previous });
    const hits = broken(findings, rule);
    assert.ok(hits.length > 0, `expected ${rule} to fail; got ${JSON.stringify(findings.filter((f) => !f.passed))}`);
    assert.ok(hits.every((h) => h.level === level && /[\u4e00-\u9fff]/.test(h.message)));
    assert.equal(isValid(findings), level === 'warning' ? isValid(findings.filter((f) => f.rule !== rule)) : false);
  });
}

test('table3.column_balance names the cells of the broken column', () => {
  const findings = validateReport(bump(clean, 'table3', [['carried_out', 'natural_person'], ['carried_out', 'total']]));
  const hit = broken(findings, 'table3.column_balance')[0];
  assert.deepEqual(hit?.cells?.map((c) => c.row), ['received', 'carried_in', 'total', 'carried_out']);
  assert.match(hit?.message ?? '', /自然人/);
});

test('cross-year carry works from a 2008-era previous report through its per-applicant figures', () => {
  const narrative2017 = compileReport(compileInput({ year: 2017, requests: [openRequest({ id: 'late', receivedOn: '2017-12-27', dueOn: '2018-01-17' })] }));
  assert.equal(narrative2017.tables.length, 0);
  const report2018 = compileReport(compileInput({ year: 2018, requests: [reportRequest({ id: 'late', receivedOn: '2017-12-27', repliedOn: '2018-01-10', closedOn: '2018-01-10' })] }));
  assert.ok(isValid(validateReport(report2018, { previous: narrative2017 })));
  const noCarry = compileReport(compileInput({ year: 2018 }));
  assert.deepEqual(broken(validateReport(noCarry, { previous: narrative2017 }), 'cross_year.carried_in').map((f) => f.message.split('：')[0]), ['“自然人”', '“总计”']);
});

test('a previous report of the wrong year is itself an error', () => {
  const findings = validateReport(clean, { previous: { ...previous, year: 2022 } });
  assert.equal(broken(findings, 'cross_year.carried_in').length, 1);
});

test('every rule has a breakage above', () => {
  assert.deepEqual(new Set(breakages.map(([rule]) => rule)), new Set(VALIDATION_RULES));
});
