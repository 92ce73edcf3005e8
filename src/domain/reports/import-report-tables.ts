/**
 * Reads a past report from its JSON form — the model this module compiles, round-tripped, or a hand-typed
 * subset of it — so that a year before installation still gives the next year its 上年结转 and its
 * 现行有效件数. Rows are matched by key or by their printed label (straight quotes in “三安全一稳定”
 * accepted); a blank cell stays blank (null), distinct from 0 (domain-reference §2.1.5 第7条).
 */
import { z } from 'zod';
import { AGENCY_KINDS } from '../organisations/agency.ts';
import { ANOMALY_REASONS, PARAGRAPH_ORIGINS, type ReportSnapshot } from './annual-report.ts';
import { FIGURE_SOURCES, FIGURE_UNITS, isFigureKey, type Figure } from './figures.ts';
import { REPORT_FORMATS, defaultFormatFor } from './report-formats.ts';
import { SECTION_KEYS } from './report-sections.ts';
import { TABLE_IDS, type CellRef, type CellValue, type ReportTable } from './report-table.ts';
import { officialTablesFor } from './table-templates.ts';

/** The outcome of an import: the report, the blank cells and what was adjusted; or the problems that stop it. */
export type ImportReportResult =
  | { readonly ok: true; readonly report: ReportSnapshot; readonly blanks: readonly CellRef[]; readonly notes: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const rawCell = z.union([z.number(), z.string(), z.null()]).optional();
const rawTable = z.object({
  id: z.string(),
  columns: z.array(z.object({ key: z.string().optional(), label: z.string().optional() })).optional(),
  rows: z.array(z.object({ key: z.string().optional(), label: z.string().optional(), values: z.array(rawCell) })),
});
const cellRef = z.object({ table: z.enum(TABLE_IDS), row: z.string(), column: z.string() });
const figure = z.object({
  key: z.string().refine(isFigureKey, '未知的指标'),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.enum(FIGURE_UNITS),
  source: z.enum(FIGURE_SOURCES),
  recordIds: z.array(z.string()),
  cell: cellRef.nullable(),
});
const paragraph = z.object({
  text: z.string(),
  origin: z.enum(PARAGRAPH_ORIGINS),
  quotes: z.array(z.object({ figure: z.string().refine(isFigureKey, '未知的指标'), value: z.number().nullable(), text: z.string(), offset: z.number().int().nullable() })),
});
const reportJson = z.object({
  year: z.number().int().min(2008).max(9999),
  format: z.enum(REPORT_FORMATS).optional(),
  agency: z.object({ id: z.number().int(), name: z.string(), kind: z.enum(AGENCY_KINDS).optional() }).optional(),
  tables: z.array(rawTable).default([]),
  figures: z.array(figure).optional(),
  preface: z.array(paragraph).optional(),
  sections: z
    .array(z.object({ key: z.enum(SECTION_KEYS), title: z.string(), paragraphs: z.array(paragraph), tableIds: z.array(z.enum(TABLE_IDS)) }))
    .optional(),
  anomalies: z.array(z.object({ recordId: z.string(), reason: z.enum(ANOMALY_REASONS), message: z.string() })).optional(),
});

type RawTable = z.output<typeof rawTable>;

/** Normalises a printed label for matching: no spaces, full-width brackets, curly quotes (“三安全一稳定”). */
export function normaliseLabel(label: string): string {
  return label
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/"([^"]*)"/g, '“$1”')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/．/g, '.');
}

const BLANK_MARKS = new Set(['', '-', '—', '－', '–', '/', '／', '无', '空']);

/** Reads one cell: a number, a numeric string (full-width digits allowed), or a blank mark; undefined when unreadable. */
export function parseCell(raw: number | string | null | undefined): CellValue | undefined {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  const text = raw.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，]/g, '');
  if (BLANK_MARKS.has(text)) return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

function importTable(template: ReportTable, raw: RawTable | undefined, problems: string[], notes: string[]): ReportTable {
  const name = template.caption ?? template.id;
  if (raw === undefined) {
    notes.push(`未提供表格 ${name}，各单元格记为空白。`);
    return { ...template, rows: template.rows.map((r) => ({ ...r, values: r.values.map(() => null) })) };
  }
  // Which raw value index feeds each template column.
  let columnSource: Array<number | null>;
  if (raw.columns === undefined) {
    columnSource = template.columns.map((_, i) => i);
  } else {
    const rawColumns = raw.columns;
    const used = new Set<number>();
    // Keys first; then labels, in order, since table 四 repeats 结果维持…总计 in each group.
    const byKey = template.columns.map((c) => {
      const i = rawColumns.findIndex((rc) => rc.key === c.key);
      if (i >= 0) used.add(i);
      return i;
    });
    columnSource = template.columns.map((c, ci) => {
      let i = byKey[ci] ?? -1;
      if (i < 0) {
        i = rawColumns.findIndex((rc, ri) => !used.has(ri) && rc.key === undefined && rc.label !== undefined && normaliseLabel(rc.label) === normaliseLabel(c.label));
        if (i >= 0) used.add(i);
      }
      if (i < 0) notes.push(`表格 ${name} 缺少列“${c.label}”，记为空白。`);
      return i < 0 ? null : i;
    });
    rawColumns.forEach((rc, i) => {
      if (!columnSource.includes(i)) notes.push(`表格 ${name} 的列“${rc.label ?? rc.key ?? String(i)}”不属于官方格式，已忽略。`);
    });
  }
  const filled = new Map<string, CellValue[]>();
  for (const rawRow of raw.rows) {
    const row =
      template.rows.find((r) => rawRow.key !== undefined && r.key === rawRow.key) ??
      template.rows.find((r) => rawRow.label !== undefined && normaliseLabel(r.label) === normaliseLabel(rawRow.label));
    const rowName = rawRow.label ?? rawRow.key ?? '';
    if (row === undefined) {
      notes.push(`表格 ${name} 的行“${rowName}”不属于官方格式，已忽略。`);
      continue;
    }
    if (filled.has(row.key)) {
      problems.push(`表格 ${name} 的行“${row.label}”出现了两次。`);
      continue;
    }
    if (raw.columns === undefined && rawRow.values.length !== template.columns.length) {
      problems.push(`表格 ${name} 的行“${row.label}”有 ${String(rawRow.values.length)} 个数值，应为 ${String(template.columns.length)} 个。`);
      continue;
    }
    filled.set(
      row.key,
      columnSource.map((source, i) => {
        if (source === null) return null;
        const value = parseCell(rawRow.values[source]);
        if (value === undefined) {
          problems.push(`表格 ${name} 行“${row.label}”列“${template.columns[i]?.label ?? ''}”的值“${String(rawRow.values[source])}”不是数字。`);
          return null;
        }
        return value;
      }),
    );
  }
  return {
    ...template,
    rows: template.rows.map((r) => {
      const values = filled.get(r.key);
      if (values === undefined) notes.push(`表格 ${name} 缺少行“${r.label}”，记为空白。`);
      return { ...r, values: values ?? r.values.map(() => null) };
    }),
  };
}

/** Parses the JSON form (object or text) of a report into a snapshot whose tables have the official shape of its format. */
export function importReportTables(json: unknown): ImportReportResult {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json) as unknown;
    } catch {
      return { ok: false, problems: ['不是有效的 JSON。'] };
    }
  }
  const parsed = reportJson.safeParse(input);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '（根）'}：${i.message}`) };
  const data = parsed.data;
  const format = data.format ?? defaultFormatFor(data.year);
  const problems: string[] = [];
  const notes: string[] = data.format === undefined ? [`未注明格式，按 ${String(data.year)} 年度默认的 ${format} 格式读取。`] : [];
  const templates = officialTablesFor(format);
  for (const raw of data.tables) {
    if (!templates.some((t) => t.id === raw.id)) problems.push(`${format} 格式没有表格“${raw.id}”。`);
  }
  const ids = data.tables.map((t) => t.id);
  for (const id of new Set(ids)) if (ids.indexOf(id) !== ids.lastIndexOf(id)) problems.push(`表格“${id}”出现了两次。`);
  const tables = templates.map((t) => importTable(t, data.tables.find((raw) => raw.id === t.id), problems, notes));
  if (problems.length > 0) return { ok: false, problems };

  const blanks: CellRef[] = tables.flatMap((t) =>
    t.rows.flatMap((r) => r.values.flatMap((v, i): CellRef[] => (v === null ? [{ table: t.id, row: r.key, column: t.columns[i]?.key ?? '' }] : []))),
  );
  const report: ReportSnapshot = {
    year: data.year,
    format,
    tables,
    ...(data.figures !== undefined ? { figures: data.figures as Figure[] } : {}),
    ...(data.agency !== undefined ? { agency: data.agency } : {}),
    ...(data.preface !== undefined ? { preface: data.preface as ReportSnapshot['preface'] } : {}),
    ...(data.sections !== undefined ? { sections: data.sections as ReportSnapshot['sections'] } : {}),
    ...(data.anomalies !== undefined ? { anomalies: data.anomalies } : {}),
  };
  return { ok: true, report, blanks, notes };
}
