import type { Session } from '../harness.ts';
import type { WorkspaceClient } from './workspace.ts';

/**
 * A creator added through the API: active, tier 1 unless `fields` say otherwise; its id.
 * (`fields` are sent as they are, after the defaults.)
 */
export async function createCreator(
  w: WorkspaceClient,
  displayName: string,
  fields: Record<string, unknown> = {},
): Promise<string> {
  return (await w.ok('POST', '/creators', { displayName, status: 'active', tier: 1, ...fields }))
    .id as string;
}

/** The same, with the whole body given (no display name argument); the created creator as the API answers. */
export async function addCreator(w: WorkspaceClient, fields: Record<string, unknown>) {
  return (await w.ok('POST', '/creators', { tier: 1, status: 'active', ...fields })) as {
    id: string;
    email: string | null;
  };
}

/** A touchpoint logged on a creator (a call check-in unless said otherwise). */
export async function logTouchpoint(
  w: WorkspaceClient,
  creatorId: string,
  occurredOn: string,
  { channel = 'call', kind = 'check_in', as }: { channel?: string; kind?: string; as?: Session } = {},
) {
  return w.ok('POST', `/creators/${creatorId}/touchpoints`, { channel, kind, occurredOn }, as ? { as } : {});
}
