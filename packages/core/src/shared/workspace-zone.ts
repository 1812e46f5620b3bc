import { type Db, workspaces } from '@evergreen/db';
import { eq } from 'drizzle-orm';

/** The workspace's IANA time zone (offset-less imported times are read in it). */
export async function workspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const [w] = await db
    .select({ z: workspaces.timeZone })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return w?.z ?? 'UTC';
}
