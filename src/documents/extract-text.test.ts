import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { detectDocumentKind, extractText, UnsupportedDocumentError } from './extract-text.ts';

const ID = '431281199003071234'.slice(0, 17);

async function docxBytes(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun('黔城镇2017年耕地地力保护补贴发放名单')] }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph('张三')] }), new TableCell({ children: [new Paragraph(`${ID}X`)] })] }),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function xlsxBytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('补贴名单');
  ws.addRow(['姓名', '身份证号', '联系电话']);
  ws.addRow(['李四', `${ID}X`, '13812345678']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function pdfBytes(): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.text('Phone 13812345678');
    doc.text('Case No. 2017-12');
    doc.end();
  });
}

test('kinds are decided by content, not by name', async () => {
  assert.equal(await detectDocumentKind(await docxBytes()), 'docx');
  assert.equal(await detectDocumentKind(await xlsxBytes()), 'xlsx');
  assert.equal(await detectDocumentKind(await pdfBytes()), 'pdf');
  assert.equal(await detectDocumentKind(new TextEncoder().encode('<!DOCTYPE html><p>公告</p>')), 'html');
  assert.equal(await detectDocumentKind(new TextEncoder().encode('通知')), 'text');
  await assert.rejects(detectDocumentKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0])), UnsupportedDocumentError);
  await assert.rejects(detectDocumentKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0, 0])), /无法识别/);
});

test('DOCX, XLSX, PDF, HTML and GB18030 text are extracted', async () => {
  const docx = await extractText(await docxBytes());
  assert.match(docx.text, /耕地地力保护补贴/);
  assert.ok(docx.text.includes(`${ID}X`));
  const xlsx = await extractText(await xlsxBytes());
  assert.match(xlsx.text, /【补贴名单】/);
  assert.ok(xlsx.text.includes(`李四\t${ID}X\t13812345678`));
  const pdf = await extractText(await pdfBytes());
  assert.match(pdf.text, /Phone 13812345678/);
  const html = await extractText(new TextEncoder().encode('<html><body><p>联系电话：<b>13812345678</b></p><script>x()</script></body></html>'));
  assert.equal(html.text.trim(), '联系电话：13812345678');
  // “公告” in GB18030.
  const gbk = await extractText(new Uint8Array([0xb9, 0xab, 0xb8, 0xe6]));
  assert.equal(gbk.text, '公告');
});
