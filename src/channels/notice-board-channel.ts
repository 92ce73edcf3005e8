/**
 * Notice boards (信息公开栏，条例第二十五条): a printable A4 DOCX sheet of the week's items of a village
 * or town, each with its index number, date and portal link. Printing is recorded by staff (one
 * issue, 期, per board and week); the worker never sends on this channel.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { NoticeBoardSheet } from '../services/manage-deliveries.ts';
import { linkTo, type AdapterOptions, type ChannelAdapter } from './channel-adapter.ts';

const FONT = 'SimSun';
const A4 = { width: 11906, height: 16838 };

function cell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.PERCENTAGE },
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, font: FONT, size: 22 })] })),
  });
}

/** Renders the week's sheet as an A4 DOCX. */
export async function renderNoticeBoardSheet(sheet: NoticeBoardSheet, options: { publicUrl?: string | undefined } = {}): Promise<Uint8Array> {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const rows = [
    new TableRow({ tableHeader: true, children: [cell('序号', 8, true), cell('标题与摘要', 52, true), cell('索引号 / 文号', 22, true), cell('公开日期', 18, true)] }),
    ...sheet.items.map(
      (item, i) =>
        new TableRow({
          children: [
            cell(String(i + 1), 8),
            cell([item.title, item.summary, `网址：${linkTo(item.itemPath, options.publicUrl)}`].filter(Boolean).join('\n'), 52),
            cell([item.indexNumber ?? '', item.documentNumber ?? ''].filter(Boolean).join('\n'), 22),
            cell(item.publishedOn, 18),
          ],
        }),
    ),
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
          new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: '以上信息全文可在政府信息公开网站按网址或索引号查阅。', font: FONT, size: 20 })] }),
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
