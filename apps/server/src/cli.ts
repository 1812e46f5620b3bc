import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  csvImportMode,
  type ImportProgress,
  type ImportRun,
  importKind,
  teamRole,
} from '@evergreen/contracts';
import {
  type Clock,
  createSecretBox,
  endAllSessions,
  findUserByEmail,
  loadDemo,
  randomToken,
  recordedKeyFingerprint,
  reportForCli,
  setPassword,
  signUp,
  startImport,
  systemClock,
} from '@evergreen/core';
import {
  type Database,
  memberships,
  migrateDatabase,
  openDatabase,
  queryRows,
  workspaces,
} from '@evergreen/db';
import { eq, sql } from 'drizzle-orm';
import { exportWorkspace, importArchive } from './archive.ts';
import { extractBackup, writeBackup } from './backup.ts';
import { COMMANDS, commandHelp, HELP, helpRequest } from './cli-help.ts';
import { loadConfig } from './config.ts';
import { dataDirOwner, openEncryptionKey } from './data-dir.ts';
import { openConfiguredDatabase, startServer } from './main.ts';

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

const IMPORT_USAGE = `Usage: evergreen ${COMMANDS.import!.usage}`;

/** The CLI's connections, told apart from everyone else's in pg_stat_activity. */
export const CLI_APPLICATION_NAME = `evergreen-cli-${process.pid}`;

/**
 * `--bulk-rebuild-indexes` locks `orders`, which every workspace shares, until the import
 * commits: refuse unless nobody else can be waiting. PostgreSQL: no other client session on
 * the database (a running server always has one: its scheduler queries every 5 s). PGlite: the
 * command already refused a data directory a server holds, and nothing else can open it.
 */
export async function refuseBulkUnlessIdle(database: Database): Promise<void> {
  if (database.driver !== 'postgres') return;
  const others = await queryRows<{ application_name: string; n: number }>(
    database.db,
    sql`select coalesce(nullif(application_name, ''), '(unnamed)') as application_name, count(*)::int as n
      from pg_stat_activity
      where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()
        and (current_setting('application_name') = ''
          or application_name is distinct from current_setting('application_name'))
      group by 1 order by 1`,
  );
  if (others.length)
    throw new Error(
      `--bulk-rebuild-indexes needs an idle installation, but other sessions are connected to this database (${others
        .map((o) => `${o.application_name} × ${o.n}`)
        .join(', ')}): stop the Evergreen servers first, or import without the flag`,
    );
}

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
      'bulk-rebuild-indexes': { type: 'boolean', default: false },
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
  const rebuildIndexes = values['bulk-rebuild-indexes'] === true;
  if (rebuildIndexes && kind.data !== 'orders')
    throw new Error(`--bulk-rebuild-indexes is for orders only\n${IMPORT_USAGE}`);
  if (rebuildIndexes) await refuseBulkUnlessIdle(database);
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
  const { finished } = await startImport(ctx, kind.data, createReadStream(file), {
    mode: mode.data,
    fileName: basename(file),
    onProgress: progress,
    ...(rebuildIndexes ? { rebuildIndexes: true, onNote: io.err } : {}),
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
  // Help needs no configuration and no database: answered before either is read.
  const help = helpRequest(argv);
  if (help !== null) {
    console.log(help);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const { values } = parseArgs({ args: rest, options: { build: { type: 'boolean' } } });
      if (values.build) buildWebIfStale();
      const server = await startServer(config);
      // Stopping closes the HTTP server, the scheduler, the pool, then PGlite in its worker
      // (everything committed is on disk) and removes the data directory's evergreen.pid. Whatever
      // hangs (a request waiting on a database that never answers), the process exits by
      // SHUTDOWN_TIMEOUT_SECONDS (30 s; docs/operations/faults.md).
      for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        process.once(sig, () => {
          const deadline = setTimeout(() => {
            console.error(
              `Stopping took longer than ${config.shutdownTimeoutMs / 1000} s (SHUTDOWN_TIMEOUT_SECONDS): exiting now`,
            );
            process.exit(1);
          }, config.shutdownTimeoutMs);
          deadline.unref();
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
      const box = createSecretBox(
        await openEncryptionKey(config.encryptionKey, config.dataDir, db.db, console.log),
      );
      const demo = await loadDemo({ db: db.db, clock: systemClock }, { box });
      await db.close();
      console.log(`Demo workspace loaded. Sign in with ${demo.email} / ${demo.password}`);
      return;
    }
    case 'user': {
      const [sub, ...args] = rest;
      if (sub === 'password') {
        const { values } = parseArgs({
          args,
          options: { email: { type: 'string' }, password: { type: 'string' } },
        });
        if (!values.email) throw new Error('--email is required');
        const password = values.password ?? randomToken().slice(0, 16);
        if (password.length < 10) throw new Error('--password must be at least 10 characters');
        if (!config.databaseUrl) refuseIfRunning(config.dataDir);
        const db = await openConfiguredDatabase(config);
        try {
          await migrateDatabase(db);
          const user = await findUserByEmail(db.db, values.email);
          if (!user) throw new Error(`No account with the email ${values.email}`);
          await setPassword(db.db, user.id, password);
          const ended = await endAllSessions({ db: db.db }, user.id);
          console.log(`New password set for ${user.email}; ${ended} session(s) signed out.`);
          if (!values.password) console.log(`Password: ${password}`);
        } finally {
          await db.close();
        }
        return;
      }
      if (sub !== 'create') throw new Error(commandHelp('user'));
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
      const db = await openConfiguredDatabase(config, { applicationName: CLI_APPLICATION_NAME });
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
      const pgdata = join(config.dataDir, 'pgdata');
      if (!existsSync(join(pgdata, 'PG_VERSION'))) throw new Error(`No embedded database in ${pgdata}`);
      // Open and close once: recovers it if a server was killed, and close() ends with a
      // shutdown checkpoint, so the files on disk are the whole database. Then stream them out.
      const db = await openDatabase({ dataDir: pgdata });
      await db.close();
      const size = await writeBackup(pgdata, file);
      console.log(`Backup written to ${file} (${Math.round(size / 1024)} KiB).`);
      return;
    }
    case 'restore': {
      if (config.databaseUrl)
        throw new Error('On PostgreSQL, restore with pg_restore (see docs/operations/backups.md)');
      const file = rest[0];
      if (!file || !existsSync(file)) throw new Error(`The file must exist.\n\n${commandHelp('restore')}`);
      refuseIfRunning(config.dataDir);
      const target = join(config.dataDir, 'pgdata');
      const staging = `${target}.restoring`;
      // Extract into a fresh directory first: a bad file leaves the current database untouched.
      mkdirSync(config.dataDir, { recursive: true });
      rmSync(staging, { recursive: true, force: true }); // left by an interrupted restore
      let needs: string | null;
      try {
        await extractBackup(file, staging);
        const db = await openDatabase({ dataDir: staging });
        try {
          await migrateDatabase(db);
          needs = await recordedKeyFingerprint(db.db);
        } finally {
          await db.close();
        }
      } catch (err) {
        rmSync(staging, { recursive: true, force: true });
        throw err;
      }
      if (existsSync(target)) {
        const aside = `${target}.before-restore-${Date.now()}`;
        renameSync(target, aside);
        console.log(`The previous database was kept in ${aside}.`);
      }
      renameSync(staging, target);
      console.log(`Restored ${file}.`);
      const keyFile = join(config.dataDir, 'encryption.key');
      if (needs && !config.encryptionKey && !existsSync(keyFile)) {
        console.log(
          `Its payment details need the encryption key with fingerprint ${needs}: put it in ${keyFile} (or EVERGREEN_ENCRYPTION_KEY) before starting; the server refuses to start without it.`,
        );
      }
      return;
    }
    case 'export': {
      const { values } = parseArgs({
        args: rest,
        options: {
          workspace: { type: 'string' },
          out: { type: 'string' },
          'include-payment-details': { type: 'boolean', default: false },
        },
      });
      if (!values.workspace) throw new Error(commandHelp('export'));
      if (!config.databaseUrl) refuseIfRunning(config.dataDir);
      const file = resolve(
        values.out ??
          `evergreen-${values.workspace}-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`,
      );
      const db = await openConfiguredDatabase(config, { applicationName: CLI_APPLICATION_NAME });
      try {
        await migrateDatabase(db);
        const withDetails = values['include-payment-details'] === true;
        const box = withDetails
          ? createSecretBox(await openEncryptionKey(config.encryptionKey, config.dataDir, db.db, console.log))
          : undefined;
        const m = await exportWorkspace(db.db, {
          slug: values.workspace,
          file,
          ...(box ? { box } : {}),
          includePaymentDetails: withDetails,
        });
        const rows = m.files.filter((f) => f.format === 'jsonl').reduce((n, f) => n + f.rows, 0);
        console.log(
          `Workspace ${m.workspace.slug} exported to ${file}: ${rows.toLocaleString('en')} rows in ${m.files.filter((f) => f.format === 'jsonl').length} tables (${Math.round(statSync(file).size / 1024)} KiB).`,
        );
        if (withDetails)
          console.log('It holds creators’ payment details in plain text: keep it as safe as the details.');
      } finally {
        await db.close();
      }
      return;
    }
    case 'import-archive': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { slug: { type: 'string' } },
      });
      const file = positionals[0];
      if (!file || !existsSync(file))
        throw new Error(`The file must exist.\n\n${commandHelp('import-archive')}`);
      if (!config.databaseUrl) refuseIfRunning(config.dataDir);
      const db = await openConfiguredDatabase(config, { applicationName: CLI_APPLICATION_NAME });
      try {
        await migrateDatabase(db);
        const box = createSecretBox(
          await openEncryptionKey(config.encryptionKey, config.dataDir, db.db, console.log),
        );
        const r = await importArchive(db.db, { file, box, ...(values.slug ? { slug: values.slug } : {}) });
        const rows = Object.values(r.rows).reduce((n, x) => n + x, 0);
        console.log(
          `Imported workspace ${r.slug} (${rows.toLocaleString('en')} rows) from ${basename(file)}.`,
        );
        if (r.matchedUsers.length)
          console.log(`People who already had an account here: ${r.matchedUsers.join(', ')}.`);
        if (r.createdUsers.length)
          console.log(
            `New accounts without a password (give each one with: evergreen user password --email E): ${r.createdUsers.join(', ')}.`,
          );
        if (!r.manifest.includesPaymentDetails && (r.rows.creators ?? 0) > 0)
          console.log('The archive holds no payment details: enter them again where needed.');
        console.log(
          'Webhook secrets and API tokens are not carried over: set new ones in the workspace settings.',
        );
      } finally {
        await db.close();
      }
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
      if (!name || !values.workspace) throw new Error(commandHelp('report'));
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
    default:
      throw new Error(`Unknown command "${command}".\n\n${HELP}`);
  }
}

// bin/evergreen.mjs calls runCli(); tests import this module for its commands without running it.
export function runCli(): void {
  const argv = process.argv.slice(2);
  main(argv).catch((err: unknown) => {
    let message = err instanceof Error ? err.message : String(err);
    // A mistyped option answers with the command's usage, not only "Unknown option".
    const code = (err as { code?: string } | null)?.code;
    if (code?.startsWith('ERR_PARSE_ARGS_') && argv[0] && Object.hasOwn(COMMANDS, argv[0]))
      message += `\n\n${commandHelp(argv[0])}`;
    console.error(message);
    process.exit(1);
  });
}
