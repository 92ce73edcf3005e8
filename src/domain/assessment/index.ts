/** Assessment (考核): the configurable rubric, scoring with evidence, and ranking. Import from here outside `src/domain/assessment`. */
export * from './rubric.ts';
export * from './score-units.ts';
