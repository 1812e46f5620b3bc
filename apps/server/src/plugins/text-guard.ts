import { findTextFault, textFault, textFaultMessage } from '@evergreen/contracts';
import { AppError } from '@evergreen/core';
import type { FastifyInstance } from 'fastify';

/**
 * One check in front of every route (docs/decisions/0008-hostile-input.md): no string the API
 * reads — in the JSON body (values and keys), the query, the path or a header — may hold a NUL
 * (PostgreSQL text cannot store it) or half of a surrogate pair (UTF-8 and jsonb cannot), and no
 * body nests deeper than MAX_DEPTH. The answer is a 400 naming the field, before any schema or
 * use case runs, so a route added tomorrow is covered without doing anything.
 *
 * Left to their own readers: a text/csv body and the `csv` field of a JSON body (the CSV readers
 * name the row and column), and raw bodies (the webhooks check theirs after the signature).
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const refuse = (field: string, code: keyof typeof textFaultMessage) => {
      const message = textFaultMessage[code];
      return new AppError('validation_failed', `${field}: ${message}`, [{ field, message, code }]);
    };
    for (const [name, v] of Object.entries(req.headers)) {
      for (const x of [v].flat()) {
        const code = typeof x === 'string' ? textFault(x) : null;
        if (code) throw refuse(name, code);
      }
    }
    for (const part of [req.params, req.query]) {
      const bad = findTextFault(part);
      if (bad) throw refuse(bad.field, bad.code);
    }
    const body = req.body;
    if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
      const bad = findTextFault(body, { skip: (path) => path === 'csv' });
      if (bad) throw refuse(bad.field || 'body', bad.code);
    }
  });
}
