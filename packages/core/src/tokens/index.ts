/** Tokens module: API tokens. */
export * from './api-tokens.ts';
