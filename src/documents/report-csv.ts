/**
 * The tables of an annual report as CSV (written by `csv.ts`: RFC 4180, UTF-8 with one byte-order mark,
 * cells safe for spreadsheets): one block per table — its caption, a header row of column labels, then one
 * row per table row, label first. A 2008-era report has no tables; its CSV lists the figures.
 */
import { TABLE_CAPTIONS } from './report-layout.ts';
import { formatCsv } from './csv.ts';
import { formatFigureNumber, type ReportSnapshot, type ReportTable, type TableId } from '../domain/reports/index.ts';

type Row = ReadonlyArray<string | number | null>;

function captionOf(table: ReportTable): string {
  if (table.id === 'table3') return `表三 ${TABLE_CAPTIONS.table3}`;
  if (table.id === 'table4') return `表四 ${TABLE_CAPTIONS.table4}`;
  return `表二 ${TABLE_CAPTIONS.table2} ${table.caption ?? ''}`.trim();
}

/** One table as CSV rows: the header row, then `label, values…` per row (table 四's group names prefix its column labels). */
export function tableCsvRows(table: ReportTable): Row[] {
  const columns = table.id === 'table4' ? table.columns.map((c) => `${c.key.startsWith('reconsideration') ? '行政复议' : c.key.startsWith('litigation_direct') ? '行政诉讼-未经复议直接起诉' : '行政诉讼-复议后起诉'}-${c.label}`) : table.columns.map((c) => c.label);
  const label = (r: ReportTable['rows'][number]) => (r.label === '' ? '案件数' : r.label);
  return [['项目', ...columns], ...table.rows.map((r) => [label(r), ...r.values])];
}

/** The CSV text of a report's tables (or of one table), with its one byte-order mark. */
export function renderReportCsv(report: ReportSnapshot, only?: TableId): string {
  const tables = report.tables.filter((t) => only === undefined || t.id === only);
  if (report.tables.length === 0) {
    const figures = report.figures ?? [];
    return formatCsv([['指标', '名称', '数值'], ...figures.map((f): Row => [f.key, f.label, f.value === null ? null : formatFigureNumber(f.value, f.unit)])]);
  }
  // A blank line between tables.
  return formatCsv(tables.flatMap((t, i): Row[] => [...(i > 0 ? [[]] : []), [captionOf(t)], ...tableCsvRows(t)]));
}
