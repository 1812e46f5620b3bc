import { z } from 'zod';

export const roles = ['owner', 'manager', 'analyst', 'creator'] as const;
export const role = z.enum(roles);
export type Role = z.infer<typeof role>;
/** Roles a teammate can be given from settings (creators join through the portal). */
export const teamRole = z.enum(['owner', 'manager', 'analyst']);
export type TeamRole = z.infer<typeof teamRole>;

export const languages = ['en', 'ru'] as const;
export const language = z.enum(languages);
export type Language = z.infer<typeof language>;

export const uuid = z.uuid();
export const email = z
  .email()
  .max(254)
  .transform((v) => v.trim().toLowerCase());
/** ISO 4217 alphabetic code. */
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code, e.g. USD');
/** Market code, ISO 3166-1 alpha-2 (US, RU, …). */
export const marketCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code, e.g. US');
export const isoDateTime = z.string();

export const idParams = z.object({ workspaceId: uuid });
export const ok = z.object({ ok: z.literal(true) });
