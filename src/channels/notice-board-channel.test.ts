import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { extractText } from '../documents/extract-text.ts';
import type { NoticeBoardSheet } from '../services/manage-deliveries.ts';
import { renderNoticeBoardSheet } from './notice-board-channel.ts';
import { renderNoticeBoardSheetPdf } from './notice-board-pdf.ts';
import { QR_OPTIONS, qrPng } from './qr-code.ts';

const SHEET: NoticeBoardSheet = {
  agencyId: 5,
  agencyName: '黔城镇大湾村民委员会',
  boardName: '大湾村政务公开栏',
  weekStartOn: '2026-11-23',
  weekEndOn: '2026-11-29',
  items: [
    { itemId: 7, title: '2026年临时救助对象公示', summary: '公示临时救助对象 3 户。', indexNumber: '11431281MB1234567X/2026-00007', documentNumber: null, publishedOn: '2026-11-26', itemPath: '/xxgk/items/7' },
    { itemId: 8, title: '关于冬季森林防火的通告', summary: '', indexNumber: '11431281MB1234567X/2026-00008', documentNumber: '黔政发〔2026〕12号', publishedOn: '2026-11-27', itemPath: '/xxgk/items/8' },
  ],
  printedAt: null,
};
const URLS = ['https://xxgk.example.gov.cn/xxgk/items/7', 'https://xxgk.example.gov.cn/xxgk/items/8'];

// jsqr is a CommonJS bundle whose typings declare an ES default export.
const jsQR = (jsqr as unknown as { default: typeof jsqr.default }).default;

/** Decodes the QR code in an RGBA bitmap. */
function decodeQr(rgba: Uint8ClampedArray, width: number, height: number): string | undefined {
  return jsQR(rgba, width, height)?.data;
}

test('the QR matrix of a link encodes the link; the PNG made from it decodes back to it', async () => {
  const qr = QRCode.create(URLS[0]!, QR_OPTIONS);
  assert.equal(qr.segments.length, 1);
  assert.equal(qr.segments[0]!.mode.id, 'Byte');
  assert.equal(Buffer.from((qr.segments[0] as unknown as { data: Uint8Array }).data).toString('utf8'), URLS[0], 'the matrix carries the URL’s bytes');
  const png = PNG.sync.read(await qrPng(URLS[0]!));
  assert.equal(decodeQr(new Uint8ClampedArray(png.data), png.width, png.height), URLS[0]);
  assert.notEqual(decodeQr(new Uint8ClampedArray(PNG.sync.read(await qrPng(URLS[1]!)).data), png.width, png.height), URLS[0], 'another link gives another code');
});

test('the week’s notice-board sheet is an A4 DOCX that opens, with each item, its index number, link and a QR code of the link', async () => {
  const bytes = await renderNoticeBoardSheet(SHEET, { publicUrl: 'https://xxgk.example.gov.cn' });
  assert.equal(Buffer.from(bytes.slice(0, 2)).toString('latin1'), 'PK');
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  assert.match(text, /黔城镇大湾村民委员会政务公开栏/);
  assert.match(text, /2026-11-23 至 2026-11-29 公开信息（共 2 条）/);
  assert.match(text, /2026年临时救助对象公示/);
  assert.match(text, /网址：https:\/\/xxgk\.example\.gov\.cn\/xxgk\/items\/8/);
  assert.match(text, /黔政发〔2026〕12号/);
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/, 'A4 portrait');
  // One embedded PNG per item, placed in the document, each decoding to that item's page.
  const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
  assert.equal(media.length, 2);
  assert.equal((xml.match(/<pic:pic\b/g) ?? []).length, 2, 'both images are drawn in the table');
  assert.match(xml, /descr="https:\/\/xxgk\.example\.gov\.cn\/xxgk\/items\/7"/, 'the image says what it links to');
  const decoded = await Promise.all(
    media.map(async (f) => {
      const png = PNG.sync.read(Buffer.from(await zip.file(f)!.async('uint8array')));
      return decodeQr(new Uint8ClampedArray(png.data), png.width, png.height);
    }),
  );
  assert.deepEqual(decoded.sort(), URLS);
});

test('without a public address there is no link to scan: the sheet shows the path and no QR code', async () => {
  const zip = await JSZip.loadAsync(await renderNoticeBoardSheet(SHEET, {}));
  assert.equal(Object.keys(zip.files).filter((f) => f.startsWith('word/media/')).length, 0);
  assert.match((await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ''), /网址：\/xxgk\/items\/7/);
});

test('the sheet as an A4 PDF: the Chinese text is real text, and each QR image decodes to its item’s page', { timeout: 60_000 }, async () => {
  const bytes = await renderNoticeBoardSheetPdf(SHEET, { publicUrl: 'https://xxgk.example.gov.cn' });
  assert.equal(Buffer.from(bytes.slice(0, 5)).toString('latin1'), '%PDF-');
  const { kind, text } = await extractText(bytes);
  assert.equal(kind, 'pdf');
  for (const s of ['黔城镇大湾村民委员会政务公开栏', '2026年临时救助对象公示', '黔政发〔2026〕12号', 'https://xxgk.example.gov.cn/xxgk/items/8']) assert.ok(text.replace(/\s+/g, '').includes(s.replace(/\s+/g, '')), s);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false, isOffscreenCanvasSupported: false } as never).promise;
  const page = await doc.getPage(1);
  const [width, height] = [page.view[2]!, page.view[3]!];
  assert.ok(Math.abs(width - 595.28) < 0.5 && Math.abs(height - 841.89) < 0.5, 'A4 portrait');
  const ops = await page.getOperatorList();
  const decoded: string[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
    const image = await new Promise<{ width: number; height: number; kind: number; data: Uint8ClampedArray }>((resolve) => page.objs.get(ops.argsArray[i][0] as string, resolve as never));
    assert.equal(image.kind, pdfjs.ImageKind.RGBA_32BPP);
    const found = decodeQr(image.data, image.width, image.height);
    if (found) decoded.push(found);
  }
  assert.deepEqual(decoded.sort(), URLS);
});
