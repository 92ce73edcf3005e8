/**
 * The sentence on reconsideration and litigation cases, in the narrative wording of 2008-era reports
 * (the seed: “行政復議案件0件，被糾錯數0件，行政訴訟0件，被糾錯數0件”) or the short wording of a 2019/2021
 * 总体情况; with no cases at all it says so (“本年度未发生政府信息公开行政复议和行政诉讼案件”).
 */
import type { ReportParagraph } from './annual-report.ts';
import { isPositive, type NarrativeContext } from './narrative-context.ts';
import { generatedParagraph } from './paragraph.ts';

/** The appeals sentence of a report, in narrative or overview wording. */
export function appealsSentence(ctx: NarrativeContext, wording: 'narrative' | 'overview'): ReportParagraph {
  const { figure } = ctx;
  const reconsideration = figure('appeals.reconsideration.total');
  const litigation = figure('appeals.litigation.total');
  if (!isPositive(reconsideration) && !isPositive(litigation)) {
    return generatedParagraph(['本年度未发生政府信息公开行政复议和行政诉讼案件', { implies: reconsideration }, { implies: litigation }, '。']);
  }
  if (wording === 'overview') {
    return generatedParagraph(['本年度因政府信息公开工作被申请行政复议', { figure: reconsideration, measure: '件' }, '、提起行政诉讼', { figure: litigation, measure: '件' }, '。']);
  }
  return generatedParagraph([
    '本年度发生政府信息公开行政复议案件',
    { figure: reconsideration, measure: '件' },
    '，其中被纠错',
    { figure: figure('appeals.reconsideration.corrected'), measure: '件' },
    '；行政诉讼案件',
    { figure: litigation, measure: '件' },
    '，其中被纠错',
    { figure: figure('appeals.litigation.corrected'), measure: '件' },
    '。',
  ]);
}
