/**
 * Record factories for the report tests (pure; not exported from the module index).
 */
import type { ReportItem } from '../publishing/index.ts';
import type { CompileReportInput, ManualReportInputs, ReportAppeal, ReportRequest } from './report-input.ts';

/** Manual inputs with everything zero or absent. */
export function manualInputs(patch: Partial<ManualReportInputs> = {}): ManualReportInputs {
  return {
    licensingDecisions: 0,
    penaltyDecisions: 0,
    enforcementDecisions: 0,
    feesCollectedWanYuan: 0,
    staff: null,
    funding: null,
    printedMaterials: null,
    narrative: {},
    ...patch,
  };
}

/** A request replied on time in March 2024 by default. */
export function reportRequest(patch: Partial<ReportRequest> & { readonly id: string }): ReportRequest {
  return {
    agencyId: 1,
    receivedOn: '2024-03-01',
    applicantType: 'natural_person',
    channel: 'online',
    outcome: 'disclosed',
    replyType: 'provided',
    repliedOn: '2024-03-20',
    dueOn: '2024-03-29',
    closedOn: '2024-03-20',
    fee: null,
    ...patch,
  };
}

/** A still-open request (no outcome, no reply). */
export function openRequest(patch: Partial<ReportRequest> & { readonly id: string }): ReportRequest {
  return reportRequest({ outcome: null, replyType: null, repliedOn: null, closedOn: null, ...patch });
}

/** A published 通知 of 2024 with its full text online. */
export function reportItem(patch: Partial<ReportItem> & { readonly id: string }): ReportItem {
  return {
    version: 1,
    agencyId: 1,
    status: 'published',
    disclosure: { attribute: 'proactive' },
    genre: 'notice',
    categoryCode: 'general_affairs',
    clause: null,
    catalogueDomain: null,
    formedOn: '2024-03-01',
    publishedOn: '2024-03-05',
    hasElectronicFullText: true,
    validity: null,
    ...patch,
  };
}

/** A reconsideration filed and upheld in 2024. */
export function reportAppeal(patch: Partial<ReportAppeal> & { readonly id: string }): ReportAppeal {
  return { agencyId: 1, kind: 'reconsideration', filedOn: '2024-04-01', result: 'upheld', closedOn: '2024-06-01', ...patch };
}

/** A compile input for agency 1 (某镇人民政府) and 2024 with no records. */
export function compileInput(patch: Partial<CompileReportInput> = {}): CompileReportInput {
  return {
    agency: { id: 1, name: '某镇人民政府', kind: 'town_gov' },
    year: 2024,
    items: [],
    requests: [],
    appeals: [],
    deliveries: [],
    manual: manualInputs(),
    ...patch,
  };
}
