/**
 * Reads a filled official report — its text and the cells of its tables, as a DOCX or HTML reader
 * extracted them — into the JSON form `importReportTables` validates, so that a year before Gongkai was
 * installed still gives the next year its 上年结转 (2019/2021 formats, domain-reference §2.1–2.2). Tables
 * are recognised by their words: 表二 by “第二十条第（一）项”, 表三 by “本年新收政府信息公开申请数量”, 表四
 * by “行政复议” with “行政诉讼”. In each data row the values are the row's last cells (as many as the
 * official columns) and its label is the cell just before them, so a merged group cell (“（三）不予公开”)
 * on the left does not matter.
 */
import { normaliseLabel } from './import-report-tables.ts';
import { REPORT_FORMATS, defaultFormatFor, type ReportFormat } from './report-formats.ts';
import type { TableId } from './report-table.ts';
import { TABLE_FOUR_ROW } from './table-four.ts';
import { officialTablesFor } from './table-templates.ts';

/** A document as a reader extracted it: its text outside tables, and each table's rows of cell texts (merged cells once, where they start). */
export interface ReportDocumentContent {
  readonly text: string;
  readonly tables: ReadonlyArray<ReadonlyArray<readonly string[]>>;
}

/** The JSON form read from a document, or why it could not be read. */
export type ReportDocumentReading = { readonly ok: true; readonly json: { year: number; format: ReportFormat; tables: RawDocumentTable[] }; readonly notes: readonly string[] } | { readonly ok: false; readonly problems: readonly string[] };

interface RawDocumentTable {
  id: TableId;
  rows: Array<{ key?: string; label?: string; values: string[] }>;
}

const compact = (s: string) => normaliseLabel(s);
const hasCell = (table: ReadonlyArray<readonly string[]>, words: string) => table.some((row) => row.some((c) => compact(c).includes(words)));

/** The year named in the title (“黔城镇人民政府2024年政府信息公开工作年度报告”, “2024年度…”). */
export function yearOfReportTitle(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年度?\s*(?:[^\s。，]{0,12})?政府信息公开工作(?:年度)?报告/.exec(text.replace(/\s+/g, ''));
  return m ? Number(m[1]) : null;
}

/** The format the tables are printed in: 2021 (本年制发件数 …), 2019 (本年新制作数量 …), else the year's default. */
function formatOf(tables: ReadonlyArray<ReadonlyArray<readonly string[]>>, year: number): ReportFormat {
  if (tables.some((t) => hasCell(t, '本年新制作数量') || hasCell(t, '对外公开总数量'))) return '2019';
  if (tables.some((t) => hasCell(t, '本年制发件数') || hasCell(t, '现行有效件数'))) return '2021';
  return defaultFormatFor(year);
}

/** Reads the official tables 二、三、四 of a filled report document into the JSON form of a past report. */
export function readReportDocument(doc: ReportDocumentContent, options: { year?: number; format?: ReportFormat } = {}): ReportDocumentReading {
  const problems: string[] = [];
  const notes: string[] = [];
  const year = options.year ?? yearOfReportTitle(doc.text) ?? yearOfReportTitle(doc.tables.flat(2).join(''));
  if (year === null) return { ok: false, problems: ['文件标题中找不到报告年度（如“2024年政府信息公开工作年度报告”），请指定年度。'] };
  const format = options.format ?? formatOf(doc.tables, year);
  if (!(REPORT_FORMATS as readonly string[]).includes(format) || format === '2008') {
    return { ok: false, problems: [`${String(year)}年度的报告为 2008 年格式的叙述体，没有可导入的统计表；请导入 2019 或 2021 格式的报告。`] };
  }
  if (options.format === undefined) notes.push(`按表格文字识别为 ${format} 格式。`);
  const templates = officialTablesFor(format);
  const out: RawDocumentTable[] = [];

  // 表二: clause sub-tables stacked in one printed table, or printed one by one; each clause caption opens its sub-table.
  const clauseTables = doc.tables.filter((t) => hasCell(t, '第二十条第（一）项') || (hasCell(t, '第二十条第') && hasCell(t, '信息内容')));
  if (clauseTables.length === 0) problems.push('文件中找不到表二“主动公开政府信息情况”（以“第二十条第（一）项”开头的表格）。');
  const subTables = new Map<TableId, RawDocumentTable>();
  let current: (typeof templates)[number] | undefined;
  for (const table of clauseTables) {
    for (const row of table) {
      const caption = row.map(compact).find((c) => /^第二十条第（[一二三四五六七八九十]+）项$/.test(c));
      if (caption !== undefined) {
        current = templates.find((t) => t.id.startsWith('table2_') && compact(t.caption ?? '') === caption);
        if (current === undefined) notes.push(`表二的“${caption}”不属于 ${format} 格式，已忽略。`);
        else if (!subTables.has(current.id)) subTables.set(current.id, { id: current.id, rows: [] });
        continue;
      }
      if (current === undefined) continue;
      const template = current;
      const width = template.columns.length;
      if (row.length < width + 1) continue;
      const label = compact(row[row.length - width - 1]!);
      const match = template.rows.find((r) => compact(r.label) === label);
      if (match !== undefined) subTables.get(template.id)!.rows.push({ key: match.key, label: match.label, values: row.slice(row.length - width) });
    }
  }
  for (const t of templates.filter((x) => x.id.startsWith('table2_'))) {
    const found = subTables.get(t.id);
    if (found !== undefined) out.push(found);
    else if (clauseTables.length > 0) problems.push(`表二缺少“${t.caption ?? t.id}”部分。`);
  }

  // 表三: 25 (2021) or 23 (2019) data rows of 7 values.
  const three = doc.tables.find((t) => hasCell(t, '本年新收政府信息公开申请数量'));
  const threeTemplate = templates.find((t) => t.id === 'table3')!;
  if (three === undefined) problems.push('文件中找不到表三“收到和处理政府信息公开申请情况”（含“本年新收政府信息公开申请数量”的表格）。');
  else {
    const width = threeTemplate.columns.length;
    const rows: RawDocumentTable['rows'] = [];
    for (const row of three) {
      if (row.length < width + 1) continue;
      const label = compact(row[row.length - width - 1]!);
      const match = threeTemplate.rows.find((r) => compact(r.label) === label);
      if (match !== undefined) rows.push({ key: match.key, label: match.label, values: row.slice(row.length - width) });
    }
    if (rows.length === 0) problems.push('表三中没有可识别的数据行（如“一、本年新收政府信息公开申请数量”后接 7 个数值）。');
    out.push({ id: 'table3', rows });
  }

  // 表四: one data row of 15 values under the 行政复议 / 行政诉讼 headings.
  const four = doc.tables.find((t) => hasCell(t, '行政复议') && hasCell(t, '行政诉讼') && !hasCell(t, '本年新收政府信息公开申请数量'));
  const fourTemplate = templates.find((t) => t.id === 'table4')!;
  if (four === undefined) problems.push('文件中找不到表四“政府信息公开行政复议、行政诉讼情况”（含“行政复议”“行政诉讼”的表格）。');
  else {
    const width = fourTemplate.columns.length;
    const data = [...four].reverse().find((row) => row.length >= width && !row.slice(row.length - width).some((c) => /结果|审结|总计|复议|诉讼|起诉/.test(c)));
    if (data === undefined) problems.push(`表四中找不到 ${String(width)} 个数值的数据行。`);
    else out.push({ id: 'table4', rows: [{ key: TABLE_FOUR_ROW, values: data.slice(data.length - width) }] });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, json: { year, format, tables: out }, notes };
}
