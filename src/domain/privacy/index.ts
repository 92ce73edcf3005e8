/**
 * The privacy and confidentiality scan (个人信息与涉密标识扫描) run before publication: findings,
 * masking, the reviewer's decisions and HTML input. Import from here outside `src/domain/privacy`;
 * the individual detectors are internal.
 */
export * from './finding.ts';
export { scanText, type ScanOptions } from './scan-text.ts';
export { maskText } from './masking.ts';
export * from './review-decisions.ts';
export { htmlToText } from './html-to-text.ts';
export { computeIdCardCheck, isValidIdCardNumber, readIdCardNumber, type IdCardReading } from './id-card-number.ts';
export { isBankCardNumber, passesLuhn } from './bank-card-number.ts';
