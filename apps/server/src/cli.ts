import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { teamRole } from '@evergreen/contracts';
import {
  createSecretBox,
  findUserByEmail,
  loadDemo,
  randomToken,
  signUp,
  systemClock,
} from '@evergreen/core';
import { memberships, migrateDatabase, openDatabase, workspaces } from '@evergreen/db';
import { eq } from 'drizzle-orm';
import { loadConfig } from './config.ts';
import { dataDirOwner, loadEncryptionKey } from './data-dir.ts';
import { openConfiguredDatabase, startServer } from './main.ts';

const HELP = `evergreen — long-term creator partnerships

Usage: evergreen <command> [options]

  start [--build]            start the server (--build: build the web app first if it changed)
  migrate                    apply database migrations and exit
  demo                       (re)load the demo workspace
  user create --email E --name N [--password P] [--workspace SLUG --role owner|manager|analyst]
                             create an account (a password is generated when none is given)
  backup [FILE]              copy the embedded database into one file (default: evergreen-backup-<time>.tar.gz)
  restore FILE               replace the embedded database with a backup (the old one is kept aside)

Configuration comes from environment variables: see README.md (DATABASE_URL, EVERGREEN_DATA_DIR, PORT, SMTP_URL, …).`;

const webRoot = fileURLToPath(new URL('../../web', import.meta.url));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), s.mtimeMs);
}

/** Builds the web app when its sources are newer than the last build. */
function buildWebIfStale() {
  const built = newestMtime(join(webRoot, 'dist', 'index.html'));
  const sources = Math.max(
    newestMtime(join(webRoot, 'src')),
    newestMtime(join(webRoot, 'index.html')),
    newestMtime(join(webRoot, 'vite.config.ts')),
    newestMtime(fileURLToPath(new URL('../../../packages/contracts/src', import.meta.url))),
  );
  if (built && built >= sources) return;
  console.log('Building the web app…');
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], {
    stdio: 'inherit',
    cwd: resolve(webRoot, '../..'),
  });
  if (r.status !== 0) throw new Error('The web app did not build');
}

function refuseIfRunning(dataDir: string) {
  const pid = dataDirOwner(dataDir);
  if (pid) throw new Error(`Evergreen (process ${pid}) is using ${dataDir}; stop it first`);
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { build: { type: 'boolean' } } });
      if (values.build) buildWebIfStale();
      const server = await startServer(config);
      for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        process.once(sig, () => {
          server.stop().then(() => process.exit(0));
        });
      }
      return;
    }
    case 'migrate': {
      if (!config.databaseUrl) refuseIfRunning(config.dataDir);
      const db = await openConfiguredDatabase(config);
      await migrateDatabase(db);
      await db.close();
      console.log('Migrations applied.');
      return;
    }
    case 'demo': {
      if (!config.databaseUrl) refuseIfRunning(config.dataDir);
      const db = await openConfiguredDatabase(config);
      await migrateDatabase(db);
      const box = createSecretBox(loadEncryptionKey(config.encryptionKey, config.dataDir, console.log));
      const demo = await loadDemo({ db: db.db, clock: systemClock }, { box });
      await db.close();
      console.log(`Demo workspace loaded. Sign in with ${demo.email} / ${demo.password}`);
      return;
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (sub !== 'create') throw new Error('Usage: evergreen user create --email E --name N [--password P]');
      const { values } = parseArgs({
        args,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          password: { type: 'string' },
          workspace: { type: 'string' },
          role: { type: 'string', default: 'owner' },
        },
      });
      if (!values.email || !values.name) throw new Error('--email and --name are required');
      const role = teamRole.parse(values.role);
      if (!config.databaseUrl) refuseIfRunning(config.dataDir);
      const db = await openConfiguredDatabase(config);
      try {
        await migrateDatabase(db);
        const password = values.password ?? randomToken().slice(0, 16);
        if (password.length < 10) throw new Error('--password must be at least 10 characters');
        const ctx = { db: db.db, clock: systemClock };
        if (await findUserByEmail(db.db, values.email))
          throw new Error(`${values.email} already has an account`);
        const user = await signUp(
          ctx,
          { email: values.email.toLowerCase(), name: values.name, password },
          { openSignup: true },
        );
        if (values.workspace) {
          const [w] = await db.db.select().from(workspaces).where(eq(workspaces.slug, values.workspace));
          if (!w) throw new Error(`No workspace with slug ${values.workspace}`);
          await db.db.insert(memberships).values({ workspaceId: w.id, userId: user.id, role });
        }
        console.log(`Created ${user.email}${user.isInstanceOwner ? ' (installation owner)' : ''}.`);
        if (!values.password) console.log(`Password: ${password}`);
      } finally {
        await db.close();
      }
      return;
    }
    case 'backup': {
      if (config.databaseUrl)
        throw new Error('On PostgreSQL, back up with pg_dump (see docs/operations/backups.md)');
      refuseIfRunning(config.dataDir);
      const file = resolve(
        rest[0] ?? `evergreen-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`,
      );
      const db = await openDatabase({ dataDir: join(config.dataDir, 'pgdata') });
      const dump = await db.pglite!.dumpDataDir('gzip');
      await db.close();
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
      console.log(`Backup written to ${file} (${Math.round(dump.size / 1024)} KiB).`);
      return;
    }
    case 'restore': {
      if (config.databaseUrl)
        throw new Error('On PostgreSQL, restore with pg_restore (see docs/operations/backups.md)');
      const file = rest[0];
      if (!file || !existsSync(file)) throw new Error('Usage: evergreen restore FILE (the file must exist)');
      refuseIfRunning(config.dataDir);
      const target = join(config.dataDir, 'pgdata');
      const staging = `${target}.restoring`;
      // Load into a fresh directory first: a bad file leaves the current database untouched.
      mkdirSync(config.dataDir, { recursive: true });
      const blob = new Blob([readFileSync(file)]);
      const db = await openDatabase({ dataDir: staging, loadDataDir: blob });
      await migrateDatabase(db);
      await db.close();
      if (existsSync(target)) {
        const aside = `${target}.before-restore-${Date.now()}`;
        renameSync(target, aside);
        console.log(`The previous database was kept in ${aside}.`);
      }
      renameSync(staging, target);
      console.log(`Restored ${file}.`);
      return;
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return;
    default:
      throw new Error(`Unknown command "${command}".\n\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
