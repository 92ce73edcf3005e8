/**
 * 表二 “主动公开政府信息情况”: sub-tables headed by the clause of 条例第二十条 they report. The 2021 format
 * (国办公开办函〔2021〕30号) has （一）（五）（六）（八）; the 2019 trial format (〔2019〕60号) has other
 * columns, a 其他对外管理服务事项 row and a （九）政府集中采购 sub-table (domain-reference §2.1.2, §2.2).
 * Each sub-table is its own grid; a renderer that stacks them into one printed table, as agencies do,
 * widens a narrower sub-table's last column to the widest (e.g. 本年处理决定数量 across three columns).
 */
import { NORMATIVE_KIND_LABELS } from '../publishing/index.ts';
import { cell, type CellValue, type ReportTable, type TableColumn, type TableId } from './report-table.ts';
import type { TabularFormat } from './table-three.ts';

/** The stub heading of every table 二 sub-table. */
export const TABLE_TWO_STUB_HEADING = '信息内容';

/** The shape of one sub-table of table 二. */
export interface TableTwoSpec {
  readonly id: TableId;
  readonly caption: string;
  readonly columns: readonly TableColumn[];
  readonly rows: ReadonlyArray<{ readonly key: string; readonly label: string }>;
}

const decisions2021: TableColumn = { key: 'decisions', label: '本年处理决定数量', kind: 'count' };
const previousItems: TableColumn = { key: 'previous_items', label: '上一年项目数量', kind: 'count' };
const change: TableColumn = { key: 'change', label: '本年增/减', kind: 'change' };

/** The sub-tables of each format, verbatim. */
export const TABLE_TWO_SPECS: Readonly<Record<TabularFormat, readonly TableTwoSpec[]>> = {
  '2021': [
    {
      id: 'table2_clause20_1',
      caption: '第二十条第（一）项',
      columns: [
        { key: 'issued', label: '本年制发件数', kind: 'count' },
        { key: 'repealed', label: '本年废止件数', kind: 'count' },
        { key: 'in_force', label: '现行有效件数', kind: 'count' },
      ],
      rows: [
        { key: 'regulation', label: NORMATIVE_KIND_LABELS.regulation },
        { key: 'normative_document', label: NORMATIVE_KIND_LABELS.normative_document },
      ],
    },
    { id: 'table2_clause20_5', caption: '第二十条第（五）项', columns: [decisions2021], rows: [{ key: 'licensing', label: '行政许可' }] },
    {
      id: 'table2_clause20_6',
      caption: '第二十条第（六）项',
      columns: [decisions2021],
      rows: [
        { key: 'penalty', label: '行政处罚' },
        { key: 'enforcement', label: '行政强制' },
      ],
    },
    {
      id: 'table2_clause20_8',
      caption: '第二十条第（八）项',
      columns: [{ key: 'amount', label: '本年收费金额（单位：万元）', kind: 'amount' }],
      rows: [{ key: 'administrative_fees', label: '行政事业性收费' }],
    },
  ],
  '2019': [
    {
      id: 'table2_clause20_1',
      caption: '第二十条第（一）项',
      columns: [
        { key: 'made', label: '本年新制作数量', kind: 'count' },
        { key: 'published', label: '本年新公开数量', kind: 'count' },
        { key: 'public_total', label: '对外公开总数量', kind: 'count' },
      ],
      rows: [
        { key: 'regulation', label: '规章' },
        // 60号 wording: “规范性文件” (30号 renamed the row “行政规范性文件”).
        { key: 'normative_document', label: '规范性文件' },
      ],
    },
    {
      id: 'table2_clause20_5',
      caption: '第二十条第（五）项',
      columns: [previousItems, change, { key: 'decisions', label: '处理决定数量', kind: 'count' }],
      rows: [
        { key: 'licensing', label: '行政许可' },
        { key: 'other_services', label: '其他对外管理服务事项' },
      ],
    },
    {
      id: 'table2_clause20_6',
      caption: '第二十条第（六）项',
      columns: [previousItems, change, { key: 'decisions', label: '处理决定数量', kind: 'count' }],
      rows: [
        { key: 'penalty', label: '行政处罚' },
        { key: 'enforcement', label: '行政强制' },
      ],
    },
    {
      id: 'table2_clause20_8',
      caption: '第二十条第（八）项',
      columns: [previousItems, change],
      rows: [{ key: 'administrative_fees', label: '行政事业性收费' }],
    },
    {
      id: 'table2_clause20_9',
      caption: '第二十条第（九）项',
      columns: [
        { key: 'projects', label: '采购项目数量', kind: 'count' },
        { key: 'amount', label: '采购总金额', kind: 'amount' },
      ],
      rows: [{ key: 'procurement', label: '政府集中采购' }],
    },
  ],
};

/** Values of table 二 by sub-table and row key; missing rows are zero. */
export type TableTwoValues = Partial<Record<TableId, Readonly<Record<string, readonly CellValue[]>>>>;

/** Builds one sub-table from its spec: caption across the top, then 信息内容 and the column headings. */
export function buildTableTwoPart(spec: TableTwoSpec, values: Readonly<Record<string, readonly CellValue[]>> = {}): ReportTable {
  return {
    id: spec.id,
    caption: spec.caption,
    stubColumns: 1,
    header: [[cell(spec.caption, { colSpan: spec.columns.length + 1 })], [cell(TABLE_TWO_STUB_HEADING), ...spec.columns.map((c) => cell(c.label))]],
    columns: spec.columns,
    rows: spec.rows.map((r) => ({
      key: r.key,
      label: r.label,
      stub: [cell(r.label)],
      values: values[r.key] ?? spec.columns.map(() => 0),
    })),
  };
}

/** Builds every sub-table of table 二 of a format, in order. */
export function buildTableTwo(format: TabularFormat, values: TableTwoValues): ReportTable[] {
  return TABLE_TWO_SPECS[format].map((spec) => buildTableTwoPart(spec, values[spec.id]));
}
