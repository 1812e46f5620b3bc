import { decodeText } from '@evergreen/core';
import type { FastifyInstance } from 'fastify';

/**
 * A CSV file sent as the body itself (`text/csv`): read as bytes and decoded from what it is
 * (UTF-8 with or without a BOM, UTF-16 LE/BE, Windows-1251; core/shared/encoding.ts), so a file
 * saved by Russian Excel or as "Unicode text" arrives as the text it holds. A body in none of
 * those answers 400. Registered per plugin: it exists only inside the plugin that calls it.
 */
export function csvBodyParser(r: FastifyInstance): void {
  r.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, decodeText(body as Buffer).text);
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
