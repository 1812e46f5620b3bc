import {
  csvImportBody,
  idParams,
  importParams,
  importPreview,
  importRun,
  importRunParams,
  importStartQuery,
  mappingKind,
  mappingQuery,
  saveMappingRequest,
  savedMapping,
  uuid,
} from '@evergreen/contracts';
import {
  checkImportFile,
  deleteMapping,
  getImportRun,
  listImportRuns,
  listMappings,
  previewImport,
  saveMapping,
  startImport,
} from '@evergreen/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { actorOf } from '../../plugins/auth.ts';
import { csvBodyParser, csvEncodingOf, csvTextOf, mappingOf } from '../../plugins/csv-body.ts';

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
        querystring: importStartQuery.merge(mappingQuery),
        body: csvImportBody,
        response: { 200: importRun },
      },
    },
    async (req) => {
      const text = csvTextOf(req.body);
      const columns = mappingOf(req.body, req.query);
      // Refused before it starts (400, nothing written): a wrong preset, an unknown saved mapping,
      // a required field without a column, a column whose first rows cannot be read unambiguously.
      await checkImportFile(ctx(req), req.params.kind, text, columns);
      return startImport(ctx(req), req.params.kind, text, {
        mode: req.query.mode,
        fileName: req.query.fileName ?? null,
        columns,
      }).run;
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
