import {
  apiToken,
  auditPage,
  auditQuery,
  changeRoleRequest,
  createdInvitation,
  createdToken,
  createInvitationRequest,
  createTokenRequest,
  createWorkspaceRequest,
  idParams,
  invitation,
  member,
  ok,
  outboxList,
  sessionsEnded,
  tierPolicy,
  updateTiersRequest,
  updateWorkspaceRequest,
  uuid,
  workspace,
  workspaceSummary,
} from '@evergreen/contracts';
import {
  changeMemberRole,
  createApiToken,
  createWorkspace,
  forceMemberSignOut,
  getWorkspace,
  inviteMember,
  listApiTokens,
  listAudit,
  listInvitations,
  listMembers,
  listOutbox,
  listTiers,
  listUserWorkspaces,
  removeMember,
  resendInvitation,
  retryOutboxMessage,
  revokeApiToken,
  revokeInvitation,
  updateTiers,
  updateWorkspace,
} from '@evergreen/core';
import { workspaces } from '@evergreen/db';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { requireUser, workspaceScope } from '../../plugins/auth.ts';
import { agreementRoutes } from '../agreements/index.ts';
import { budgetRoutes } from '../budgets/index.ts';
import { campaignRoutes } from '../campaigns/index.ts';
import { actorContext } from '../context.ts';
import { importRoutes } from '../imports/index.ts';
import { messagingRoutes } from '../messaging/index.ts';
import { orderRoutes } from '../orders/index.ts';
import { performanceRoutes } from '../performance/index.ts';
import { portalManageRoutes } from '../portal/manage.ts';
import { monthlySummaryRoutes } from '../portal/monthly.ts';
import { portfolioRoutes } from '../portfolio/index.ts';
import { reportRoutes } from '../reports/index.ts';
import { rosterCsvRoutes } from '../roster/csv.ts';
import { rosterRoutes } from '../roster/index.ts';
import { selectionRoutes } from '../selection/index.ts';

export const workspaceRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { db, clock } = deps;

  app.get(
    '/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Workspaces you belong to',
        response: { 200: z.array(workspaceSummary) },
      },
    },
    async (req) => {
      if (req.auth?.kind === 'token') {
        const { workspaceId, role } = req.auth;
        const rows = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
        return rows.map((w) => ({ id: w.id, slug: w.slug, name: w.name, role }));
      }
      return listUserWorkspaces(db, requireUser(req).user.id);
    },
  );

  app.post(
    '/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace; you become its owner',
        body: createWorkspaceRequest,
        response: { 200: workspace },
      },
    },
    async (req) => createWorkspace({ db, clock }, requireUser(req).user.id, req.body),
  );

  // Everything below is scoped to one workspace the caller belongs to.
  await app.register(async (scoped) => {
    workspaceScope(scoped, db);
    const ctx = actorContext(deps);
    const kick = () => deps.kickOutbox?.();
    const r = scoped.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>();
    const P = '/workspaces/:workspaceId';
    const owner = { minRole: 'owner' as const };

    r.get(
      P,
      {
        schema: {
          tags: ['workspaces'],
          summary: 'Workspace settings',
          params: idParams,
          response: { 200: workspace },
        },
      },
      (req) => getWorkspace(ctx(req)),
    );
    r.patch(
      P,
      {
        config: owner,
        schema: {
          tags: ['workspaces'],
          summary: 'Change workspace settings',
          params: idParams,
          body: updateWorkspaceRequest,
          response: { 200: workspace },
        },
      },
      (req) => updateWorkspace(ctx(req), req.body),
    );

    r.get(
      `${P}/tiers`,
      {
        schema: {
          tags: ['tiers'],
          summary: 'Tier policies',
          params: idParams,
          response: { 200: z.array(tierPolicy) },
        },
      },
      (req) => listTiers(ctx(req)),
    );
    r.put(
      `${P}/tiers`,
      {
        config: owner,
        schema: {
          tags: ['tiers'],
          summary: 'Replace the three tier policies',
          params: idParams,
          body: updateTiersRequest,
          response: { 200: z.array(tierPolicy) },
        },
      },
      (req) => updateTiers(ctx(req), req.body.tiers),
    );

    const memberParams = idParams.extend({ userId: uuid });
    r.get(
      `${P}/members`,
      {
        schema: {
          tags: ['team'],
          summary: 'Team members',
          params: idParams,
          response: { 200: z.array(member) },
        },
      },
      (req) => listMembers(ctx(req)),
    );
    r.patch(
      `${P}/members/:userId`,
      {
        config: owner,
        schema: {
          tags: ['team'],
          summary: "Change a member's role",
          params: memberParams,
          body: changeRoleRequest,
          response: { 200: member },
        },
      },
      (req) => changeMemberRole(ctx(req), req.params.userId, req.body.role),
    );
    r.delete(
      `${P}/members/:userId`,
      {
        config: owner,
        schema: { tags: ['team'], summary: 'Remove a member', params: memberParams, response: { 200: ok } },
      },
      async (req) => {
        await removeMember(ctx(req), req.params.userId);
        return { ok: true as const };
      },
    );

    r.post(
      `${P}/members/:userId/sign-out`,
      {
        config: owner,
        schema: {
          tags: ['team'],
          summary: 'Sign a member out of every browser (their sessions end; they sign in again)',
          params: memberParams,
          response: { 200: sessionsEnded },
        },
      },
      (req) => forceMemberSignOut(ctx(req), req.params.userId),
    );

    const invitationParams = idParams.extend({ invitationId: uuid });
    r.get(
      `${P}/invitations`,
      {
        config: owner,
        schema: {
          tags: ['team'],
          summary: 'Invitations',
          params: idParams,
          response: { 200: z.array(invitation) },
        },
      },
      (req) => listInvitations(ctx(req)),
    );
    r.post(
      `${P}/invitations`,
      {
        config: owner,
        schema: {
          tags: ['team'],
          summary: 'Invite a teammate by email',
          params: idParams,
          body: createInvitationRequest,
          response: { 200: createdInvitation },
        },
      },
      async (req) => {
        const out = await inviteMember(ctx(req), req.body, { publicUrl: deps.publicUrl });
        kick();
        return out;
      },
    );
    r.delete(
      `${P}/invitations/:invitationId`,
      {
        config: owner,
        schema: {
          tags: ['team'],
          summary: 'Revoke an invitation',
          params: invitationParams,
          response: { 200: ok },
        },
      },
      async (req) => {
        await revokeInvitation(ctx(req), req.params.invitationId);
        return { ok: true as const };
      },
    );
    r.post(
      `${P}/invitations/:invitationId/resend`,
      {
        config: owner,
        schema: {
          tags: ['team'],
          summary: 'Send a fresh invitation link',
          params: invitationParams,
          response: { 200: invitation },
        },
      },
      async (req) => {
        const out = await resendInvitation(ctx(req), req.params.invitationId, { publicUrl: deps.publicUrl });
        kick();
        return out;
      },
    );

    r.get(
      `${P}/outbox`,
      {
        config: owner,
        schema: {
          tags: ['email'],
          summary: 'Emails queued, sent and failed',
          params: idParams,
          response: { 200: outboxList },
        },
      },
      (req) => listOutbox(ctx(req), deps.mailer.configured),
    );
    r.post(
      `${P}/outbox/:messageId/retry`,
      {
        config: owner,
        schema: {
          tags: ['email'],
          summary: 'Queue a failed email again',
          params: idParams.extend({ messageId: uuid }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await retryOutboxMessage(ctx(req), req.params.messageId);
        kick();
        return { ok: true as const };
      },
    );

    r.get(
      `${P}/tokens`,
      {
        config: owner,
        schema: {
          tags: ['tokens'],
          summary: 'API tokens',
          params: idParams,
          response: { 200: z.array(apiToken) },
        },
      },
      (req) => listApiTokens(ctx(req)),
    );
    r.post(
      `${P}/tokens`,
      {
        config: owner,
        schema: {
          tags: ['tokens'],
          summary: 'Create an API token (the secret is shown once)',
          params: idParams,
          body: createTokenRequest,
          response: { 200: createdToken },
        },
      },
      (req) => createApiToken(ctx(req), req.body),
    );
    r.delete(
      `${P}/tokens/:tokenId`,
      {
        config: owner,
        schema: {
          tags: ['tokens'],
          summary: 'Revoke an API token',
          params: idParams.extend({ tokenId: uuid }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await revokeApiToken(ctx(req), req.params.tokenId);
        return { ok: true as const };
      },
    );

    r.get(
      `${P}/audit`,
      {
        config: owner,
        schema: {
          tags: ['audit'],
          summary: 'Who changed what, newest first',
          params: idParams,
          querystring: auditQuery,
          response: { 200: auditPage },
        },
      },
      (req) => listAudit(ctx(req), req.query),
    );

    // Each module's workspace routes live in its own folder and share this scope.
    await scoped.register(rosterRoutes, deps);
    await scoped.register(messagingRoutes, deps);
    await scoped.register(rosterCsvRoutes, deps);
    await scoped.register(campaignRoutes, deps);
    await scoped.register(agreementRoutes, deps);
    await scoped.register(budgetRoutes, deps);
    await scoped.register(orderRoutes, deps);
    await scoped.register(performanceRoutes, deps);
    await scoped.register(importRoutes, deps);
    await scoped.register(reportRoutes, deps);
    await scoped.register(portalManageRoutes, deps);
    await scoped.register(monthlySummaryRoutes, deps);
    await scoped.register(portfolioRoutes, deps);
    await scoped.register(selectionRoutes, deps);
  });
};
