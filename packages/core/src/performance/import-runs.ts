import { randomUUID } from 'node:crypto';
import type {
  CsvImportMode,
  CsvRowError,
  ImportKind,
  ImportProgress,
  ImportReading,
  ImportResult,
  ImportRun,
} from '@evergreen/contracts';
import { importRuns } from '@evergreen/db';
import { and, desc, eq } from 'drizzle-orm';
import type { MappingRequest } from '../imports/mapping.ts';
import type { FormatOptions } from '../shared/column-values.ts';
import { type ActorCtx, iso, isoRequired } from '../shared/context.ts';
import { decodeText } from '../shared/encoding.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { requireRole } from '../workspaces/access.ts';
import { workspaceTimeZone } from '../workspaces/workspaces.ts';
import { importMetricsCsv } from './metrics-csv.ts';
import type { CsvInput } from './orders-csv.ts';
import { importOrdersCsv } from './orders.ts';
import { importPostsCsv } from './posts-csv.ts';

/**
 * Imports of posts, metrics and orders that run in the background: the request answers at once
 * with the run (status running), progress is kept in memory while it runs, and the finished run
 * (done or failed, counts, errors) is written to import_runs so it can be looked at later.
 * A process restart forgets runs in flight (their transaction rolls back: nothing half-written).
 */

export type Importer = (
  ctx: ActorCtx,
  input: CsvInput,
  opts: {
    mode: CsvImportMode;
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

interface Live {
  workspaceId: string;
  run: ImportRun;
  done: Promise<void>;
}
const live = new Map<string, Live>();
/** Finished runs stay in memory a little while (the row in import_runs is what lasts). */
const KEEP_FINISHED_MS = 10 * 60_000;

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
 * Starts an import in the background and answers the run at once. Managers and owners.
 * `finished` lets the CLI and tests await the end.
 */
export function startImport(
  ctx: ActorCtx,
  kind: ImportKind,
  input: CsvInput,
  opts: {
    mode: CsvImportMode;
    fileName?: string | null | undefined;
    onProgress?: ((p: ImportProgress) => void) | undefined;
    /** A mapping, a preset or a saved mapping's name (docs/csv.md, "Column mapping"). */
    columns?: MappingRequest | undefined;
  },
): { run: ImportRun; finished: Promise<ImportRun> } {
  requireRole(ctx.actor, 'manager');
  const importer = importers[kind];
  const id = randomUUID();
  const startedAt = ctx.clock.now();
  const run: ImportRun = {
    id,
    kind,
    fileName: opts.fileName ?? null,
    status: 'running',
    progress: { phase: 'reading', processedRows: 0, totalRows: 0 },
    result: null,
    error: null,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
  };
  const entry: Live = { workspaceId: ctx.actor.workspaceId, run, done: Promise.resolve() };
  live.set(id, entry);

  const finish = async (result: ImportResult | null, error: string | null) => {
    const finishedAt = ctx.clock.now();
    run.status = error ? 'failed' : 'done';
    run.result = result;
    run.error = error;
    run.finishedAt = finishedAt.toISOString();
    if (error) run.progress = { ...run.progress, phase: 'failed' };
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
      await ctx.db.insert(importRuns).values({
        id,
        workspaceId: ctx.actor.workspaceId,
        kind,
        fileName: run.fileName,
        status: run.status,
        totalRows: result?.totalRows ?? run.progress.totalRows,
        created: result?.created ?? 0,
        updated: result?.updated ?? 0,
        skipped: result?.skipped ?? 0,
        errors: stored,
        createdBy: ctx.actor.userId,
        startedAt,
        finishedAt,
      });
    } catch (e) {
      // The run's outcome stays visible in memory; the database may be closing.
      run.error ??= `The run could not be recorded: ${(e as Error).message}`;
    }
    setTimeout(() => live.delete(id), KEEP_FINISHED_MS).unref();
  };

  const finished = (async () => {
    // Let the request answer first.
    await new Promise((r) => setImmediate(r));
    try {
      const timeZone = await workspaceTimeZone(ctx.db, ctx.actor.workspaceId);
      const result = await importer(ctx, input, {
        formats: { timeZone },
        columns: opts.columns,
        mode: opts.mode,
        onProgress: (p) => {
          run.progress = p;
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
      await finish(null, e instanceof AppError || e instanceof Error ? e.message : String(e));
    }
    return { ...run };
  })();
  entry.done = finished.then(() => {});
  return { run: { ...run }, finished };
}

type Row = typeof importRuns.$inferSelect;
function fromRow(r: Row): ImportRun {
  const raw = r.errors as Partial<StoredErrors> | CsvRowError[] | null;
  const s: Partial<StoredErrors> = Array.isArray(raw) ? { rowErrors: raw } : (raw ?? {});
  const rowErrors = s.rowErrors ?? [];
  const result: ImportResult | null =
    r.status === 'done'
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
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.fileName,
    status: r.status === 'failed' ? 'failed' : 'done',
    progress: {
      phase: r.status === 'failed' ? 'failed' : 'done',
      processedRows: r.totalRows,
      totalRows: r.totalRows,
    },
    result,
    error: s.error ?? null,
    startedAt: isoRequired(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}

/** One run: live progress while it runs, then what import_runs recorded. */
export async function getImportRun({ db, actor }: ActorCtx, id: string): Promise<ImportRun> {
  requireRole(actor, 'analyst');
  const l = live.get(id);
  if (l && l.workspaceId === actor.workspaceId && l.run.status === 'running') return { ...l.run };
  const [r] = await db
    .select()
    .from(importRuns)
    .where(and(eq(importRuns.workspaceId, actor.workspaceId), eq(importRuns.id, id)));
  if (r) return fromRow(r);
  if (l && l.workspaceId === actor.workspaceId) return { ...l.run };
  throw notFound('Import');
}

/** The runs in flight, then the latest 50 recorded ones, newest first. */
export async function listImportRuns({ db, actor }: ActorCtx): Promise<ImportRun[]> {
  requireRole(actor, 'analyst');
  const running = [...live.values()]
    .filter((l) => l.workspaceId === actor.workspaceId && l.run.status === 'running')
    .map((l) => ({ ...l.run }));
  const rows = await db
    .select()
    .from(importRuns)
    .where(eq(importRuns.workspaceId, actor.workspaceId))
    .orderBy(desc(importRuns.startedAt))
    .limit(50);
  const ids = new Set(running.map((r) => r.id));
  return [
    ...running.sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
    ...rows.filter((r) => !ids.has(r.id)).map(fromRow),
  ];
}
