import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** proxy-addr's names for whole ranges: 127.0.0.1/8 and ::1, 169.254.0.0/16 and fe80::/10, private ranges. */
const proxyRanges = ['loopback', 'linklocal', 'uniquelocal'] as const;
const proxyEntry = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(proxyRanges)]);

/**
 * TRUST_PROXY: the reverse proxies whose X-Forwarded-For is believed, as a comma-separated list
 * of addresses, CIDR ranges or range names ("10.0.0.5, 172.16.0.0/12, loopback"). Unset or empty:
 * no proxy is trusted and the client address is the connection's.
 */
const trustProxy = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine((s) => proxyEntry.safeParse(s).success, {
        error: (i) =>
          `"${String(i.input)}" is not an IP address, a CIDR range or one of ${proxyRanges.join(', ')}`,
      }),
    ),
  );

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(4100),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REPORTS_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  EVERGREEN_DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Evergreen <evergreen@localhost>'),
  EVERGREEN_DEMO: bool.default(true),
  EVERGREEN_SIGNUP: z.enum(['open', 'invite']).default('open'),
  SECURE_COOKIES: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  DATABASE_WAIT_SECONDS: z.coerce.number().min(0.1).max(600).default(10),
  EVERGREEN_DB_WORKER_MAX_HEAP_MB: z.coerce.number().int().min(64).default(2048),
  EVERGREEN_TEST_HOOKS: bool.default(false),
  TRUST_PROXY: trustProxy.default([]),
  KEPT_ANSWERS_MB: z.coerce.number().min(0).max(65536).default(64),
  EVERGREEN_ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, 'base64').length === 32,
      'must be 32 random bytes in base64 (openssl rand -base64 32)',
    )
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** A read replica of DATABASE_URL for the reports and the portfolio page (docs/operations/scaling.md). */
  reportsDatabaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  demo: boolean;
  openSignup: boolean;
  secureCookies: boolean;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  loginRateLimit: number;
  /** Proxies whose X-Forwarded-For is believed (addresses, CIDRs, range names); empty: none. */
  trustProxy: string[];
  /** 32-byte key for payment details; when unset, a key file in the data directory is used. */
  encryptionKey: Buffer | undefined;
  /** SIGTERM/SIGINT: the process exits by then even if something hangs (docs/operations/faults.md). */
  shutdownTimeoutMs: number;
  /**
   * How long a request waits for a database connection before it is refused with 503 and
   * Retry-After (docs/operations/health.md, decision 0024).
   */
  databaseWaitMs: number;
  /** The embedded database's worker thread: its JavaScript heap limit (V8 old generation). */
  dbWorkerMaxHeapMb: number;
  /** Memory for kept answers, in bytes (KEPT_ANSWERS_MB; 0: none kept). */
  keptAnswersBytes: number;
  /** Tests only: the embedded database's worker takes injected faults (SIGUSR2 makes it hang). */
  testHooks: boolean;
}

/** Parses the environment once; every bad variable is reported in one message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.REPORTS_DATABASE_URL && !e.DATABASE_URL)
    throw new Error(
      'Invalid configuration:\n  REPORTS_DATABASE_URL: needs DATABASE_URL (a replica of PostgreSQL; the embedded database has none)',
    );
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    reportsDatabaseUrl: e.REPORTS_DATABASE_URL,
    dataDir: resolve(e.EVERGREEN_DATA_DIR),
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    demo: e.EVERGREEN_DEMO,
    openSignup: e.EVERGREEN_SIGNUP === 'open',
    secureCookies: e.SECURE_COOKIES ?? publicUrl.startsWith('https://'),
    logLevel: e.LOG_LEVEL,
    loginRateLimit: e.LOGIN_RATE_LIMIT,
    trustProxy: e.TRUST_PROXY,
    encryptionKey: e.EVERGREEN_ENCRYPTION_KEY ? Buffer.from(e.EVERGREEN_ENCRYPTION_KEY, 'base64') : undefined,
    shutdownTimeoutMs: Math.round(e.SHUTDOWN_TIMEOUT_SECONDS * 1000),
    databaseWaitMs: Math.round(e.DATABASE_WAIT_SECONDS * 1000),
    dbWorkerMaxHeapMb: e.EVERGREEN_DB_WORKER_MAX_HEAP_MB,
    testHooks: e.EVERGREEN_TEST_HOOKS,
    keptAnswersBytes: Math.round(e.KEPT_ANSWERS_MB * 1024 * 1024),
  };
}
