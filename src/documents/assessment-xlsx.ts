/**
 * An assessment result as an Excel workbook (exceljs): 排名 (one row per unit, one column per indicator),
 * 得分明细 (one row per unit and indicator, with measure, basis and the facts that cost points),
 * 依据记录 (every record behind every figure) and 考核细则 (weights and rules). Numbers stay numbers.
 */
import ExcelJS from 'exceljs';
import { assessmentSubtitle, assessmentTitle, measureText, rankingTable, rubricTable, type PrintableAssessment } from './assessment-layout.ts';

const RECORD_KINDS = { item: '主动公开信息', request: '依申请公开申请', appeal: '复议诉讼案件' } as const;

function sheet(book: ExcelJS.Workbook, name: string, head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, widths: readonly number[]): void {
  const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...head]).font = { bold: true };
  for (const r of rows) ws.addRow([...r]);
  ws.columns.forEach((c, i) => {
    c.width = widths[i] ?? 14;
  });
}

/** Renders an assessment to XLSX bytes. */
export async function renderAssessmentXlsx(a: PrintableAssessment): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = a.assessor;
  book.title = assessmentTitle(a);
  book.subject = assessmentSubtitle(a);
  const ranking = rankingTable(a);
  sheet(book, '排名', [...ranking.head, '评语'], a.units.map((u, n) => [...ranking.rows[n]!, u.comment]), [6, 22, 8, ...ranking.head.slice(3).map(() => 16), 40]);
  sheet(
    book,
    '得分明细',
    ['排名', '单位', '总分', '指标', '测量值', '得分', '分值', '依据', '扣分事实', '评语'],
    a.units.flatMap((u) => u.indicators.map((i) => [u.rank, u.unitName, u.total, i.label, measureText(i.measure, i.unit), i.points, i.weight, i.basis, i.evidence.map((e) => e.text).join('；'), u.comment])),
    [6, 22, 8, 36, 14, 8, 8, 28, 60, 40],
  );
  sheet(
    book,
    '依据记录',
    ['单位', '指标', '记录类型', '编号', '说明', '是否扣分'],
    a.units.flatMap((u) => u.indicators.flatMap((i) => i.records.map((r) => [u.unitName, i.label, RECORD_KINDS[r.kind], r.ref, r.text, r.adverse ? '是' : '否']))),
    [22, 36, 16, 28, 70, 10],
  );
  sheet(book, '考核细则', ['指标', '分值', '评分规则'], rubricTable(a), [50, 8, 50]);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
