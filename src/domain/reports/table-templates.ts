/**
 * The empty official tables of a format (every value 0), which validation compares a report's tables with
 * and import fills with the numbers it reads.
 */
import type { ReportFormat } from './report-formats.ts';
import type { ReportTable } from './report-table.ts';
import { buildTableFour } from './table-four.ts';
import { buildTableThree } from './table-three.ts';
import { buildTableTwo } from './table-two.ts';

/** The official tables of a format in print order, all values 0 (none for a 2008-era report). */
export function officialTablesFor(format: ReportFormat): ReportTable[] {
  switch (format) {
    case '2008':
      return [];
    case '2019':
    case '2021':
      return [...buildTableTwo(format, {}), buildTableThree(format, new Map()), buildTableFour()];
    default: {
      const unreachable: never = format;
      throw new Error(`未知的年报格式：${String(unreachable)}`);
    }
  }
}
