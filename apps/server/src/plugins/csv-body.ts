import type { CsvImportBody } from '@evergreen/contracts';
import type { MappingRequest } from '@evergreen/core';
import { decodeText } from '@evergreen/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * A CSV file sent as the body itself (`text/csv`): read as bytes and decoded from what it is
 * (UTF-8 with or without a BOM, UTF-16 LE/BE, Windows-1251; core/shared/encoding.ts), so a file
 * saved by Russian Excel or as "Unicode text" arrives as the text it holds. A body in none of
 * those answers 400. Registered per plugin: it exists only inside the plugin that calls it.
 */
export function csvBodyParser(r: FastifyInstance): void {
  r.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer' }, (req, body, done) => {
    try {
      const d = decodeText(body as Buffer);
      (req as { csvEncoding?: string }).csvEncoding = d.encoding;
      done(null, d.text);
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}

/** The encoding the body was decoded from (null when it came as JSON text). */
export const csvEncodingOf = (req: FastifyRequest): string | null =>
  (req as { csvEncoding?: string }).csvEncoding ?? null;

/** The file's text of a CSV body (`text/csv` or `{ csv }`). */
export const csvTextOf = (body: CsvImportBody): string => (typeof body === 'string' ? body : body.csv);

/** A mapping from the body (`{ csv, mapping }`) or the query (`?preset=` / `?mapping=` a saved one's name). */
export function mappingOf(
  body: CsvImportBody,
  query: { preset?: string | undefined; mapping?: string | undefined },
): MappingRequest {
  return {
    mapping: typeof body === 'string' ? undefined : body.mapping,
    preset: query.preset,
    saved: query.mapping,
  };
}
