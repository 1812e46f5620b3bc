import type {
  CreateTemplateRequest,
  FieldIssue,
  Language,
  MessageTemplate,
  TemplateVariantInput,
  TouchpointKind,
  UpdateTemplateRequest,
} from '@evergreen/contracts';
import { createTemplateRequest, languages, updateTemplateRequest } from '@evergreen/contracts';
import { type Db, messageTemplates } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import { diff, recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, iso } from '../shared/context.ts';
import { rethrowConflict } from '../shared/db-errors.ts';
import { AppError } from '../shared/errors.ts';
import { builtInTemplate, builtInTemplates } from './builtin-templates.ts';
import { getOwn, loadRows, replaceVariants, type TemplateRow, type VariantRow } from './queries.ts';
import { checkTemplate } from './render.ts';

/** A template as used for sending: the workspace's variants over the built-in ones, language by language. */
export interface ResolvedTemplate {
  id: string | null;
  key: string;
  name: string;
  kind: TouchpointKind;
  builtIn: boolean;
  variants: Partial<Record<Language, { subject: string; body: string; source: 'default' | 'workspace' }>>;
  updatedAt: Date | null;
}

function resolve(key: string, row: TemplateRow | undefined, rows: VariantRow[]): ResolvedTemplate | null {
  const builtIn = builtInTemplate(key);
  if (!row && !builtIn) return null;
  const variants: ResolvedTemplate['variants'] = {};
  for (const lang of languages) {
    const own = rows.find((v) => v.language === lang);
    const def = builtIn?.variants[lang];
    if (own) variants[lang] = { subject: own.subject, body: own.body, source: 'workspace' };
    else if (def) variants[lang] = { ...def, source: 'default' };
  }
  return {
    id: row?.id ?? null,
    key,
    name: row?.name ?? builtIn!.name,
    kind: row?.kind ?? builtIn!.kind,
    builtIn: !!builtIn,
    variants,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The template for a key in a workspace (its own, a built-in default, or both merged); null if none. */
export async function resolveTemplate(
  db: Db,
  workspaceId: string,
  key: string,
): Promise<ResolvedTemplate | null> {
  const [own] = await loadRows(db, workspaceId, { key });
  return resolve(key, own?.row, own?.variants ?? []);
}

export const toMessageTemplate = (t: ResolvedTemplate): MessageTemplate => ({
  id: t.id,
  key: t.key,
  name: t.name,
  kind: t.kind,
  builtIn: t.builtIn,
  variants: languages.flatMap((language) => {
    const v = t.variants[language];
    return v ? [{ language, subject: v.subject, body: v.body, source: v.source }] : [];
  }),
  updatedAt: iso(t.updatedAt),
});

/** Built-in templates first (in their order), then the workspace's own by key. */
export async function listTemplates({ db, actor }: ActorCtx): Promise<MessageTemplate[]> {
  requireRole(actor, 'analyst');
  const own = await loadRows(db, actor.workspaceId);
  const byKey = new Map(own.map((o) => [o.row.key, o]));
  const keys = [
    ...builtInTemplates.map((t) => t.key),
    ...own
      .map((o) => o.row.key)
      .filter((k) => !builtInTemplate(k))
      .sort(),
  ];
  return keys.map((k) => toMessageTemplate(resolve(k, byKey.get(k)?.row, byKey.get(k)?.variants ?? [])!));
}

/** Unknown merge fields and unbalanced sections, named by field (variants.0.body). */
export function templateIssues(parts: { field: string; text: string }[]): FieldIssue[] {
  return parts.flatMap(({ field, text }) =>
    checkTemplate(text).map((i) => ({ field, message: i.message, code: i.code, params: { name: i.name } })),
  );
}

function assertValidVariants(variants: TemplateVariantInput[]) {
  const issues = templateIssues(
    variants.flatMap((v, i) => [
      { field: `variants.${i}.subject`, text: v.subject },
      { field: `variants.${i}.body`, text: v.body },
    ]),
  );
  if (issues.length)
    throw new AppError('validation_failed', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
}

/**
 * Adds a template, or overrides a built-in one by using its key: the languages given replace
 * the built-in text, the others keep it.
 */
export async function createTemplate(ctx: ActorCtx, input: CreateTemplateRequest): Promise<MessageTemplate> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = createTemplateRequest.parse(input);
  assertValidVariants(data.variants);
  const [taken] = await loadRows(db, actor.workspaceId, { key: data.key });
  if (taken)
    throw new AppError('conflict', 'key: this workspace already has a template with this key', [
      { field: 'key', message: 'already has a template', code: 'taken' },
    ]);
  const now = clock.now();
  const kind = data.kind ?? builtInTemplate(data.key)?.kind ?? 'check_in';
  const id = await db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(messageTemplates)
        .values({
          workspaceId: actor.workspaceId,
          key: data.key,
          name: data.name,
          kind,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: messageTemplates.id });
      await replaceVariants(tx, actor.workspaceId, row!.id, data.variants);
      await recordAudit(
        tx,
        actor,
        {
          action: 'message_template.created',
          entityType: 'message_template',
          entityId: row!.id,
          changes: { key: data.key, name: data.name, kind, languages: data.variants.map((v) => v.language) },
        },
        now,
      );
      return row!.id;
    })
    .catch((e) => rethrowConflict(e, 'This workspace already has a template with this key'));
  const own = await getOwn(db, actor.workspaceId, id);
  return toMessageTemplate(resolve(own.row.key, own.row, own.variants)!);
}

/** Changes a workspace template; `variants` replaces all of the workspace's own languages. */
export async function updateTemplate(
  ctx: ActorCtx,
  id: string,
  input: UpdateTemplateRequest,
): Promise<MessageTemplate> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const data = updateTemplateRequest.parse(input);
  const before = await getOwn(db, actor.workspaceId, id);
  if (data.variants) assertValidVariants(data.variants);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .update(messageTemplates)
      .set({
        ...(data.name !== undefined ? { name: data.name } : {}),
        ...(data.kind !== undefined ? { kind: data.kind } : {}),
        updatedAt: now,
      })
      .where(and(eq(messageTemplates.workspaceId, actor.workspaceId), eq(messageTemplates.id, id)));
    if (data.variants) await replaceVariants(tx, actor.workspaceId, id, data.variants);
    const variantsOf = (vs: { language: string; subject: string; body: string }[]) =>
      Object.fromEntries(vs.map((v) => [v.language, { subject: v.subject, body: v.body }]));
    const changes = diff(
      { name: before.row.name, kind: before.row.kind, variants: variantsOf(before.variants) },
      { name: data.name, kind: data.kind, variants: data.variants ? variantsOf(data.variants) : undefined },
    );
    await recordAudit(
      tx,
      actor,
      {
        action: 'message_template.updated',
        entityType: 'message_template',
        entityId: id,
        changes: { key: before.row.key, ...changes },
      },
      now,
    );
  });
  const own = await getOwn(db, actor.workspaceId, id);
  return toMessageTemplate(resolve(own.row.key, own.row, own.variants)!);
}

/** Deletes a workspace template; for a built-in key, the default text comes back. */
export async function deleteTemplate(ctx: ActorCtx, id: string): Promise<void> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const own = await getOwn(db, actor.workspaceId, id);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await tx
      .delete(messageTemplates)
      .where(and(eq(messageTemplates.workspaceId, actor.workspaceId), eq(messageTemplates.id, id)));
    await recordAudit(
      tx,
      actor,
      {
        action: 'message_template.deleted',
        entityType: 'message_template',
        entityId: id,
        changes: { key: own.row.key, name: own.row.name },
      },
      now,
    );
  });
}
