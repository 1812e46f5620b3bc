import { randomUUID } from 'node:crypto';
import type {
  CsvImportMode,
  CsvRowError,
  ImportKind,
  ImportPhase,
  ImportProgress,
  ImportReading,
  ImportResult,
  ImportRun,
} from '@evergreen/contracts';
import { importPhases } from '@evergreen/contracts';
import {
  type Db,
  databaseFaultKind,
  errorForLog,
  importRuns,
  isDatabaseUnavailable,
  outsideRequest,
} from '@evergreen/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { MappingRequest } from '../imports/index.ts';
import { requireRole } from '../shared/access.ts';
import type { FormatOptions } from '../shared/column-values.ts';
import { type ActorCtx, iso, isoRequired } from '../shared/context.ts';
import { decodeText } from '../shared/encoding.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { workspaceTimeZone } from '../shared/workspace-zone.ts';
import { importMetricsCsv } from './metrics-csv.ts';
import { importOrdersCsv } from './orders.ts';
import type { CsvInput } from './orders-csv.ts';
import { importPostsCsv } from './posts-csv.ts';

/**
 * Imports of posts, metrics and orders that run in the background: the request answers with the
 * run (status running) once it is recorded in import_runs; the run's progress and a heartbeat are
 * written there while it runs, in short statements of their own outside the import's transaction
 * (at most every 500 ms), so every server process on the database sees it; the finished run (done
 * or failed, counts, errors) replaces them. A run whose process died stays 'running' with a
 * heartbeat that stops moving: a starting server marks such runs interrupted
 * ({@link markInterruptedImports}); their transaction died with the process, so nothing of them
 * was written.
 */

/** This process, as the owner of the runs it starts (a server, or one CLI command). */
export const INSTANCE_ID = randomUUID();
/** Progress is written at most this often. */
export const PROGRESS_WRITE_MS = 500;
/** A running import says it is alive this often, even in a long statement with no progress. */
export const HEARTBEAT_MS = 10_000;
/** A running import whose heartbeat is older than this belongs to a process that is gone. */
export const STALE_AFTER_MS = 60_000;

export type Importer = (
  ctx: ActorCtx,
  input: CsvInput,
  opts: {
    mode: CsvImportMode;
    rebuildIndexes?: boolean;
    onNote?: ((note: string) => void) | undefined;
    onProgress?: (p: ImportProgress) => void;
    formats?: FormatOptions;
    columns?: MappingRequest | undefined;
  },
) => Promise<ImportResult>;

/** Posts and metrics files are read whole (they are checked against the posts in memory). */
async function textOf(input: CsvInput): Promise<string> {
  if (typeof input === 'string') return input;
  const parts: Buffer[] = [];
  for await (const chunk of input as AsyncIterable<Buffer | string>)
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return decodeText(Buffer.concat(parts)).text;
}

const importers: Record<ImportKind, Importer> = {
  orders: importOrdersCsv,
  posts: async (ctx, input, opts) => importPostsCsv(ctx, await textOf(input), opts),
  metrics: async (ctx, input, opts) => importMetricsCsv(ctx, await textOf(input), opts),
};

/** What is stored in import_runs.errors: the row errors plus what the columns do not hold. */
interface StoredErrors {
  rowErrors: CsvRowError[];
  errorCount: number;
  mode: CsvImportMode;
  unchanged: number;
  wrote: boolean;
  error: string | null;
  reading?: ImportReading | undefined;
}

/**
 * Writes a running import's progress and heartbeat to its row: at most every PROGRESS_WRITE_MS,
 * one statement at a time, on the database handle (not the import's transaction), and never
 * awaited by the import. On PGlite (one session) the writes wait until the import's transaction
 * ends; only one PGlite process exists, and it answers from the database after that too.
 */
class ProgressWriter {
  private latest: ImportProgress | null = null;
  private dirty = false;
  private lastWrite = 0;
  private inflight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly beat: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly id: string,
  ) {
    this.beat = setInterval(() => {
      this.dirty = true;
      this.schedule();
    }, HEARTBEAT_MS);
    this.beat.unref();
  }

  update(p: ImportProgress) {
    this.latest = p;
    this.dirty = true;
    this.schedule();
  }

  private schedule() {
    if (this.closed || this.inflight || this.timer) return;
    const wait = Math.max(0, this.lastWrite + PROGRESS_WRITE_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, wait);
    this.timer.unref();
  }

  private flush() {
    if (this.closed || !this.dirty || this.inflight) return;
    this.dirty = false;
    this.lastWrite = Date.now();
    const p = this.latest;
    this.inflight = this.db
      .update(importRuns)
      .set({
        heartbeatAt: sql`now()`,
        ...(p ? { phase: p.phase, processedRows: p.processedRows, totalRows: p.totalRows } : {}),
      })
      // A run already marked finished or interrupted is not brought back.
      .where(and(eq(importRuns.id, this.id), eq(importRuns.status, 'running')))
      .then(
        () => {},
        () => {},
      )
      .finally(() => {
        this.inflight = null;
        if (this.dirty) this.schedule();
      });
  }

  /** Stops writing; resolves once the last write has ended (the final row comes after it). */
  async close() {
    this.closed = true;
    clearInterval(this.beat);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.inflight;
  }
}

/**
 * Starts an import in the background and answers the run once it is recorded (status running).
 * Managers and owners. `finished` lets the CLI and tests await the end.
 */
export async function startImport(
  ctx: ActorCtx,
  kind: ImportKind,
  input: CsvInput,
  opts: {
    mode: CsvImportMode;
    fileName?: string | null | undefined;
    onProgress?: ((p: ImportProgress) => void) | undefined;
    /** Orders only, the CLI only: see ImportOptions.rebuildIndexes. */
    rebuildIndexes?: boolean | undefined;
    onNote?: ((note: string) => void) | undefined;
    /** A mapping, a preset or a saved mapping's name (docs/csv.md, "Column mapping"). */
    columns?: MappingRequest | undefined;
  },
): Promise<{ run: ImportRun; finished: Promise<ImportRun> }> {
  requireRole(ctx.actor, 'manager');
  const importer = importers[kind];
  const startedAt = ctx.clock.now();
  const [row] = await ctx.db
    .insert(importRuns)
    .values({
      workspaceId: ctx.actor.workspaceId,
      kind,
      fileName: opts.fileName ?? null,
      status: 'running',
      phase: 'reading',
      createdBy: ctx.actor.userId,
      startedAt,
      ownerInstance: INSTANCE_ID,
      heartbeatAt: sql`now()`,
    })
    .returning();
  const run = fromRow(row!);
  const id = run.id;
  const writer = new ProgressWriter(ctx.db, id);

  const finish = async (result: ImportResult | null, error: string | null) => {
    await writer.close();
    const finishedAt = ctx.clock.now();
    run.status = error ? 'failed' : 'done';
    run.result = result;
    run.error = error;
    run.finishedAt = finishedAt.toISOString();
    run.progress = error
      ? { ...run.progress, phase: 'failed' }
      : { phase: 'done', processedRows: result?.totalRows ?? 0, totalRows: result?.totalRows ?? 0 };
    const stored: StoredErrors = {
      rowErrors: result?.rowErrors ?? [],
      errorCount: result?.errorCount ?? 0,
      mode: opts.mode,
      unchanged: result?.unchanged ?? 0,
      wrote: result?.wrote ?? false,
      error,
      reading: result?.reading,
    };
    try {
      // What really happened wins, even over a run another process took for dead.
      await ctx.db
        .update(importRuns)
        .set({
          status: run.status,
          phase: run.progress.phase,
          processedRows: run.progress.processedRows,
          totalRows: result?.totalRows ?? run.progress.totalRows,
          created: result?.created ?? 0,
          updated: result?.updated ?? 0,
          skipped: result?.skipped ?? 0,
          errors: stored,
          finishedAt,
          heartbeatAt: sql`now()`,
        })
        .where(eq(importRuns.id, id));
    } catch (e) {
      // The caller still gets the outcome; the database may be closing.
      run.error ??= `The run could not be recorded: ${failureText(e)}`;
    }
  };

  // The import is the server's work now, not the request's: a client that leaves before the
  // answer does not stop it, and it has no connection deadline (decision 0024).
  const finished = outsideRequest(async () => {
    // Let the request answer first.
    await new Promise((r) => setImmediate(r));
    try {
      const timeZone = await workspaceTimeZone(ctx.db, ctx.actor.workspaceId);
      const result = await importer(ctx, input, {
        formats: { timeZone },
        columns: opts.columns,
        mode: opts.mode,
        ...(opts.rebuildIndexes ? { rebuildIndexes: true, onNote: opts.onNote } : {}),
        onProgress: (p) => {
          run.progress = p;
          writer.update(p);
          opts.onProgress?.(p);
        },
      });
      result.reading = {
        timeZone,
        encoding: result.reading?.encoding ?? null,
        delimiter: result.reading?.delimiter ?? null,
        preset: result.reading?.preset ?? null,
        mapping: result.reading?.mapping ?? null,
        ...(result.reading?.notes ? { notes: result.reading.notes } : {}),
      };
      await finish(result, null);
    } catch (e) {
      await finish(null, failureText(e));
    }
    return { ...run };
  });
  return { run: { ...run }, finished };
}

/**
 * Why a run failed, as the run keeps and shows it: our own errors say it in words; a database
 * that went away says so; any other error keeps its message without the statement's parameters
 * or the values the database echoes (errorForLog: they are the file's values).
 */
export function failureText(e: unknown): string {
  if (e instanceof AppError) return e.message;
  const fault = databaseFaultKind(e);
  if (fault) return faultFailureText(fault);
  if (isDatabaseUnavailable(e))
    return 'The database became unavailable during the import; nothing was written. Try again when it is back';
  return e instanceof Error ? errorForLog(e).message : String(e);
}

/** Why an import failed when the database itself failed under it (docs/operations/faults.md). */
export function faultFailureText(kind: 'storage_full' | 'out_of_memory' | 'io_error' | 'crashed'): string {
  switch (kind) {
    case 'storage_full':
      return "The database's storage is full: the import stopped and nothing was written. Free disk space, then import the file again";
    case 'out_of_memory':
      return 'The database ran out of memory during the import; nothing was written. Try again';
    default:
      return 'The database stopped during the import; nothing was written. Try again';
  }
}

/**
 * The runs this process was running when its embedded database failed under them (their
 * transaction died with the database's worker): `failed`, with why. Called once the database
 * serves again (a run's own attempt to record its end failed while it was down).
 */
export async function failImportsCutShort(db: Db, error: string): Promise<number> {
  const rows = await db
    .update(importRuns)
    .set({
      status: 'failed',
      phase: 'failed',
      finishedAt: sql`now()`,
      errors: { rowErrors: [], errorCount: 0, error },
    })
    .where(and(eq(importRuns.status, 'running'), eq(importRuns.ownerInstance, INSTANCE_ID)))
    .returning({ id: importRuns.id });
  return rows.length;
}

type Row = typeof importRuns.$inferSelect;
const STATUSES = ['running', 'done', 'failed', 'interrupted'] as const;
const PHASES: readonly string[] = importPhases;
function fromRow(r: Row): ImportRun {
  const raw = r.errors as Partial<StoredErrors> | CsvRowError[] | null;
  const s: Partial<StoredErrors> = Array.isArray(raw) ? { rowErrors: raw } : (raw ?? {});
  const rowErrors = s.rowErrors ?? [];
  const status = (STATUSES as readonly string[]).includes(r.status)
    ? (r.status as ImportRun['status'])
    : 'failed';
  const result: ImportResult | null =
    status === 'done'
      ? {
          mode: s.mode ?? 'all_or_nothing',
          totalRows: r.totalRows,
          created: r.created,
          updated: r.updated,
          unchanged: s.unchanged ?? 0,
          skipped: r.skipped,
          wrote: s.wrote ?? r.created + r.updated > 0,
          rowErrors,
          errorCount: s.errorCount ?? rowErrors.length,
          ...(s.reading ? { reading: s.reading } : {}),
        }
      : null;
  const phase = (PHASES.includes(r.phase) ? r.phase : 'reading') as ImportPhase;
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.fileName,
    status,
    progress:
      status === 'done' || status === 'failed'
        ? { phase: status, processedRows: r.totalRows, totalRows: r.totalRows }
        : // running: the latest progress written; interrupted: how far it got.
          { phase, processedRows: r.processedRows, totalRows: r.totalRows },
    result,
    error: s.error ?? null,
    startedAt: isoRequired(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}

/** One run, as import_runs has it: progress while it runs, then its result. */
export async function getImportRun({ db, actor }: ActorCtx, id: string): Promise<ImportRun> {
  requireRole(actor, 'analyst');
  const [r] = await db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.workspaceId, actor.workspaceId), eq(importRuns.id, id)));
  if (!r) throw notFound('Import');
  return fromRow(r);
}

/** The runs in flight, then the latest 50 others, newest first. */
export async function listImportRuns({ db, actor }: ActorCtx): Promise<ImportRun[]> {
  requireRole(actor, 'analyst');
  const rows = await db
    .select()
    .from(importRuns)
    .where(eq(importRuns.workspaceId, actor.workspaceId))
    .orderBy(sql`${importRuns.status} = 'running' desc`, desc(importRuns.startedAt))
    .limit(50);
  return rows.map(fromRow);
}

/**
 * Marks interrupted the runs left 'running' by processes that are gone, and answers how many.
 * A run is gone when its heartbeat is older than STALE_AFTER_MS (by the database's clock, so
 * hosts' clocks do not matter); with `allOthers` (PGlite, where one process holds the data
 * directory) every run of another process is gone. This process's own runs are never touched.
 * Several processes may sweep at once: each run changes once (the update is conditional).
 */
export async function markInterruptedImports(db: Db, opts: { allOthers?: boolean } = {}): Promise<number> {
  const stale = opts.allOthers
    ? sql`true`
    : sql`(${importRuns.heartbeatAt} is null or ${importRuns.heartbeatAt} < now() - make_interval(secs => ${STALE_AFTER_MS / 1000}))`;
  const rows = await db
    .update(importRuns)
    .set({ status: 'interrupted', finishedAt: sql`now()` })
    .where(
      and(
        eq(importRuns.status, 'running'),
        sql`${importRuns.ownerInstance} is distinct from ${INSTANCE_ID}`,
        stale,
      ),
    )
    .returning({ id: importRuns.id });
  return rows.length;
}
