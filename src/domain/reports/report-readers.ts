/**
 * Reads a report's numbers whichever way it holds them: from its figures when it has them, else from the
 * table cells (an imported report may have only tables; a 2008-era report has only figures).
 */
import type { NormativeKind } from '../publishing/index.ts';
import type { ReportSnapshot } from './annual-report.ts';
import { findFigure, type FigureKey, type NormativeFigureGroup } from './figures.ts';
import { cellValue, findTable } from './report-table.ts';
import { TOTAL_COLUMN } from './table-three.ts';

/** A figure's value, falling back to the table 三 total cell of a row; null when the report holds neither. */
export function requestCount(report: ReportSnapshot, key: FigureKey, tableRow: string): number | null {
  const figure = findFigure(report.figures ?? [], key);
  if (figure !== undefined) return figure.value;
  const value = cellValue(report.tables, { table: 'table3', row: tableRow, column: TOTAL_COLUMN });
  return value === undefined ? null : (value ?? 0);
}

/** 制发、废止、现行有效 of 规章 or 行政规范性文件. */
export interface NormativeCounts {
  readonly issued: number;
  readonly repealed: number;
  readonly inForce: number;
}

const GROUP_OF: Readonly<Record<NormativeKind, NormativeFigureGroup>> = { regulation: 'regulations', normative_document: 'normative' };

/** The 表二 第二十条第（一）项 counts of a kind, from the 2021 table or the figures; null when the report has neither. */
export function normativeCounts(report: ReportSnapshot, kind: NormativeKind): NormativeCounts | null {
  const table = findTable(report.tables, 'table2_clause20_1');
  const keys = table?.columns.map((c) => c.key) ?? [];
  if (table !== undefined && keys.includes('issued') && keys.includes('repealed') && keys.includes('in_force')) {
    const read = (column: string) => cellValue(report.tables, { table: 'table2_clause20_1', row: kind, column }) ?? 0;
    return { issued: read('issued'), repealed: read('repealed'), inForce: read('in_force') };
  }
  const figures = report.figures ?? [];
  const group = GROUP_OF[kind];
  const issued = findFigure(figures, `proactive.${group}.issued`)?.value;
  const repealed = findFigure(figures, `proactive.${group}.repealed`)?.value;
  const inForce = findFigure(figures, `proactive.${group}.in_force`)?.value;
  if (issued == null || repealed == null || inForce == null) return null;
  return { issued, repealed, inForce };
}
