import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Session, TestApp } from '../harness.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface CallOptions {
  /** Content type of the body; a string or Buffer body is sent as text/csv unless this says otherwise. */
  type?: string;
  headers?: Record<string, string>;
  /** Another signed-in user than the workspace's owner. */
  as?: Session;
}

/** Requests to one workspace's API (`/api/v1/workspaces/:id…`) as its owner. */
export interface WorkspaceClient {
  t: TestApp;
  owner: Session;
  ws: string;
  /** `/api/v1/workspaces/<ws><path>` */
  api(path: string): string;
  call(method: Method, path: string, payload?: unknown, opts?: CallOptions): Promise<LightMyRequestResponse>;
  /** As `call`, expecting 200; the JSON body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON they asked for
  ok(method: Method, path: string, payload?: unknown, opts?: CallOptions): Promise<any>;
}

/** A client for the workspace `ws`, acting as `owner`. */
export function workspaceClient(t: TestApp, owner: Session, ws: string): WorkspaceClient {
  const api = (path: string) => `/api/v1/workspaces/${ws}${path}`;
  const call: WorkspaceClient['call'] = (method, path, payload, opts = {}) => {
    const raw = typeof payload === 'string' || Buffer.isBuffer(payload);
    const type = opts.type ?? (raw ? 'text/csv' : undefined);
    const headers = { ...(type ? { 'content-type': type } : {}), ...opts.headers };
    return t.call(opts.as ?? owner, {
      method,
      url: api(path),
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    });
  };
  const ok: WorkspaceClient['ok'] = async (method, path, payload, opts) => {
    const res = await call(method, path, payload, opts);
    expect(res.statusCode, `${method} ${path}: ${res.body}`).toBe(200);
    return res.json();
  };
  return { t, owner, ws, api, call, ok };
}

/** A new workspace of `owner`'s, with a client for it (one per scenario keeps lists to that scenario). */
export async function newWorkspace(t: TestApp, owner: Session, name: string): Promise<WorkspaceClient> {
  return workspaceClient(t, owner, (await t.createWorkspace(owner, name)).id);
}
