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
