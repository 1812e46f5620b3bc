import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * Sends a stored file (an invoice, a screenshot) as a download: its own content type, always an
 * attachment, never sniffed by the browser, never cached (docs/decisions/0020-files-in-rows.md).
 */
export function sendStoredFile(
  reply: FastifyReply,
  f: { contentType: string; disposition: string; data: Buffer },
): FastifyReply {
  return (
    reply
      .type(f.contentType)
      .header('content-disposition', f.disposition)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      // A Buffer is sent as is (never serialised); the route's schema only documents the response.
      .send(f.data as unknown as string)
  );
}

/** The download's documented response (the schema is not used to serialise the Buffer). */
export const fileResponse = (types: readonly string[]) => ({
  description: 'The file as uploaded, with its content type, as an attachment',
  content: Object.fromEntries(types.map((t) => [t, { schema: z.string() }])),
});

/** The OpenAPI answer of a CSV download; `description` says what the file holds. */
export const csvDownload = (description: string) => ({
  200: { description, content: { 'text/csv': { schema: z.string() } } },
});

/** The OpenAPI answer of a report's CSV (the portfolio's tables answer the same). */
export const csvResponse = csvDownload(
  'UTF-8 CSV with a byte order mark and a header row; formula-like cells start with an apostrophe',
);

/** Sends a CSV as a download that no cache keeps. */
export const sendCsv = (reply: FastifyReply, out: { filename: string; csv: string }) =>
  reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${out.filename}"`)
    .header('cache-control', 'no-store')
    .send(out.csv);
