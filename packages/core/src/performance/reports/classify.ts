import type { PartnershipGroup } from '@evergreen/contracts';
import { type SQL, sql } from 'drizzle-orm';

/**
 * Partnership vs one-off (docs/performance.md). A sponsored live post is a partnership post when
 * its agreement is annual or a retainer, or its creator has ≥ 3 sponsored live posts in the
 * workspace; otherwise one-off. A creator (for orders attributed without a post, and for the
 * creator's own label) is a partner when they have an annual/retainer agreement or ≥ 3 posts.
 */
export const PARTNER_AGREEMENT_TYPES = ['annual', 'retainer'] as const;

/** The pure rule, for one post (agreementType = its agreement's type, null without one). */
export function postGroup(p: { agreementType: string | null; creatorPosts: number }): PartnershipGroup {
  const partnerAgreement = (PARTNER_AGREEMENT_TYPES as readonly string[]).includes(p.agreementType ?? '');
  return partnerAgreement || p.creatorPosts >= 3 ? 'partnership' : 'one_off';
}

/** The pure rule, for a creator. */
export function creatorGroup(c: { hasPartnerAgreement: boolean; posts: number }): PartnershipGroup {
  return c.hasPartnerAgreement || c.posts >= 3 ? 'partnership' : 'one_off';
}

/**
 * CTEs (to put after `with`) the group expressions below rely on:
 * - `many`: creators with a 3rd sponsored live post (ordinal = 3: one index probe);
 * - `pag`: ids of annual/retainer agreements; `pac`: their creators.
 */
export const groupCtes = (ws: string): SQL => sql`
  many as (select creator_id from deliverables where workspace_id = ${ws} and ordinal = 3),
  pag as (select id, creator_id from agreements where workspace_id = ${ws} and type in ('annual', 'retainer')),
  pac as (select distinct creator_id from pag)`;

/** True when the post (columns agreement_id and creator_id of alias `d`) is a partnership post. */
export const postIsPartner = (d: string): SQL =>
  sql.raw(`(coalesce(${d}.agreement_id in (select id from pag), false)
    or ${d}.creator_id in (select creator_id from many))`);

/** True when the creator id expression is a partner (annual/retainer agreement or ≥ 3 posts). */
export const creatorIsPartner = (creatorId: string): SQL =>
  sql.raw(`(${creatorId} in (select creator_id from many) or ${creatorId} in (select creator_id from pac))`);

/** 'partnership' / 'one_off' from a boolean SQL expression. */
export const groupLabel = (isPartner: SQL): SQL =>
  sql`(case when ${isPartner} then 'partnership' else 'one_off' end)`;
