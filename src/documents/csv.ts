/**
 * CSV as every export writes it: RFC 4180 (fields with commas, quotes or line breaks in double
 * quotes, quotes doubled, CRLF line ends), UTF-8 with exactly one byte-order mark so that Excel on
 * Chinese Windows reads the Chinese, and cells made safe for spreadsheets:
 *
 * - A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or with white space and then
 *   one of the first four) would be run as a formula (OWASP “CSV Injection”: `=HYPERLINK(…)` in an
 *   applicant's name). It gets a leading apostrophe `'`.
 * - A digit string Excel would turn into a number and damage — 12 or more digits (scientific notation;
 *   beyond 15 digits the last ones become 0, so an ID number loses its last three) or a leading zero
 *   (postcodes) — gets the same apostrophe and is quoted, so it opens as text with every digit.
 *
 * Why the apostrophe: the other known tricks are worse. `="…"` is itself a formula, and a leading tab
 * is one of the characters the injection rule exists for (and is invisible data). Excel opening a CSV
 * may show the apostrophe, but it never computes or rounds the cell, and the mark is plain to a reader
 * and to other programs. A cell that starts with an apostrophe of its own gets a second one, so
 * `restoreCsvCell` can undo exactly what was added: exported ledgers import again unchanged. For work
 * in Excel the XLSX exports (text-formatted cells) remain the better choice.
 */

/** The UTF-8 byte-order mark that starts every CSV file written here (once). */
export const CSV_BOM = '\uFEFF';

// OWASP's list, and the same after leading white space, which some spreadsheet programs skip.
const FORMULA_START = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;
const FRAGILE_DIGITS = /^(?:\d{12,}|0\d+)$/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?%?$/;

/** The text of a value as a spreadsheet should see it: formulas neutralised, long digit strings kept as text. */
function neutralise(text: string): string {
  if (FRAGILE_DIGITS.test(text)) return `'${text}`;
  if (PLAIN_NUMBER.test(text)) return text;
  if (FORMULA_START.test(text) || text.startsWith("'")) return `'${text}`;
  return text;
}

/** One CSV field: neutralised, then quoted when it holds a comma, quote or line break, edge spaces, or was neutralised. */
export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value).replaceAll(CSV_BOM, '');
  const safe = neutralise(text);
  return safe !== text || /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole CSV file: the byte-order mark, then one CRLF-terminated line per row. */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return CSV_BOM + rows.map((r) => r.map(csvCell).join(',') + '\r\n').join('');
}

/** Undoes the apostrophe `csvCell` adds (and only that one), for reading an exported file back. */
export function restoreCsvCell(cell: string): string {
  if (!cell.startsWith("'")) return cell;
  const rest = cell.slice(1);
  return FRAGILE_DIGITS.test(rest) || FORMULA_START.test(rest) || rest.startsWith("'") ? rest : cell;
}

/** Parses CSV text by RFC 4180: quoted fields may hold commas, quotes ("") and line breaks; a leading BOM is skipped. */
export function parseCsv(text: string): string[][] {
  // Runs of ordinary characters are copied as slices, not character by character: a field built one
  // character at a time is a chain of thousands of string pieces, and a 100 000-row ledger held that
  // way takes gigabytes.
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const special = /[",\r\n]/g;
  while (i < text.length) {
    if (quoted) {
      const j = text.indexOf('"', i);
      if (j < 0) throw new CsvFormatError('CSV 文件格式错误：引号未闭合。');
      field += text.slice(i, j);
      if (text.charCodeAt(j + 1) === 0x22) {
        field += '"';
        i = j + 2;
      } else {
        quoted = false;
        i = j + 1;
      }
      continue;
    }
    special.lastIndex = i;
    const j = special.exec(text)?.index ?? text.length;
    if (j > i) field += text.slice(i, j);
    if (j === text.length) break;
    const c = text[j]!;
    i = j + 1;
    if (c === '"') {
      if (field === '') quoted = true;
      else field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else {
      if (c === '\r' && text[i] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    }
  }
  if (quoted) throw new CsvFormatError('CSV 文件格式错误：引号未闭合。');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Text that is not well-formed CSV. */
export class CsvFormatError extends Error {}
