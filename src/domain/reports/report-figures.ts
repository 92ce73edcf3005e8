/**
 * Turns the tallies and the manual inputs into the report's figures, each with its record ids and, in
 * the tabular formats, the table cell that prints it. The figures are the same in every format; only
 * the cells differ (e.g. 本年制发件数 in 2021 is 本年新制作数量 in 2019).
 */
import { NORMATIVE_KIND_LABELS } from '../publishing/index.ts';
import {
  APPLICANT_TYPES,
  APPLICANT_TYPE_LABELS,
  OUTCOMES,
  OUTCOME_GROUPS,
  OUTCOME_GROUP_LABELS,
  outcomeLabelZh,
  outcomesInGroup,
} from '../requests/index.ts';
import { APPEAL_KINDS, APPEAL_KIND_LABELS, APPEAL_RESULTS, APPEAL_RESULT_LABELS, APPEAL_TOTAL_LABEL } from './appeals.ts';
import { DELIVERY_CHANNELS, DELIVERY_CHANNEL_WORDING, type DeliveryChannel } from './delivery-channels.ts';
import type { Figure, FigureKey, FigureSource, FigureUnit, NormativeFigureGroup, NormativeMeasure } from './figures.ts';
import type { CountedRecords } from './record-query.ts';
import type { ReportFormat } from './report-formats.ts';
import type { ManualReportInputs } from './report-input.ts';
import type { CellRef, TableId } from './report-table.ts';
import { REQUEST_CHANNEL_GROUPS, REQUEST_CHANNEL_GROUP_LABELS } from './request-channel-groups.ts';
import type { ChannelCount } from './tally-deliveries.ts';
import type { AppealTally } from './tally-appeals.ts';
import type { ItemTally, NormativeIds } from './tally-items.ts';
import type { IdsByApplicant, RequestTally } from './tally-requests.ts';
import { TOTAL_COLUMN, TRIAL_OTHER_ROW, tableThreeRowOf } from './table-three.ts';
import { TABLE_FOUR_ROW, tableFourColumn } from './table-four.ts';

/** Everything the figures are made from. */
export interface FigureSources {
  readonly format: ReportFormat;
  readonly items: ItemTally;
  readonly requests: RequestTally;
  /** Table 三 row 二 taken from the previous report (seven values), when no earlier requests are on record. */
  readonly carriedInFromPrevious: readonly number[] | null;
  readonly appeals: AppealTally;
  readonly deliveries: Readonly<Record<DeliveryChannel, ChannelCount>>;
  readonly manual: ManualReportInputs;
}

const sortedUnique = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();
const allIds = (byType: IdsByApplicant): string[] => APPLICANT_TYPES.flatMap((t) => byType[t]);

/** Builds every figure of a report, in a stable order. */
export function buildFigures(s: FigureSources): Figure[] {
  const tabular = s.format !== '2008';
  const at = (table: TableId, row: string, column: string): CellRef | null => (tabular ? { table, row, column } : null);
  const figures: Figure[] = [];
  const add = (key: FigureKey, label: string, value: number | null, unit: FigureUnit, source: FigureSource, ids: Iterable<string>, cell: CellRef | null = null) =>
    figures.push({ key, label, value, unit, source, recordIds: sortedUnique(ids), cell });
  const count = (key: FigureKey, label: string, source: FigureSource, ids: readonly string[], cell: CellRef | null = null) =>
    add(key, label, ids.length, 'count', source, ids, cell);
  const counted = (key: FigureKey, label: string, records: CountedRecords) =>
    figures.push({ key, label, value: records.count, unit: 'count', source: 'items', recordIds: sortedUnique(records.ids), cell: null, ...(records.query !== null && { query: records.query }) });

  // 主动公开
  const { items } = s;
  counted('proactive.items', '本年主动公开政府信息条数', items.items);
  counted('proactive.documents', '本年新增公文类信息条数', items.documents);
  counted('proactive.documents_fulltext', '其中全文电子化的公文条数', items.documentsWithFullText);
  figures.push({
    key: 'proactive.documents_fulltext_rate',
    label: '公文全文电子化率',
    value: items.documents.count === 0 ? null : items.documentsWithFullText.count / items.documents.count,
    unit: 'ratio',
    source: 'items',
    recordIds: sortedUnique(items.documents.ids),
    cell: null,
    ...(items.documents.query !== null && { query: items.documents.query }),
  });
  const normativeGroups: ReadonlyArray<[NormativeFigureGroup, 'regulation' | 'normative_document']> = [
    ['regulations', 'regulation'],
    ['normative', 'normative_document'],
  ];
  const measures: ReadonlyArray<[NormativeMeasure, keyof NormativeIds, string, string | null, string | null]> = [
    // [measure, ids, label, 2021 column, 2019 column]
    ['issued', 'issued', '本年制发件数', 'issued', 'made'],
    ['repealed', 'repealed', '本年废止件数', 'repealed', null],
    ['in_force', 'inForce', '现行有效件数', 'in_force', null],
    ['published', 'published', '本年新公开数量', null, 'published'],
    ['public_total', 'publicTotal', '对外公开总数量', null, 'public_total'],
  ];
  for (const [group, kind] of normativeGroups) {
    for (const [measure, idsKey, label, column2021, column2019] of measures) {
      const column = s.format === '2021' ? column2021 : s.format === '2019' ? column2019 : null;
      count(
        `proactive.${group}.${measure}`,
        `${NORMATIVE_KIND_LABELS[kind]}${label}`,
        'items',
        items.normative[kind][idsKey],
        column === null ? null : at('table2_clause20_1', kind, column),
      );
    }
  }
  const m = s.manual;
  add('proactive.licensing_decisions', '行政许可本年处理决定数量', m.licensingDecisions, 'count', 'manual', [], at('table2_clause20_5', 'licensing', 'decisions'));
  add('proactive.penalty_decisions', '行政处罚本年处理决定数量', m.penaltyDecisions, 'count', 'manual', [], at('table2_clause20_6', 'penalty', 'decisions'));
  add('proactive.enforcement_decisions', '行政强制本年处理决定数量', m.enforcementDecisions, 'count', 'manual', [], at('table2_clause20_6', 'enforcement', 'decisions'));
  add(
    'proactive.fees_wan_yuan',
    '行政事业性收费本年收费金额（万元）',
    m.feesCollectedWanYuan,
    'wan_yuan',
    'manual',
    [],
    s.format === '2021' ? at('table2_clause20_8', 'administrative_fees', 'amount') : null,
  );

  // 公开渠道
  for (const channel of DELIVERY_CHANNELS) {
    const wording = DELIVERY_CHANNEL_WORDING[channel];
    const sent = s.deliveries[channel];
    const label = `${wording.label}（${wording.measure}）`;
    if (sent.query === undefined) add(`channels.${channel}`, label, sent.count, 'count', 'deliveries', sent.ids);
    else figures.push({ key: `channels.${channel}`, label, value: sent.count, unit: 'count', source: 'deliveries', recordIds: [], cell: null, query: sent.query });
  }
  add('channels.printed_materials', '分发党政报刊读物（册）', m.printedMaterials, 'count', 'manual', []);

  // 依申请公开（表三）
  const r = s.requests;
  const t3 = (row: string, column: string) => at('table3', row, column);
  count('requests.received', '本年新收政府信息公开申请数量', 'requests', allIds(r.received), t3('received', TOTAL_COLUMN));
  const fromPrevious = s.carriedInFromPrevious;
  if (fromPrevious === null) count('requests.carried_in', '上年结转政府信息公开申请数量', 'requests', allIds(r.carriedIn), t3('carried_in', TOTAL_COLUMN));
  else add('requests.carried_in', '上年结转政府信息公开申请数量', fromPrevious[APPLICANT_TYPES.length] ?? 0, 'count', 'previous_report', [], t3('carried_in', TOTAL_COLUMN));
  const closed = OUTCOMES.flatMap((o) => allIds(r.outcomes[o]));
  count('requests.closed', '本年度办理结果总计', 'requests', closed, t3('total', TOTAL_COLUMN));
  count('requests.carried_out', '结转下年度继续办理数量', 'requests', allIds(r.carriedOut), t3('carried_out', TOTAL_COLUMN));
  APPLICANT_TYPES.forEach((type, i) => {
    const label = `上年结转政府信息公开申请数量（${APPLICANT_TYPE_LABELS[type]}）`;
    if (fromPrevious === null) count(`requests.carried_in.${type}`, label, 'requests', r.carriedIn[type], t3('carried_in', type));
    else add(`requests.carried_in.${type}`, label, fromPrevious[i] ?? 0, 'count', 'previous_report', [], t3('carried_in', type));
  });
  for (const type of APPLICANT_TYPES) {
    count(`requests.carried_out.${type}`, `结转下年度继续办理数量（${APPLICANT_TYPE_LABELS[type]}）`, 'requests', r.carriedOut[type], t3('carried_out', type));
  }
  // Table 三 cell by cell: every applicant column of every row, so each of its numbers opens its requests.
  for (const type of APPLICANT_TYPES) {
    const who = `（${APPLICANT_TYPE_LABELS[type]}）`;
    count(`requests.received.${type}`, `本年新收政府信息公开申请数量${who}`, 'requests', r.received[type], t3('received', type));
    for (const outcome of OUTCOMES) {
      const row = s.format === '2008' ? null : tableThreeRowOf(outcome, s.format);
      count(`requests.by_outcome.${outcome}.${type}`, `办理结果：${outcomeLabelZh(outcome)}${who}`, 'requests', r.outcomes[outcome][type], row === null || row === TRIAL_OTHER_ROW ? null : t3(row, type));
    }
    count(
      `requests.by_outcome_group.other.${type}`,
      `办理结果：其他处理${who}`,
      'requests',
      outcomesInGroup('other').flatMap((o) => r.outcomes[o][type]),
      s.format === '2019' ? t3(TRIAL_OTHER_ROW, type) : null,
    );
    count(`requests.closed.${type}`, `本年度办理结果总计${who}`, 'requests', OUTCOMES.flatMap((o) => r.outcomes[o][type]), t3('total', type));
  }
  for (const group of REQUEST_CHANNEL_GROUPS) count(`requests.by_channel.${group}`, `${REQUEST_CHANNEL_GROUP_LABELS[group]}数量`, 'requests', r.byChannel[group]);
  for (const outcome of OUTCOMES) {
    const row = s.format === '2008' ? null : tableThreeRowOf(outcome, s.format);
    count(
      `requests.by_outcome.${outcome}`,
      `办理结果：${outcomeLabelZh(outcome)}`,
      'requests',
      allIds(r.outcomes[outcome]),
      row === null || row === TRIAL_OTHER_ROW ? null : t3(row, TOTAL_COLUMN),
    );
  }
  for (const group of OUTCOME_GROUPS) {
    const members = outcomesInGroup(group);
    const single = members.length === 1 && members[0] === group;
    const printedAsOneRow = (s.format === '2019' && group === 'other') || single;
    count(
      `requests.by_outcome_group.${group}`,
      `办理结果：${OUTCOME_GROUP_LABELS[group].replace(/^（.）/, '').replace(/（.*）$/, '')}`,
      'requests',
      members.flatMap((o) => allIds(r.outcomes[o])),
      // （一）（二） are rows of their own; （六） is one row only in the 2019 format (its key is the group code).
      printedAsOneRow ? t3(group, TOTAL_COLUMN) : null,
    );
  }
  count('requests.reply.already_public', '予以公开中属于已主动公开范围的数量', 'requests', r.replyAlreadyPublic);
  count('requests.reply.provided', '予以公开中同意公开的数量', 'requests', r.replyProvided);
  count('requests.replied', '本年答复数量', 'requests', r.replied);
  count('requests.replied_on_time', '按时答复数量', 'requests', r.repliedOnTime);
  count('requests.replied_late', '逾期答复数量', 'requests', r.repliedLate);
  add('requests.on_time_rate', '按时答复率', r.replied.length === 0 ? null : r.repliedOnTime.length / r.replied.length, 'ratio', 'requests', r.replied);

  // 行政复议、行政诉讼（表四）
  for (const kind of APPEAL_KINDS) {
    const cells = s.appeals.cells[kind];
    for (const result of APPEAL_RESULTS) {
      count(`appeals.${kind}.${result}`, `${APPEAL_KIND_LABELS[kind]}${APPEAL_RESULT_LABELS[result]}`, 'appeals', cells[result], at('table4', TABLE_FOUR_ROW, tableFourColumn(kind, result)));
    }
    count(`appeals.${kind}.total`, `${APPEAL_KIND_LABELS[kind]}${APPEAL_TOTAL_LABEL}`, 'appeals', APPEAL_RESULTS.flatMap((x) => cells[x]), at('table4', TABLE_FOUR_ROW, tableFourColumn(kind, 'total')));
  }
  const litigation = [s.appeals.cells.litigation_direct, s.appeals.cells.litigation_after_reconsideration];
  count('appeals.litigation.total', '行政诉讼案件总数', 'appeals', litigation.flatMap((c) => APPEAL_RESULTS.flatMap((x) => c[x])));
  count('appeals.litigation.corrected', '行政诉讼结果纠正数', 'appeals', litigation.flatMap((c) => c.corrected));

  // 收费、机构人员经费
  add('fees.collected_yuan', '本年收取的依申请公开费用（元）', r.feesPaid.yuan, 'yuan', 'requests', r.feesPaid.ids);
  count('fees.waived', '减免收费的申请数量', 'requests', r.feesWaived);
  add('staff.full_time', '专职工作人员（名）', m.staff?.fullTime ?? null, 'count', 'manual', []);
  add('staff.part_time', '兼职工作人员（名）', m.staff?.partTime ?? null, 'count', 'manual', []);
  add('funding.wan_yuan', '政府信息公开工作经费（万元）', m.funding, 'wan_yuan', 'manual', []);
  return figures;
}
