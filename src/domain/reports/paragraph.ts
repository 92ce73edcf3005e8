/**
 * Builds paragraphs so that every number in generated text is a quoted figure: the text is assembled
 * from literal words and figure parts, and each figure part records where it sits and what it says.
 */
import type { FigureQuote, ReportParagraph } from './annual-report.ts';
import { formatFigureNumber, type Figure } from './figures.ts';

/** A piece of a generated sentence: words, a figure printed with its measure word (“43条”), or a figure the wording implies (“未收取任何费用” is 0). */
export type SentencePart = string | { readonly figure: Figure; readonly measure?: string } | { readonly implies: Figure };

/** Assembles a generated paragraph and the quotes of the figures it prints or implies. */
export function generatedParagraph(parts: readonly SentencePart[]): ReportParagraph {
  let text = '';
  const quotes: FigureQuote[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
    } else if ('implies' in part) {
      quotes.push({ figure: part.implies.key, value: part.implies.value, text: '', offset: null });
    } else {
      const { figure } = part;
      if (figure.value === null) throw new Error(`指标 ${figure.key} 没有数值，不能写入正文。`);
      const printed = formatFigureNumber(figure.value, figure.unit) + (part.measure ?? '');
      quotes.push({ figure: figure.key, value: figure.value, text: printed, offset: text.length });
      text += printed;
    }
  }
  return { text, origin: 'generated', quotes };
}

/** Splits staff-entered text into paragraphs (one per non-blank line). */
export function manualParagraphs(text: string | undefined): ReportParagraph[] {
  if (text === undefined) return [];
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => ({ text: line, origin: 'manual', quotes: [] }));
}

/** Joins clauses with the Chinese comma (“，”), dropping empty ones. */
export function joinClauses(clauses: ReadonlyArray<readonly SentencePart[]>): SentencePart[] {
  const nonEmpty = clauses.filter((c) => c.length > 0);
  return nonEmpty.flatMap((c, i) => (i === 0 ? [...c] : ['，', ...c]));
}
