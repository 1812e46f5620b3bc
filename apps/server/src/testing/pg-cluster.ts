import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL primary with a streaming replica, each a real `postgres` server of its
 * own (initdb, pg_basebackup -R), for tests that need what the shared test server cannot give: a
 * replica. Needs the PostgreSQL server binaries (Debian's postgresql package; PG_BINDIR overrides).
 * As root the servers run as the `postgres` user, which PostgreSQL requires.
 */
export interface ReplicatedCluster {
  primaryUrl: string;
  replicaUrl: string;
  stop(): void;
}

function binDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_basebackup')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(`No PostgreSQL server binaries under ${root}: install postgresql or set PG_BINDIR`);
  return join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function startReplicatedCluster(): Promise<ReplicatedCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  // Not under the test run's TMPDIR: that directory is private to this user, and the servers run
  // as `postgres`. Removed by stop().
  const dir = mkdtempSync('/tmp/evergreen-replica-');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const primary = join(dir, 'primary');
  const replica = join(dir, 'replica');
  const [p1, p2] = [await freePort(), await freePort()];
  const started: string[] = [];
  const stop = () => {
    for (const d of started.reverse()) {
      try {
        run('pg_ctl', ['-D', d, '-m', 'immediate', '-w', 'stop']);
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    // initdb's pg_hba.conf already lets 127.0.0.1 replicate with trust.
    appendFileSync(
      join(primary, 'postgresql.conf'),
      `\nport = ${p1}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nfsync = off\nwal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n`,
    );
    run('pg_ctl', ['-D', primary, '-l', join(dir, 'primary.log'), '-w', 'start']);
    started.push(primary);
    run('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(p1),
      '-U',
      'postgres',
      '-D',
      replica,
      '-R',
      '-X',
      'stream',
      '-N',
    ]);
    appendFileSync(join(replica, 'postgresql.conf'), `\nport = ${p2}\n`);
    run('pg_ctl', ['-D', replica, '-l', join(dir, 'replica.log'), '-w', 'start']);
    started.push(replica);
  } catch (err) {
    stop();
    const e = err as Error & { stderr?: Buffer };
    throw new Error(`Could not start a PostgreSQL primary and replica: ${e.stderr?.toString() || e.message}`);
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${p1}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${p2}/postgres`,
    stop,
  };
}
