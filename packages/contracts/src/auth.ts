import { z } from 'zod';
import { email, isoDateTime, language, role, uuid } from './common.ts';

export const password = z.string().min(10, 'must be at least 10 characters').max(200);

export const signupRequest = z.object({
  name: z.string().trim().min(1).max(120),
  email,
  password,
  locale: language.optional(),
  /** Sign up to accept an invitation (allowed even when open sign-up is off). */
  invitationToken: z.string().optional(),
});
export type SignupRequest = z.infer<typeof signupRequest>;

export const loginRequest = z.object({ email, password: z.string().min(1).max(200) });
export type LoginRequest = z.infer<typeof loginRequest>;

export const workspaceSummary = z.object({
  id: uuid,
  slug: z.string(),
  name: z.string(),
  role,
});
export type WorkspaceSummary = z.infer<typeof workspaceSummary>;

export const me = z.object({
  user: z.object({
    id: uuid,
    email: z.string(),
    name: z.string(),
    locale: language,
    isInstanceOwner: z.boolean(),
    createdAt: isoDateTime,
  }),
  workspaces: z.array(workspaceSummary),
  /** Send back as the `x-csrf-token` header on every cookie-authenticated write. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;

export const updateProfileRequest = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  locale: language.optional(),
});

export const authConfig = z.object({
  signupOpen: z.boolean(),
  hasUsers: z.boolean(),
  demo: z.object({ email: z.string(), password: z.string() }).nullable(),
  /** Whether this installation can send email (a "forgot password" link needs it). */
  emailConfigured: z.boolean(),
});
export type AuthConfig = z.infer<typeof authConfig>;

export const changePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
export const changePasswordResult = z.object({ otherSessionsEnded: z.number().int() });

export const passwordResetRequest = z.object({ email });
export const passwordResetConfirm = z.object({ token: z.string().min(10).max(200), password });
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirm>;

/** One browser or device signed in to the account. `id` is the stored hash, never the cookie. */
export const accountSession = z.object({
  id: z.string(),
  current: z.boolean(),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime.nullable(),
  expiresAt: isoDateTime,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AccountSession = z.infer<typeof accountSession>;
export const accountSessionList = z.object({ sessions: z.array(accountSession) });
export const sessionsEnded = z.object({ sessionsEnded: z.number().int() });
