/**
 * Cases brought over disclosure work (条例第五十条第（三）项：“因政府信息公开工作被申请行政复议、提起行政
 * 诉讼的情况”): the three groups and four results of table 四 (国办公开办函〔2021〕30号, same in 2019).
 */

/** The groups of table 四, left to right: 行政复议, then 行政诉讼 未经复议直接起诉 and 复议后起诉. */
export const APPEAL_KINDS = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;

/** One of `APPEAL_KINDS`. */
export type AppealKind = (typeof APPEAL_KINDS)[number];

/** Whether a value is one of the appeal kinds. */
export function isAppealKind(value: unknown): value is AppealKind {
  return typeof value === 'string' && (APPEAL_KINDS as readonly string[]).includes(value);
}

/** The column heading of each group in table 四, verbatim. */
export const APPEAL_KIND_LABELS: Readonly<Record<AppealKind, string>> = {
  reconsideration: '行政复议',
  litigation_direct: '未经复议直接起诉',
  litigation_after_reconsideration: '复议后起诉',
};

/** The results of a case, in the column order of table 四. */
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** One of `APPEAL_RESULTS`. */
export type AppealResult = (typeof APPEAL_RESULTS)[number];

/** Whether a value is one of the appeal results. */
export function isAppealResult(value: unknown): value is AppealResult {
  return typeof value === 'string' && (APPEAL_RESULTS as readonly string[]).includes(value);
}

/** The column heading of each result in table 四, verbatim. */
export const APPEAL_RESULT_LABELS: Readonly<Record<AppealResult, string>> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
};

/** The heading of each group's total column. */
export const APPEAL_TOTAL_LABEL = '总计';

/** Whether a case kind is a lawsuit (行政诉讼), as opposed to 行政复议. */
export function isLitigation(kind: AppealKind): boolean {
  switch (kind) {
    case 'reconsideration':
      return false;
    case 'litigation_direct':
    case 'litigation_after_reconsideration':
      return true;
    default: {
      const unreachable: never = kind;
      throw new Error(`未知的案件类型：${String(unreachable)}`);
    }
  }
}
