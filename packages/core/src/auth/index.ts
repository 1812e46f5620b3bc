/** Auth module: accounts, sign-in and its rate limit, passwords and sessions. */
export * from './accounts.ts';
export * from './passwords.ts';
export * from './sessions.ts';
export * from './sign-in-limit.ts';
