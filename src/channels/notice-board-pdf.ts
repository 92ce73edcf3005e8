/**
 * The week's notice-board sheet (信息公开栏，条例第二十五条) as an A4 PDF, for boards whose staff print
 * from a phone or a browser rather than from Word: each item with its index number, document number,
 * date, link and a QR code of the link. Chinese text needs a CJK font on the machine (Debian
 * `fonts-noto-cjk`); it is embedded as a subset.
 */
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { NoticeBoardSheet } from '../services/manage-deliveries.ts';
import { linkTo } from './channel-adapter.ts';
import { isScannableLink, qrPng } from './qr-code.ts';

/**
 * Where a CJK font is looked for: the file and the face in the collection. One face only: each
 * embedded CJK face costs about 1.5 s of parsing and subsetting per sheet on a small server.
 */
const FONT_CANDIDATES: ReadonlyArray<{ file: string; face: string }> = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
];

/** No Chinese font was found: the PDF cannot be made (the DOCX still can). */
export class MissingChineseFontError extends Error {
  constructor() {
    super('服务器上没有中文字体，无法生成 PDF 张贴单（请安装 fonts-noto-cjk），可先下载 Word 版。');
    this.name = 'MissingChineseFontError';
  }
}

/** The first CJK font installed, or undefined. */
function chineseFont(): { file: string; face: string } | undefined {
  return FONT_CANDIDATES.find((f) => existsSync(f.file));
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const QR_SIZE = 78;

/** Renders the week's sheet as an A4 PDF. */
export async function renderNoticeBoardSheetPdf(sheet: NoticeBoardSheet, options: { publicUrl?: string | undefined } = {}): Promise<Uint8Array> {
  const font = chineseFont();
  if (!font) throw new MissingChineseFontError();
  const qrs = await Promise.all(sheet.items.map(async (item) => {
    const link = linkTo(item.itemPath, options.publicUrl);
    return { link, png: isScannableLink(link) ? await qrPng(link, 4) : undefined };
  }));
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${sheet.boardName} ${sheet.weekStartOn}—${sheet.weekEndOn}`, Creator: 'Gongkai', Author: sheet.agencyName }, lang: 'zh-CN' });
  doc.registerFont('cjk', font.file, font.face);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const contentWidth = A4.width - 2 * MARGIN;
  doc.font('cjk').fontSize(20).text(`${sheet.agencyName}政务公开栏`, { align: 'center' });
  doc.moveDown(0.3);
  doc.font('cjk').fontSize(12).text(`${sheet.weekStartOn} 至 ${sheet.weekEndOn} 公开信息（共 ${sheet.items.length} 条）`, { align: 'center' });
  doc.moveDown(0.8);

  const textWidth = contentWidth - QR_SIZE - 16;
  sheet.items.forEach((item, i) => {
    const { link, png } = qrs[i]!;
    const details = [[item.indexNumber ? `索引号：${item.indexNumber}` : '', item.documentNumber ? `文号：${item.documentNumber}` : ''].filter(Boolean).join('　'), `公开日期：${item.publishedOn}`, `网址：${link}`].filter(Boolean);
    doc.font('cjk').fontSize(13);
    const titleHeight = doc.heightOfString(`${i + 1}. ${item.title}`, { width: textWidth });
    doc.font('cjk').fontSize(10.5);
    const summaryHeight = item.summary ? doc.heightOfString(item.summary, { width: textWidth }) + 4 : 0;
    const detailsHeight = doc.heightOfString(details.join('\n'), { width: textWidth });
    const blockHeight = Math.max(titleHeight + summaryHeight + detailsHeight + 6, png ? QR_SIZE : 0) + 14;
    if (doc.y + blockHeight > A4.height - MARGIN - 40) doc.addPage();
    const top = doc.y;
    doc.font('cjk').fontSize(13).text(`${i + 1}. ${item.title}`, MARGIN, top, { width: textWidth });
    if (item.summary) doc.font('cjk').fontSize(10.5).text(item.summary, MARGIN, doc.y + 2, { width: textWidth });
    doc.font('cjk').fontSize(10.5).fillColor('#333333').text(details.join('\n'), MARGIN, doc.y + 4, { width: textWidth }).fillColor('#000000');
    if (png) doc.image(png, MARGIN + contentWidth - QR_SIZE, top, { width: QR_SIZE, height: QR_SIZE });
    const bottom = Math.max(doc.y, top + (png ? QR_SIZE : 0)) + 8;
    doc.moveTo(MARGIN, bottom).lineTo(MARGIN + contentWidth, bottom).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.x = MARGIN;
    doc.y = bottom + 6;
  });

  if (doc.y > A4.height - MARGIN - 60) doc.addPage();
  doc.moveDown(0.5);
  doc.font('cjk').fontSize(10).text('以上信息全文可用手机扫描二维码，或在政府信息公开网站按网址、索引号查阅。', MARGIN, doc.y, { width: contentWidth });
  doc.moveDown(0.5);
  doc.text('张贴人：__________　张贴日期：____年__月__日', { width: contentWidth, align: 'right' });
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
