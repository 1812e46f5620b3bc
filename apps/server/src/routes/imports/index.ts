import type { Readable } from 'node:stream';
import type { ColumnMapping, ImportRun } from '@evergreen/contracts';
import {
  columnMapping,
  csvImportBody,
  csvImportMode,
  idParams,
  importParams,
  importPreview,
  importRun,
  importRunParams,
  importStartQuery,
  mappingKind,
  mappingQuery,
  savedMapping,
  saveMappingRequest,
  uuid,
} from '@evergreen/contracts';
import {
  checkImportFile,
  decodeText,
  deleteMapping,
  getImportRun,
  invalid,
  listImportRuns,
  listMappings,
  previewImport,
  saveMapping,
  startImport,
} from '@evergreen/core';
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { csvBodyParser, csvEncodingOf, csvTextOf, mappingOf } from '../../plugins/csv-body.ts';
import { actorContext } from '../context.ts';

/** The largest file an import takes (a million orders is ~70 MB of CSV). */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

const tooLarge = (max: number) =>
  Object.assign(
    new Error(
      `file: the file is larger than ${max >= 1024 * 1024 ? `${max / 1024 / 1024} MB` : `${max} bytes`}; split it`,
    ),
    { statusCode: 413 },
  );

/**
 * The uploaded file as the importer reads it, chunk by chunk as it arrives (never held whole).
 * Past the limit busboy stops the part short and marks it truncated: the import must not take
 * the first 200 MB for the file, so it fails (its transaction rolls back, nothing is written).
 */
async function* upTo(
  file: Readable & { truncated?: boolean },
  max: number,
  head: FileHead,
): AsyncGenerator<Buffer> {
  yield* head.chunks;
  if (!head.ended)
    for (let next = await head.rest.next(); !next.done; next = await head.rest.next()) {
      if (file.truncated) throw tooLarge(max);
      yield next.value as Buffer;
    }
  if (file.truncated) throw tooLarge(max);
}

/** How much of an uploaded file is checked before the import starts (whole lines of it). */
const HEAD_BYTES = 256 * 1024;

/**
 * The first whole lines of a streamed file (up to `max` bytes, or all of a smaller file), decoded
 * as the import will decode them; the chunks read are returned to be handed on. `text` is null when
 * the prefix cannot be decoded on its own (the import then says what is wrong with the file).
 */
interface FileHead {
  /** What was read so far, to be handed on first. */
  chunks: Buffer[];
  /** The rest of the file (the same iterator: leaving it early would destroy the stream). */
  rest: AsyncIterator<unknown>;
  ended: boolean;
  text: string | null;
}

async function firstLines(file: Readable, max: number): Promise<FileHead> {
  const rest = file[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < max) {
    const next = await rest.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value as Buffer);
    size += (next.value as Buffer).length;
  }
  const all = Buffer.concat(chunks);
  // A cut file keeps its whole lines only (UTF-16 files are checked by the import itself).
  const cut = ended ? all.length : all.lastIndexOf(0x0a) + 1;
  let text: string | null = null;
  try {
    if (cut > 0) text = decodeText(all.subarray(0, cut)).text;
  } catch {}
  return { chunks: [all], rest, ended, text };
}

/**
 * Background imports of posts, metrics and orders (docs/csv.md). Registered inside the
 * workspace scope: managers and owners start them, analysts may look.
 */
export const importRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const maxBytes = deps.importMaxBytes ?? IMPORT_MAX_BYTES;
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const tags = ['imports'];
  // The file may come as the body itself; this parser exists only inside this plugin.
  csvBodyParser(r as unknown as FastifyInstance);
  // Or as multipart/form-data (the web app): streamed into the importer as it arrives.
  await r.register(multipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 1024 * 1024, parts: 21 },
  });

  r.post(
    `${P}/imports/:kind`,
    {
      bodyLimit: maxBytes,
      schema: {
        tags,
        summary: 'Start importing a posts, metrics or orders CSV; answers the run at once',
        description:
          'Send the file as `multipart/form-data` (a part named `file`; form fields `mode`, `fileName`, `preset`, `mapping` (a saved mapping\'s name) and `mappingJson` (a mapping as JSON text) go before it), as `text/csv`, or as JSON `{ "csv": "…" }`; at most 200 MB (larger answers 413 and writes nothing). A multipart upload streams into the importer as it arrives and is answered once the file has been read. The import runs in the background in one transaction: poll `GET …/imports/{importId}` for progress and the result. `mode=all_or_nothing` (default) writes nothing when any row is bad; `mode=valid_rows` writes the good rows. Columns: docs/csv.md.',
        params: importParams,
        querystring: importStartQuery.merge(mappingQuery),
        // Absent for multipart/form-data: the file is read from the request stream.
        body: csvImportBody.nullish(),
        response: { 200: importRun },
      },
    },
    async (req) => {
      if (!req.isMultipart()) {
        if (req.body == null)
          throw invalid(
            'file',
            'send the file as multipart/form-data, text/csv or JSON { "csv": … }',
            'required',
          );
        const text = csvTextOf(req.body);
        const columns = mappingOf(req.body, req.query);
        // Refused before it starts (400, nothing written): a wrong preset, an unknown saved mapping,
        // a required field without a column, a column whose first rows cannot be read unambiguously.
        await checkImportFile(ctx(req), req.params.kind, text, columns);
        return (
          await startImport(ctx(req), req.params.kind, text, {
            mode: req.query.mode,
            fileName: req.query.fileName ?? null,
            columns,
          })
        ).run;
      }
      // Fields come first, then the file; the file is not buffered, so fields after it are not read.
      const fields: Record<string, string> = {};
      const parts = req.parts()[Symbol.asyncIterator]();
      for (;;) {
        const next = await parts.next();
        if (next.done)
          throw invalid('file', 'the form has no file: send it as a part named "file"', 'required');
        const part = next.value;
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw invalid(part.fieldname, 'send the file as a part named "file"', 'unknown_field');
        }
        const mode = fields.mode === undefined ? req.query.mode : csvImportMode.safeParse(fields.mode).data;
        if (!mode) {
          part.file.resume();
          throw invalid('mode', 'must be all_or_nothing or valid_rows', 'invalid_enum_value');
        }
        const file = part.file as Readable & { truncated?: boolean };
        // An ad-hoc mapping (the web app's mapping step) as JSON text in the `mappingJson` field.
        let mapping: ColumnMapping | undefined;
        if (fields.mappingJson) {
          let json: unknown;
          try {
            json = JSON.parse(fields.mappingJson);
          } catch {}
          const parsed = columnMapping.safeParse(json);
          if (!parsed.success) {
            part.file.resume();
            throw invalid(
              'mappingJson',
              'must be a mapping as JSON: { "columns": { "file column": "field" | null }, "options": { … } }',
              'invalid_mapping',
            );
          }
          mapping = parsed.data;
        }
        const columns = {
          mapping,
          preset: fields.preset || req.query.preset,
          saved: fields.mapping || req.query.mapping,
        };
        // The same checks as a whole file's, on its first rows (at most 256 KB, whole lines):
        // refused before anything is written. The rows read are handed on to the import.
        const head = await firstLines(file, HEAD_BYTES);
        if (head.text !== null) {
          try {
            await checkImportFile(ctx(req), req.params.kind, head.text, columns);
          } catch (e) {
            file.resume();
            throw e;
          }
        }
        const read = new Promise<void>((resolve) => {
          if (file.readableEnded) resolve();
          file.once('end', resolve);
          file.once('close', resolve);
        });
        const { run, finished } = await startImport(ctx(req), req.params.kind, upTo(file, maxBytes, head), {
          mode,
          columns,
          fileName: (fields.fileName || part.filename || req.query.fileName || '').slice(0, 255) || null,
        });
        // Answer once the file has been read (the import goes on), or when the import has ended.
        const ended: ImportRun | null = await Promise.race([read.then(() => null), finished]);
        if (file.truncated) {
          await finished;
          throw tooLarge(maxBytes);
        }
        // An import that stopped before the end of the file (a bad header): drop the rest.
        if (ended && !file.readableEnded) file.resume();
        return ended ?? (await Promise.race([finished, Promise.resolve(run)]));
      }
    },
  );
  r.post(
    `${P}/import-mappings/preview/:kind`,
    {
      bodyLimit: 200 * 1024 * 1024,
      schema: {
        tags,
        summary: 'How a CSV would be read by an import: mapping, encoding, zone and the first rows as read',
        description:
          'Reads the header and the first rows (writes nothing). The mapping is the one given (`{ csv, mapping }`), the `preset`, the saved `mapping` by name, else a recognised preset, a saved mapping for the same header, the column names as they are, or one proposed from known names and synonyms (English and Russian). Sample values are shown as the import will read them, with per-cell errors; `problems` are what the import would refuse the file for. Kinds: creators, posts, metrics, orders, exchange_rates.',
        params: z.object({ workspaceId: uuid, kind: mappingKind }),
        querystring: mappingQuery,
        body: csvImportBody,
        response: { 200: importPreview },
      },
    },
    async (req) => {
      const preview = await previewImport(
        ctx(req),
        req.params.kind,
        csvTextOf(req.body),
        mappingOf(req.body, req.query),
      );
      return { ...preview, encoding: csvEncodingOf(req) };
    },
  );
  r.get(
    `${P}/import-mappings`,
    {
      schema: {
        tags,
        summary: 'The mappings saved in this workspace',
        params: idParams,
        querystring: z.object({ kind: mappingKind.optional() }),
        response: { 200: z.object({ mappings: z.array(savedMapping) }) },
      },
    },
    async (req) => ({ mappings: await listMappings(ctx(req), req.query.kind) }),
  );
  r.post(
    `${P}/import-mappings`,
    {
      schema: {
        tags,
        summary:
          'Save a column mapping by name (the same name replaces it); a file with the same header gets it again',
        params: idParams,
        body: saveMappingRequest,
        response: { 200: savedMapping },
      },
    },
    (req) => saveMapping(ctx(req), req.body),
  );
  r.delete(
    `${P}/import-mappings/:mappingId`,
    {
      schema: {
        tags,
        summary: 'Delete a saved mapping',
        params: z.object({ workspaceId: uuid, mappingId: uuid }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await deleteMapping(ctx(req), req.params.mappingId);
      return { ok: true as const };
    },
  );
  r.get(
    `${P}/imports`,
    {
      schema: {
        tags,
        summary: 'Imports running now and the latest finished ones',
        params: idParams,
        response: { 200: z.object({ imports: z.array(importRun) }) },
      },
    },
    async (req) => ({ imports: await listImportRuns(ctx(req)) }),
  );
  r.get(
    `${P}/imports/:importId`,
    {
      schema: {
        tags,
        summary: 'One import: progress while it runs, then its result',
        params: importRunParams,
        response: { 200: importRun },
      },
    },
    (req) => getImportRun(ctx(req), req.params.importId),
  );
};
