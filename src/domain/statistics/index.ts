/** Statistics of disclosure work: trends for the office and the yearly request statistics the portal publishes. Import from here outside `src/domain/statistics`. */
export * from './trends.ts';
export * from './request-statistics.ts';
