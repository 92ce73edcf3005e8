/**
 * The consistency rules a report is checked against (domain-reference §2.1.5), each with its level and a
 * Chinese title citing its source. Errors make a report wrong; warnings ask a person to look.
 */

import type { CellRef } from './report-table.ts';

/** Every rule, in the order findings are listed. */
export const VALIDATION_RULES = [
  'tables.structure',
  'values.domain',
  'values.blank',
  'table3.column_balance',
  'table3.total_equals_outcomes',
  'table3.row_total',
  'table4.group_total',
  'cross_year.carried_in',
  'cross_year.normative_in_force',
  'figures.match_tables',
  'narrative.generated_quotes',
  'narrative.report_year',
  'narrative.free_text',
  'table2.regulations_below_city',
  'records.anomalies',
  'sections.not_empty',
] as const;

/** One of `VALIDATION_RULES`. */
export type ValidationRule = (typeof VALIDATION_RULES)[number];

/** Whether a value is one of the rules. */
export function isValidationRule(value: unknown): value is ValidationRule {
  return typeof value === 'string' && (VALIDATION_RULES as readonly string[]).includes(value);
}

/** How serious a broken rule is. */
export const VALIDATION_LEVELS = ['error', 'warning'] as const;

/** One of `VALIDATION_LEVELS`. */
export type ValidationLevel = (typeof VALIDATION_LEVELS)[number];

/** The level and title of each rule. */
export const VALIDATION_RULE_INFO: Readonly<Record<ValidationRule, { readonly level: ValidationLevel; readonly title: string }>> = {
  'tables.structure': { level: 'error', title: '表格结构与官方格式一致（表三 2021 格式 25 行 × 7 列、2019 试行格式 23 行 × 7 列；表四 15 列）' },
  'values.domain': { level: 'error', title: '数值为非负整数（收费金额以万元计可有小数；2019 试行格式“本年增/减”可为负数）' },
  'values.blank': { level: 'warning', title: '空白单元格（区分“空白”与“0”，校验时按 0 计算）' },
  'table3.column_balance': { level: 'error', title: '表三每列：“第一项加第二项之和，等于第三项加第四项之和”' },
  'table3.total_equals_outcomes': { level: 'error', title: '表三每列：（七）总计等于（一）至（六）各项之和' },
  'table3.row_total': { level: 'error', title: '表三每行：总计等于自然人与法人或其他组织五列之和' },
  'table4.group_total': { level: 'error', title: '表四每组：总计等于结果维持、结果纠正、其他结果、尚未审结之和' },
  'cross_year.carried_in': { level: 'error', title: '跨年：本年“二、上年结转政府信息公开申请数量”等于上年“四、结转下年度继续办理”（逐列）' },
  'cross_year.normative_in_force': { level: 'warning', title: '跨年：上年现行有效件数 + 本年制发件数 − 本年废止件数 = 本年现行有效件数' },
  'figures.match_tables': { level: 'error', title: '指标与表格单元格一致' },
  'narrative.generated_quotes': { level: 'error', title: '正文引用的数字与所依据的指标一致' },
  'narrative.report_year': { level: 'error', title: '生成的正文只写本报告年度' },
  'narrative.free_text': { level: 'warning', title: '人工撰写的正文中的申请数量、结转数量与表三一致' },
  'table2.regulations_below_city': { level: 'warning', title: '规章只由省级和设区的市级人民政府及国务院部门制定' },
  'records.anomalies': { level: 'warning', title: '所有记录均已计入年报' },
  'sections.not_empty': { level: 'warning', title: '报告各部分均有内容' },
};

/** What one check found; `cells` names the table cells involved. */
export interface ValidationFinding {
  readonly rule: ValidationRule;
  readonly level: ValidationLevel;
  readonly passed: boolean;
  readonly message: string;
  readonly cells?: readonly CellRef[];
}
