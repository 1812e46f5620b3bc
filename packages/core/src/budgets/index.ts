export * from './budgets.ts';
export * from './commitments.ts';
export * from './export-payments.ts';
export * from './forecast.ts';
export * from './fx.ts';
export * from './rates.ts';
export * from './payments.ts';
export * from './paying.ts';
