import { randomBytes } from 'node:crypto';
import type { Me } from '@evergreen/contracts';
import { type Clock, createSecretBox, type Mailer, nullMailer, systemClock } from '@evergreen/core';
import type { Database } from '@evergreen/db';
import { openTestDatabase } from '@evergreen/db/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import type { AppDeps } from '../deps.ts';

export interface Session {
  cookie: string;
  csrf: string;
  me: Me;
  email: string;
  password: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  deps: AppDeps;
  close(): Promise<void>;
  /** A new unique account, signed in. */
  signUp(name?: string): Promise<Session>;
  /** Request as a signed-in user (cookie + CSRF header), or anonymously. */
  call(s: Session | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Request with an API token. */
  callToken(secret: string, opts: InjectOptions): Promise<LightMyRequestResponse>;
  createWorkspace(s: Session, name?: string): Promise<{ id: string }>;
}

export const uniqueEmail = (tag = 'user') => `${tag}-${randomBytes(5).toString('hex')}@example.test`;

export type TestAppOptions = Partial<AppDeps> & {
  mailer?: Mailer;
  clock?: Clock;
  /** PGlite in a worker thread behind node-postgres, as the server runs it (PGlite runs only). */
  worker?: boolean;
  /** Another app on this database (a second server process); closed with this app. */
  database?: Database;
};

/**
 * A test file's app and its first signed-up user, in one step:
 * `beforeAll(async () => ({ t, owner } = await appWithOwner('Olga Owner', { now })))`.
 * `now` is a fixed clock (the app's `clock` option, for a clock the file does not move).
 */
export async function appWithOwner(
  ownerName: string,
  { now, ...options }: TestAppOptions & { now?: Date } = {},
): Promise<{ t: TestApp; owner: Session }> {
  const t = await createTestApp(now ? { clock: { now: () => now }, ...options } : options);
  return { t, owner: await t.signUp(ownerName) };
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const { worker, database: given, ...overrides } = options;
  const database = given ?? (await openTestDatabase(worker === undefined ? {} : { worker }));
  const deps: AppDeps = {
    db: database.db,
    driver: database.driver,
    clock: systemClock,
    mailer: nullMailer,
    box: createSecretBox(randomBytes(32)),
    publicUrl: 'http://evergreen.test',
    openSignup: true,
    secureCookies: false,
    loginRateLimit: 1000,
    demoLogin: null,
    // As main.ts: PGlite in its worker tells health and readiness what it is doing.
    databaseActivity: database.activity,
    probeDb: database.probe,
    ...overrides,
  };
  const app = await buildApp(deps);
  await app.ready();

  const call: TestApp['call'] = (s, opts) =>
    app.inject({
      ...opts,
      headers: {
        ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
        ...opts.headers,
      },
    });

  const signUp: TestApp['signUp'] = async (name = 'Test User') => {
    const email = uniqueEmail();
    const password = 'correct horse battery';
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { name, email, password },
    });
    if (res.statusCode !== 200) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
    const me = res.json() as Me;
    const c = res.cookies.find((k) => k.name === 'evg_session')!;
    return { cookie: `evg_session=${c.value}`, csrf: me.csrfToken, me, email, password };
  };

  return {
    app,
    database,
    deps,
    call,
    signUp,
    callToken: (secret, opts) =>
      app.inject({ ...opts, headers: { authorization: `Bearer ${secret}`, ...opts.headers } }),
    async createWorkspace(s, name = 'Acme') {
      const res = await call(s, {
        method: 'POST',
        url: '/api/v1/workspaces',
        payload: { name, markets: ['US'] },
      });
      if (res.statusCode !== 200) throw new Error(`create workspace failed: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
