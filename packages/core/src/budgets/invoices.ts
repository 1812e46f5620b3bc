import {
  INVOICE_MAX_BYTES,
  type PaymentInvoice,
  type UploadInvoiceRequest,
  uploadInvoiceRequest,
} from '@evergreen/contracts';
import { type Db, paymentInvoices, payments } from '@evergreen/db';
import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type ActorCtx, isoRequired } from '../shared/context.ts';
import { invalid, notFound } from '../shared/errors.ts';

type InvoiceRow = typeof paymentInvoices.$inferSelect;

const toInvoice = (r: Omit<InvoiceRow, 'data' | 'workspaceId'>): PaymentInvoice => ({
  id: r.id,
  paymentId: r.paymentId,
  filename: r.filename,
  contentType: r.contentType as PaymentInvoice['contentType'],
  sizeBytes: r.sizeBytes,
  uploadedBy: r.uploadedBy,
  uploadedAt: isoRequired(r.uploadedAt),
});

const listColumns = {
  id: paymentInvoices.id,
  paymentId: paymentInvoices.paymentId,
  filename: paymentInvoices.filename,
  contentType: paymentInvoices.contentType,
  sizeBytes: paymentInvoices.sizeBytes,
  uploadedBy: paymentInvoices.uploadedBy,
  uploadedAt: paymentInvoices.uploadedAt,
};

/** A file name without folders or control characters, at most 255 characters ("invoice" if nothing is left). */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((c) => {
      const code = c.charCodeAt(0);
      return code >= 0x20 && code !== 0x7f;
    })
    .join('')
    .trim()
    .slice(0, 255);
  return clean && clean !== '.' && clean !== '..' ? clean : 'invoice';
}

/**
 * `Content-Disposition: attachment` per RFC 6266: an ASCII-only quoted `filename` (anything else
 * becomes `_`, quotes and backslashes included) and the exact name as `filename*` (RFC 5987).
 */
export function attachmentDisposition(filename: string): string {
  const name = cleanFilename(filename);
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

async function requirePayment(db: Db, workspaceId: string, paymentId: string) {
  const [p] = await db
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.workspaceId, workspaceId), eq(payments.id, paymentId)));
  if (!p) throw notFound('Payment');
}

export async function listPaymentInvoices({ db, actor }: ActorCtx, paymentId: string) {
  await requirePayment(db, actor.workspaceId, paymentId);
  const rows = await db
    .select(listColumns)
    .from(paymentInvoices)
    .where(and(eq(paymentInvoices.workspaceId, actor.workspaceId), eq(paymentInvoices.paymentId, paymentId)))
    .orderBy(asc(paymentInvoices.uploadedAt), asc(paymentInvoices.id));
  return rows.map(toInvoice);
}

/** Attaches an invoice file (PDF, PNG or JPEG, base64, up to 4 MB decoded) to a payment. */
export async function uploadPaymentInvoice(
  ctx: ActorCtx,
  paymentId: string,
  input: UploadInvoiceRequest,
): Promise<PaymentInvoice> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const d = uploadInvoiceRequest.parse(input);
  await requirePayment(db, actor.workspaceId, paymentId);
  const data = Buffer.from(d.dataBase64, 'base64');
  if (data.length === 0) throw invalid('dataBase64', 'must not be empty', 'too_small');
  if (data.length > INVOICE_MAX_BYTES)
    throw invalid('dataBase64', 'must be at most 4 MB once decoded', 'too_big');
  const now = clock.now();
  const filename = cleanFilename(d.filename);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(paymentInvoices)
      .values({
        workspaceId: actor.workspaceId,
        paymentId,
        filename,
        contentType: d.contentType,
        sizeBytes: data.length,
        data,
        uploadedBy: actor.userId ?? null,
        uploadedAt: now,
      })
      .returning(listColumns);
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.invoice_uploaded',
        entityType: 'payment',
        entityId: paymentId,
        changes: { invoiceId: row!.id, filename, contentType: d.contentType, sizeBytes: data.length },
      },
      now,
    );
    return toInvoice(row!);
  });
}

/** The file itself, for download. */
export async function getPaymentInvoiceFile({ db, actor }: ActorCtx, paymentId: string, invoiceId: string) {
  const [row] = await db
    .select()
    .from(paymentInvoices)
    .where(
      and(
        eq(paymentInvoices.workspaceId, actor.workspaceId),
        eq(paymentInvoices.paymentId, paymentId),
        eq(paymentInvoices.id, invoiceId),
      ),
    );
  if (!row) throw notFound('Invoice');
  return { ...toInvoice(row), data: row.data, disposition: attachmentDisposition(row.filename) };
}

export async function deletePaymentInvoice(ctx: ActorCtx, paymentId: string, invoiceId: string) {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(paymentInvoices)
      .where(
        and(
          eq(paymentInvoices.workspaceId, actor.workspaceId),
          eq(paymentInvoices.paymentId, paymentId),
          eq(paymentInvoices.id, invoiceId),
        ),
      )
      .returning({ id: paymentInvoices.id, filename: paymentInvoices.filename });
    if (!row) throw notFound('Invoice');
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.invoice_deleted',
        entityType: 'payment',
        entityId: paymentId,
        changes: { invoiceId, filename: row.filename },
      },
      now,
    );
  });
}
