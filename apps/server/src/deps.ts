import type { Clock, Mailer, SecretBox } from '@evergreen/core';
import type { DatabaseActivity, Db, Driver, EmbeddedFault } from '@evergreen/db';

/** Everything the app needs from outside; tests pass their own. */
export interface AppDeps {
  db: Db;
  /**
   * Where the reports and the portfolio page read (REPORTS_DATABASE_URL: a PostgreSQL read
   * replica); `db` when omitted. Only reads go here, and only after access was checked on `db`.
   */
  reportsDb?: Db | undefined;
  driver: Driver;
  clock: Clock;
  mailer: Mailer;
  /** Encrypts sensitive fields (payment details) at rest. */
  box: SecretBox;
  publicUrl: string;
  openSignup: boolean;
  secureCookies: boolean;
  loginRateLimit: number;
  /** Proxies whose X-Forwarded-For gives the client address (TRUST_PROXY); none when omitted. */
  trustProxy?: string[];
  /** The largest import file in bytes (default 200 MB; tests lower it). */
  importMaxBytes?: number | undefined;
  /** Demo sign-in shown on the sign-in page, when the demo workspace is loaded. */
  demoLogin: { email: string; password: string } | null;
  /** Built web app to serve at /; omitted in API-only tests. */
  webDist?: string | undefined;
  /**
   * Memory for kept answers (Today, the roster, the reports, the portfolio) in bytes; 0 turns them
   * off (KEPT_ANSWERS_MB; default 64 MB; docs/operations/kept-answers.md).
   */
  keptAnswersBytes?: number | undefined;
  /** Called after something was queued in the outbox, to send it without waiting for the next tick. */
  kickOutbox?: () => void;
  loggerLevel?: string;
  /** Where log lines go (default stdout); tests capture them. */
  logStream?: { write(line: string): void };
  /**
   * How long a request waits for a database connection before it is refused with 503 and
   * Retry-After (DATABASE_WAIT_SECONDS; default 10 000 ms; decision 0024).
   */
  databaseWaitMs?: number | undefined;
  /**
   * PostgreSQL: a pool of its own for readiness, so it never queues behind the requests filling
   * the main pool; `db` when omitted.
   */
  probeDb?: Db | undefined;
  /** How long readiness waits for the database before answering 503 (default 5000 ms). */
  readyTimeoutMs?: number;
  /** The embedded database's fault now (storage full, out of memory, crashed), or null; PGlite in its worker only. */
  databaseFault?: (() => EmbeddedFault | null) | undefined;
  /**
   * PGlite in its worker: statements in flight and when the database last answered, so health
   * and readiness answer without queueing behind a long statement (docs/operations/health.md).
   */
  databaseActivity?: DatabaseActivity | undefined;
}
