/**
 * An official table as data: a header grid of cells with their row and column spans (so a renderer can
 * draw the merged cells of the printed form), the leaf data columns, and rows of `{label, values}` whose
 * stub (row-heading) cells carry spans too. Values are numbers; `null` is a blank cell, which only an
 * imported report can have (domain-reference §2.1.5 第7条：“解析时区分‘空白’与‘0’，生成时一律填 0”).
 */

/** The tables of the 2019 and 2021 formats; （九）政府集中采购 exists only in the 2019 trial format. */
export const TABLE_IDS = [
  'table2_clause20_1',
  'table2_clause20_5',
  'table2_clause20_6',
  'table2_clause20_8',
  'table2_clause20_9',
  'table3',
  'table4',
] as const;

/** One of `TABLE_IDS`. */
export type TableId = (typeof TABLE_IDS)[number];

/** Whether a value is one of the table ids. */
export function isTableId(value: unknown): value is TableId {
  return typeof value === 'string' && (TABLE_IDS as readonly string[]).includes(value);
}

/** What a column holds, which decides the values it may take (§2.1.5 第7条). */
export const VALUE_KINDS = ['count', 'amount', 'change'] as const;

/** `count`: a non-negative integer; `amount`: a non-negative decimal (万元); `change`: a signed integer (2019 “本年增/减”). */
export type ValueKind = (typeof VALUE_KINDS)[number];

/** A cell of the header grid (or a stub cell of a row); spans are at least 1. */
export interface HeaderCell {
  readonly label: string;
  readonly rowSpan: number;
  readonly colSpan: number;
}

/** A leaf data column. */
export interface TableColumn {
  readonly key: string;
  readonly label: string;
  readonly kind: ValueKind;
}

/** A cell value: a number, or null for a blank cell of an imported report. */
export type CellValue = number | null;

/** A data row: its own label (verbatim), the stub cells that start in this row, and one value per column. */
export interface TableRow {
  readonly key: string;
  readonly label: string;
  /** The row-heading cells that begin on this row, left to right (a group heading spans the rows below it). */
  readonly stub: readonly HeaderCell[];
  readonly values: readonly CellValue[];
}

/** One official table. */
export interface ReportTable {
  readonly id: TableId;
  /** The heading printed above or across the table, e.g. “第二十条第（一）项”; null when the section title serves. */
  readonly caption: string | null;
  /** How many columns the row headings occupy on the left (0 for table 四, which has a single unlabeled row). */
  readonly stubColumns: number;
  /** The header grid, top to bottom; the first row's first cell covers the stub columns when there are any. */
  readonly header: readonly (readonly HeaderCell[])[];
  readonly columns: readonly TableColumn[];
  readonly rows: readonly TableRow[];
}

/** The address of one cell. */
export interface CellRef {
  readonly table: TableId;
  readonly row: string;
  readonly column: string;
}

/** A header or stub cell with default spans of 1. */
export function cell(label: string, spans: { readonly rowSpan?: number; readonly colSpan?: number } = {}): HeaderCell {
  return { label, rowSpan: spans.rowSpan ?? 1, colSpan: spans.colSpan ?? 1 };
}

/** The table with an id, if present. */
export function findTable(tables: readonly ReportTable[], id: TableId): ReportTable | undefined {
  return tables.find((t) => t.id === id);
}

/** The value of a cell, or undefined when the table, row or column does not exist. */
export function cellValue(tables: readonly ReportTable[], ref: CellRef): CellValue | undefined {
  const table = findTable(tables, ref.table);
  if (table === undefined) return undefined;
  const columnIndex = table.columns.findIndex((c) => c.key === ref.column);
  const row = table.rows.find((r) => r.key === ref.row);
  if (columnIndex < 0 || row === undefined) return undefined;
  return row.values[columnIndex];
}

/** Returns a copy of a table with one cell replaced (used by tests and by corrections in the console). */
export function withCell(table: ReportTable, rowKey: string, columnKey: string, value: CellValue): ReportTable {
  const columnIndex = table.columns.findIndex((c) => c.key === columnKey);
  if (columnIndex < 0) throw new Error(`表 ${table.id} 没有列 ${columnKey}`);
  if (!table.rows.some((r) => r.key === rowKey)) throw new Error(`表 ${table.id} 没有行 ${rowKey}`);
  return {
    ...table,
    rows: table.rows.map((r) => (r.key === rowKey ? { ...r, values: r.values.map((v, i) => (i === columnIndex ? value : v)) } : r)),
  };
}

/** The width of a header row in grid columns (the sum of its colSpans). */
export function headerRowWidth(cells: readonly HeaderCell[]): number {
  return cells.reduce((sum, c) => sum + c.colSpan, 0);
}
