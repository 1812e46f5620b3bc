import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type ImportProgress,
  type ImportRun,
  csvImportMode,
  importKind,
  teamRole,
} from '@evergreen/contracts';
import {
  type Clock,
  createSecretBox,
  findUserByEmail,
  loadDemo,
  randomToken,
  reportForCli,
  signUp,
  startImport,
  systemClock,
} from '@evergreen/core';
import { type Database, memberships, migrateDatabase, openDatabase, workspaces } from '@evergreen/db';
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
  import posts|metrics|orders FILE --workspace SLUG [--mode all_or_nothing|valid_rows]
                             [--preset shopify|youtube|…] [--mapping NAME]
                             import a CSV (columns: docs/csv.md); progress on stderr, exit 1 when refused
  backup [FILE]              copy the embedded database into one file (default: evergreen-backup-<time>.tar.gz)
  restore FILE               replace the embedded database with a backup (the old one is kept aside)
  report NAME --workspace SLUG [--from D --to D --creator ID] [--format json|csv]
                             print a performance report (compounding, engagement, conversion-lag, creators,
                             portfolio, partnerships-vs-one-offs, creator-results) to stdout

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

const IMPORT_USAGE =
  'Usage: evergreen import posts|metrics|orders FILE --workspace SLUG [--mode all_or_nothing|valid_rows] [--preset NAME] [--mapping NAME]';

/**
 * `evergreen import KIND FILE --workspace SLUG`: runs the same import as the web app, as the
 * workspace's owner (no user: the audit log shows a system change), and records the run.
 * Answers the exit code: 0 when the file was imported, 1 when it was refused.
 */
export async function importCommand(
  database: Database,
  args: string[],
  io: { out: (s: string) => void; err: (s: string) => void; clock?: Clock },
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      mode: { type: 'string', default: 'all_or_nothing' },
      // A built-in preset (docs/csv.md, "Presets") or a mapping saved in the workspace, by name.
      preset: { type: 'string' },
      mapping: { type: 'string' },
    },
  });
  const [kindArg, file] = positionals;
  const kind = importKind.safeParse(kindArg);
  if (!kind.success || !file || !values.workspace) throw new Error(IMPORT_USAGE);
  const mode = csvImportMode.safeParse(values.mode);
  if (!mode.success) throw new Error(`--mode must be all_or_nothing or valid_rows\n${IMPORT_USAGE}`);
  if (!existsSync(file)) throw new Error(`No file ${file}`);
  const [w] = await database.db.select().from(workspaces).where(eq(workspaces.slug, values.workspace));
  if (!w) throw new Error(`No workspace with slug ${values.workspace}`);
  const ctx = {
    db: database.db,
    clock: io.clock ?? systemClock,
    actor: { workspaceId: w.id, role: 'owner' as const, userId: null, tokenId: null },
  };
  let last = '';
  const progress = (p: ImportProgress) => {
    const line =
      p.phase === 'reading'
        ? `reading: ${p.processedRows.toLocaleString('en')} rows`
        : `${p.phase}${p.totalRows ? `: ${p.totalRows.toLocaleString('en')} rows` : ''}`;
    if (line !== last) io.err(line);
    last = line;
  };
  const { finished } = startImport(ctx, kind.data, createReadStream(file), {
    mode: mode.data,
    fileName: basename(file),
    onProgress: progress,
    columns: { preset: values.preset, saved: values.mapping },
  });
  const run: ImportRun = await finished;
  if (run.status === 'failed' || !run.result) {
    io.err(`Refused: ${run.error ?? 'the import failed'}`);
    return 1;
  }
  const r = run.result;
  const how = r.reading;
  if (how)
    io.err(
      `read as ${[how.preset ? `preset ${how.preset}` : null, how.mapping ? `mapping "${how.mapping}"` : null, how.encoding, how.delimiter === '\t' ? 'tab-separated' : `"${how.delimiter}"-separated`, `times without an offset in ${how.timeZone}`].filter(Boolean).join(', ')}`,
    );
  for (const note of how?.notes ?? []) io.err(note);
  io.out(
    `${kind.data} from ${basename(file)} (${r.mode}): ${r.totalRows} rows, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped, ${r.errorCount} errors`,
  );
  for (const e of r.rowErrors.slice(0, 50))
    io.out(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}`);
  if (r.errorCount > 50) io.out(`  … and ${r.errorCount - 50} more`);
  if (!r.wrote && r.errorCount > 0) {
    io.err('Refused: nothing was imported (fix the rows above, or use --mode valid_rows)');
    return 1;
  }
  return 0;
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { build: { type: 'boolean' } } });
      if (values.build) buildWebIfStale();
      const server = await startServer(config);
      // Stopping closes the HTTP server, the scheduler, the pool, then PGlite in its worker
      // (everything committed is on disk) and removes the data directory's evergreen.pid.
      for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        process.once(sig, () => {
          server.stop().then(
            () => process.exit(0),
            (err: unknown) => {
              console.error(`Stopping failed: ${err instanceof Error ? err.message : String(err)}`);
              process.exit(1);
            },
          );
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
    case 'import': {
      if (!config.databaseUrl) refuseIfRunning(config.dataDir);
      const db = await openConfiguredDatabase(config);
      try {
        await migrateDatabase(db);
        process.exitCode = await importCommand(db, rest, {
          out: (s) => console.log(s),
          err: (s) => console.error(s),
        });
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
    case 'report': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          workspace: { type: 'string' },
          from: { type: 'string' },
          to: { type: 'string' },
          creator: { type: 'string' },
          format: { type: 'string', default: 'json' },
        },
      });
      const [name] = positionals;
      if (!name || !values.workspace)
        throw new Error(
          'Usage: evergreen report NAME --workspace SLUG [--from D --to D --creator ID] --format json|csv',
        );
      if (!config.databaseUrl) refuseIfRunning(config.dataDir);
      const db = await openConfiguredDatabase(config);
      try {
        const out = await reportForCli(
          { db: db.db, clock: systemClock },
          {
            name,
            workspace: values.workspace,
            format: values.format,
            ...(values.from ? { from: values.from } : {}),
            ...(values.to ? { to: values.to } : {}),
            ...(values.creator ? { creator: values.creator } : {}),
          },
        );
        process.stdout.write(out);
      } finally {
        await db.close();
      }
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

// bin/evergreen.mjs calls runCli(); tests import this module for its commands without running it.
export function runCli(): void {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
