/**
 * The downloadable template of a ledger (台账模板): the first sheet has the Chinese headers (required
 * ones marked *, which the import ignores) and one example row; the second sheet explains each
 * column and lists the values it accepts.
 */
import ExcelJS from 'exceljs';

export interface LedgerTemplateSheet {
  /** e.g. “主动公开信息台账”. */
  title: string;
  headers: readonly string[];
  example: readonly string[];
  columns: ReadonlyArray<{ header: string; required: boolean; note: string; allowed: readonly string[] }>;
}

/** Writes the template as an XLSX workbook. */
export async function writeLedgerTemplateXlsx(template: LedgerTemplateSheet): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Gongkai';
  const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  const required = new Set(template.columns.filter((c) => c.required).map((c) => c.header));
  sheet.addRow(template.headers.map((h) => (required.has(h) ? `${h}*` : h))).font = { bold: true };
  const example = sheet.addRow([...template.example]);
  example.font = { italic: true, color: { argb: 'FF555555' } };
  template.headers.forEach((h, i) => {
    const col = sheet.getColumn(i + 1);
    // Text format keeps 索引号 and dates exactly as typed (no scientific notation, no date guessing).
    col.numFmt = '@';
    col.width = Math.min(40, Math.max(12, h.length * 2 + 4));
  });

  const notes = workbook.addWorksheet('填写说明');
  notes.addRow([`${template.title}填写说明`]).font = { bold: true, size: 14 };
  notes.addRow(['“台账”工作表第 2 行是示例，导入前请删除或改写（原样保留的示例行会被拒绝）。带 * 的列必填；日期写作 2025-03-05，也可写 2025/3/5 或 2025年3月5日。']);
  notes.addRow([]);
  notes.addRow(['列名', '是否必填', '说明', '可填的值']).font = { bold: true };
  for (const c of template.columns) {
    const row = notes.addRow([c.header, c.required ? '必填' : '选填', c.note, c.allowed.join('\n')]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  notes.getColumn(1).width = 22;
  notes.getColumn(2).width = 10;
  notes.getColumn(3).width = 50;
  notes.getColumn(4).width = 60;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
