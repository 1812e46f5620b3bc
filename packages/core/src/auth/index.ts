/** Auth module: accounts, sign-in and its rate limit. */
export * from './accounts.ts';
export * from './sign-in-limit.ts';
