/**
 * Folds reconsideration and litigation cases into table 四. A case is reported in the year it was
 * concluded, with its result; a case still open on 31 December is reported as 尚未审结 in that year (and
 * again in each later year it stays open), so every result is reported once and nothing open is hidden.
 */
import type { RecordAnomaly } from './annual-report.ts';
import { APPEAL_KINDS, APPEAL_RESULTS, type AppealKind, type AppealResult } from './appeals.ts';
import { isWithin, type ReportPeriod } from './report-period.ts';
import type { ReportAppeal } from './report-input.ts';

/** Case ids per group and result. */
export interface AppealTally {
  readonly cells: Readonly<Record<AppealKind, Readonly<Record<AppealResult, readonly string[]>>>>;
  readonly anomalies: readonly RecordAnomaly[];
}

/** Sorts the cases of a year into the cells of table 四. */
export function tallyAppeals(appeals: readonly ReportAppeal[], period: ReportPeriod): AppealTally {
  const cells = Object.fromEntries(
    APPEAL_KINDS.map((k) => [k, Object.fromEntries(APPEAL_RESULTS.map((r) => [r, [] as string[]]))]),
  ) as unknown as Record<AppealKind, Record<AppealResult, string[]>>;
  const anomalies: RecordAnomaly[] = [];
  for (const a of [...appeals].sort((x, y) => x.id.localeCompare(y.id))) {
    if (a.filedOn > period.to) continue;
    const openAtYearEnd = a.closedOn === null || a.closedOn > period.to;
    if (openAtYearEnd) {
      cells[a.kind].pending.push(a.id);
      continue;
    }
    if (a.closedOn === null || !isWithin(a.closedOn, period)) continue;
    if (a.result === 'pending') {
      anomalies.push({ recordId: a.id, reason: 'appeal_closed_but_pending', message: `案件 ${a.id} 有审结日期 ${a.closedOn} 但结果为“尚未审结”，按尚未审结计入表四。` });
    }
    cells[a.kind][a.result].push(a.id);
  }
  return { cells, anomalies };
}
