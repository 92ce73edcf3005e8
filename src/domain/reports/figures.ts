/**
 * The named numbers of a report (`requests.received`, `proactive.documents_fulltext_rate` …): each with its
 * value, where it came from, the ids of the records behind it (so every number in a report can be traced
 * to the requests, items, cases or deliveries it counts) and, when a table prints it, the cell.
 */
import { APPLICANT_TYPES, OUTCOMES, OUTCOME_GROUPS, type ApplicantType, type Outcome, type OutcomeGroup } from '../requests/index.ts';
import { APPEAL_KINDS, APPEAL_RESULTS, type AppealKind, type AppealResult } from './appeals.ts';
import { DELIVERY_CHANNELS, type DeliveryChannel } from './delivery-channels.ts';
import type { RecordQuery } from './record-query.ts';
import type { CellRef } from './report-table.ts';
import { REQUEST_CHANNEL_GROUPS, type RequestChannelGroup } from './request-channel-groups.ts';

/** The 表二 rows that figures name: 规章 and 行政规范性文件. */
export type NormativeFigureGroup = 'regulations' | 'normative';

/** What is counted of them: 制发 (formed in the year), 废止 (ceased in the year), 现行有效, and, for 2019, 新公开 and 对外公开总数. */
export type NormativeMeasure = 'issued' | 'repealed' | 'in_force' | 'published' | 'public_total';

/** Every figure name. */
export type FigureKey =
  | 'proactive.items'
  | 'proactive.documents'
  | 'proactive.documents_fulltext'
  | 'proactive.documents_fulltext_rate'
  | `proactive.${NormativeFigureGroup}.${NormativeMeasure}`
  | 'proactive.licensing_decisions'
  | 'proactive.penalty_decisions'
  | 'proactive.enforcement_decisions'
  | 'proactive.fees_wan_yuan'
  | `channels.${DeliveryChannel}`
  | 'channels.printed_materials'
  | 'requests.received'
  | 'requests.carried_in'
  | 'requests.closed'
  | 'requests.carried_out'
  | `requests.carried_in.${ApplicantType}`
  | `requests.carried_out.${ApplicantType}`
  | `requests.received.${ApplicantType}`
  | `requests.closed.${ApplicantType}`
  | `requests.by_outcome.${Outcome}.${ApplicantType}`
  | `requests.by_outcome_group.other.${ApplicantType}`
  | `requests.by_channel.${RequestChannelGroup}`
  | `requests.by_outcome.${Outcome}`
  | `requests.by_outcome_group.${OutcomeGroup}`
  | 'requests.reply.already_public'
  | 'requests.reply.provided'
  | 'requests.replied'
  | 'requests.replied_on_time'
  | 'requests.replied_late'
  | 'requests.on_time_rate'
  | `appeals.${AppealKind}.${AppealResult | 'total'}`
  | 'appeals.litigation.total'
  | 'appeals.litigation.corrected'
  | 'fees.collected_yuan'
  | 'fees.waived'
  | 'staff.full_time'
  | 'staff.part_time'
  | 'funding.wan_yuan';

/** How a figure's value is measured, which decides how a sentence prints it. */
export const FIGURE_UNITS = ['count', 'ratio', 'wan_yuan', 'yuan'] as const;

/** One of `FIGURE_UNITS`. */
export type FigureUnit = (typeof FIGURE_UNITS)[number];

/** Where a figure comes from. */
export const FIGURE_SOURCES = ['items', 'requests', 'appeals', 'deliveries', 'manual', 'previous_report'] as const;

/** One of `FIGURE_SOURCES`. */
export type FigureSource = (typeof FIGURE_SOURCES)[number];

/** One named number of a report. */
export interface Figure {
  readonly key: FigureKey;
  /** What the number is, in Chinese. */
  readonly label: string;
  /** The value; null when it was not entered (manual) or is undefined (a rate of nothing). */
  readonly value: number | null;
  readonly unit: FigureUnit;
  readonly source: FigureSource;
  /** The ids of the records counted (sorted); empty for manual and carried figures, and when `query` names the records instead. */
  readonly recordIds: readonly string[];
  /** For records counted in the database (a county's items): the query that lists them again within the report's agencies and year. */
  readonly query?: RecordQuery | null;
  /** The table cell that prints this number in the report's format, if any. */
  readonly cell: CellRef | null;
}

/** The figure with a key, if the report has it. */
export function findFigure(figures: readonly Figure[], key: FigureKey): Figure | undefined {
  return figures.find((f) => f.key === key);
}

/** Prints a figure value the way report sentences do: counts as integers, ratios as percentages (“100%”, “97.7%”), money with up to 4 (万元) or 2 (元) decimals. */
export function formatFigureNumber(value: number, unit: FigureUnit): string {
  switch (unit) {
    case 'count':
      return String(value);
    case 'ratio':
      return `${String(Math.round(value * 1000) / 10)}%`;
    case 'wan_yuan':
      return String(Math.round(value * 10_000) / 10_000);
    case 'yuan':
      return String(Math.round(value * 100) / 100);
    default: {
      const unreachable: never = unit;
      throw new Error(`未知的计量单位：${String(unreachable)}`);
    }
  }
}

/** Every figure key, spelled out at run time from the same vocabularies as `FigureKey` (for parsing imported reports). */
export const FIGURE_KEYS: readonly FigureKey[] = [
  'proactive.items',
  'proactive.documents',
  'proactive.documents_fulltext',
  'proactive.documents_fulltext_rate',
  ...(['regulations', 'normative'] as const).flatMap((g) =>
    (['issued', 'repealed', 'in_force', 'published', 'public_total'] as const).map((m): FigureKey => `proactive.${g}.${m}`),
  ),
  'proactive.licensing_decisions',
  'proactive.penalty_decisions',
  'proactive.enforcement_decisions',
  'proactive.fees_wan_yuan',
  ...DELIVERY_CHANNELS.map((c): FigureKey => `channels.${c}`),
  'channels.printed_materials',
  'requests.received',
  'requests.carried_in',
  'requests.closed',
  'requests.carried_out',
  ...APPLICANT_TYPES.map((t): FigureKey => `requests.carried_in.${t}`),
  ...APPLICANT_TYPES.map((t): FigureKey => `requests.carried_out.${t}`),
  ...APPLICANT_TYPES.flatMap((t): FigureKey[] => [
    `requests.received.${t}`,
    ...OUTCOMES.map((o): FigureKey => `requests.by_outcome.${o}.${t}`),
    `requests.by_outcome_group.other.${t}`,
    `requests.closed.${t}`,
  ]),
  ...REQUEST_CHANNEL_GROUPS.map((g): FigureKey => `requests.by_channel.${g}`),
  ...OUTCOMES.map((o): FigureKey => `requests.by_outcome.${o}`),
  ...OUTCOME_GROUPS.map((g): FigureKey => `requests.by_outcome_group.${g}`),
  'requests.reply.already_public',
  'requests.reply.provided',
  'requests.replied',
  'requests.replied_on_time',
  'requests.replied_late',
  'requests.on_time_rate',
  ...APPEAL_KINDS.flatMap((k) => [...APPEAL_RESULTS, 'total' as const].map((r): FigureKey => `appeals.${k}.${r}`)),
  'appeals.litigation.total',
  'appeals.litigation.corrected',
  'fees.collected_yuan',
  'fees.waived',
  'staff.full_time',
  'staff.part_time',
  'funding.wan_yuan',
];

/**
 * Whether a figure is one applicant type's share of a table 三 row (`requests.received.natural_person` …):
 * the cells of the six applicant columns, traced one by one; the console shows them in the table, not the list.
 */
export function isApplicantCellFigure(key: FigureKey): boolean {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return key.startsWith('requests.') && (APPLICANT_TYPES as readonly string[]).includes(last);
}

/** Whether a value is one of the figure keys. */
export function isFigureKey(value: unknown): value is FigureKey {
  return typeof value === 'string' && (FIGURE_KEYS as readonly string[]).includes(value);
}
