/**
 * 表三 “收到和处理政府信息公开申请情况” (国办公开办函〔2021〕30号; 〔2019〕60号 differs only in that （六）
 * 其他处理 is one row): 25 data rows × 7 columns in 2021, 23 in 2019. The outcome rows come straight from
 * the request domain's outcome codes, so a request's outcome is its row with no second mapping.
 */
import {
  APPLICANT_KIND_LABELS,
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  OUTCOMES,
  OUTCOME_DEFINITIONS,
  OUTCOME_GROUP_LABELS,
  outcomesInGroup,
  type ApplicantType,
  type Outcome,
} from '../requests/index.ts';
import { cell, type CellValue, type HeaderCell, type ReportTable, type TableColumn, type TableRow } from './report-table.ts';

/** The formats that print table 三. */
export type TabularFormat = '2019' | '2021';

/** 表三表头左上角，逐字：“（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）”. */
export const TABLE_THREE_CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The heading over the seven data columns. */
export const TABLE_THREE_APPLICANT_HEADING = '申请人情况';

/** The 总计 column key. */
export const TOTAL_COLUMN = 'total';

/** The seven data columns of table 三: the six applicant types, then 总计. */
export const TABLE_THREE_COLUMNS: readonly TableColumn[] = [
  ...APPLICANT_TYPES.map((t): TableColumn => ({ key: t, label: APPLICANT_TYPE_LABELS[t], kind: 'count' })),
  { key: TOTAL_COLUMN, label: '总计', kind: 'count' },
];

/** The keys of table 三's rows that are not outcome rows. */
export const TABLE_THREE_FIXED_ROWS = ['received', 'carried_in', 'total', 'carried_out'] as const;

/** One of `TABLE_THREE_FIXED_ROWS`. */
export type TableThreeFixedRow = (typeof TABLE_THREE_FIXED_ROWS)[number];

/** The verbatim labels of the non-outcome rows. */
export const TABLE_THREE_FIXED_ROW_LABELS: Readonly<Record<TableThreeFixedRow, string>> = {
  received: '一、本年新收政府信息公开申请数量',
  carried_in: '二、上年结转政府信息公开申请数量',
  total: '（七）总计',
  carried_out: '四、结转下年度继续办理',
};

/** The vertically merged heading over the outcome rows and （七）总计; not a data row. */
export const TABLE_THREE_RESULTS_HEADING = '三、本年度办理结果';

/** The row of the 2019 trial format that takes every （六）其他处理 outcome. */
export const TRIAL_OTHER_ROW = 'other';

/** The table 三 row key an outcome is counted in: the outcome code, or the single （六） row of the 2019 format. */
export function tableThreeRowOf(outcome: Outcome, format: TabularFormat): string {
  const definition = OUTCOME_DEFINITIONS[outcome];
  // 国办公开办函〔2019〕60号 表三：（六）其他处理 is a single row (domain-reference §2.2).
  if (format === '2019' && definition.group === 'other') return TRIAL_OTHER_ROW;
  return outcome;
}

/** The outcome rows of a format, in table order: key, verbatim label and the stub cells that start on the row. */
function outcomeRows(format: TabularFormat): Array<{ key: string; label: string; stub: HeaderCell[] }> {
  const rows: Array<{ key: string; label: string; stub: HeaderCell[] }> = [];
  for (const outcome of OUTCOMES) {
    const definition = OUTCOME_DEFINITIONS[outcome];
    const key = tableThreeRowOf(outcome, format);
    if (rows.some((r) => r.key === key)) continue;
    if (key === TRIAL_OTHER_ROW || definition.item === null) {
      const label = key === TRIAL_OTHER_ROW ? OUTCOME_GROUP_LABELS.other : definition.rowLabel;
      rows.push({ key, label, stub: [cell(label, { colSpan: 2 })] });
      continue;
    }
    const members = outcomesInGroup(definition.group);
    const stub = members[0] === outcome ? [cell(OUTCOME_GROUP_LABELS[definition.group], { rowSpan: members.length })] : [];
    rows.push({ key, label: definition.rowLabel, stub: [...stub, cell(definition.rowLabel)] });
  }
  return rows;
}

/** The row keys of table 三 in a format, top to bottom (25 in 2021, 23 in 2019). */
export function tableThreeRowKeys(format: TabularFormat): string[] {
  return ['received', 'carried_in', ...outcomeRows(format).map((r) => r.key), 'total', 'carried_out'];
}

/** Per-row values of table 三: seven numbers (six applicant types, then 总计) per row key; missing rows are zero. */
export type TableThreeValues = ReadonlyMap<string, readonly CellValue[]>;

/** Seven values for one row: the six applicant counts and their sum. */
export function applicantRow(counts: Readonly<Record<ApplicantType, number>>): number[] {
  const values = APPLICANT_TYPES.map((t) => counts[t]);
  return [...values, values.reduce((a, b) => a + b, 0)];
}

/** Builds table 三 of a format with its header grid, stubs and the given values (zeros where none are given). */
export function buildTableThree(format: TabularFormat, values: TableThreeValues): ReportTable {
  const zeros = TABLE_THREE_COLUMNS.map(() => 0);
  const outcomes = outcomeRows(format);
  const row = (key: string, label: string, stub: readonly HeaderCell[]): TableRow => ({
    key,
    label,
    stub,
    values: values.get(key) ?? zeros,
  });
  const fixed = (key: TableThreeFixedRow, colSpan: number) =>
    row(key, TABLE_THREE_FIXED_ROW_LABELS[key], [cell(TABLE_THREE_FIXED_ROW_LABELS[key], { colSpan })]);
  const resultRows = outcomes.map((r, i) =>
    row(r.key, r.label, i === 0 ? [cell(TABLE_THREE_RESULTS_HEADING, { rowSpan: outcomes.length + 1 }), ...r.stub] : r.stub),
  );
  const organisationTypes = APPLICANT_TYPES.filter((t) => t !== 'natural_person');
  return {
    id: 'table3',
    caption: null,
    stubColumns: 3,
    header: [
      [cell(TABLE_THREE_CORNER, { rowSpan: 3, colSpan: 3 }), cell(TABLE_THREE_APPLICANT_HEADING, { colSpan: TABLE_THREE_COLUMNS.length })],
      [
        cell(APPLICANT_KIND_LABELS.natural_person, { rowSpan: 2 }),
        cell(APPLICANT_KIND_LABELS.legal_person_or_other_organisation, { colSpan: organisationTypes.length }),
        cell('总计', { rowSpan: 2 }),
      ],
      organisationTypes.map((t) => cell(APPLICANT_TYPE_LABELS[t])),
    ],
    columns: TABLE_THREE_COLUMNS,
    rows: [fixed('received', 3), fixed('carried_in', 3), ...resultRows, fixed('total', 2), fixed('carried_out', 3)],
  };
}
