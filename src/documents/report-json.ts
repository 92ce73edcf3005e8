/**
 * The JSON form of an annual report: the agency, year and format; `figures` as named numbers
 * (`requests.received` …) with their sources and record ids beside them; `tables` keyed by table
 * (table2 with its clause parts and all its rows, table3 and table4 with rows in official order, each
 * `{key, label, values}`); the text; and `validation`, every rule applied with pass or fail. The
 * importer reads it back (`normaliseReportJson`).
 */
import { findTable, type ReportSnapshot, type ReportTable, type ValidationFinding } from '../domain/reports/index.ts';
import { reportTitle } from './report-layout.ts';

/** Facts about the stored version, when there is one. */
export interface ReportJsonMeta {
  readonly id?: number | null;
  readonly includeSubunits: boolean;
  readonly status?: string | null;
  readonly contentHash?: string | null;
  readonly finalisedAt?: string | null;
}

const tableJson = (t: ReportTable) => ({
  id: t.id,
  caption: t.caption,
  columns: t.columns.map((c) => ({ key: c.key, label: c.label })),
  rows: t.rows.map((r) => ({ key: r.key, label: r.label, values: [...r.values] })),
});

/** The JSON object of a report and its validation. */
export function reportJson(report: ReportSnapshot, findings: readonly ValidationFinding[], meta: ReportJsonMeta) {
  const figures = report.figures ?? [];
  const tables: Record<string, unknown> = {};
  const parts = report.tables.filter((t) => t.id.startsWith('table2_'));
  if (parts.length > 0) {
    tables.table2 = {
      parts: parts.map(tableJson),
      rows: parts.flatMap((p) => p.rows.map((r) => ({ part: p.caption, key: r.key, label: r.label, columns: p.columns.map((c) => c.label), values: [...r.values] }))),
    };
  }
  for (const id of ['table3', 'table4'] as const) {
    const t = findTable(report.tables, id);
    if (t) tables[id] = tableJson(t);
  }
  return {
    title: reportTitle(report),
    agency: report.agency ?? null,
    year: report.year,
    format: report.format,
    includeSubunits: meta.includeSubunits,
    ...(meta.id != null && { id: meta.id }),
    status: meta.status ?? 'compiled',
    contentHash: meta.contentHash ?? null,
    finalisedAt: meta.finalisedAt ?? null,
    figures: Object.fromEntries(figures.map((f) => [f.key, f.value])),
    figureDetails: figures.map((f) => ({ key: f.key, label: f.label, value: f.value, unit: f.unit, source: f.source, recordIds: f.recordIds, ...(f.query != null && { query: f.query }), cell: f.cell })),
    tables,
    preface: (report.preface ?? []).map((p) => p.text),
    sections: (report.sections ?? []).map((s) => ({ key: s.key, title: s.title, paragraphs: s.paragraphs.map((p) => ({ text: p.text, origin: p.origin })), tables: s.tableIds })),
    anomalies: report.anomalies ?? [],
    valid: findings.every((f) => f.passed || f.level === 'warning'),
    validation: findings.map((f) => ({ rule: f.rule, level: f.level, passed: f.passed, message: f.message, ...(f.cells !== undefined && { cells: f.cells }) })),
  };
}

/** The JSON text of a report (pretty-printed). */
export function renderReportJson(report: ReportSnapshot, findings: readonly ValidationFinding[], meta: ReportJsonMeta): string {
  return JSON.stringify(reportJson(report, findings, meta), null, 2);
}
