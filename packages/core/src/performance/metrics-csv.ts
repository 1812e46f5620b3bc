import type { CsvRowError, ImportResult } from '@evergreen/contracts';
import { recordAudit } from '../audit/index.ts';
import { fileFormats } from '../shared/column-values.ts';
import type { ActorCtx } from '../shared/context.ts';
import { refreshPostFacts } from './facts.ts';
import {
  COUNT_COLUMNS,
  type CountKey,
  resolvePosts,
  type SnapshotInput,
  upsertSnapshots,
} from './metrics.ts';
import {
  cellsOf,
  columnsOf,
  distinctCells,
  importResult,
  inSlices,
  openImport,
  type PerfImportOptions,
  parseCount,
  parseInstant,
  readImportHeader,
  readingOf,
  shouldReport,
  withOptions,
} from './posts-csv.ts';

/**
 * CSV import of metric snapshots (docs/csv.md "Metric snapshots"). `post` names the post by
 * external id, else its URL, else its Evergreen id; a row for a post and captured time that
 * already has a reading replaces its numbers (unchanged when equal). Post facts (latest,
 * day-1, day-7) are refreshed once at the end for the posts the file touched.
 */

/** Each count's column in the file (snake_case) with its key, in COUNT_COLUMNS order. */
const countColumns = COUNT_COLUMNS.map((key) => [key === 'videoViews' ? 'video_views' : key, key] as const);
export const metricColumns = ['post', 'captured_at', ...countColumns.map(([column]) => column)] as const;
type MetricColumn = (typeof metricColumns)[number];

export async function importMetricsCsv(
  ctx: ActorCtx,
  csv: string,
  opts: PerfImportOptions,
): Promise<ImportResult> {
  const { db, clock, actor } = ctx;
  const { ws, progress, table, mapped, mapErrors } = await openImport(ctx, csv, opts, 'metrics', 'snapshot');
  // A lifetime export (YouTube Studio's, say) has no capture time: the readings are the import's.
  const lifetime = mapped.source !== 'columns' && !table.header.includes('captured_at');
  const index = readImportHeader(table.header, metricColumns, lifetime ? ['post'] : ['post', 'captured_at']);
  const width = table.header.length;
  const total = table.records.length + mapErrors.length;
  const formats = fileFormats(
    table.records,
    columnsOf(index, [], ['captured_at']),
    withOptions(opts.formats, mapped),
  );
  const importedAt = clock.now();
  progress('checking', 0, total);

  const refs = distinctCells(table, index, 'post');
  // A reference may be any of the three: look each up every way, then prefer external id, URL, id.
  const found = await resolvePosts(db, ws, { ids: refs, externalIds: refs, urls: refs });

  const errors: CsvRowError[] = [...mapErrors];
  const inputs: SnapshotInput[] = [];
  const firstRowOf = new Map<string, number>();
  let badRows = mapErrors.length;
  table.records.forEach((record, i) => {
    if (shouldReport(i) && i) progress('checking', i, total);
    const cells = cellsOf(record, index, width);
    if (!('get' in cells)) {
      errors.push(cells);
      badRows++;
      return;
    }
    const rowErrors: CsvRowError[] = [];
    const err = (column: MetricColumn, message: string, code: string) =>
      rowErrors.push({ row: record.row, column, message, code });
    const ref = cells.get('post') ?? '';
    let deliverableId: string | undefined;
    if (!ref) err('post', 'is required', 'required');
    else {
      deliverableId =
        found.byExternalId.get(ref) ??
        (found.ambiguousUrls.has(ref) ? undefined : found.byUrl.get(ref)) ??
        found.byId.get(ref.toLowerCase()) ??
        (found.ambiguousKeys.has(ref) ? undefined : found.byKey.get(ref));
      if (!deliverableId)
        found.ambiguousUrls.has(ref) || found.ambiguousKeys.has(ref)
          ? err('post', `the URL "${ref}" is shared by several posts; use the external id`, 'ambiguous')
          : err('post', `no post has the external id, URL or id "${ref}"`, 'unknown_post');
    }
    const at = lifetime
      ? { value: importedAt }
      : parseInstant(
          cells.get('captured_at') ?? '',
          formats.timeZone,
          formats.dateOrder.get('captured_at') ?? null,
        );
    let capturedAt: Date | null = null;
    if ('message' in at) err('captured_at', at.message, at.code);
    else if (!at.value) err('captured_at', 'is required', 'required');
    else capturedAt = at.value;
    const counts = {} as Record<CountKey, number | null>;
    for (const [column, key] of countColumns) {
      const cell = cells.get(column);
      const c = parseCount(cell ?? '', opts.formats?.decimal ?? null);
      if ('message' in c) err(column, c.message, c.code);
      else counts[key] = c.value;
    }
    if (!rowErrors.length && deliverableId && capturedAt) {
      const k = `${deliverableId}|${capturedAt.getTime()}`;
      const first = firstRowOf.get(k);
      if (first !== undefined)
        err('captured_at', `repeats the post and captured time of row ${first}`, 'duplicate');
      else firstRowOf.set(k, record.row);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      badRows++;
      return;
    }
    inputs.push({ deliverableId: deliverableId!, capturedAt: capturedAt!, ...counts });
  });
  progress('checking', total, total);

  if ((opts.mode === 'all_or_nothing' && errors.length) || !inputs.length) {
    progress('done', total, total);
    return {
      ...importResult(opts.mode, total, { created: 0, updated: 0, unchanged: 0 }, errors, badRows, false),
      reading: readingOf(mapped, formats, table),
    };
  }
  const now = clock.now();
  const counts = await db.transaction(async (tx) => {
    const actions = await upsertSnapshots(tx, ws, inputs, 'csv', now, (n) =>
      progress('writing', n, inputs.length),
    );
    const tally = { created: 0, updated: 0, unchanged: 0 };
    const touched = new Set<string>();
    actions.forEach((a, i) => {
      tally[a]++;
      if (a !== 'unchanged') touched.add(inputs[i]!.deliverableId);
    });
    progress('attributing', 0, inputs.length);
    await inSlices([...touched], 5000, (ids) => refreshPostFacts(tx, ws, { deliverableIds: ids }));
    await recordAudit(
      tx,
      actor,
      {
        action: 'metric_snapshots.imported',
        entityType: 'deliverable',
        changes: { ...tally, skipped: badRows },
      },
      now,
    );
    return tally;
  });
  progress('done', total, total);
  return {
    ...importResult(opts.mode, total, counts, errors, badRows, counts.created + counts.updated > 0),
    reading: readingOf(mapped, formats, table),
  };
}
