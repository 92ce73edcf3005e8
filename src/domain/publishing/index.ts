/**
 * Proactive disclosure (主动公开): the vocabularies of an item, index numbers, the item and its
 * publication workflow, the 第二十六条 deadline queue and the annual report's counters. Import from
 * here outside `src/domain/publishing`.
 */
export * from './vocabulary.ts';
export * from './statutory-clauses.ts';
export * from './categories.ts';
export * from './genres.ts';
export * from './kinds.ts';
export * from './vocabulary-edits.ts';
export * from './validity.ts';
export * from './disclosure-attribute.ts';
export * from './catalogue-domains.ts';
export * from './index-number.ts';
export * from './item-status.ts';
export * from './item.ts';
export * from './item-workflow.ts';
export * from './publication-queue.ts';
export * from './report-counts.ts';
export * from './item-privacy-review.ts';
