import type { Readable } from 'node:stream';
import {
  csvImportBody,
  csvImportMode,
  idParams,
  importParams,
  importRun,
  importRunParams,
  importStartQuery,
} from '@evergreen/contracts';
import type { ImportRun } from '@evergreen/contracts';
import { getImportRun, invalid, listImportRuns, startImport } from '@evergreen/core';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorOf } from '../../plugins/auth.ts';

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
async function* upTo(file: Readable & { truncated?: boolean }, max: number): AsyncGenerator<Buffer> {
  for await (const chunk of file) {
    if (file.truncated) throw tooLarge(max);
    yield chunk as Buffer;
  }
  if (file.truncated) throw tooLarge(max);
}

/**
 * Background imports of posts, metrics and orders (docs/csv.md). Registered inside the
 * workspace scope: managers and owners start them, analysts may look.
 */
export const importRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const { db, clock } = deps;
  const maxBytes = deps.importMaxBytes ?? IMPORT_MAX_BYTES;
  const ctx = (req: FastifyRequest) => ({ db, clock, actor: actorOf(req) });
  const P = '/workspaces/:workspaceId';
  const tags = ['imports'];
  // The file may come as the body itself; this parser exists only inside this plugin.
  r.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
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
          'Send the file as `multipart/form-data` (a part named `file`; form fields such as `mode` and `fileName` go before it), as `text/csv`, or as JSON `{ "csv": "…" }`; at most 200 MB (larger answers 413 and writes nothing). A multipart upload streams into the importer as it arrives and is answered once the file has been read. The import runs in the background in one transaction: poll `GET …/imports/{importId}` for progress and the result. `mode=all_or_nothing` (default) writes nothing when any row is bad; `mode=valid_rows` writes the good rows. Columns: docs/csv.md.',
        params: importParams,
        querystring: importStartQuery,
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
        const csv = typeof req.body === 'string' ? req.body : req.body.csv;
        return (
          await startImport(ctx(req), req.params.kind, csv, {
            mode: req.query.mode,
            fileName: req.query.fileName ?? null,
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
        const read = new Promise<void>((resolve) => {
          file.once('end', resolve);
          file.once('close', resolve);
        });
        const { run, finished } = await startImport(ctx(req), req.params.kind, upTo(file, maxBytes), {
          mode,
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
