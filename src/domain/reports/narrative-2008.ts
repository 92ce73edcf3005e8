/**
 * The sentences of a 2008-era narrative report (旧条例第三十二条), generated from the figures in the
 * wording of reports of that time — the seed report (黔城镇2017): “2017年新增公文类信息43条，全文电子化
 * 率达100%”，“網絡申請數為1件，信函申請數2件”，“按時辦結2件”. A generated report always names the report
 * year (the seed slipped and wrote “2016年度” in its section 四).
 */
import type { ReportParagraph } from './annual-report.ts';
import { appealsSentence } from './appeals-sentence.ts';
import { DELIVERY_CHANNELS, DELIVERY_CHANNEL_WORDING } from './delivery-channels.ts';
import type { NormativeFigureGroup } from './figures.ts';
import { isPositive, type NarrativeContext } from './narrative-context.ts';
import { generatedParagraph, joinClauses, manualParagraphs, type SentencePart } from './paragraph.ts';
import type { SectionKey } from './report-sections.ts';
import { REQUEST_CHANNEL_GROUPS, REQUEST_CHANNEL_GROUP_LABELS } from './request-channel-groups.ts';

function proactive(ctx: NarrativeContext): ReportParagraph[] {
  const { figure, year } = ctx;
  const items = figure('proactive.items');
  const documents = figure('proactive.documents');
  const parts: SentencePart[] = [];
  if (items.value !== documents.value) parts.push(`${String(year)}年共主动公开政府信息`, { figure: items, measure: '条' }, '。');
  if (isPositive(documents)) {
    parts.push(`${String(year)}年新增公文类信息`, { figure: documents, measure: '条' }, '，全文电子化率达', { figure: figure('proactive.documents_fulltext_rate') }, '。');
  } else parts.push(`${String(year)}年未新增公文类信息`, { implies: documents }, '。');
  // 2008-era reports say 规范性文件 (30号 later renamed the row 行政规范性文件).
  const groups: ReadonlyArray<[NormativeFigureGroup, string]> = [
    ['regulations', '规章'],
    ['normative', '规范性文件'],
  ];
  for (const [group, label] of groups) {
    const issued = figure(`proactive.${group}.issued`);
    const repealed = figure(`proactive.${group}.repealed`);
    const inForce = figure(`proactive.${group}.in_force`);
    if (![issued, repealed, inForce].some(isPositive)) continue;
    parts.push(`本年制发${label}`, { figure: issued, measure: '件' }, '、废止', { figure: repealed, measure: '件' }, '，现行有效', { figure: inForce, measure: '件' }, '。');
  }
  const paragraphs = [generatedParagraph(parts)];
  const printed = figure('channels.printed_materials');
  const channelClauses: SentencePart[][] = [];
  if (isPositive(printed)) channelClauses.push(['分发党政报刊读物', { figure: printed, measure: '册' }]);
  for (const channel of DELIVERY_CHANNELS) {
    const f = figure(`channels.${channel}`);
    const wording = DELIVERY_CHANNEL_WORDING[channel];
    if (isPositive(f)) channelClauses.push([wording.label, { figure: f, measure: wording.measure }]);
  }
  if (channelClauses.length > 0) paragraphs.push(generatedParagraph(['全年共', ...joinClauses(channelClauses), '。']));
  return paragraphs;
}

function requests(ctx: NarrativeContext): ReportParagraph[] {
  const { figure } = ctx;
  const received = figure('requests.received');
  const carriedIn = figure('requests.carried_in');
  const first: SentencePart[] = [];
  if (isPositive(received)) {
    const byChannel = REQUEST_CHANNEL_GROUPS.map((g) => [REQUEST_CHANNEL_GROUP_LABELS[g], figure(`requests.by_channel.${g}`)] as const)
      .filter(([, f]) => isPositive(f))
      .map(([label, f]): SentencePart[] => [label, { figure: f, measure: '件' }]);
    first.push('全年共收到政府信息公开申请', { figure: received, measure: '件' }, '，其中', ...joinClauses(byChannel), '。');
  } else first.push('全年未收到政府信息公开申请', { implies: received }, '。');
  if (isPositive(carriedIn)) first.push('上年结转申请', { figure: carriedIn, measure: '件' }, '。');
  const paragraphs = [generatedParagraph(first)];

  const replied = figure('requests.replied');
  const second: SentencePart[] = [];
  if (isPositive(replied)) {
    const late = figure('requests.replied_late');
    second.push('全年共答复政府信息公开申请', { figure: replied, measure: '件' }, '，其中按时答复', { figure: figure('requests.replied_on_time'), measure: '件' });
    if (isPositive(late)) second.push('，逾期答复', { figure: late, measure: '件' });
    second.push('。');
  }
  const results: ReadonlyArray<[string, ReturnType<NarrativeContext['figure']>]> = [
    ['属于已主动公开范围的', figure('requests.reply.already_public')],
    ['同意公开的', figure('requests.reply.provided')],
    ['部分公开的', figure('requests.by_outcome_group.partially_disclosed')],
    ['不予公开的', figure('requests.by_outcome_group.withheld')],
    ['无法提供的', figure('requests.by_outcome_group.unable_to_provide')],
    ['不予处理的', figure('requests.by_outcome_group.not_processed')],
    ['其他处理的', figure('requests.by_outcome_group.other')],
  ];
  const resultClauses = results.filter(([, f]) => isPositive(f)).map(([label, f]): SentencePart[] => [label, { figure: f, measure: '件' }]);
  if (resultClauses.length > 0) second.push('从办理结果看，', ...joinClauses(resultClauses), '。');
  const carriedOut = figure('requests.carried_out');
  if (isPositive(carriedOut)) second.push('截至年底尚在办理、结转下年度继续办理的申请', { figure: carriedOut, measure: '件' }, '。');
  if (second.length > 0) paragraphs.push(generatedParagraph(second));
  return paragraphs;
}

function fees(ctx: NarrativeContext): ReportParagraph[] {
  const collected = ctx.figure('fees.collected_yuan');
  const waived = ctx.figure('fees.waived');
  const year = `${String(ctx.year)}年度`;
  // 旧条例第二十七条：“除可以收取检索、复制、邮寄等成本费用外，不得收取其他费用”.
  const parts: SentencePart[] = isPositive(collected)
    ? [`${year}共收取检索、复制、邮寄等成本费用`, { figure: collected, measure: '元' }]
    : [`${year}未收取任何费用`, { implies: collected }];
  if (isPositive(waived)) parts.push('，减免收费', { figure: waived, measure: '件' });
  parts.push('。');
  return [generatedParagraph(parts)];
}

function organisation(ctx: NarrativeContext): ReportParagraph[] {
  const fullTime = ctx.figure('staff.full_time');
  const partTime = ctx.figure('staff.part_time');
  const funding = ctx.figure('funding.wan_yuan');
  const parts: SentencePart[] = [];
  if (fullTime.value !== null && partTime.value !== null) {
    parts.push(`${ctx.agencyName}政府信息公开工作配备专职工作人员`, { figure: fullTime, measure: '名' }, '、兼职工作人员', { figure: partTime, measure: '名' }, '。');
  }
  if (funding.value !== null) parts.push('全年政府信息公开工作经费', { figure: funding, measure: '万元' }, '。');
  return parts.length === 0 ? [] : [generatedParagraph(parts)];
}

/** The paragraphs of every part of a 2008-era report. */
export function narrative2008(ctx: NarrativeContext): Readonly<Record<SectionKey, readonly ReportParagraph[]>> {
  return {
    overview: manualParagraphs(ctx.manual.narrative.overview),
    proactive: proactive(ctx),
    requests: requests(ctx),
    appeals: [appealsSentence(ctx, 'narrative')],
    fees: fees(ctx),
    organisation: organisation(ctx),
    problems: manualParagraphs(ctx.manual.narrative.problems),
    other: manualParagraphs(ctx.manual.narrative.other),
  };
}
