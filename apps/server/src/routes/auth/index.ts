import {
  accountSessionList,
  authConfig,
  changePasswordRequest,
  changePasswordResult,
  invitationPreview,
  loginRequest,
  me,
  ok,
  passwordResetConfirm,
  passwordResetRequest,
  sessionsEnded,
  signupRequest,
  updateProfileRequest,
  workspaceSummary,
} from '@evergreen/contracts';
import {
  acceptInvitation,
  authenticate,
  changePassword,
  countSignInAttempt,
  createSession,
  deleteSession,
  endAllSessions,
  endSession,
  getMe,
  hasRealUsers,
  listSessions,
  previewInvitation,
  requestPasswordReset,
  resetPassword,
  signUp,
  updateProfile,
} from '@evergreen/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { requireUser, SESSION_COOKIE } from '../../plugins/auth.ts';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { db, clock } = deps;
  const ctx = { db, clock };

  /** Starts a session for `user` (sets the cookie) and answers who is signed in, with its CSRF token. */
  const signIn = async (req: FastifyRequest, reply: FastifyReply, user: Parameters<typeof getMe>[1]) => {
    const s = await createSession(db, clock, user.id, req.headers['user-agent'], req.ip);
    reply.setCookie(SESSION_COOKIE, s.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      expires: s.expiresAt,
    });
    return getMe(db, user, s.csrfToken);
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
      emailConfigured: deps.mailer.configured,
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
      return signIn(req, reply, user);
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
      return signIn(req, reply, user);
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

  app.post(
    '/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your password (the current one is checked); your other sessions end',
        body: changePasswordRequest,
        response: { 200: changePasswordResult },
      },
    },
    async (req) => {
      const auth = requireUser(req);
      // Counted like a sign-in: the current password must not be guessable from a stolen session.
      await countSignInAttempt(ctx, {
        ip: req.ip,
        email: `password:${auth.user.email}`,
        limit: deps.loginRateLimit,
      });
      return changePassword(ctx, auth.user.id, auth.sessionId, req.body);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'Forgot password: email a single-use link (60 minutes) if the address has an account; the answer is the same either way',
        body: passwordResetRequest,
        response: { 200: ok },
      },
    },
    async (req) => {
      await countSignInAttempt(ctx, {
        ip: req.ip,
        email: `reset:${req.body.email}`,
        limit: deps.loginRateLimit,
      });
      await requestPasswordReset(ctx, { email: req.body.email, ip: req.ip }, { publicUrl: deps.publicUrl });
      // The outbox sends in the background, whether or not a mail was queued: the answer's timing
      // says nothing about whether the address has an account.
      deps.kickOutbox?.();
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Set a new password with the emailed link; every session ends and this browser signs in',
        body: passwordResetConfirm,
        response: { 200: me },
      },
    },
    async (req, reply) => {
      const user = await resetPassword(ctx, req.body);
      return signIn(req, reply, user);
    },
  );

  app.get(
    '/auth/sessions',
    {
      schema: {
        tags,
        summary: 'Where you are signed in (browsers and devices), the current one marked',
        response: { 200: accountSessionList },
      },
    },
    async (req) => {
      const auth = requireUser(req);
      return { sessions: await listSessions(ctx, auth.user.id, auth.sessionId) };
    },
  );

  app.delete(
    '/auth/sessions/:sessionId',
    {
      schema: {
        tags,
        summary: 'Sign one of your sessions out',
        params: z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/) }),
        response: { 200: ok },
      },
    },
    async (req) => {
      const auth = requireUser(req);
      await endSession(ctx, auth.user.id, req.params.sessionId);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/sign-out-everywhere',
    {
      schema: {
        tags,
        summary: 'End every session of yours; with keepCurrent, all but this one',
        querystring: z.object({ keepCurrent: z.enum(['true', 'false']).optional() }),
        response: { 200: sessionsEnded },
      },
    },
    async (req, reply) => {
      const auth = requireUser(req);
      const keep = req.query.keepCurrent === 'true';
      const n = await endAllSessions(ctx, auth.user.id, keep ? auth.sessionId : undefined);
      if (!keep) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { sessionsEnded: n };
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
