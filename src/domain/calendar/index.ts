/**
 * The statutory clock (法定期限): calendar dates, the official working-day calendar and the
 * deadlines of the 政府信息公开条例. Import from here outside `src/domain/calendar`.
 */
export * from './calendar-date.ts';
export * from './calendar-input-error.ts';
export * from './holiday-data.ts';
export * from './holiday-calendar.ts';
export * from './working-days.ts';
export * from './deadline-explanation.ts';
export * from './disclosure-regime.ts';
export * from './receipt-date.ts';
export * from './request-deadline.ts';
export * from './publication-deadline.ts';
export * from './fee-payment-deadline.ts';
export * from './consultation-deadline.ts';
export * from './arrangement-text.ts';
export * from './holiday-ics.ts';
