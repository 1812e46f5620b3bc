import { z } from 'zod';
import { email, httpUrl, isoDateTime, isoDateTimeInput, language, uuid } from './common.ts';

/** A creator's portal access, as a manager sees it on the creator's profile. */
export const portalAccessStatus = z.object({
  status: z.enum(['none', 'active', 'revoked']),
  email: z.string().nullable(),
  invitedAt: isoDateTime.nullable(),
  lastSignInAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type PortalAccessStatus = z.infer<typeof portalAccessStatus>;

/** Ask for a sign-in link (the answer never says whether the address is known). */
export const portalLinkRequest = z.object({ email });
export type PortalLinkRequest = z.infer<typeof portalLinkRequest>;

export const portalSignInRequest = z.object({ token: z.string().min(20).max(200) });
export type PortalSignInRequest = z.infer<typeof portalSignInRequest>;

/** Who is signed in to the portal: one creator of one workspace. */
export const portalMe = z.object({
  creator: z.object({ id: uuid, name: z.string() }),
  workspace: z.object({ id: uuid, name: z.string() }),
  language,
  csrfToken: z.string(),
});
export type PortalMe = z.infer<typeof portalMe>;

/** Signing in: who, and the portal page the link opens (a brief or agreement it was emailed with). */
export const portalSignInResult = portalMe.extend({ next: z.string().nullable() });
export type PortalSignInResult = z.infer<typeof portalSignInResult>;

/** The creator gives notice on their agreement themselves (today; `by` is always the creator). */
export const portalNoticeRequest = z.object({ reason: z.string().trim().max(2000).optional() });
export type PortalNoticeRequest = z.infer<typeof portalNoticeRequest>;

const metricCount = z.number().int().min(0).max(1e15).nullable().optional();
/** The creator submits their post: its link, when it went up, and the numbers they see now. */
export const portalSubmitPostRequest = z.object({
  url: httpUrl.max(1000),
  /** Defaults to now. */
  postedAt: isoDateTimeInput.optional(),
  metrics: z
    .object({
      impressions: metricCount,
      reach: metricCount,
      likes: metricCount,
      comments: metricCount,
      shares: metricCount,
      saves: metricCount,
      clicks: metricCount,
      videoViews: metricCount,
    })
    .optional(),
});
export type PortalSubmitPostRequest = z.infer<typeof portalSubmitPostRequest>;

/** The creator's payment details as they come back: never the details, only whether and a mask. */
export const portalPaymentDetails = z.object({ present: z.boolean(), mask: z.string().nullable() });
export type PortalPaymentDetails = z.infer<typeof portalPaymentDetails>;
