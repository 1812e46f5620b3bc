import type { APIRequestContext } from 'playwright-core';
import { expect } from 'vitest';

export type ApiCall = (
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  data?: unknown,
  headers?: Record<string, string>,
) => Promise<
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON they asked for
  any
>;

/**
 * The API (`/api/v1<path>`) as a signed-in browser's own session (`page.request`, or a request
 * context of its own): the CSRF token read from /auth/me, a JSON body, 200 expected; the answer.
 * For setup that the test is not about.
 */
export function sessionApi(request: APIRequestContext, base: string): ApiCall {
  return async (method, path, data, headers = {}) => {
    const me = await (await request.get(`${base}/api/v1/auth/me`)).json();
    const res = await request.fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'x-csrf-token': me.csrfToken ?? '', 'content-type': 'application/json', ...headers },
      data: data === undefined ? undefined : JSON.stringify(data),
    });
    expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
    return res.json();
  };
}

/** GET `/api/v1/workspaces/<ws><path>` as a signed-in browser's own session; 200 expected; the JSON. */
export async function workspaceGet(request: APIRequestContext, base: string, ws: string, path: string) {
  const res = await request.get(`${base}/api/v1/workspaces/${ws}${path}`);
  expect(res.status(), path).toBe(200);
  return res.json();
}

/** Adds an active creator with a lead time of 7 days to workspace `ws` (setup); the creator's id. */
export const addActiveCreator = async (
  api: ApiCall,
  ws: string,
  displayName: string,
  email: string,
  tier: number,
  markets: string[],
): Promise<string> =>
  (
    await api('POST', `/workspaces/${ws}/creators`, {
      displayName,
      email,
      tier,
      status: 'active',
      markets,
      leadTimeDays: 7,
    })
  ).id;
