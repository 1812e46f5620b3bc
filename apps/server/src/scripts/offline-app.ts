import { randomBytes } from 'node:crypto';
import { createSecretBox, nullMailer, systemClock } from '@evergreen/core';
import type { Database } from '@evergreen/db';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';

/**
 * The app on a database of its own, outside any server: the system clock, no mail, a throwaway
 * encryption key, open sign-up, no demo login. For writing the OpenAPI document and for the
 * benchmarks (bench/support.ts).
 */
export const buildOfflineApp = (
  database: Database,
  opts: { publicUrl: string; loginRateLimit: number; keptAnswersBytes?: number | undefined },
): Promise<FastifyInstance> =>
  buildApp({
    db: database.db,
    driver: database.driver,
    clock: systemClock,
    mailer: nullMailer,
    box: createSecretBox(randomBytes(32)),
    publicUrl: opts.publicUrl,
    openSignup: true,
    secureCookies: false,
    loginRateLimit: opts.loginRateLimit,
    demoLogin: null,
    // As main.ts: the embedded worker's faults and activity reach health and readiness.
    databaseFault: database.fault,
    databaseActivity: database.activity,
    keptAnswersBytes: opts.keptAnswersBytes,
  });
