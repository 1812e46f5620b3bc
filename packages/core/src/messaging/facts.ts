import { type Db, queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import type { MergeFacts } from './render.ts';

interface PostRow {
  title: string | null;
  type: string;
  url: string | null;
  posted_on: string;
  latest_engagements: number | string | null;
  latest_basis: number | string | null;
}

interface CampaignRow {
  name: string;
  starts_on: string;
}

const num = (v: number | string | null) => (v == null ? null : Number(v));

/** engagements ÷ basis as a percent with one decimal ("4.1"), exact integer arithmetic, half up; null without a basis. */
export function engagementPct(engagements: number | null, basis: number | null): string | null {
  if (engagements == null || basis == null || basis <= 0) return null;
  const b = BigInt(basis);
  const n = BigInt(engagements) * 1000n;
  const tenths = n / b + ((n % b) * 2n >= b ? 1n : 0n);
  return `${tenths / 10n}.${tenths % 10n}`;
}

/**
 * What the `lastPost.*` and `nextCampaign.*` merge fields are filled from, for one creator:
 * their latest live post (by posted time) with its latest engagement rate, and the next campaign
 * being planned, the ones they already have a brief in first.
 */
export async function creatorActivity(
  db: Db,
  workspaceId: string,
  creatorId: string,
  today: string,
): Promise<Pick<MergeFacts, 'lastPost' | 'nextCampaign'>> {
  const [post] = await queryRows<PostRow>(
    db,
    sql`select title, type, url, (posted_at at time zone 'UTC')::date::text as posted_on,
          latest_engagements, latest_basis
        from deliverables
        where workspace_id = ${workspaceId} and creator_id = ${creatorId}
          and status = 'live' and posted_at is not null
        order by posted_at desc, id desc
        limit 1`,
  );
  const [campaign] = await queryRows<CampaignRow>(
    db,
    sql`select k.name, k.starts_on::text as starts_on
        from campaigns k
        where k.workspace_id = ${workspaceId} and k.status = 'planning' and k.starts_on >= ${today}
        order by exists (
            select 1 from briefs b
            where b.workspace_id = k.workspace_id and b.campaign_id = k.id
              and b.creator_id = ${creatorId} and b.status <> 'cancelled') desc,
          k.starts_on, k.name
        limit 1`,
  );
  return {
    lastPost: post
      ? {
          title: post.title ?? post.type.replaceAll('_', ' '),
          url: post.url,
          postedOn: post.posted_on,
          engagementRatePct: engagementPct(num(post.latest_engagements), num(post.latest_basis)),
        }
      : null,
    nextCampaign: campaign ? { name: campaign.name, startsOn: campaign.starts_on } : null,
  };
}
