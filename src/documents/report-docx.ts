/**
 * The annual report as a Word document (docx): A4, 宋体 (SimSun, set as the East Asian font), the title
 * centred, the parts as headings, and the official tables with their merged header cells (gridSpan for
 * column spans, vMerge for row spans) exactly as the printed format draws them.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import type { ReportSnapshot } from '../domain/reports/index.ts';
import { printedSections, reportTitle, type PrintedCell, type PrintedTable } from './report-layout.ts';

const FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun', cs: 'SimSun' };
const HEADING_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei', cs: 'SimHei' };
/** A4 in twentieths of a point, and the text width inside the margins. */
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1440, bottom: 1440, left: 1440, right: 1440 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const run = (text: string, options: { bold?: boolean; size?: number; font?: typeof FONT } = {}) =>
  new TextRun({ text, bold: options.bold, size: options.size ?? 24, font: options.font ?? FONT });

function body(text: string): Paragraph {
  return new Paragraph({ children: [run(text)], indent: { firstLine: 480 }, spacing: { line: 400 } });
}

function cellOf(c: PrintedCell, columnWidth: number): TableCell {
  return new TableCell({
    children: [new Paragraph({ alignment: c.heading && c.scope === 'row' ? AlignmentType.LEFT : AlignmentType.CENTER, children: [run(c.text, { size: 18 })] })],
    ...(c.colSpan > 1 && { columnSpan: c.colSpan }),
    ...(c.rowSpan > 1 && { rowSpan: c.rowSpan }),
    width: { size: columnWidth * c.colSpan, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
  });
}

function tableOf(t: PrintedTable): Array<Paragraph | Table> {
  // Stub columns of table 三 carry long labels: they get more room than the count columns.
  const stub = t.ids.includes('table3') ? 3 : t.ids[0]?.startsWith('table2') ? 1 : 0;
  const weights = Array.from({ length: t.width }, (_, i) => (i < stub ? (t.ids.includes('table3') ? [1.2, 1.3, 3][i] ?? 1 : 2.5) : 1));
  const unit = TEXT_WIDTH / weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor(w * unit));
  const avg = Math.floor(TEXT_WIDTH / t.width);
  const rows = [...t.head, ...t.body].map(
    (cells, i) => new TableRow({ tableHeader: i < t.head.length, children: cells.map((c) => cellOf(c, avg)) }),
  );
  return [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 200, after: 100 }, children: [run(t.caption, { bold: true, size: 21 })] }),
    new Table({ rows, columnWidths, width: { size: TEXT_WIDTH, type: WidthType.DXA } }),
  ];
}

/** Options of the document. */
export interface ReportDocxOptions {
  readonly note?: string;
}

/** Renders a report to DOCX bytes. */
export async function renderReportDocx(report: ReportSnapshot, options: ReportDocxOptions = {}): Promise<Uint8Array> {
  const title = reportTitle(report);
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run(title, { bold: true, size: 36 })] }),
  ];
  if (options.note) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(options.note, { size: 18 })] }));
  for (const p of report.preface ?? []) children.push(body(p.text));
  for (const s of printedSections(report)) {
    if (s.title !== '') children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 120 }, children: [run(s.title, { size: 28, font: HEADING_FONT })] }));
    for (const p of s.paragraphs) children.push(body(p));
    for (const t of s.tables) children.push(...tableOf(t));
  }
  const doc = new Document({
    creator: report.agency?.name ?? 'Gongkai',
    title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
