/**
 * What every renderer of the annual report shares: the title, the printed (stacked) form of table 二,
 * and the grid of a table's header and stub cells, so HTML and DOCX draw the same merged cells.
 */
import { findTable, type CellRef, type HeaderCell, type ReportSnapshot, type ReportTable, type TableId } from '../domain/reports/index.ts';

/** “黔城镇人民政府2017年政府信息公开工作年度报告”. */
export function reportTitle(report: ReportSnapshot): string {
  return `${report.agency?.name ?? ''}${String(report.year)}年政府信息公开工作年度报告`;
}

/** A printed cell: a header or stub cell (`heading`) or a value, with its spans. */
export interface PrintedCell {
  readonly text: string;
  readonly heading: boolean;
  /** For headings: whether it heads columns (`col`) or rows (`row`). */
  readonly scope: 'col' | 'row' | null;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** For values: the cell's address (the console links it to the records behind it). */
  readonly ref?: CellRef;
}

/** A printed table: a caption, its width in grid columns, and header and body rows of cells that start in that row. */
export interface PrintedTable {
  readonly ids: readonly TableId[];
  readonly caption: string;
  readonly width: number;
  readonly head: readonly (readonly PrintedCell[])[];
  readonly body: readonly (readonly PrintedCell[])[];
}

const heading = (c: HeaderCell, scope: 'col' | 'row'): PrintedCell => ({ text: c.label, heading: true, scope, rowSpan: c.rowSpan, colSpan: c.colSpan });
const value = (v: number | null, ref?: CellRef): PrintedCell => ({ text: v === null ? '' : String(v), heading: false, scope: null, rowSpan: 1, colSpan: 1, ...(ref && { ref }) });
/** The value cells of a row, each with its address. */
const values = (table: ReportTable, row: ReportTable['rows'][number]): PrintedCell[] =>
  row.values.map((v, i) => value(v, { table: table.id, row: row.key, column: table.columns[i]!.key }));

/** The official caption printed above each table. */
export const TABLE_CAPTIONS: Readonly<Record<'table2' | 'table3' | 'table4', string>> = {
  table2: '主动公开政府信息情况',
  table3: '收到和处理政府信息公开申请情况',
  table4: '政府信息公开行政复议、行政诉讼情况',
};

/** Table 二 as agencies print it: the clause sub-tables stacked in one table, a narrower one's last column widened. */
export function printedTableTwo(parts: readonly ReportTable[]): PrintedTable {
  const width = Math.max(...parts.map((p) => p.stubColumns + p.columns.length));
  const rows: PrintedCell[][] = [];
  for (const part of parts) {
    const extra = width - (part.stubColumns + part.columns.length);
    const widen = (cells: readonly PrintedCell[]) => cells.map((c, i) => (i === cells.length - 1 ? { ...c, colSpan: c.colSpan + extra } : c));
    for (const [i, header] of part.header.entries()) {
      // The clause caption spans the whole printed width.
      const cells = header.map((c) => heading(c, 'col'));
      rows.push(i === 0 && header.length === 1 ? [{ ...cells[0]!, colSpan: width }] : widen(cells));
    }
    for (const r of part.rows) rows.push(widen([...r.stub.map((c) => heading(c, 'row')), ...values(part, r)]));
  }
  return { ids: parts.map((p) => p.id), caption: TABLE_CAPTIONS.table2, width, head: [], body: rows };
}

/** Table 三 or 四 with its header grid and stubs. */
export function printedTable(table: ReportTable, caption: string): PrintedTable {
  const width = table.stubColumns + table.columns.length;
  return {
    ids: [table.id],
    caption,
    width,
    head: table.header.map((row) => row.map((c) => heading(c, 'col'))),
    body: table.rows.map((r) => [...r.stub.map((c) => heading(c, 'row')), ...values(table, r)]),
  };
}

/** The printed tables of a part, in order (table 二's sub-tables become one table). */
export function printedTablesOf(report: ReportSnapshot, ids: readonly TableId[]): PrintedTable[] {
  const out: PrintedTable[] = [];
  const parts = ids.filter((id) => id.startsWith('table2_')).map((id) => findTable(report.tables, id)).filter((t): t is ReportTable => t !== undefined);
  if (parts.length > 0) out.push(printedTableTwo(parts));
  const three = ids.includes('table3') ? findTable(report.tables, 'table3') : undefined;
  if (three) out.push(printedTable(three, TABLE_CAPTIONS.table3));
  const four = ids.includes('table4') ? findTable(report.tables, 'table4') : undefined;
  if (four) out.push(printedTable(four, TABLE_CAPTIONS.table4));
  return out;
}

/** The parts of a report to print: its sections, or (an imported report without text) one part per table. */
export function printedSections(report: ReportSnapshot): Array<{ title: string; paragraphs: string[]; tables: PrintedTable[] }> {
  if (report.sections !== undefined && report.sections.length > 0) {
    return report.sections.map((s) => ({ title: s.title, paragraphs: s.paragraphs.map((p) => p.text), tables: printedTablesOf(report, s.tableIds) }));
  }
  return [{ title: '', paragraphs: [], tables: printedTablesOf(report, report.tables.map((t) => t.id)) }];
}
