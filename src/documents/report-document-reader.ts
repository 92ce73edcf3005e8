/**
 * Reads a filled annual report — a Word document (DOCX, through mammoth's HTML) or a web page (HTML,
 * UTF-8 or GB2312/GBK as many government sites still serve) — into its text and the cell texts of its
 * tables, for `readReportDocument` to find the official tables in. Merged cells appear once, where they
 * start; a table nested in a cell adds its text to that cell.
 */
import mammoth from 'mammoth';
import { DEFAULT_ZIP_LIMITS, verifyZipInflation, ZipLimitError, type ZipLimits } from './zip-limits.ts';
import type { ReportDocumentContent } from '../domain/reports/index.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', middot: '·' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The text outside tables and the rows of cell texts of each top-level table of an HTML document. */
export function readHtmlTables(html: string): ReportDocumentContent {
  const clean = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '');
  const tables: string[][][] = [];
  let text = '';
  let depth = 0;
  let rows: string[][] = [];
  let row: string[] | null = null;
  let cell: string | null = null;
  const token = /<(\/?)([a-z][a-z0-9]*)\b[^>]*>|([^<]+)/gi;
  for (const m of clean.matchAll(token)) {
    const [, closing, rawTag, chunk] = m;
    if (chunk !== undefined) {
      const t = decodeEntities(chunk);
      if (depth === 0) text += t;
      else if (cell !== null) cell += t;
      continue;
    }
    const tag = rawTag!.toLowerCase();
    if (tag === 'table') {
      if (closing) {
        depth = Math.max(0, depth - 1);
        if (depth === 0) {
          if (row !== null) rows.push(row);
          tables.push(rows.filter((r) => r.length > 0));
          rows = [];
          row = null;
          cell = null;
        }
      } else depth += 1;
      continue;
    }
    if (depth !== 1) {
      // Inside a nested table its words join the enclosing cell; outside tables, block tags separate text.
      if (depth > 1 && cell !== null && (tag === 'td' || tag === 'th' || tag === 'br' || tag === 'p')) cell += ' ';
      else if (depth === 0 && (tag === 'p' || tag === 'br' || tag === 'div' || /^h[1-6]$/.test(tag))) text += '\n';
      continue;
    }
    if (tag === 'tr') {
      if (cell !== null && row !== null) row.push(cell.trim());
      cell = null;
      if (row !== null) rows.push(row);
      row = closing ? null : [];
    } else if (tag === 'td' || tag === 'th') {
      if (closing) {
        if (cell !== null) (row ??= []).push(cell.replace(/\s+/g, ' ').trim());
        cell = null;
      } else {
        if (cell !== null) (row ??= []).push(cell.replace(/\s+/g, ' ').trim());
        cell = '';
      }
    } else if (cell !== null && (tag === 'br' || tag === 'p')) cell += ' ';
  }
  return { text: text.replace(/[ \t]+/g, ' '), tables };
}

/** Whether bytes are a ZIP package (DOCX). */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Decodes an HTML page: UTF-8 unless it declares (or only decodes as) GB2312/GBK/GB18030. */
function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  if (/charset\s*=\s*["']?\s*(gb2312|gbk|gb18030)/i.test(head)) return new TextDecoder('gb18030').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Thrown when a file is neither a Word document nor a web page. */
export class UnreadableReportDocumentError extends Error {
  override name = 'UnreadableReportDocumentError';
}

/** Reads a DOCX or HTML report into its text and table cells. */
export async function readReportDocumentContent(bytes: Uint8Array, zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ReportDocumentContent> {
  if (isZip(bytes)) {
    // Refuse a document that unpacks beyond the limits (a zip bomb) before mammoth inflates it.
    try {
      verifyZipInflation(bytes, zipLimits);
    } catch (e) {
      if (e instanceof ZipLimitError) throw new UnreadableReportDocumentError(e.message);
      throw e;
    }
    try {
      const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
      return readHtmlTables(value);
    } catch {
      throw new UnreadableReportDocumentError('无法读取该 Word 文件（只支持 .docx，不支持旧版 .doc）。');
    }
  }
  const html = decodeHtml(bytes);
  if (!/<table\b/i.test(html)) throw new UnreadableReportDocumentError('文件不是 Word（.docx）或网页（HTML）格式的年度报告，或其中没有表格。');
  return readHtmlTables(html);
}
