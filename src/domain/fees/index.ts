/**
 * The information-processing fee (信息处理费) of 条例第四十二条 and 《政府信息公开信息处理费管理办法》
 * （国办函〔2020〕109号）. The payment deadline is the clock's `computeFeePaymentDeadline`.
 */
export * from './fee-input-error.ts';
export * from './fee-band.ts';
export * from './piece-fee.ts';
export * from './page-fee.ts';
export * from './fee-assessment.ts';
