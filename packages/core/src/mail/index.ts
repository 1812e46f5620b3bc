/** Mail module: the mailer, the outbox (mail state in the database) and the system e-mails. */
export * from './mailer.ts';
export * from './outbox.ts';
export * from './sent.ts';
export * from './templates.ts';
