import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { readLedger, writeLedgerCsv } from './ledger-xlsx.ts';

const HEADERS = ['申请人姓名或名称', '证件号码', '通信地址'];
const ROW = ['=HYPERLINK("http://x","y")', '431281199003071228', "'原样的单引号"];

test('a CSV ledger written here reads back unchanged (the added apostrophes are removed, no others)', async () => {
  const table = await readLedger(new TextEncoder().encode(writeLedgerCsv(HEADERS, [ROW])));
  assert.deepEqual(table.rows.map((r) => HEADERS.map((h) => r.cells[h])), [ROW]);
});

test('an exported CSV saved again as XLSX in a spreadsheet (apostrophes kept as text) reads back unchanged', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(HEADERS);
  sheet.addRow(["'=HYPERLINK(\"http://x\",\"y\")", "'431281199003071228", "''原样的单引号"]);
  const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
  const table = await readLedger(bytes);
  assert.deepEqual(table.rows.map((r) => HEADERS.map((h) => r.cells[h])), [ROW]);
});
