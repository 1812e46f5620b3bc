import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { create, extract, type ReadEntry } from 'tar';

/**
 * Backups of the embedded database: a gzipped tar of its data directory (EVERGREEN_DATA_DIR/pgdata),
 * streamed file by file in both directions, so memory stays flat however large the database is
 * (docs/operations/backups.md has the figures). The caller makes sure no process has the
 * directory open and that it was closed cleanly (a PGlite close() ends with a shutdown checkpoint).
 */

/** Files are read 1 MiB at a time (node-tar's default, 16 MiB, costs ~60 MB more at its 4 parallel reads). */
const READ_SIZE = 1 << 20;

/** Writes `pgdata` as a gzipped tar to `file`, through `file.partial` so a failure leaves no half backup. */
export async function writeBackup(pgdata: string, file: string): Promise<number> {
  const partial = `${file}.partial`;
  try {
    await create(
      // strict: a file that cannot be read fails the backup instead of being left out of it.
      { gzip: true, file: partial, cwd: pgdata, portable: true, strict: true, maxReadSize: READ_SIZE },
      readdirSync(pgdata).sort(),
    );
    renameSync(partial, file);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return statSync(file).size;
}

/** A data directory holds files and directories only: no links, devices or FIFOs. */
const ENTRY_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);

/**
 * Why an entry may not be extracted, or null. Backups written by PGlite's dumpDataDir (Evergreen
 * before 2026-12) name their entries `/PG_VERSION`, `/base/1/112`: a leading slash is stripped,
 * anything that would land outside the directory is refused.
 */
export function refusedEntry(path: string, type: string): string | null {
  if (!ENTRY_TYPES.has(type)) return `${type} entries are not part of a database directory`;
  const parts = path.replace(/^\/+/, '').split('/');
  if (parts.includes('..')) return 'the path leads outside the database directory';
  if (/^[a-zA-Z]:/.test(parts[0] ?? '') || path.includes('\\'))
    return 'the path is not a relative POSIX path';
  return null;
}

/**
 * Extracts a backup into `dir` (created, must not exist). Throws, naming the entries, when the
 * file is not a backup or holds an entry that `refusedEntry` refuses; the caller removes `dir`.
 */
export async function extractBackup(file: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: false });
  const problems: string[] = [];
  const notABackup = (why: string) =>
    new Error(`${file} is not a usable backup, nothing was restored: ${why}`);
  await extract({
    file,
    cwd: dir,
    maxReadSize: READ_SIZE,
    preserveOwner: false,
    filter: (path, entry) => {
      const why = refusedEntry(path, (entry as ReadEntry).type);
      if (why) problems.push(`${path}: ${why}`);
      return !why;
    },
    onwarn: (code, message) => {
      // TAR_ENTRY_INFO: "stripping / from absolute path" (old backups), nothing wrong.
      if (code !== 'TAR_ENTRY_INFO') problems.push(`${code}: ${message}`);
    },
  }).catch((err: Error) => {
    // A file that is not a gzipped tar, or one cut short.
    throw notABackup(err.message);
  });
  if (problems.length)
    throw notABackup(
      `\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? `\n  … and ${problems.length - 10} more` : ''}`,
    );
  for (const required of ['PG_VERSION', 'global/pg_control'])
    if (!existsSync(join(dir, required))) throw notABackup(`it holds no database directory (no ${required})`);
}
