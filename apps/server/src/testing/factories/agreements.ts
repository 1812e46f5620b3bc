import { agreements, type Db } from '@evergreen/db';
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

/**
 * An agreement row straight into the table (no creator-side acceptance, no terms or ledger):
 * a 12-month USD agreement from 2026-01-01 titled after its type unless `fields` say otherwise; its id.
 */
export async function agreementRow(
  db: Db,
  fields: { workspaceId: string; creatorId: string } & Partial<typeof agreements.$inferInsert>,
): Promise<string> {
  const type = fields.type ?? 'retainer';
  const [a] = await db
    .insert(agreements)
    .values({ type, title: type, startsOn: '2026-01-01', termMonths: 12, currency: 'USD', ...fields })
    .returning({ id: agreements.id });
  return a!.id;
}
