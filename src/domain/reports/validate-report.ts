/**
 * The report validator: applies the format's own consistency rules (domain-reference §2.1.5), the
 * cross-year carry-over, the value domains, and the agreement of text, figures and tables. It lists
 * every rule it could apply, passed or not, so a reviewer sees what was checked.
 */
import type { AgencyKind } from '../organisations/agency.ts';
import { NORMATIVE_KINDS, NORMATIVE_KIND_LABELS } from '../publishing/index.ts';
import { APPLICANT_TYPES } from '../requests/index.ts';
import type { ReportParagraph, ReportSnapshot } from './annual-report.ts';
import { APPEAL_KINDS, APPEAL_KIND_LABELS, APPEAL_RESULTS } from './appeals.ts';
import { carriedRowOf } from './carry-over.ts';
import { findFigure, formatFigureNumber } from './figures.ts';
import { normativeCounts, requestCount } from './report-readers.ts';
import { findTable, type CellRef, type ReportTable } from './report-table.ts';
import { TABLE_FOUR_ROW, tableFourColumn } from './table-four.ts';
import { TABLE_THREE_COLUMNS, TABLE_THREE_FIXED_ROWS, TOTAL_COLUMN } from './table-three.ts';
import { officialTablesFor } from './table-templates.ts';
import { VALIDATION_RULES, VALIDATION_RULE_INFO, type ValidationFinding, type ValidationRule } from './validation-rules.ts';

/** What validation may compare a report with. */
export interface ValidateOptions {
  /** Last year's report, compiled or imported, for the cross-year rules. */
  readonly previous?: ReportSnapshot;
  /** The agency's kind, when the report does not carry it. */
  readonly agencyKind?: AgencyKind;
}

/** A broken rule at one place; a rule that does not apply returns null instead of a list. */
interface Failure {
  readonly message: string;
  readonly cells?: readonly CellRef[];
}

type Check = (report: ReportSnapshot, options: ValidateOptions) => Failure[] | null;

const n = (v: number | null | undefined): number => v ?? 0;
const ref = (table: ReportTable, row: string, column: string): CellRef => ({ table: table.id, row, column });
const valueAt = (table: ReportTable, row: string, column: string): number => {
  const r = table.rows.find((x) => x.key === row);
  const c = table.columns.findIndex((x) => x.key === column);
  return r === undefined || c < 0 ? 0 : n(r.values[c]);
};

const structure: Check = (report) => {
  const failures: Failure[] = [];
  const expected = officialTablesFor(report.format);
  for (const want of expected) {
    const got = findTable(report.tables, want.id);
    if (got === undefined) {
      failures.push({ message: `缺少表格 ${want.caption ?? want.id}。` });
      continue;
    }
    const wantColumns = want.columns.map((c) => c.key).join('|');
    if (got.columns.map((c) => c.key).join('|') !== wantColumns) failures.push({ message: `表格 ${want.id} 的列与 ${report.format} 格式不符。` });
    const wantRows = want.rows.map((r) => `${r.key}=${r.label}`);
    const gotRows = got.rows.map((r) => `${r.key}=${r.label}`);
    if (wantRows.join('\n') !== gotRows.join('\n')) {
      failures.push({ message: `表格 ${want.id} 应有 ${String(want.rows.length)} 行（逐字标签，按官方顺序），实有 ${String(got.rows.length)} 行或标签不符。` });
    }
    for (const row of got.rows) {
      if (row.values.length !== got.columns.length) {
        failures.push({ message: `表格 ${want.id} 行“${row.label}”有 ${String(row.values.length)} 个数值，应为 ${String(got.columns.length)} 个。` });
      }
    }
  }
  for (const got of report.tables) {
    if (!expected.some((t) => t.id === got.id)) failures.push({ message: `${report.format} 格式没有表格 ${got.id}。` });
  }
  return failures;
};

const valueDomain: Check = (report) => {
  const failures: Failure[] = [];
  for (const table of report.tables) {
    for (const row of table.rows) {
      row.values.forEach((v, i) => {
        const column = table.columns[i];
        if (v === null || column === undefined) return;
        const ok = column.kind === 'count' ? Number.isInteger(v) && v >= 0 : column.kind === 'amount' ? Number.isFinite(v) && v >= 0 : Number.isInteger(v);
        if (!ok) failures.push({ message: `表格 ${table.id} 行“${row.label || row.key}”列“${column.label}”的值 ${String(v)} 无效。`, cells: [ref(table, row.key, column.key)] });
      });
    }
  }
  for (const figure of report.figures ?? []) {
    const v = figure.value;
    if (v === null) continue;
    const ok = figure.unit === 'count' ? Number.isInteger(v) && v >= 0 : figure.unit === 'ratio' ? v >= 0 && v <= 1 : Number.isFinite(v) && v >= 0;
    if (!ok) failures.push({ message: `指标“${figure.label}”（${figure.key}）的值 ${String(v)} 无效。` });
  }
  return failures;
};

const blanks: Check = (report) => {
  if (report.tables.length === 0) return null;
  const failures: Failure[] = [];
  for (const table of report.tables) {
    const cells: CellRef[] = [];
    for (const row of table.rows) row.values.forEach((v, i) => v === null && cells.push(ref(table, row.key, table.columns[i]?.key ?? String(i))));
    if (cells.length > 0) failures.push({ message: `表格 ${table.id} 有 ${String(cells.length)} 个空白单元格，已按 0 计算；生成的年报一律填 0。`, cells });
  }
  return failures;
};

const OUTCOME_ROW_EXCLUDED: readonly string[] = TABLE_THREE_FIXED_ROWS;

const columnBalance: Check = (report) => {
  const t = findTable(report.tables, 'table3');
  if (t === undefined) return null;
  // 国办公开办函〔2021〕30号 表三表头：“第一项加第二项之和，等于第三项加第四项之和”
  return TABLE_THREE_COLUMNS.flatMap((c): Failure[] => {
    const [a, b, total, out] = (['received', 'carried_in', 'total', 'carried_out'] as const).map((row) => valueAt(t, row, c.key)) as [number, number, number, number];
    if (a + b === total + out) return [];
    return [{
      message: `表三“${c.label}”列：一（${String(a)}）加二（${String(b)}）之和为 ${String(a + b)}，（七）总计（${String(total)}）加四（${String(out)}）之和为 ${String(total + out)}，不相等。`,
      cells: ['received', 'carried_in', 'total', 'carried_out'].map((row) => ref(t, row, c.key)),
    }];
  });
};

const totalEqualsOutcomes: Check = (report) => {
  const t = findTable(report.tables, 'table3');
  if (t === undefined) return null;
  const outcomeRows = t.rows.filter((r) => !OUTCOME_ROW_EXCLUDED.includes(r.key)).map((r) => r.key);
  return TABLE_THREE_COLUMNS.flatMap((c): Failure[] => {
    const sum = outcomeRows.reduce((acc, row) => acc + valueAt(t, row, c.key), 0);
    const total = valueAt(t, 'total', c.key);
    if (sum === total) return [];
    return [{ message: `表三“${c.label}”列：（七）总计为 ${String(total)}，（一）至（六）各项之和为 ${String(sum)}。`, cells: [ref(t, 'total', c.key)] }];
  });
};

const rowTotal: Check = (report) => {
  const t = findTable(report.tables, 'table3');
  if (t === undefined) return null;
  return t.rows.flatMap((row): Failure[] => {
    const sum = APPLICANT_TYPES.reduce((acc, type) => acc + valueAt(t, row.key, type), 0);
    const total = valueAt(t, row.key, TOTAL_COLUMN);
    if (sum === total) return [];
    return [{ message: `表三行“${row.label}”：总计为 ${String(total)}，六类申请人之和为 ${String(sum)}。`, cells: [ref(t, row.key, TOTAL_COLUMN)] }];
  });
};

const groupTotal: Check = (report) => {
  const t = findTable(report.tables, 'table4');
  if (t === undefined) return null;
  return APPEAL_KINDS.flatMap((kind): Failure[] => {
    const sum = APPEAL_RESULTS.reduce((acc, result) => acc + valueAt(t, TABLE_FOUR_ROW, tableFourColumn(kind, result)), 0);
    const total = valueAt(t, TABLE_FOUR_ROW, tableFourColumn(kind, 'total'));
    if (sum === total) return [];
    return [{ message: `表四“${APPEAL_KIND_LABELS[kind]}”：总计为 ${String(total)}，四项结果之和为 ${String(sum)}。`, cells: [ref(t, TABLE_FOUR_ROW, tableFourColumn(kind, 'total'))] }];
  });
};

const carriedIn: Check = (report, { previous }) => {
  if (previous === undefined) return null;
  if (previous.year !== report.year - 1) return [{ message: `所给上年报告为 ${String(previous.year)} 年度，不是 ${String(report.year - 1)} 年度。` }];
  const before = carriedRowOf(previous, 'carried_out');
  const now = carriedRowOf(report, 'carried_in');
  if (before === null || now === null) return null;
  const hasTable = findTable(report.tables, 'table3') !== undefined;
  return TABLE_THREE_COLUMNS.flatMap((c, i): Failure[] => {
    if (before[i] === now[i]) return [];
    return [{
      message: `“${c.label}”：本年上年结转 ${String(now[i])} 件，${String(previous.year)} 年度结转下年度继续办理 ${String(before[i])} 件。`,
      ...(hasTable ? { cells: [{ table: 'table3' as const, row: 'carried_in', column: c.key }] } : {}),
    }];
  });
};

const normativeContinuity: Check = (report, { previous }) => {
  if (previous === undefined || previous.year !== report.year - 1) return null;
  const failures: Failure[] = [];
  let applied = false;
  for (const kind of NORMATIVE_KINDS) {
    const before = normativeCounts(previous, kind);
    const now = normativeCounts(report, kind);
    if (before === null || now === null) continue;
    applied = true;
    const expected = before.inForce + now.issued - now.repealed;
    if (expected !== now.inForce) {
      failures.push({
        message: `${NORMATIVE_KIND_LABELS[kind]}：上年现行有效 ${String(before.inForce)} + 本年制发 ${String(now.issued)} − 本年废止 ${String(now.repealed)} = ${String(expected)}，本年现行有效为 ${String(now.inForce)}（修订、清理时可能合理，请核对）。`,
      });
    }
  }
  return applied ? failures : null;
};

const figuresMatchTables: Check = (report) => {
  const figures = (report.figures ?? []).filter((f) => f.cell !== null);
  if (figures.length === 0) return null;
  return figures.flatMap((f): Failure[] => {
    if (f.cell === null) return [];
    const table = findTable(report.tables, f.cell.table);
    const row = table?.rows.find((r) => r.key === f.cell?.row);
    const column = table?.columns.findIndex((c) => c.key === f.cell?.column) ?? -1;
    if (table === undefined || row === undefined || column < 0) return [{ message: `指标“${f.label}”指向的单元格不存在。`, cells: [f.cell] }];
    const v = n(row.values[column]);
    if (v === n(f.value)) return [];
    return [{ message: `指标“${f.label}”为 ${String(f.value)}，表格单元格为 ${String(v)}。`, cells: [f.cell] }];
  });
};

function paragraphsOf(report: ReportSnapshot): Array<{ where: string; paragraph: ReportParagraph }> {
  return [
    ...(report.preface ?? []).map((paragraph) => ({ where: '前言', paragraph })),
    ...(report.sections ?? []).flatMap((s) => s.paragraphs.map((paragraph) => ({ where: s.title, paragraph }))),
  ];
}

const generatedQuotes: Check = (report) => {
  const generated = paragraphsOf(report).filter((p) => p.paragraph.origin === 'generated');
  if (generated.length === 0) return null;
  const failures: Failure[] = [];
  for (const { where, paragraph } of generated) {
    for (const quote of paragraph.quotes) {
      const figure = findFigure(report.figures ?? [], quote.figure);
      if (figure === undefined) {
        failures.push({ message: `${where}：正文引用的指标 ${quote.figure} 不存在。` });
        continue;
      }
      if (quote.value !== figure.value) {
        failures.push({ message: `${where}：正文写的“${figure.label}”为 ${String(quote.value)}，指标为 ${String(figure.value)}。`, ...(figure.cell ? { cells: [figure.cell] } : {}) });
        continue;
      }
      if (quote.offset === null) continue;
      const printed = figure.value === null ? '' : formatFigureNumber(figure.value, figure.unit);
      const before = paragraph.text[quote.offset - 1] ?? '';
      const at = paragraph.text.slice(quote.offset, quote.offset + quote.text.length);
      if (at !== quote.text || !quote.text.startsWith(printed) || /[\d.]/.test(before) || /[\d.]/.test(quote.text[printed.length] ?? '')) {
        failures.push({ message: `${where}：正文中“${figure.label}”应写作“${printed}”，正文为“${paragraph.text}”。`, ...(figure.cell ? { cells: [figure.cell] } : {}) });
      }
    }
  }
  return failures;
};

const reportYear: Check = (report) => {
  const generated = paragraphsOf(report).filter((p) => p.paragraph.origin === 'generated');
  if (generated.length === 0) return null;
  return generated.flatMap(({ where, paragraph }): Failure[] =>
    [...paragraph.text.matchAll(/(\d{4})年/g)]
      .filter((m) => Number(m[1]) !== report.year)
      .map((m) => ({ message: `${where}：生成的正文写了“${m[0]}”，本报告为 ${String(report.year)} 年度。` })),
  );
};

/** Patterns of staff-written sentences that state table 三 totals, with the figure they must equal. */
const FREE_TEXT_PATTERNS: ReadonlyArray<{ readonly pattern: RegExp; readonly key: 'requests.received' | 'requests.carried_in' | 'requests.carried_out'; readonly row: string; readonly label: string }> = [
  { pattern: /(?:新收|收到|受理)[^。；，,\d]{0,16}申请[^。；，,\d]{0,6}?(\d+)\s*件/g, key: 'requests.received', row: 'received', label: '本年新收申请数量' },
  { pattern: /上年结转[^。；，,\d]{0,12}?(\d+)\s*件/g, key: 'requests.carried_in', row: 'carried_in', label: '上年结转申请数量' },
  { pattern: /结转(?:至|到)?(?:下一?年度?|\d{4}年度?)[^。；，,\d]{0,12}?(\d+)\s*件/g, key: 'requests.carried_out', row: 'carried_out', label: '结转下年度继续办理数量' },
];

const freeText: Check = (report) => {
  const manual = paragraphsOf(report).filter((p) => p.paragraph.origin === 'manual');
  if (manual.length === 0) return null;
  const failures: Failure[] = [];
  for (const { where, paragraph } of manual) {
    for (const { pattern, key, row, label } of FREE_TEXT_PATTERNS) {
      const expected = requestCount(report, key, row);
      if (expected === null) continue;
      for (const match of paragraph.text.matchAll(pattern)) {
        if (Number(match[1]) === expected) continue;
        const hasTable = findTable(report.tables, 'table3') !== undefined;
        failures.push({
          message: `${where}：正文“${match[0]}”与${label}（${String(expected)} 件）不一致。`,
          ...(hasTable ? { cells: [{ table: 'table3' as const, row, column: TOTAL_COLUMN }] } : {}),
        });
      }
    }
  }
  return failures;
};

/** Agency kinds that cannot make 规章. */
const BELOW_CITY_LEVEL: readonly AgencyKind[] = ['county_gov', 'town_gov', 'station', 'village', 'community'];

const regulationsBelowCity: Check = (report, options) => {
  const kind = options.agencyKind ?? report.agency?.kind;
  if (kind === undefined || !BELOW_CITY_LEVEL.includes(kind)) return null;
  const counts = normativeCounts(report, 'regulation');
  if (counts === null) return null;
  if (counts.issued === 0 && counts.repealed === 0 && counts.inForce === 0) return [];
  // 《立法法》第九十三条（2015年版第八十二条）：“省、自治区、直辖市和设区的市、自治州的人民政府……制定规章”
  return [{
    message: `本机关（${kind}）不具有规章制定权，表二却填报了规章（制发 ${String(counts.issued)}、废止 ${String(counts.repealed)}、现行有效 ${String(counts.inForce)}）；规章只由省级、设区的市级人民政府和国务院部门制定，请确认是否应填入“行政规范性文件”。`,
    cells: findTable(report.tables, 'table2_clause20_1') === undefined ? [] : ['issued', 'repealed', 'in_force'].map((column) => ({ table: 'table2_clause20_1' as const, row: 'regulation', column })),
  }];
};

const anomalies: Check = (report) => {
  if (report.anomalies === undefined) return null;
  return report.anomalies.map((a) => ({ message: a.message }));
};

const sectionsNotEmpty: Check = (report) => {
  if (report.sections === undefined) return null;
  return report.sections.filter((s) => s.paragraphs.length === 0 && s.tableIds.length === 0).map((s) => ({ message: `“${s.title}”没有内容，请补充。` }));
};

const CHECKS: Readonly<Record<ValidationRule, Check>> = {
  'tables.structure': structure,
  'values.domain': valueDomain,
  'values.blank': blanks,
  'table3.column_balance': columnBalance,
  'table3.total_equals_outcomes': totalEqualsOutcomes,
  'table3.row_total': rowTotal,
  'table4.group_total': groupTotal,
  'cross_year.carried_in': carriedIn,
  'cross_year.normative_in_force': normativeContinuity,
  'figures.match_tables': figuresMatchTables,
  'narrative.generated_quotes': generatedQuotes,
  'narrative.report_year': reportYear,
  'narrative.free_text': freeText,
  'table2.regulations_below_city': regulationsBelowCity,
  'records.anomalies': anomalies,
  'sections.not_empty': sectionsNotEmpty,
};

/** Validates a report (compiled or imported) against every rule that applies, listing one finding per broken place or one passing finding per rule. */
export function validateReport(report: ReportSnapshot, options: ValidateOptions = {}): ValidationFinding[] {
  const findings: ValidationFinding[] = [];
  for (const rule of VALIDATION_RULES) {
    const failures = CHECKS[rule](report, options);
    if (failures === null) continue;
    const { level, title } = VALIDATION_RULE_INFO[rule];
    if (failures.length === 0) findings.push({ rule, level, passed: true, message: `${title}：通过。` });
    for (const f of failures) findings.push({ rule, level, passed: false, message: f.message, ...(f.cells !== undefined && f.cells.length > 0 ? { cells: f.cells } : {}) });
  }
  return findings;
}

/** Whether a report has no broken error-level rule. */
export function isValid(findings: readonly ValidationFinding[]): boolean {
  return findings.every((f) => f.passed || f.level === 'warning');
}
