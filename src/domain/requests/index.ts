/**
 * Disclosure on request (依申请公开): the closed vocabularies of table 三, the request as facts plus
 * past-tense events, the decision function, the derived deadline, abandonment, repeat detection and
 * the content of the letters. Import from here outside `src/domain/requests`.
 */
export * from './outcomes.ts';
export * from './applicants.ts';
export * from './channels.ts';
export * from './statuses.ts';
export * from './information-forms.ts';
export * from './delivery-methods.ts';
export * from './withheld-parts.ts';
export * from './identity-documents.ts';
export * from './phone-numbers.ts';
export * from './request.ts';
export * from './request-events.ts';
export * from './request-state.ts';
export * from './request-commands.ts';
export * from './decision-context.ts';
export * from './evolve.ts';
export * from './reply-deadline.ts';
export * from './decide.ts';
export * from './abandonment.ts';
export * from './similarity.ts';
export * from './letters.ts';
export * from './letter-templates.ts';
export * from './letter-samples.ts';
