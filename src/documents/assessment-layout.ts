/**
 * What an assessment result prints as, shared by the Word and Excel exports: the title, the ranking table
 * (one column per indicator) and the per-unit detail rows, so that both files say the same thing.
 */
import { describeRule, type RubricIndicator } from '../domain/assessment/index.ts';
import type { AssessmentResult } from '../services/assess-units.ts';

/** A result with, when known, the indicator specs (for the rules) and the rubric version. */
export type PrintableAssessment = AssessmentResult & { indicators?: readonly RubricIndicator[]; version?: number };

/** The title, e.g. “黔城镇人民政府 政务公开考核（2025年度）考核结果”. */
export function assessmentTitle(a: PrintableAssessment): string {
  return `${a.assessor}${a.rubric}考核结果`;
}

/** The line under the title: period, day of the data, version. */
export function assessmentSubtitle(a: PrintableAssessment): string {
  return `考核期：${a.fromOn} 至 ${a.toOn}；数据截至 ${a.asOn}${a.version ? `；考核细则第 ${a.version} 版` : ''}`;
}

/** A measure with its unit, or “—” when nothing was there to measure. */
export function measureText(measure: number | null, unit: string): string {
  return measure === null ? '—（无可考核事项，得满分）' : `${measure}${unit}`;
}

/** The ranking table: header and one row per unit. */
export function rankingTable(a: PrintableAssessment): { head: string[]; rows: Array<Array<string | number>> } {
  const first = a.units[0];
  const labels = first ? first.indicators.map((i) => `${i.label}（${i.weight}分）`) : [];
  return {
    head: ['排名', '单位', '总分', ...labels],
    rows: a.units.map((u) => [u.rank, u.unitName, u.total, ...u.indicators.map((i) => i.points)]),
  };
}

/** The rubric table: indicator, weight and rule in words. */
export function rubricTable(a: PrintableAssessment): Array<[string, number, string]> {
  const first = a.units[0];
  if (a.indicators) return a.indicators.map((spec) => [first?.indicators.find((i) => i.indicator === spec.indicator)?.label ?? spec.label ?? spec.indicator, spec.weight, describeRule(spec)]);
  return (first?.indicators ?? []).map((i) => [i.label, i.weight, '']);
}
