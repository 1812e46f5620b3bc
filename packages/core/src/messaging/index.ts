/** Messaging module: message templates, merge facts, rendering, sending to creators and the calendar feed. */
export * from './builtin-templates.ts';
export * from './calendar-feed.ts';
export * from './ical.ts';
export * from './render.ts';
export * from './send.ts';
export * from './templates.ts';
