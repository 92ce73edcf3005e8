/**
 * Fills the official tables of a format from the tallies and the manual inputs: table 二 (its sub-tables
 * per 第二十条 clause), table 三 and table 四. A 2008-era report has none.
 */
import { APPLICANT_TYPES, OUTCOMES, type ApplicantType } from '../requests/index.ts';
import { APPEAL_KINDS, APPEAL_RESULTS } from './appeals.ts';
import type { ReportFormat } from './report-formats.ts';
import type { ManualReportInputs } from './report-input.ts';
import type { CellValue, ReportTable } from './report-table.ts';
import type { AppealTally } from './tally-appeals.ts';
import type { ItemTally } from './tally-items.ts';
import type { IdsByApplicant, RequestTally } from './tally-requests.ts';
import { buildTableFour } from './table-four.ts';
import { applicantRow, buildTableThree, tableThreeRowOf, type TabularFormat } from './table-three.ts';
import { buildTableTwo, type TableTwoValues } from './table-two.ts';

/** What the tables are filled from. */
export interface TableSources {
  readonly items: ItemTally;
  readonly requests: RequestTally;
  readonly carriedInFromPrevious: readonly number[] | null;
  readonly appeals: AppealTally;
  readonly manual: ManualReportInputs;
}

const countsOf = (ids: IdsByApplicant): Record<ApplicantType, number> =>
  Object.fromEntries(APPLICANT_TYPES.map((t) => [t, ids[t].length])) as Record<ApplicantType, number>;

function tableTwoValues(format: TabularFormat, s: TableSources): TableTwoValues {
  const { regulation, normative_document: normative } = s.items.normative;
  const m = s.manual;
  switch (format) {
    case '2021':
      return {
        table2_clause20_1: {
          regulation: [regulation.issued.length, regulation.repealed.length, regulation.inForce.length],
          normative_document: [normative.issued.length, normative.repealed.length, normative.inForce.length],
        },
        table2_clause20_5: { licensing: [m.licensingDecisions] },
        table2_clause20_6: { penalty: [m.penaltyDecisions], enforcement: [m.enforcementDecisions] },
        table2_clause20_8: { administrative_fees: [m.feesCollectedWanYuan] },
      };
    case '2019': {
      const t = m.trialFormat ?? {};
      return {
        table2_clause20_1: {
          regulation: [regulation.issued.length, regulation.published.length, regulation.publicTotal.length],
          normative_document: [normative.issued.length, normative.published.length, normative.publicTotal.length],
        },
        table2_clause20_5: {
          licensing: [t.licensing?.previousItems ?? 0, t.licensing?.change ?? 0, m.licensingDecisions],
          other_services: [t.otherServices?.previousItems ?? 0, t.otherServices?.change ?? 0, t.otherServices?.decisions ?? 0],
        },
        table2_clause20_6: {
          penalty: [t.penalty?.previousItems ?? 0, t.penalty?.change ?? 0, m.penaltyDecisions],
          enforcement: [t.enforcement?.previousItems ?? 0, t.enforcement?.change ?? 0, m.enforcementDecisions],
        },
        table2_clause20_8: { administrative_fees: [t.administrativeFees?.previousItems ?? 0, t.administrativeFees?.change ?? 0] },
        table2_clause20_9: { procurement: [t.procurement?.projects ?? 0, t.procurement?.amount ?? 0] },
      };
    }
    default: {
      const unreachable: never = format;
      throw new Error(`未知的年报格式：${String(unreachable)}`);
    }
  }
}

function tableThreeValues(format: TabularFormat, s: TableSources): Map<string, CellValue[]> {
  const r = s.requests;
  const values = new Map<string, CellValue[]>();
  values.set('received', applicantRow(countsOf(r.received)));
  values.set('carried_in', s.carriedInFromPrevious === null ? applicantRow(countsOf(r.carriedIn)) : [...s.carriedInFromPrevious]);
  const total = APPLICANT_TYPES.map(() => 0);
  for (const outcome of OUTCOMES) {
    const row = tableThreeRowOf(outcome, format);
    const counts = applicantRow(countsOf(r.outcomes[outcome]));
    const existing = values.get(row);
    values.set(row, existing === undefined ? counts : existing.map((v, i) => (v ?? 0) + (counts[i] ?? 0)));
    APPLICANT_TYPES.forEach((t, i) => (total[i] = (total[i] ?? 0) + r.outcomes[outcome][t].length));
  }
  values.set('total', [...total, total.reduce((a, b) => a + b, 0)]);
  values.set('carried_out', applicantRow(countsOf(r.carriedOut)));
  return values;
}

function tableFourValues(appeals: AppealTally): number[] {
  return APPEAL_KINDS.flatMap((kind) => {
    const counts = APPEAL_RESULTS.map((result) => appeals.cells[kind][result].length);
    return [...counts, counts.reduce((a, b) => a + b, 0)];
  });
}

/** The official tables of a format, in print order. */
export function buildReportTables(format: ReportFormat, s: TableSources): ReportTable[] {
  switch (format) {
    case '2008':
      return [];
    case '2019':
    case '2021':
      return [...buildTableTwo(format, tableTwoValues(format, s)), buildTableThree(format, tableThreeValues(format, s)), buildTableFour(tableFourValues(s.appeals))];
    default: {
      const unreachable: never = format;
      throw new Error(`未知的年报格式：${String(unreachable)}`);
    }
  }
}
