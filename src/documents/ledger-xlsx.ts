/**
 * Ledgers (台账) as files: reads the first sheet of an XLSX workbook (exceljs) or a CSV file
 * (RFC 4180, UTF-8 with or without BOM, or GBK as Excel saves it on Chinese Windows) into a
 * table of text cells keyed by the header row, and writes tables back as XLSX or CSV.
 */
import ExcelJS from 'exceljs';
import { DEFAULT_ZIP_LIMITS, verifyZipInflation, ZipLimitError, type ZipLimits } from './zip-limits.ts';
import type { LedgerTable } from '../services/ports.ts';
import { CsvFormatError, formatCsv, parseCsv, restoreCsvCell } from './csv.ts';

export { parseCsv };

/** A file that is neither a readable workbook nor a CSV table. */
export class LedgerFileError extends Error {
  override name = 'LedgerFileError';
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel on Chinese Windows saves “CSV” in GBK (GB18030 is its superset).
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** The text of a cell as a clerk sees it; dates become YYYY-MM-DD (Excel stores them as UTC midnight). */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

function toTable(grid: string[][]): LedgerTable {
  const nonEmpty = (r: string[]) => r.some((c) => c.trim() !== '');
  const headerIndex = grid.findIndex(nonEmpty);
  if (headerIndex < 0) return { headers: [], rows: [] };
  const headers = grid[headerIndex]!.map((h) => h.trim().replace(/\s+/g, '').replace(/[*＊]$/, ''));
  const rows: LedgerTable['rows'] = [];
  for (let i = headerIndex + 1; i < grid.length; i++) {
    const r = grid[i]!;
    if (!nonEmpty(r)) continue;
    const cells: Record<string, string> = {};
    headers.forEach((h, j) => {
      // Cells exported as CSV carry an apostrophe against formulas and number rounding (csv.ts); a spreadsheet
      // that opened such a file may keep it as text when saving to XLSX. Either way only that apostrophe goes.
      if (h !== '') cells[h] = restoreCsvCell((r[j] ?? '').trim());
    });
    rows.push({ line: i + 1, cells });
  }
  return { headers: headers.filter((h) => h !== ''), rows };
}

/** Reads a ledger file (XLSX or CSV) into a table; `line` is the spreadsheet row number for error messages. */
export async function readLedger(bytes: Uint8Array, zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<LedgerTable> {
  if (!isZip(bytes)) {
    try {
      return toTable(parseCsv(decodeText(bytes)));
    } catch (e) {
      if (e instanceof CsvFormatError) throw new LedgerFileError(e.message);
      throw e;
    }
  }
  // Refuse a workbook that unpacks beyond the limits (a zip bomb) before ExcelJS inflates it.
  try {
    verifyZipInflation(bytes, zipLimits);
  } catch (e) {
    if (e instanceof ZipLimitError) throw new LedgerFileError(e.message);
    throw e;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new LedgerFileError(`无法读取 Excel 文件：${e instanceof Error ? e.message : String(e)}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new LedgerFileError('Excel 文件中没有工作表。');
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = row.values as ExcelJS.CellValue[];
    grid[rowNumber - 1] = values.slice(1).map(cellText);
  });
  for (let i = 0; i < grid.length; i++) grid[i] ??= [];
  return toTable(grid);
}

/** Writes a table as an XLSX workbook with one sheet, a bold frozen header row and text cells. */
export async function writeLedgerXlsx(sheetName: string, headers: readonly string[], rows: readonly (readonly string[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...headers]).font = { bold: true };
  for (const r of rows) sheet.addRow([...r]);
  headers.forEach((h, i) => {
    const col = sheet.getColumn(i + 1);
    // Text format keeps 索引号 and dates exactly as written (no scientific notation, no date guessing).
    col.numFmt = '@';
    col.width = Math.min(40, Math.max(10, h.length * 2 + 4));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Writes a table as CSV text (csv.ts: one BOM, formulas neutralised, long numbers kept as text). */
export function writeLedgerCsv(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return formatCsv([headers, ...rows]);
}
