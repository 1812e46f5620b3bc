import type { ApiToken } from '@evergreen/contracts';
import { apiTokens, type Db } from '@evergreen/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, type Clock, iso, isoRequired } from '../shared/context.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { randomToken, sha256 } from '../shared/secrets.ts';

export const TOKEN_PREFIX = 'evg_';
type Row = typeof apiTokens.$inferSelect;
const toToken = (t: Row): ApiToken => ({
  id: t.id,
  name: t.name,
  role: t.role,
  tokenPrefix: t.tokenPrefix,
  createdAt: isoRequired(t.createdAt),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});

export async function listApiTokens({ db, actor }: ActorCtx): Promise<ApiToken[]> {
  requireRole(actor, 'owner');
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, actor.workspaceId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toToken);
}

/** The secret is returned once; only its hash is kept. */
export async function createApiToken(
  { db, clock, actor }: ActorCtx,
  input: { name: string; role: 'manager' | 'analyst' },
): Promise<{ token: ApiToken; secret: string }> {
  requireRole(actor, 'owner');
  const secret = randomToken(TOKEN_PREFIX);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        workspaceId: actor.workspaceId,
        name: input.name,
        role: input.role,
        tokenHash: sha256(secret),
        tokenPrefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning();
    await recordAudit(
      tx,
      actor,
      {
        action: 'api_token.created',
        entityType: 'api_token',
        entityId: row!.id,
        changes: { name: input.name, role: input.role },
      },
      now,
    );
    return { token: toToken(row!), secret };
  });
}

export async function revokeApiToken({ db, clock, actor }: ActorCtx, id: string): Promise<void> {
  requireRole(actor, 'owner');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.workspaceId, actor.workspaceId), eq(apiTokens.id, id)))
      .for('update');
    if (!row) throw notFound('API token');
    if (row.revokedAt) throw new AppError('conflict', 'This token is already revoked');
    await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.workspaceId, actor.workspaceId), eq(apiTokens.id, id)));
    await recordAudit(
      tx,
      actor,
      { action: 'api_token.revoked', entityType: 'api_token', entityId: id, changes: { name: row.name } },
      now,
    );
  });
}

/** The live token behind a `Bearer` secret, or undefined when unknown or revoked. */
export async function resolveApiToken(db: Db, clock: Clock, secret: string): Promise<Row | undefined> {
  if (!secret.startsWith(TOKEN_PREFIX)) return undefined;
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(secret)), isNull(apiTokens.revokedAt)));
  if (row) {
    // Coarse last-used time: one write a minute at most per token.
    const now = clock.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
    }
  }
  return row;
}
