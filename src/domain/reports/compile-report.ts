/**
 * The annual-report compiler (条例第五十条): folds an agency's records for a year — and those of the
 * sub-units the caller passes — into the report model of the chosen format: the official tables, the
 * figures with the record ids behind them, and the generated sentences. Pure: the caller loads and saves.
 */
import type { AnnualReport, ReportParagraph, ReportSection } from './annual-report.ts';
import { carriedRowOf } from './carry-over.ts';
import { findFigure, type Figure, type FigureKey } from './figures.ts';
import { narrative2008 } from './narrative-2008.ts';
import type { NarrativeContext } from './narrative-context.ts';
import { narrativeTabular } from './narrative-tabular.ts';
import { generatedParagraph } from './paragraph.ts';
import { buildFigures } from './report-figures.ts';
import { REPORT_FORMAT_SOURCES, defaultFormatFor, type ReportFormat } from './report-formats.ts';
import type { CompileReportInput } from './report-input.ts';
import { reportPeriodOf } from './report-period.ts';
import { SECTION_OUTLINES, type SectionKey } from './report-sections.ts';
import type { TableId } from './report-table.ts';
import { buildReportTables } from './report-tables.ts';
import { tallyAppeals } from './tally-appeals.ts';
import { tallyDeliveries } from './tally-deliveries.ts';
import { tallyItems } from './tally-items.ts';
import { tallyRequests } from './tally-requests.ts';

/** The tables each part prints, per format. */
function tablesOf(format: ReportFormat, key: SectionKey): TableId[] {
  if (format === '2008') return [];
  switch (key) {
    case 'proactive':
      return format === '2019'
        ? ['table2_clause20_1', 'table2_clause20_5', 'table2_clause20_6', 'table2_clause20_8', 'table2_clause20_9']
        : ['table2_clause20_1', 'table2_clause20_5', 'table2_clause20_6', 'table2_clause20_8'];
    case 'requests':
      return ['table3'];
    case 'appeals':
      return ['table4'];
    case 'overview':
    case 'fees':
    case 'organisation':
    case 'problems':
    case 'other':
      return [];
    default: {
      const unreachable: never = key;
      throw new Error(`未知的年报部分：${String(unreachable)}`);
    }
  }
}

/** Compiles the annual report of one agency (and the sub-units whose records are passed) for one year. */
export function compileReport(input: CompileReportInput): AnnualReport {
  const format = input.format ?? defaultFormatFor(input.year);
  const period = reportPeriodOf(input.year);
  const requests = tallyRequests(input.requests, period);
  const appeals = tallyAppeals(input.appeals, period);
  const items = tallyItems(input.items, input.year, period, input.itemCounts);
  const deliveries = tallyDeliveries(input.deliveries, period, input.deliveryCounts);
  // 上年结转 comes from the records when any earlier request is on record; otherwise (a year before
  // installation) from last year's 表三“四、结转下年度继续办理”.
  const carriedInFromPrevious =
    input.previousReport !== undefined && requests.earlierOnRecord.length === 0 && input.earlierRequestsOnRecord !== true ? carriedRowOf(input.previousReport, 'carried_out') : null;

  const figures = buildFigures({ format, items, requests, carriedInFromPrevious, appeals, deliveries, manual: input.manual });
  const tables = buildReportTables(format, { items, requests, carriedInFromPrevious, appeals, manual: input.manual });
  const figure = (key: FigureKey): Figure => {
    const found = findFigure(figures, key);
    if (found === undefined) throw new Error(`缺少指标 ${key}`);
    return found;
  };
  const ctx: NarrativeContext = { year: input.year, agencyName: input.agency.name, figure, manual: input.manual };
  const text = format === '2008' ? narrative2008(ctx) : narrativeTabular(ctx, format);
  const sections: ReportSection[] = SECTION_OUTLINES[format]
    .map((outline) => ({ key: outline.key, title: outline.title, paragraphs: text[outline.key], tableIds: tablesOf(format, outline.key), optional: outline.optional }))
    .filter((s) => !s.optional || s.paragraphs.length > 0 || s.tableIds.length > 0)
    .map(({ optional: _optional, ...s }) => s);

  const y = String(input.year);
  const preface: ReportParagraph[] = [
    generatedParagraph([
      `本报告依据${REPORT_FORMAT_SOURCES[format]}编制。本年报所列数据的统计期限为${y}年1月1日起至${y}年12月31日止。`,
    ]),
  ];
  const agencyIds = new Set<number>([input.agency.id]);
  for (const list of [input.items, input.requests, input.appeals]) for (const r of list) agencyIds.add(r.agencyId);
  for (const d of input.deliveries) if (d.agencyId !== undefined) agencyIds.add(d.agencyId);

  return {
    agency: input.agency,
    year: input.year,
    format,
    period,
    includedAgencyIds: [...agencyIds].sort((a, b) => a - b),
    ...(input.scopeAgencyIds !== undefined && { scopeAgencyIds: [...input.scopeAgencyIds].sort((a, b) => a - b) }),
    preface,
    sections,
    tables,
    figures,
    anomalies: [...requests.anomalies, ...appeals.anomalies],
  };
}
