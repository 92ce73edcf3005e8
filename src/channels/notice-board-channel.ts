/**
 * Notice boards (信息公开栏，条例第二十五条): a printable A4 DOCX sheet of the week's items of a village
 * or town, each with its index number, date, portal link and a QR code of the link (the PDF form is
 * in notice-board-pdf.ts). Printing is recorded by staff (one issue, 期, per board and week); the
 * worker never sends on this channel.
 */
import { AlignmentType, BorderStyle, Document, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { NoticeBoardSheet } from '../services/manage-deliveries.ts';
import { linkTo, type AdapterOptions, type ChannelAdapter } from './channel-adapter.ts';
import { isScannableLink, qrPng } from './qr-code.ts';

const FONT = 'SimSun';
const A4 = { width: 11906, height: 16838 };

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, font: FONT, size: 22 })] })),
  });
}

/** The QR cell: the code of the item's link (2.2 cm square), or a dash when there is no absolute link to encode. */
async function qrCell(link: string, title: string, width: number): Promise<TableCell> {
  if (!isScannableLink(link)) return cell('—', width);
  const image = new ImageRun({ type: 'png', data: await qrPng(link), transformation: { width: 84, height: 84 }, altText: { name: '二维码', title: `二维码：${title}`, description: link } });
  return new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [image] })] });
}

/** Renders the week's sheet as an A4 DOCX. */
export async function renderNoticeBoardSheet(sheet: NoticeBoardSheet, options: { publicUrl?: string | undefined } = {}): Promise<Uint8Array> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const rows = [
    new TableRow({ tableHeader: true, children: [cell('序号', 7, true), cell('标题与摘要', 45, true), cell('索引号 / 文号', 18, true), cell('公开日期', 13, true), cell('扫码阅读', 17, true)] }),
    ...(await Promise.all(
      sheet.items.map(async (item, i) => {
        const link = linkTo(item.itemPath, options.publicUrl);
        return new TableRow({
          cantSplit: true,
          children: [
            cell(String(i + 1), 7),
            cell([item.title, item.summary, `网址：${link}`].filter(Boolean).join('\n'), 45),
            cell([item.indexNumber ?? '', item.documentNumber ?? ''].filter(Boolean).join('\n'), 18),
            cell(item.publishedOn, 13),
            await qrCell(link, item.title, 17),
          ],
        });
      }),
    )),
  ];
  const doc = new Document({
    creator: 'Gongkai',
    title: `${sheet.boardName} ${sheet.weekStartOn}—${sheet.weekEndOn}`,
    sections: [
      {
        properties: { page: { size: A4, margin: { top: 1200, bottom: 1200, left: 1100, right: 1100 } } },
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: `${sheet.agencyName}政务公开栏`, bold: true, font: FONT, size: 40 })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: `${sheet.weekStartOn} 至 ${sheet.weekEndOn} 公开信息（共 ${sheet.items.length} 条）`, font: FONT, size: 24 })] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border }, rows }),
          new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: '以上信息全文可用手机扫描二维码，或在政府信息公开网站按网址、索引号查阅。', font: FONT, size: 20 })] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `张贴人：__________　张贴日期：____年__月__日`, font: FONT, size: 20 })] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The notice-board adapter: nothing to send; a queued message waits for the weekly sheet. */
export function createNoticeBoardChannel(_options: AdapterOptions = {}): ChannelAdapter {
  return {
    channel: 'notice_board',
    isIdempotent: () => true,
    send: async () => ({ kind: 'manual', text: '请打印本周公开栏张贴单并张贴，然后登记打印。' }),
  };
}
