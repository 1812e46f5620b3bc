import {
  creatorImportPreview,
  creatorImportResult,
  creatorListQuery,
  csvImportBody,
  csvImportQuery,
  idParams,
  mappingQuery,
} from '@evergreen/contracts';
import { exportCreators, importCreators, previewCreatorImport } from '@evergreen/core';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { csvBodyParser, mappingOf } from '../../plugins/csv-body.ts';
import { actorContext } from '../context.ts';
import { csvDownload, sendCsv } from '../file-reply.ts';

/**
 * CSV import (preview, then import) and export of creators (docs/csv.md). Registered inside the
 * workspace scope: the import needs a manager, the export reads (analysts too).
 */
export const rosterCsvRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const tags = ['roster'];
  // The file may come as the body itself; this parser exists only inside this plugin.
  csvBodyParser(r as unknown as FastifyInstance);
  // 5 MB of CSV (the use case's limit) plus room for JSON escaping when sent as { csv }.
  const bodyLimit = 12 * 1024 * 1024;
  const csvOf = (body: z.infer<typeof csvImportBody>) => (typeof body === 'string' ? body : body.csv);

  r.post(
    `${P}/creators/import/preview`,
    {
      bodyLimit,
      schema: {
        tags,
        summary: 'What importing a creators CSV would do, row by row (writes nothing)',
        description:
          'Send the file as `text/csv` or as JSON `{ "csv": "…" }`. Rows are numbered as in a spreadsheet: the header is row 1, the first creator row 2. Columns: docs/csv.md.',
        params: idParams,
        querystring: mappingQuery,
        body: csvImportBody,
        response: { 200: creatorImportPreview },
      },
    },
    (req) => previewCreatorImport(ctx(req), csvOf(req.body), mappingOf(req.body, req.query)),
  );
  r.post(
    `${P}/creators/import`,
    {
      bodyLimit,
      schema: {
        tags,
        summary: 'Import creators from CSV: create new ones, update matched ones',
        description:
          'A row matches a creator by external_id, else email, else any handle. `mode=all_or_nothing` (default): any row error answers 400 with every error (`fields[].field` = `rows.<row>.<column>`) and writes nothing. `mode=valid_rows`: imports the valid rows and reports the skipped ones.',
        params: idParams,
        querystring: csvImportQuery.merge(mappingQuery),
        body: csvImportBody,
        response: { 200: creatorImportResult },
      },
    },
    (req) => importCreators(ctx(req), csvOf(req.body), req.query.mode, mappingOf(req.body, req.query)),
  );
  r.get(
    `${P}/creators/export.csv`,
    {
      schema: {
        tags,
        summary: 'The roster as CSV (same filters as GET /creators), in the columns the import reads',
        params: idParams,
        querystring: creatorListQuery,
        response: csvDownload(
          'UTF-8 CSV with a byte order mark; formula-like cells start with an apostrophe',
        ),
      },
    },
    async (req, reply) => sendCsv(reply, await exportCreators(ctx(req), req.query)),
  );
};
