import { idParams, portalAccessStatus, uuid } from '@evergreen/contracts';
import { getPortalAccess, invitePortal, revokePortal } from '@evergreen/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.ts';
import { actorContext } from '../context.ts';

/** A manager invites a creator to the portal and revokes access. Inside the workspace scope. */
export const portalManageRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId/creators/:creatorId/portal';
  const params = idParams.extend({ creatorId: uuid });
  const tags = ['portal'];

  r.get(
    P,
    {
      schema: { tags, summary: "The creator's portal access", params, response: { 200: portalAccessStatus } },
    },
    (req) => getPortalAccess(ctx(req), req.params.creatorId),
  );
  r.post(
    `${P}/invite`,
    {
      schema: {
        tags,
        summary:
          'Invite the creator to the portal (emails a sign-in link valid 7 days); again sends a fresh link',
        params,
        response: { 200: portalAccessStatus },
      },
    },
    async (req) => {
      const { access, messageId } = await invitePortal(ctx(req), req.params.creatorId, {
        publicUrl: deps.publicUrl,
      });
      if (messageId) deps.kickOutbox?.();
      return access;
    },
  );
  r.delete(
    P,
    {
      schema: {
        tags,
        summary: "Revoke the creator's portal access (their sessions end at once)",
        params,
        response: { 200: portalAccessStatus },
      },
    },
    (req) => revokePortal(ctx(req), req.params.creatorId),
  );
};
