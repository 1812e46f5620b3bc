import type { CreatorListQuery, Handle, Rate } from '@evergreen/contracts';
import { creatorHandles, creatorRates, creators, users } from '@evergreen/db';
import { and, eq, inArray } from 'drizzle-orm';
import { requireRole } from '../../shared/access.ts';
import type { ActorCtx } from '../../shared/context.ts';
import { writeCsv } from '../../shared/csv-text.ts';
import { toDay } from '../../shared/dates.ts';
import { listCreators } from '../creators.ts';
import { type CsvCreatorOut, creatorCells, exportHeader } from './columns.ts';

export interface CreatorsCsv {
  filename: string;
  /** UTF-8 text starting with a byte order mark, CRLF line ends, formula cells neutralised. */
  csv: string;
  count: number;
}

const CHUNK = 1000;

/**
 * The roster as CSV: the creators GET /creators would list with the same query (filters and
 * sort come from listCreators), in the columns the import reads, so the file re-imports as is.
 * Payment details are never exported.
 */
export async function exportCreators(ctx: ActorCtx, query: CreatorListQuery): Promise<CreatorsCsv> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'analyst');
  const ws = actor.workspaceId;
  const { creators: listed } = await listCreators(ctx, query);
  const ids = listed.map((c) => c.id);
  const byId = new Map<string, CsvCreatorOut>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await db
      .select({ c: creators, ownerEmail: users.email })
      .from(creators)
      .leftJoin(users, eq(users.id, creators.ownerUserId))
      .where(and(eq(creators.workspaceId, ws), inArray(creators.id, chunk)));
    const handles = await db
      .select()
      .from(creatorHandles)
      .where(and(eq(creatorHandles.workspaceId, ws), inArray(creatorHandles.creatorId, chunk)));
    const rates = await db
      .select()
      .from(creatorRates)
      .where(and(eq(creatorRates.workspaceId, ws), inArray(creatorRates.creatorId, chunk)));
    const handlesOf = new Map<string, Handle[]>();
    for (const h of handles)
      handlesOf.set(h.creatorId, [
        ...(handlesOf.get(h.creatorId) ?? []),
        { platform: h.platform, handle: h.handle },
      ]);
    const ratesOf = new Map<string, Rate[]>();
    for (const r of rates) {
      ratesOf.set(r.creatorId, [
        ...(ratesOf.get(r.creatorId) ?? []),
        { deliverableType: r.deliverableType, amountMinor: r.amountMinor, currency: r.currency },
      ]);
    }
    for (const { c, ownerEmail } of rows) {
      byId.set(c.id, {
        externalId: c.externalId,
        displayName: c.displayName,
        legalName: c.legalName,
        greetingName: c.greetingName,
        email: c.email,
        tier: c.tier,
        status: c.status,
        ownerEmail,
        markets: c.markets,
        languages: c.languages,
        tags: c.tags,
        preferredChannel: c.preferredChannel,
        leadTimeDays: c.leadTimeDays,
        cadenceDaysOverride: c.cadenceDaysOverride,
        briefingStyle: c.briefingStyle,
        boundaries: c.boundaries,
        notes: c.notes,
        handles: handlesOf.get(c.id) ?? [],
        rates: ratesOf.get(c.id) ?? [],
      });
    }
  }
  const ordered = ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [c] : [];
  });
  const rateTypes = [...new Set(ordered.flatMap((c) => c.rates.map((r) => r.deliverableType)))].sort();
  return {
    filename: `creators-${toDay(clock.now())}.csv`,
    csv: writeCsv(
      exportHeader(rateTypes),
      ordered.map((c) => creatorCells(c, rateTypes)),
    ),
    count: ordered.length,
  };
}
