/**
 * The annual report (政府信息公开工作年度报告, 条例第四十九、五十条): the formats and their official tables
 * as data, the compiler that folds a year's records into the report model with traceable figures, the
 * validator of the formats' consistency rules, and the import of a past report. Import from here outside
 * `src/domain/reports`.
 */
export * from './report-formats.ts';
export * from './report-period.ts';
export * from './report-table.ts';
export * from './report-sections.ts';
export * from './appeals.ts';
export * from './delivery-channels.ts';
export * from './request-channel-groups.ts';
export * from './table-two.ts';
export * from './table-three.ts';
export * from './table-four.ts';
export * from './table-templates.ts';
export * from './record-query.ts';
export * from './figures.ts';
export * from './annual-report.ts';
export * from './report-input.ts';
export * from './report-request.ts';
export { isRepliedOnTime, tableThreeFactsOf, tableThreePlacement, type TableThreeFacts, type TableThreePlacement } from './tally-requests.ts';
export * from './carry-over.ts';
export * from './compile-report.ts';
export * from './validation-rules.ts';
export * from './validate-report.ts';
export * from './import-report-tables.ts';
export * from './import-report-document.ts';
