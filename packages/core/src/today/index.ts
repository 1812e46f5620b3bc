/** Today module: the Today list, composed from the roster, agreements and budgets. */
export * from './today.ts';
