import {
  authConfig,
  invitationPreview,
  loginRequest,
  me,
  ok,
  signupRequest,
  updateProfileRequest,
  workspaceSummary,
} from '@evergreen/contracts';
import {
  acceptInvitation,
  authenticate,
  countSignInAttempt,
  createSession,
  deleteSession,
  getMe,
  hasRealUsers,
  previewInvitation,
  signUp,
  updateProfile,
} from '@evergreen/core';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { requireUser, SESSION_COOKIE } from '../../plugins/auth.ts';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const ctx = { db, clock };

  const startSession = async (reply: FastifyReply, userId: string, ua: string | undefined) => {
    const s = await createSession(db, clock, userId, ua);
    reply.setCookie(SESSION_COOKIE, s.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      expires: s.expiresAt,
    });
    return s.csrfToken;
  };

  app.get(
    '/auth/config',
    {
      schema: {
        tags,
        summary: 'Whether sign-up is open; the demo sign-in when loaded',
        response: { 200: authConfig },
      },
    },
    async () => ({
      signupOpen: deps.openSignup || !(await hasRealUsers(db)),
      hasUsers: await hasRealUsers(db),
      demo: deps.demoLogin,
    }),
  );

  app.post(
    '/auth/signup',
    {
      schema: {
        tags,
        summary: 'Create an account (the first one owns the installation)',
        body: signupRequest,
        response: { 200: me },
      },
    },
    async (req, reply) => {
      const user = await signUp(ctx, req.body, { openSignup: deps.openSignup });
      const csrf = await startSession(reply, user.id, req.headers['user-agent']);
      return getMe(db, user, csrf);
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie',
        body: loginRequest,
        response: { 200: me },
      },
    },
    async (req, reply) => {
      // Counted in the database before the password is checked, per client address (req.ip:
      // the socket's, or X-Forwarded-For's only from a proxy in TRUST_PROXY) and per email.
      await countSignInAttempt(ctx, { ip: req.ip, email: req.body.email, limit: deps.loginRateLimit });
      const user = await authenticate(db, req.body.email, req.body.password);
      const csrf = await startSession(reply, user.id, req.headers['user-agent']);
      return getMe(db, user, csrf);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out', response: { 200: ok } } },
    async (req, reply) => {
      const auth = requireUser(req);
      await deleteSession(db, auth.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/me',
    {
      schema: { tags, summary: 'The signed-in user, their workspaces and CSRF token', response: { 200: me } },
    },
    async (req) => {
      const auth = requireUser(req);
      return getMe(db, auth.user, auth.csrfToken);
    },
  );

  app.patch(
    '/auth/me',
    {
      schema: {
        tags,
        summary: 'Change your name or interface language',
        body: updateProfileRequest,
        response: { 200: me },
      },
    },
    async (req) => {
      const auth = requireUser(req);
      const user = await updateProfile(db, auth.user.id, req.body);
      return getMe(db, user, auth.csrfToken);
    },
  );

  const tokenParams = z.object({ token: z.string().min(10).max(200) });
  app.get(
    '/invitations/:token',
    {
      schema: {
        tags: ['team'],
        summary: 'What an invitation link is for',
        params: tokenParams,
        response: { 200: invitationPreview },
      },
    },
    async (req) => previewInvitation(ctx, req.params.token),
  );
  app.post(
    '/invitations/:token/accept',
    {
      schema: {
        tags: ['team'],
        summary: 'Join the workspace as the signed-in user',
        params: tokenParams,
        response: { 200: workspaceSummary },
      },
    },
    async (req) => {
      const auth = requireUser(req);
      return acceptInvitation(ctx, auth.user, req.params.token);
    },
  );
};
