import type {
  AcceptBriefRequest,
  Brief,
  BriefDetail,
  DeclineBriefRequest,
  RespondChangeRequest,
} from '@evergreen/contracts';
import {
  acceptBriefAsCreator,
  declineBriefAsCreator,
  getBriefAsCreator,
  listBriefsAsCreator,
  respondToChangeRequestAsCreator,
} from '../campaigns/index.ts';
import type { PortalCtx } from '../shared/context.ts';

/** The creator's briefs: sent to them, never drafts, never another creator's. */
export const listPortalBriefs = (ctx: PortalCtx): Promise<Brief[]> => listBriefsAsCreator(ctx);

/** One brief with every version and change request. */
export const getPortalBrief = (ctx: PortalCtx, briefId: string): Promise<BriefDetail> =>
  getBriefAsCreator(ctx, briefId);

/** The creator accepts the brief's current version, as their own acceptance. */
export const acceptPortalBrief = (
  ctx: PortalCtx,
  briefId: string,
  input: AcceptBriefRequest,
  meta: { ip: string | null },
): Promise<BriefDetail> => acceptBriefAsCreator(ctx, briefId, input, meta);

/** The creator accepts a change request, or declines it with a reason. */
export const respondPortalChangeRequest = (
  ctx: PortalCtx,
  briefId: string,
  input: RespondChangeRequest,
  meta: { ip: string | null },
): Promise<BriefDetail> => respondToChangeRequestAsCreator(ctx, briefId, input, meta);

/** The creator declines a sent brief with a reason. */
export const declinePortalBrief = (
  ctx: PortalCtx,
  briefId: string,
  input: DeclineBriefRequest,
  meta: { ip: string | null },
): Promise<BriefDetail> => declineBriefAsCreator(ctx, briefId, input, meta);
