import type { Me } from '@evergreen/contracts';
import { expect } from 'vitest';
import type { Session, TestApp } from '../harness.ts';

/** Signs a new account up with a given email (the harness's `signUp` makes a unique one). */
export async function signUpAs(t: TestApp, email: string, name: string): Promise<Session> {
  const password = 'correct horse battery';
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { name, email, password },
  });
  expect(res.statusCode, `signup failed: ${res.body}`).toBe(200);
  const me = res.json() as Me;
  const c = res.cookies.find((k) => k.name === 'evg_session')!;
  return { cookie: `evg_session=${c.value}`, csrf: me.csrfToken, me, email, password };
}

/** `owner` invites `email` to the workspace with `role` (expecting 200); the invitation as created. */
export async function invite(
  t: TestApp,
  owner: Session,
  workspaceId: string,
  email: string,
  role: 'manager' | 'analyst',
): Promise<{ acceptUrl: string; invitation: { id: string } }> {
  const created = await t.call(owner, {
    method: 'POST',
    url: `/api/v1/workspaces/${workspaceId}/invitations`,
    payload: { email, role },
  });
  expect(created.statusCode, created.body).toBe(200);
  return created.json();
}

/** `owner` invites `who` to the workspace with `role`, and `who` accepts; the invitation as created. */
export async function joinWorkspace(
  t: TestApp,
  owner: Session,
  workspaceId: string,
  who: Session,
  role: 'manager' | 'analyst',
) {
  const inv = await invite(t, owner, workspaceId, who.email, role);
  const res = await t.call(who, {
    method: 'POST',
    url: `/api/v1/invitations/${inv.acceptUrl.split('/').pop()}/accept`,
  });
  expect(res.statusCode, `accept failed: ${res.body}`).toBe(200);
  return inv;
}

/** A new account (unique email) that joined the workspace with `role`. */
export async function newMember(
  t: TestApp,
  owner: Session,
  workspaceId: string,
  role: 'manager' | 'analyst',
  name: string,
): Promise<Session> {
  const who = await t.signUp(name);
  await joinWorkspace(t, owner, workspaceId, who, role);
  return who;
}

/** Signs `s` in again (a new session, e.g. after the clock moved past the session's lifetime). */
export async function signInAgain(t: TestApp, s: Session): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: s.email, password: s.password },
  });
  expect(res.statusCode, `login failed: ${res.body}`).toBe(200);
  const c = res.cookies.find((k) => k.name === 'evg_session')!;
  return { ...s, cookie: `evg_session=${c.value}`, csrf: res.json().csrfToken };
}
