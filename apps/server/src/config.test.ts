import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('has working defaults: port 4100, ./data, demo on, open sign-up', () => {
    const c = loadConfig({});
    expect(c.port).toBe(4100);
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.publicUrl).toBe('http://localhost:4100');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.openSignup).toBe(true);
    expect(c.secureCookies).toBe(false);
  });

  it('stops within 30 s and limits the database worker to 2048 MB by default (docs/operations/faults.md)', () => {
    const c = loadConfig({});
    expect(c.shutdownTimeoutMs).toBe(30_000);
    expect(c.dbWorkerMaxHeapMb).toBe(2048);
    expect(c.testHooks).toBe(false);
    const set = loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: '2.5', EVERGREEN_DB_WORKER_MAX_HEAP_MB: '512' });
    expect(set.shutdownTimeoutMs).toBe(2500);
    expect(set.dbWorkerMaxHeapMb).toBe(512);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: '0' })).toThrow(/SHUTDOWN_TIMEOUT_SECONDS/);
    expect(() => loadConfig({ EVERGREEN_DB_WORKER_MAX_HEAP_MB: '10' })).toThrow(
      /EVERGREEN_DB_WORKER_MAX_HEAP_MB/,
    );
  });

  it('refuses a request after 10 s without a database connection by default (decision 0024)', () => {
    expect(loadConfig({}).databaseWaitMs).toBe(10_000);
    expect(loadConfig({ DATABASE_WAIT_SECONDS: '2.5' }).databaseWaitMs).toBe(2500);
    expect(() => loadConfig({ DATABASE_WAIT_SECONDS: '0' })).toThrow(/DATABASE_WAIT_SECONDS/);
  });

  it('keeps answers in 64 MB by default; KEPT_ANSWERS_MB sizes it, 0 turns it off (docs/operations/kept-answers.md)', () => {
    expect(loadConfig({}).keptAnswersBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ KEPT_ANSWERS_MB: '0' }).keptAnswersBytes).toBe(0);
    expect(loadConfig({ KEPT_ANSWERS_MB: '1.5' }).keptAnswersBytes).toBe(1_572_864);
    expect(() => loadConfig({ KEPT_ANSWERS_MB: '-1' })).toThrow(/KEPT_ANSWERS_MB/);
  });

  it('reads overrides', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/evergreen',
      PUBLIC_URL: 'https://crm.example.com',
      EVERGREEN_DEMO: 'false',
      EVERGREEN_SIGNUP: 'invite',
    });
    expect(c).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/evergreen',
      demo: false,
      openSignup: false,
      secureCookies: true,
    });
  });

  it('reports every bad variable in one message', () => {
    expect(() =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SMTP_URL: 'http://mail',
        EVERGREEN_SIGNUP: 'maybe',
      }),
    ).toThrow(
      /Invalid configuration:\n {2}PORT: .*\n {2}DATABASE_URL: must be a postgres:\/\/ URL\n {2}SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL\n {2}EVERGREEN_SIGNUP: /,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(4100);
  });

  it('trusts no proxy by default, and reads TRUST_PROXY as a list of addresses, ranges and range names', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(
      loadConfig({ TRUST_PROXY: ' 10.0.0.5, 172.16.0.0/12,2001:db8::/32 ,::1, loopback ' }).trustProxy,
    ).toEqual(['10.0.0.5', '172.16.0.0/12', '2001:db8::/32', '::1', 'loopback']);
  });

  it('names each TRUST_PROXY entry that is not an address or a range', () => {
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.5, true, 10.0.0.0/99' })).toThrow(
      /TRUST_PROXY.1: "true" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal\n {2}TRUST_PROXY.2: "10.0.0.0\/99" is not/,
    );
  });
  it('REPORTS_DATABASE_URL is a PostgreSQL replica of DATABASE_URL, never alone', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://u@db:5432/evergreen',
        REPORTS_DATABASE_URL: 'postgres://u@replica:5432/evergreen',
      }).reportsDatabaseUrl,
    ).toBe('postgres://u@replica:5432/evergreen');
    expect(() => loadConfig({ REPORTS_DATABASE_URL: 'postgres://u@replica:5432/evergreen' })).toThrow(
      /REPORTS_DATABASE_URL: needs DATABASE_URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://u@db/e', REPORTS_DATABASE_URL: 'mysql://x' }),
    ).toThrow(/REPORTS_DATABASE_URL: must be a postgres:\/\/ URL/);
  });
});
