import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { detectDocumentKind, extractText, readDocumentText, UnsupportedDocumentError } from './extract-text.ts';
import { scanText } from '../domain/privacy/index.ts';
import { zipOf } from '../../test/zip-bombs.ts';

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

// test/fixtures/id-number-scan.png: “低保名单 张三 身份证号 431281199003071236” rendered once with
// headless Chromium (Noto Sans CJK), 820×90 — a stand-in for a scanned 低保名单.
const SCAN_PNG = new Uint8Array(readFileSync(new URL('../../test/fixtures/id-number-scan.png', import.meta.url)));
const SCANNED_ID = '431281199003071236';
const TESSERACT = '/usr/bin/tesseract';
const HAS_OCR = existsSync(TESSERACT) && /chi_sim/.test(spawnSync(TESSERACT, ['--list-langs'], { encoding: 'utf8' }).stdout ?? '');
if (!HAS_OCR) console.log('!! 未安装 tesseract-ocr 与 tesseract-ocr-chi-sim：OCR 测试只检查“未能自动检测”的分支（apt-get install tesseract-ocr tesseract-ocr-chi-sim）');

function scannedPdf(): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: [640, 120], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.image(Buffer.from(SCAN_PNG), 0, 0, { width: 640 });
    doc.end();
  });
}

test('an image or a scanned PDF without OCR is reported unreadable, never as empty text', async () => {
  const image = await readDocumentText(SCAN_PNG, {});
  assert.equal(image.status, 'unreadable');
  assert.equal(image.text, '');
  assert.match(image.note ?? '', /未配置文字识别/);
  const pdf = await readDocumentText(await scannedPdf(), {});
  assert.equal(pdf.status, 'unreadable');
  assert.match(pdf.note ?? '', /第 1 页没有可读取的文字（可能是扫描件，本机未配置文字识别 OCR）/);
  const broken = await readDocumentText(zipOf([{ name: 'word/document.xml', data: new TextEncoder().encode('<w:document><w:body>') }]), {});
  assert.equal(broken.status, 'unreadable');
  assert.match(broken.note ?? '', /文件无法读取/);
});

test(HAS_OCR ? 'with OCR (tesseract, chi_sim) the ID number in an image and in a scanned PDF is read and found' : '!! WITHOUT OCR (tesseract absent): images stay unreadable', async () => {
  if (!HAS_OCR) {
    assert.equal((await readDocumentText(SCAN_PNG, { tesseractPath: '/nonexistent/tesseract' })).status, 'unreadable');
    return;
  }
  const image = await readDocumentText(SCAN_PNG, { tesseractPath: TESSERACT });
  assert.equal(image.status, 'read');
  assert.ok(image.text.includes(SCANNED_ID), image.text);
  assert.ok(scanText(image.text).some((f) => f.kind === 'id_card' && f.severity === 'block' && f.text === SCANNED_ID));
  const pdf = await readDocumentText(await scannedPdf(), { tesseractPath: TESSERACT });
  assert.equal(pdf.status, 'read', pdf.note ?? '');
  assert.ok(scanText(pdf.text).some((f) => f.kind === 'id_card' && f.text === SCANNED_ID), pdf.text);
  // A tesseract that fails leaves the image unreadable, not empty.
  const failed = await readDocumentText(SCAN_PNG, { tesseractPath: '/bin/false' });
  assert.equal(failed.status, 'unreadable');
  assert.match(failed.note ?? '', /文字识别失败/);
});
