/**
 * The tables of an annual report as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet
 * programs read the Chinese): one block per table — its caption, a header row of column labels, then one
 * row per table row, label first. A 2008-era report has no tables; its CSV lists the figures.
 */
import { TABLE_CAPTIONS } from './report-layout.ts';
import { formatFigureNumber, type ReportSnapshot, type ReportTable, type TableId } from '../domain/reports/index.ts';

const BOM = '\uFEFF';

/** Quotes a field when it holds a comma, a quote or a line break. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (cells: ReadonlyArray<string | number | null>) => cells.map(field).join(',');

function captionOf(table: ReportTable): string {
  if (table.id === 'table3') return `表三 ${TABLE_CAPTIONS.table3}`;
  if (table.id === 'table4') return `表四 ${TABLE_CAPTIONS.table4}`;
  return `表二 ${TABLE_CAPTIONS.table2} ${table.caption ?? ''}`.trim();
}

/** One table as CSV lines: the header row, then `label, values…` per row (table 四's group names prefix its column labels). */
export function tableCsvLines(table: ReportTable): string[] {
  const columns = table.id === 'table4' ? table.columns.map((c) => `${c.key.startsWith('reconsideration') ? '行政复议' : c.key.startsWith('litigation_direct') ? '行政诉讼-未经复议直接起诉' : '行政诉讼-复议后起诉'}-${c.label}`) : table.columns.map((c) => c.label);
  const label = (r: ReportTable['rows'][number]) => (r.label === '' ? '案件数' : r.label);
  return [line(['项目', ...columns]), ...table.rows.map((r) => line([label(r), ...r.values]))];
}

/** The CSV text of a report's tables (or of one table). */
export function renderReportCsv(report: ReportSnapshot, only?: TableId): string {
  const tables = report.tables.filter((t) => only === undefined || t.id === only);
  if (report.tables.length === 0) {
    const figures = report.figures ?? [];
    return BOM + [line(['指标', '名称', '数值']), ...figures.map((f) => line([f.key, f.label, f.value === null ? null : formatFigureNumber(f.value, f.unit)]))].join('\r\n') + '\r\n';
  }
  const blocks = tables.map((t) => [line([captionOf(t)]), ...tableCsvLines(t)].join('\r\n'));
  return BOM + blocks.join('\r\n\r\n') + '\r\n';
}
