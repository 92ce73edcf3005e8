/**
 * Reads the requests carried over a year boundary from a report: table 三's row 二 or 四 where the report
 * has the table, else the per-applicant figures (a 2008-era report has no table 三). 国办公开办函〔2021〕
 * 30号表三：本年“二、上年结转政府信息公开申请数量” continues last year's “四、结转下年度继续办理”.
 */
import { APPLICANT_TYPES } from '../requests/index.ts';
import type { ReportSnapshot } from './annual-report.ts';
import { findFigure } from './figures.ts';
import { findTable } from './report-table.ts';

/** Which carried row to read. */
export type CarryDirection = 'carried_in' | 'carried_out';

/** Seven values (six applicant types, then 总计) of a report's carried row, blanks as 0; null when the report does not say (no table 三 row, or all of it blank, and no figures). */
export function carriedRowOf(report: ReportSnapshot, direction: CarryDirection): number[] | null {
  const table = findTable(report.tables, 'table3');
  const row = table?.rows.find((r) => r.key === direction);
  // A row left wholly blank (e.g. an imported report without table 三) says nothing; a partly blank row counts blanks as 0.
  if (row !== undefined && row.values.some((v) => v !== null)) return row.values.map((v) => v ?? 0);
  const figures = report.figures ?? [];
  const perType = APPLICANT_TYPES.map((t) => findFigure(figures, `requests.${direction}.${t}`)?.value);
  if (perType.some((v) => v === undefined || v === null)) return null;
  const values = perType.map((v) => v ?? 0);
  return [...values, values.reduce((a, b) => a + b, 0)];
}
