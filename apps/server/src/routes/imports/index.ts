import {
  csvImportBody,
  idParams,
  importParams,
  importRun,
  importRunParams,
  importStartQuery,
} from '@evergreen/contracts';
import { getImportRun, listImportRuns, startImport } from '@evergreen/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorOf } from '../../plugins/auth.ts';
import { csvBodyParser } from '../../plugins/csv-body.ts';

/**
 * Background imports of posts, metrics and orders (docs/csv.md). Registered inside the
 * workspace scope: managers and owners start them, analysts may look.
 */
export const importRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const { db, clock } = deps;
  const ctx = (req: FastifyRequest) => ({ db, clock, actor: actorOf(req) });
  const P = '/workspaces/:workspaceId';
  const tags = ['imports'];
  // The file may come as the body itself; this parser exists only inside this plugin.
  csvBodyParser(r as unknown as FastifyInstance);

  r.post(
    `${P}/imports/:kind`,
    {
      // A million orders is ~70 MB of CSV.
      bodyLimit: 200 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Start importing a posts, metrics or orders CSV; answers the run at once',
        description:
          'Send the file as `text/csv` (or JSON `{ "csv": "…" }`). The import runs in the background in one transaction: poll `GET …/imports/{importId}` for progress and the result. `mode=all_or_nothing` (default) writes nothing when any row is bad; `mode=valid_rows` writes the good rows. Columns: docs/csv.md.',
        params: importParams,
        querystring: importStartQuery,
        body: csvImportBody,
        response: { 200: importRun },
      },
    },
    (req) =>
      startImport(ctx(req), req.params.kind, typeof req.body === 'string' ? req.body : req.body.csv, {
        mode: req.query.mode,
        fileName: req.query.fileName ?? null,
      }).run,
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
