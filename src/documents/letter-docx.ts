/**
 * Letters to applicants (答复书、告知书、补正告知书、延期答复告知书、收费通知书 …) as Word documents:
 * A4, official-document style (仿宋/宋体 body, centred title), the agency's name as the header and
 * the signature block with the date. The content model comes from the requests domain.
 */
import { AlignmentType, Document, Header, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Letter } from '../domain/requests/index.ts';
import { formatDateZh } from '../domain/requests/index.ts';

const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const TITLE_FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun' };

function run(text: string, options: { bold?: boolean; size?: number; font?: typeof BODY_FONT } = {}): TextRun {
  return new TextRun({ text, bold: options.bold, size: options.size ?? 32, font: options.font ?? BODY_FONT });
}

function body(text: string, indent = true): Paragraph {
  return new Paragraph({ children: [run(text)], indent: indent ? { firstLine: 640 } : undefined, spacing: { line: 560 } });
}

/** Renders a letter to DOCX bytes. */
export async function renderLetterDocx(letter: Letter, agencyName: string): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(letter.title, { bold: true, size: 44, font: TITLE_FONT })] }),
  ];
  if (letter.letterNumber) children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(letter.letterNumber)] }));
  children.push(new Paragraph({ spacing: { before: 200, line: 560 }, children: [run(`${letter.addressee}：`)] }));
  for (const p of letter.paragraphs) {
    children.push(body(p.text));
    for (const item of p.items ?? []) children.push(body(item));
  }
  if (letter.fields.length > 0) {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: letter.fields.map(
          (f) =>
            new TableRow({
              children: [
                new TableCell({ width: { size: 30, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [run(f.label, { size: 28 })] })] }),
                new TableCell({ children: [new Paragraph({ children: [run(f.value, { size: 28 })] })] }),
              ],
            }),
        ),
      }),
    );
  }
  children.push(new Paragraph({ spacing: { before: 600 }, alignment: AlignmentType.RIGHT, children: [run(letter.signatory)] }));
  children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(formatDateZh(letter.dateOn))] }));
  const doc = new Document({
    creator: agencyName,
    title: letter.title,
    description: letter.citations.join('；'),
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(agencyName, { size: 24 })] })] }) },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
