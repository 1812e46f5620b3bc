import {
  type DeliverableScreenshot,
  SCREENSHOT_MAX_BYTES,
  type UploadScreenshotRequest,
  uploadScreenshotRequest,
} from '@evergreen/contracts';
import { type Db, deliverableScreenshots, deliverables } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type Actor, type ActorCtx, creatorAsActor, isoRequired, type PortalCtx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { attachmentDisposition, checkUpload, cleanFilename } from '../shared/files.ts';
import { matching } from '../shared/rows.ts';

/**
 * Screenshots of a post's numbers: the creator sends one with the metrics they submit in the
 * portal (the team may add one too). PNG, JPEG or WebP, at most 5 MB, stored in the row
 * (docs/decisions/0020-files-in-rows.md).
 */

const SCREENSHOT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

const listColumns = {
  id: deliverableScreenshots.id,
  deliverableId: deliverableScreenshots.deliverableId,
  filename: deliverableScreenshots.filename,
  contentType: deliverableScreenshots.contentType,
  sizeBytes: deliverableScreenshots.sizeBytes,
  byCreator: deliverableScreenshots.byCreator,
  uploadedAt: deliverableScreenshots.uploadedAt,
};

type Listed = { [K in keyof typeof listColumns]: (typeof deliverableScreenshots.$inferSelect)[K] };
const toScreenshot = (r: Listed): DeliverableScreenshot => ({
  ...r,
  contentType: r.contentType as DeliverableScreenshot['contentType'],
  uploadedAt: isoRequired(r.uploadedAt),
});

/** The post, within the workspace and (for a creator) their own; else 404. */
async function requirePost(db: Db, workspaceId: string, deliverableId: string, creatorId?: string) {
  const [d] = await db
    .select({ id: deliverables.id })
    .from(deliverables)
    .where(
      and(
        eq(deliverables.workspaceId, workspaceId),
        eq(deliverables.id, deliverableId),
        ...(creatorId ? [eq(deliverables.creatorId, creatorId)] : []),
      ),
    );
  if (!d) throw notFound('Post');
}

async function list(db: Db, workspaceId: string, deliverableId: string, creatorId?: string) {
  await requirePost(db, workspaceId, deliverableId, creatorId);
  const rows = await db
    .select(listColumns)
    .from(deliverableScreenshots)
    .where(matching(deliverableScreenshots, { workspaceId, deliverableId }))
    .orderBy(asc(deliverableScreenshots.uploadedAt), asc(deliverableScreenshots.id));
  return rows.map(toScreenshot);
}

async function store(
  db: Db,
  actor: Actor,
  deliverableId: string,
  input: UploadScreenshotRequest,
  now: Date,
  creatorId?: string,
): Promise<DeliverableScreenshot> {
  const d = uploadScreenshotRequest.parse(input);
  await requirePost(db, actor.workspaceId, deliverableId, creatorId);
  const data = checkUpload(d.dataBase64, d.contentType, {
    allowed: SCREENSHOT_TYPES,
    maxBytes: SCREENSHOT_MAX_BYTES,
  });
  const filename = cleanFilename(d.filename, 'screenshot');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(deliverableScreenshots)
      .values({
        workspaceId: actor.workspaceId,
        deliverableId,
        filename,
        contentType: d.contentType,
        sizeBytes: data.length,
        data,
        byCreator: !!creatorId,
        uploadedBy: actor.userId ?? null,
        uploadedAt: now,
      })
      .returning(listColumns);
    await recordAudit(
      tx,
      actor,
      {
        action: 'deliverable.screenshot_uploaded',
        entityType: 'deliverable',
        entityId: deliverableId,
        changes: {
          screenshotId: row!.id,
          filename,
          contentType: d.contentType,
          sizeBytes: data.length,
          ...(creatorId ? { byCreator: creatorId } : {}),
        },
      },
      now,
    );
    return toScreenshot(row!);
  });
}

async function file(db: Db, workspaceId: string, deliverableId: string, id: string, creatorId?: string) {
  await requirePost(db, workspaceId, deliverableId, creatorId);
  const [row] = await db
    .select()
    .from(deliverableScreenshots)
    .where(matching(deliverableScreenshots, { workspaceId, deliverableId, id }));
  if (!row) throw notFound('Screenshot');
  return { ...toScreenshot(row), data: row.data, disposition: attachmentDisposition(row.filename) };
}

/** A post's screenshots (without their content). */
export const listScreenshots = ({ db, actor }: ActorCtx, deliverableId: string) =>
  list(db, actor.workspaceId, deliverableId);
/** The team attaches a screenshot of a post's numbers. */
export async function uploadScreenshot(ctx: ActorCtx, deliverableId: string, input: UploadScreenshotRequest) {
  requireRole(ctx.actor, 'manager');
  return store(ctx.db, ctx.actor, deliverableId, input, ctx.clock.now());
}
/** A screenshot file, for download. */
export const getScreenshotFile = ({ db, actor }: ActorCtx, deliverableId: string, id: string) =>
  file(db, actor.workspaceId, deliverableId, id);

/** The screenshots of one of the creator's own posts. */
export const listScreenshotsAsCreator = ({ db, portal }: PortalCtx, deliverableId: string) =>
  list(db, portal.workspaceId, deliverableId, portal.creatorId);
/** The creator sends a screenshot of their post's numbers, in the portal. */
export const uploadScreenshotAsCreator = (
  { db, clock, portal }: PortalCtx,
  deliverableId: string,
  input: UploadScreenshotRequest,
) => store(db, creatorAsActor(portal), deliverableId, input, clock.now(), portal.creatorId);
/** A screenshot of one of the creator's own posts, for download. */
export const getScreenshotFileAsCreator = ({ db, portal }: PortalCtx, deliverableId: string, id: string) =>
  file(db, portal.workspaceId, deliverableId, id, portal.creatorId);
