/**
 * The report model a compiler produces and renderers draw: parts with their paragraphs and tables, the
 * official tables as data, and the figures behind every number. A sentence generated from figures
 * records which figures it quotes and where, so validation can prove that text and tables agree.
 */
import type { AgencyKind } from '../organisations/agency.ts';
import type { FigureKey, Figure } from './figures.ts';
import type { ReportFormat } from './report-formats.ts';
import type { SectionKey } from './report-sections.ts';
import type { ReportTable, TableId } from './report-table.ts';

/** A number a sentence quotes: `text` sits at `offset` of the paragraph, or the wording implies the value (“未收取任何费用” is 0) when `offset` is null. */
export interface FigureQuote {
  readonly figure: FigureKey;
  readonly value: number | null;
  readonly text: string;
  readonly offset: number | null;
}

/** Where a paragraph's words come from: generated from figures, or entered by staff. */
export const PARAGRAPH_ORIGINS = ['generated', 'manual'] as const;

/** One of `PARAGRAPH_ORIGINS`. */
export type ParagraphOrigin = (typeof PARAGRAPH_ORIGINS)[number];

/** One paragraph of a part. */
export interface ReportParagraph {
  readonly text: string;
  readonly origin: ParagraphOrigin;
  readonly quotes: readonly FigureQuote[];
}

/** One part of the report, with its title verbatim and the tables it prints, in order. */
export interface ReportSection {
  readonly key: SectionKey;
  readonly title: string;
  readonly paragraphs: readonly ReportParagraph[];
  readonly tableIds: readonly TableId[];
}

/** The agency a report is for; `kind` lets validation question a 规章 count from a town. */
export interface ReportAgency {
  readonly id: number;
  readonly name: string;
  readonly kind?: AgencyKind;
}

/** Why a record could not be placed in the report. */
export const ANOMALY_REASONS = ['not_yet_received', 'closed_without_outcome', 'closed_before_received', 'appeal_closed_but_pending'] as const;

/** One of `ANOMALY_REASONS`. */
export type AnomalyReason = (typeof ANOMALY_REASONS)[number];

/** A record the compiler left out or placed by assumption, with the reason. */
export interface RecordAnomaly {
  readonly recordId: string;
  readonly reason: AnomalyReason;
  readonly message: string;
}

/** What any report — compiled, or imported from the JSON form of an earlier year — has. */
export interface ReportSnapshot {
  readonly year: number;
  readonly format: ReportFormat;
  readonly tables: readonly ReportTable[];
  readonly figures?: readonly Figure[];
  readonly agency?: ReportAgency;
  readonly preface?: readonly ReportParagraph[];
  readonly sections?: readonly ReportSection[];
  readonly anomalies?: readonly RecordAnomaly[];
  /** The agencies whose records were read, when the caller said: figure queries are evaluated again within them. */
  readonly scopeAgencyIds?: readonly number[];
}

/** A compiled annual report. */
export interface AnnualReport extends ReportSnapshot {
  readonly agency: ReportAgency;
  /** The statistical period, 1 January to 31 December of the year. */
  readonly period: { readonly from: string; readonly to: string };
  /** Every agency whose records were folded in (the agency and the sub-units the caller passed). */
  readonly includedAgencyIds: readonly number[];
  readonly figures: readonly Figure[];
  readonly preface: readonly ReportParagraph[];
  readonly sections: readonly ReportSection[];
  readonly anomalies: readonly RecordAnomaly[];
}
