import type { TemplateVariantInput } from '@evergreen/contracts';
import { type Db, messageTemplates, messageTemplateVariants } from '@evergreen/db';
import { and, eq, inArray } from 'drizzle-orm';
import { notFound } from '../shared/errors.ts';

/**
 * The messaging module's template reads and writes (decision 0011): the workspace's own templates
 * with their language variants, shared by resolving, listing, creating, editing and deleting.
 */

export type TemplateRow = typeof messageTemplates.$inferSelect;
export type VariantRow = typeof messageTemplateVariants.$inferSelect;

/** The workspace's own templates (all, or by key or id), each with its variants. */
export async function loadRows(db: Db, workspaceId: string, where?: { key?: string; id?: string }) {
  const conds = [eq(messageTemplates.workspaceId, workspaceId)];
  if (where?.key) conds.push(eq(messageTemplates.key, where.key));
  if (where?.id) conds.push(eq(messageTemplates.id, where.id));
  const rows = await db
    .select()
    .from(messageTemplates)
    .where(and(...conds));
  const variants = rows.length
    ? await db
        .select()
        .from(messageTemplateVariants)
        .where(
          and(
            eq(messageTemplateVariants.workspaceId, workspaceId),
            inArray(
              messageTemplateVariants.templateId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  return rows.map((row) => ({ row, variants: variants.filter((v) => v.templateId === row.id) }));
}

/** Replaces a template's language variants. */
export async function replaceVariants(
  db: Db,
  workspaceId: string,
  templateId: string,
  variants: TemplateVariantInput[],
) {
  await db
    .delete(messageTemplateVariants)
    .where(
      and(
        eq(messageTemplateVariants.workspaceId, workspaceId),
        eq(messageTemplateVariants.templateId, templateId),
      ),
    );
  await db.insert(messageTemplateVariants).values(variants.map((v) => ({ workspaceId, templateId, ...v })));
}

/** One of the workspace's own templates, or 404. */
export async function getOwn(db: Db, workspaceId: string, id: string) {
  const [own] = await loadRows(db, workspaceId, { id });
  if (!own) throw notFound('Template');
  return own;
}
