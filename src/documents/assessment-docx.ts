/**
 * An assessment result as a Word document (docx): A4, 宋体, the rubric, the ranking, then for every unit
 * its score per indicator with the basis, the facts that cost points and the assessor's comment.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { assessmentSubtitle, assessmentTitle, measureText, rankingTable, rubricTable, type PrintableAssessment } from './assessment-layout.ts';

const FONT = { ascii: 'SimSun', eastAsia: '宋体', hAnsi: 'SimSun', cs: 'SimSun' };
const HEADING_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei', cs: 'SimHei' };
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 1440, bottom: 1440, left: 1247, right: 1247 };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const run = (text: string, options: { bold?: boolean; size?: number; font?: typeof FONT } = {}) => new TextRun({ text, bold: options.bold, size: options.size ?? 24, font: options.font ?? FONT });
const para = (text: string, size = 24) => new Paragraph({ children: [run(text, { size })], spacing: { line: 360 } });
const heading = (text: string, level: 2 | 3 = 2) =>
  new Paragraph({ heading: level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, spacing: { before: 240, after: 120 }, children: [run(text, { size: level === 2 ? 28 : 24, font: HEADING_FONT })] });

function table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, weights?: readonly number[]): Table {
  const w = weights ?? head.map(() => 1);
  const unit = TEXT_WIDTH / w.reduce((a, b) => a + b, 0);
  const columnWidths = w.map((x) => Math.floor(x * unit));
  const cell = (text: string, bold: boolean, i: number) =>
    new TableCell({ width: { size: columnWidths[i]!, type: WidthType.DXA }, children: [new Paragraph({ alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, { size: 18, bold })] })] });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    rows: [new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, true, i)) }), ...rows.map((r) => new TableRow({ children: r.map((v, i) => cell(String(v), false, i)) }))],
  });
}

/** Renders an assessment to DOCX bytes. */
export async function renderAssessmentDocx(a: PrintableAssessment): Promise<Uint8Array> {
  const title = assessmentTitle(a);
  const children: Array<Paragraph | Table> = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, children: [run(title, { bold: true, size: 36 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [run(assessmentSubtitle(a), { size: 20 })] }),
    heading('一、考核指标与评分规则'),
    table(['指标', '分值', '评分规则'], rubricTable(a), [4, 1, 4]),
    heading('二、得分与排名'),
  ];
  const ranking = rankingTable(a);
  children.push(table(ranking.head, ranking.rows, [1, 3, 1.2, ...ranking.head.slice(3).map(() => 1.4)]));
  children.push(heading('三、各单位得分依据与评语'));
  for (const u of a.units) {
    children.push(heading(`第 ${u.rank} 名　${u.unitName}　${u.total} 分（满分 ${u.maximum} 分）`, 3));
    children.push(table(['指标', '测量值', '得分', '依据'], u.indicators.map((i) => [i.label, measureText(i.measure, i.unit), `${i.points} / ${i.weight}`, i.basis]), [4, 2, 1.3, 3]));
    const facts = u.indicators.flatMap((i) => i.evidence.map((e) => `${i.label}：${e.text}`));
    children.push(para(facts.length === 0 ? '扣分事实：无。' : '扣分事实：', 22));
    for (const f of facts) children.push(new Paragraph({ bullet: { level: 0 }, children: [run(f, { size: 21 })] }));
    children.push(para(`评语：${u.comment || '（无）'}`, 22));
  }
  const doc = new Document({
    creator: a.assessor,
    title,
    styles: { default: { document: { run: { font: FONT, size: 24 } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
