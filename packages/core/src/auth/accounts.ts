import type { Language, Me, SignupRequest } from '@evergreen/contracts';
import { type Db, memberships, sessions, users, workspaces } from '@evergreen/db';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Clock, Ctx } from '../shared/context.ts';
import { isoRequired } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { dummyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from '../shared/secrets.ts';
import { findOpenInvitation } from '../team/index.ts';

export const SESSION_TTL_DAYS = 30;
type UserRow = typeof users.$inferSelect;

const byEmail = (email: string) => sql`lower(${users.email}) = ${email.trim().toLowerCase()}`;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(byEmail(email));
  return u;
}

export interface SignupPolicy {
  /** When false, only the first account or someone holding an invitation may sign up. */
  openSignup: boolean;
}

/**
 * Creates an account. The first real (non-demo) account on an installation becomes its owner.
 */
export async function signUp(
  { db, clock }: Ctx,
  input: SignupRequest,
  policy: SignupPolicy,
  opts: { isDemo?: boolean } = {},
): Promise<UserRow> {
  const realUsers = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.isDemo, false));
  const isFirst = !opts.isDemo && (realUsers[0]?.n ?? 0) === 0;
  if (!isFirst && !opts.isDemo && !policy.openSignup) {
    const inv = input.invitationToken
      ? await findOpenInvitation(db, input.invitationToken, clock.now())
      : undefined;
    if (!inv || inv.email.toLowerCase() !== input.email.toLowerCase()) {
      throw new AppError('signup_closed', 'Sign-up on this installation is by invitation only');
    }
  }
  if (await findUserByEmail(db, input.email)) {
    throw new AppError('conflict', 'An account with this email already exists', [
      { field: 'email', message: 'is already registered', code: 'already_registered' },
    ]);
  }
  const [user] = await db
    .insert(users)
    .values({
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      locale: input.locale ?? 'en',
      isInstanceOwner: isFirst,
      isDemo: opts.isDemo ?? false,
      createdAt: clock.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!user)
    throw new AppError('conflict', 'An account with this email already exists', [
      { field: 'email', message: 'is already registered', code: 'already_registered' },
    ]);
  return user;
}

/** Checks a password; the same time is spent whether or not the email exists. */
export async function authenticate(db: Db, email: string, password: string): Promise<UserRow> {
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user?.passwordHash || !ok) throw new AppError('invalid_credentials', 'Wrong email or password');
  return user;
}

export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId));
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  clock: Clock,
  userId: string,
  userAgent?: string,
  ip?: string,
): Promise<NewSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_DAYS * 86_400_000);
  await db.insert(sessions).values({
    id: sha256(token),
    userId,
    csrfToken,
    expiresAt,
    createdAt: clock.now(),
    userAgent: userAgent?.slice(0, 300) ?? null,
    ip: ip?.slice(0, 100) ?? null,
    lastSeenAt: clock.now(),
  });
  return { token, csrfToken, expiresAt };
}

export async function resolveSession(db: Db, clock: Clock, token: string) {
  const now = clock.now();
  const [row] = await db
    .select({
      user: users,
      csrfToken: sessions.csrfToken,
      sessionId: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, now)));
  if (!row) return undefined;
  // "Last seen" to the hour: one conditional write an hour at most, not one a request.
  const hourAgo = new Date(now.getTime() - 3_600_000);
  if (!row.lastSeenAt || row.lastSeenAt < hourAgo) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now })
      .where(
        and(
          eq(sessions.id, row.sessionId),
          sql`(${sessions.lastSeenAt} is null or ${sessions.lastSeenAt} < ${hourAgo})`,
        ),
      );
  }
  return { user: row.user, csrfToken: row.csrfToken, sessionId: row.sessionId };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function listUserWorkspaces(db: Db, userId: string) {
  return db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}

export async function getMe(db: Db, user: UserRow, csrfToken: string): Promise<Me> {
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      locale: (user.locale === 'ru' ? 'ru' : 'en') as Language,
      isInstanceOwner: user.isInstanceOwner,
      createdAt: isoRequired(user.createdAt),
    },
    workspaces: await listUserWorkspaces(db, user.id),
    csrfToken,
  };
}

export async function updateProfile(
  db: Db,
  userId: string,
  input: { name?: string | undefined; locale?: Language | undefined },
) {
  const [u] = await db.update(users).set(input).where(eq(users.id, userId)).returning();
  return u!;
}

export async function hasRealUsers(db: Db): Promise<boolean> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.isDemo, false));
  return (r?.n ?? 0) > 0;
}
