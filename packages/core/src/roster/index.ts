/** Roster module: creators, their audience, cadence, touchpoints and the creators CSV. */
export * from './activity.ts';
export * from './audience.ts';
export * from './cadence.ts';
export * from './creators.ts';
export * from './csv/index.ts';
export { type CreatorRow, findClashes, getCreatorRow, loadTiers, type TierInfo } from './queries.ts';
export * from './tier-eligibility.ts';
export * from './touchpoints.ts';
