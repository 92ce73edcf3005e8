/**
 * 表四 “政府信息公开行政复议、行政诉讼情况” (国办公开办函〔2021〕30号; the 2019 trial format is the same):
 * one row of 15 cells — 行政复议 5 columns; 行政诉讼 未经复议直接起诉 5 and 复议后起诉 5, each
 * 结果维持｜结果纠正｜其他结果｜尚未审结｜总计.
 */
import { APPEAL_KINDS, APPEAL_KIND_LABELS, APPEAL_RESULTS, APPEAL_RESULT_LABELS, APPEAL_TOTAL_LABEL, type AppealKind, type AppealResult } from './appeals.ts';
import { cell, type CellValue, type ReportTable, type TableColumn } from './report-table.ts';

/** The key of table 四's single data row. */
export const TABLE_FOUR_ROW = 'cases';

/** The column key of one result (or the total) of one group, e.g. `reconsideration.upheld`. */
export function tableFourColumn(kind: AppealKind, result: AppealResult | 'total'): string {
  return `${kind}.${result}`;
}

/** The 15 data columns, left to right. */
export const TABLE_FOUR_COLUMNS: readonly TableColumn[] = APPEAL_KINDS.flatMap((kind) => [
  ...APPEAL_RESULTS.map((result): TableColumn => ({ key: tableFourColumn(kind, result), label: APPEAL_RESULT_LABELS[result], kind: 'count' })),
  { key: tableFourColumn(kind, 'total'), label: APPEAL_TOTAL_LABEL, kind: 'count' },
]);

/** The heading over both lawsuit groups. */
export const LITIGATION_HEADING = '行政诉讼';

/** Builds table 四 with the given 15 values (zeros when none are given). */
export function buildTableFour(values?: readonly CellValue[]): ReportTable {
  const group = APPEAL_RESULTS.length + 1;
  return {
    id: 'table4',
    caption: null,
    stubColumns: 0,
    header: [
      [cell(APPEAL_KIND_LABELS.reconsideration, { rowSpan: 2, colSpan: group }), cell(LITIGATION_HEADING, { colSpan: group * 2 })],
      [cell(APPEAL_KIND_LABELS.litigation_direct, { colSpan: group }), cell(APPEAL_KIND_LABELS.litigation_after_reconsideration, { colSpan: group })],
      TABLE_FOUR_COLUMNS.map((c) => cell(c.label)),
    ],
    columns: TABLE_FOUR_COLUMNS,
    rows: [{ key: TABLE_FOUR_ROW, label: '', stub: [], values: values ?? TABLE_FOUR_COLUMNS.map(() => 0) }],
  };
}
