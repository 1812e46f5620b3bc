import type { Language } from '@evergreen/contracts';
import { type Db, passwordResets, users } from '@evergreen/db';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { enqueueEmail, passwordResetEmail } from '../mail/index.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from '../shared/secrets.ts';
import { findUserByEmail } from './accounts.ts';
import { endAllSessions } from './sessions.ts';

/** How long a "forgot password" link works. */
export const RESET_LINK_MINUTES = 60;

/**
 * Changes the signed-in user's password after checking the current one, and signs out every other
 * session of theirs (the one making the change stays signed in).
 */
export async function changePassword(
  { db }: Ctx,
  userId: string,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ otherSessionsEnded: number }> {
  const hash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    // Locked: two changes at once must not both pass the check against the same old password.
    const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!u?.passwordHash || !(await verifyPassword(input.currentPassword, u.passwordHash))) {
      throw new AppError('validation_failed', 'The current password is wrong', [
        { field: 'currentPassword', message: 'is wrong', code: 'wrong_password' },
      ]);
    }
    await tx.update(users).set({ passwordHash: hash }).where(eq(users.id, userId));
    const ended = await endAllSessions({ db: tx }, userId, currentSessionId);
    await retireResetLinks(tx, userId);
    return { otherSessionsEnded: ended };
  });
}

async function retireResetLinks(db: Db, userId: string) {
  await db
    .delete(passwordResets)
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/**
 * "Forgot password": when the address belongs to an account (not a demo one), queues an email with
 * a single-use link and retires earlier links. The caller answers the same either way, so the
 * answer never tells whether an account exists; the email leaves with the outbox's next round.
 */
export async function requestPasswordReset(
  { db, clock }: Ctx,
  input: { email: string; ip: string },
  deps: { publicUrl: string },
): Promise<void> {
  const user = await findUserByEmail(db, input.email);
  if (!user || user.isDemo || !user.passwordHash) return;
  const now = clock.now();
  const token = randomToken();
  await db.transaction(async (tx) => {
    await retireResetLinks(tx, user.id);
    await tx.insert(passwordResets).values({
      id: sha256(token),
      userId: user.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * 60_000),
      requestedIp: input.ip.slice(0, 100),
    });
    const mail = passwordResetEmail({
      lang: (user.locale === 'ru' ? 'ru' : 'en') as Language,
      name: user.name,
      resetUrl: `${deps.publicUrl.replace(/\/$/, '')}/reset-password/${token}`,
      validMinutes: RESET_LINK_MINUTES,
    });
    await enqueueEmail(
      tx,
      {
        workspaceId: null,
        kind: 'password_reset',
        dedupeKey: `password_reset:${sha256(token).slice(0, 16)}`,
        to: user.email,
        ...mail,
        createdBy: user.id,
      },
      now,
    );
  });
}

/**
 * Sets a new password with a "forgot password" link: the link is used up by one conditional
 * update (two requests with one link: one wins, the other is refused), and every session of the
 * account ends. Returns the user to sign in.
 */
export async function resetPassword({ db, clock }: Ctx, input: { token: string; password: string }) {
  const hash = await hashPassword(input.password);
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [link] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.id, sha256(input.token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!link) {
      throw new AppError('validation_failed', 'This link is used, expired or unknown: ask for a new one', [
        { field: 'token', message: 'is used, expired or unknown', code: 'link_invalid' },
      ]);
    }
    const [u] = await tx
      .update(users)
      .set({ passwordHash: hash })
      .where(eq(users.id, link.userId))
      .returning();
    await endAllSessions({ db: tx }, link.userId);
    await retireResetLinks(tx, link.userId);
    // Links of other accounts long expired are of no use to anyone.
    await tx.execute(
      sql`delete from password_resets where expires_at < ${new Date(now.getTime() - 86_400_000)}`,
    );
    return u!;
  });
}
