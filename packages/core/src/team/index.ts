/** Team module: members and invitations. */
export * from './invitations.ts';
export * from './members.ts';
