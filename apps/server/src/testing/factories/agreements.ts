import { createCreator } from './roster.ts';
import type { WorkspaceClient } from './workspace.ts';

/**
 * A new creator (`creatorFields`, tier 1 by default) with an agreement drafted in USD from
 * `body`, sent, and accepted by typing the creator's name; the accepted agreement.
 */
export async function acceptedAgreement(
  w: WorkspaceClient,
  creatorName: string,
  body: Record<string, unknown>,
  creatorFields: Record<string, unknown> = {},
) {
  const creatorId = await createCreator(w, creatorName, creatorFields);
  const a = await w.ok('POST', '/agreements', { creatorId, currency: 'USD', ...body });
  await w.ok('POST', `/agreements/${a.id}/send`);
  return w.ok('POST', `/agreements/${a.id}/accept`, { acceptedName: creatorName });
}
