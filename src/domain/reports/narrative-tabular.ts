/**
 * The generated text of the 2019 and 2021 formats, whose parts 二、三、四 are tables: a summary in 一、总体情况
 * that quotes the same figures as the tables (domain-reference §2.1.5 第8条：“总体情况文字中的申请数量、结转
 * 数量应与表三一致”), and the information-processing fee in 六、其他需要报告的事项.
 */
import type { ReportParagraph } from './annual-report.ts';
import { appealsSentence } from './appeals-sentence.ts';
import { isPositive, type NarrativeContext } from './narrative-context.ts';
import { generatedParagraph, manualParagraphs, type SentencePart } from './paragraph.ts';
import type { SectionKey } from './report-sections.ts';
import type { TabularFormat } from './table-three.ts';

function summary(ctx: NarrativeContext): ReportParagraph[] {
  const { figure } = ctx;
  const rate = figure('proactive.documents_fulltext_rate');
  const proactive: SentencePart[] = [
    '本年度主动公开政府信息',
    { figure: figure('proactive.items'), measure: '条' },
    '，其中公文类信息',
    { figure: figure('proactive.documents'), measure: '条' },
  ];
  if (rate.value !== null) proactive.push('，全文电子化率', { figure: rate });
  proactive.push('。');
  return [
    generatedParagraph(proactive),
    generatedParagraph([
      '本年度新收政府信息公开申请',
      { figure: figure('requests.received'), measure: '件' },
      '，上年结转',
      { figure: figure('requests.carried_in'), measure: '件' },
      '，办结',
      { figure: figure('requests.closed'), measure: '件' },
      '，结转下年度继续办理',
      { figure: figure('requests.carried_out'), measure: '件' },
      '。',
    ]),
    appealsSentence(ctx, 'overview'),
  ];
}

function fee(ctx: NarrativeContext, format: TabularFormat): ReportParagraph {
  const collected = ctx.figure('fees.collected_yuan');
  const body: SentencePart[] = isPositive(collected)
    ? ['本年度共收取信息处理费', { figure: collected, measure: '元' }, '。']
    : ['本年度未收取信息处理费', { implies: collected }, '。'];
  // 国办函〔2020〕109号 applies from 2021; the 2019 trial format predates it.
  return generatedParagraph(format === '2021' ? ['依据《政府信息公开信息处理费管理办法》规定，', ...body] : body);
}

/** The paragraphs of every part of a 2019- or 2021-format report (parts 二–四 carry tables, not text). */
export function narrativeTabular(ctx: NarrativeContext, format: TabularFormat): Readonly<Record<SectionKey, readonly ReportParagraph[]>> {
  return {
    overview: [...manualParagraphs(ctx.manual.narrative.overview), ...summary(ctx)],
    proactive: [],
    requests: [],
    appeals: [],
    fees: [],
    organisation: [],
    problems: manualParagraphs(ctx.manual.narrative.problems),
    other: [fee(ctx, format), ...manualParagraphs(ctx.manual.narrative.other)],
  };
}
