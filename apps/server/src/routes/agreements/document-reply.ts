import type { FastifyReply } from 'fastify';

/** An agreement document sent inline and never cached (the team's and the creator portal's routes). */
export function sendAgreementDocument(
  reply: FastifyReply,
  out: { filename: string } & ({ html: string } | { pdf: Buffer | Uint8Array }),
) {
  return reply
    .type('html' in out ? 'text/html; charset=utf-8' : 'application/pdf')
    .header('content-disposition', `inline; filename="${out.filename}"`)
    .header('cache-control', 'no-store')
    .send('html' in out ? out.html : out.pdf);
}
