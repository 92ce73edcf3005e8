/**
 * What the sentence generators read: the year, the agency's name, the figures by key and the staff's own
 * text.
 */
import type { Figure, FigureKey } from './figures.ts';
import type { ManualReportInputs } from './report-input.ts';

/** The inputs of the sentence generators. */
export interface NarrativeContext {
  readonly year: number;
  readonly agencyName: string;
  readonly figure: (key: FigureKey) => Figure;
  readonly manual: ManualReportInputs;
}

/** Whether a figure has a value above zero. */
export function isPositive(figure: Figure): boolean {
  return figure.value !== null && figure.value > 0;
}
