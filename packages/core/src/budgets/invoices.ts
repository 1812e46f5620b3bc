import {
  INVOICE_MAX_BYTES,
  type PaymentInvoice,
  type UploadInvoiceRequest,
  uploadInvoiceRequest,
} from '@evergreen/contracts';
import type { Db, paymentInvoices } from '@evergreen/db';
import { recordAudit } from '../audit/index.ts';
import { requireRole } from '../shared/access.ts';
import { type Actor, type ActorCtx, creatorAsActor, isoRequired, type PortalCtx } from '../shared/context.ts';
import { notFound } from '../shared/errors.ts';
import { attachmentDisposition, checkUpload, cleanFilename } from '../shared/files.ts';
import { deleteInvoice, insertInvoice, invoiceRow, invoiceRows, requirePayment } from './queries.ts';

type InvoiceRow = typeof paymentInvoices.$inferSelect;

const toInvoice = (r: Omit<InvoiceRow, 'data' | 'workspaceId'>): PaymentInvoice => ({
  id: r.id,
  paymentId: r.paymentId,
  filename: r.filename,
  contentType: r.contentType as PaymentInvoice['contentType'],
  sizeBytes: r.sizeBytes,
  uploadedBy: r.uploadedBy,
  byCreator: r.byCreator,
  uploadedAt: isoRequired(r.uploadedAt),
});

/** Invoices are PDFs or images (a photo or scan of a paper invoice). */
const INVOICE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

export { attachmentDisposition, cleanFilename };

async function listInvoices(db: Db, workspaceId: string, paymentId: string, creatorId?: string) {
  await requirePayment(db, workspaceId, paymentId, creatorId);
  const rows = await invoiceRows(db, workspaceId, paymentId);
  return rows.map(toInvoice);
}

export const listPaymentInvoices = ({ db, actor }: ActorCtx, paymentId: string) =>
  listInvoices(db, actor.workspaceId, paymentId);

/** The creator's invoices on one of their own payments (another's payment is 404). */
export const listPaymentInvoicesAsCreator = ({ db, portal }: PortalCtx, paymentId: string) =>
  listInvoices(db, portal.workspaceId, paymentId, portal.creatorId);

async function storeInvoice(
  db: Db,
  actor: Actor,
  paymentId: string,
  input: UploadInvoiceRequest,
  now: Date,
  creatorId?: string,
): Promise<PaymentInvoice> {
  const d = uploadInvoiceRequest.parse(input);
  await requirePayment(db, actor.workspaceId, paymentId, creatorId);
  const data = checkUpload(d.dataBase64, d.contentType, {
    allowed: INVOICE_TYPES,
    maxBytes: INVOICE_MAX_BYTES,
  });
  const filename = cleanFilename(d.filename);
  return db.transaction(async (tx) => {
    const row = await insertInvoice(tx, {
      workspaceId: actor.workspaceId,
      paymentId,
      filename,
      contentType: d.contentType,
      sizeBytes: data.length,
      data,
      uploadedBy: actor.userId ?? null,
      byCreator: !!creatorId,
      uploadedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'payment.invoice_uploaded',
        entityType: 'payment',
        entityId: paymentId,
        changes: {
          invoiceId: row!.id,
          filename,
          contentType: d.contentType,
          sizeBytes: data.length,
          ...(creatorId ? { byCreator: creatorId } : {}),
        },
      },
      now,
    );
    return toInvoice(row!);
  });
}

/** Attaches an invoice file (PDF, PNG or JPEG, base64, up to 4 MB decoded) to a payment. */
export async function uploadPaymentInvoice(
  ctx: ActorCtx,
  paymentId: string,
  input: UploadInvoiceRequest,
): Promise<PaymentInvoice> {
  requireRole(ctx.actor, 'manager');
  return storeInvoice(ctx.db, ctx.actor, paymentId, input, ctx.clock.now());
}

/** The creator attaches their invoice to one of their own payments, in the portal. */
export const uploadPaymentInvoiceAsCreator = (
  { db, clock, portal }: PortalCtx,
  paymentId: string,
  input: UploadInvoiceRequest,
): Promise<PaymentInvoice> =>
  storeInvoice(db, creatorAsActor(portal), paymentId, input, clock.now(), portal.creatorId);

async function invoiceFile(
  db: Db,
  workspaceId: string,
  paymentId: string,
  invoiceId: string,
  creatorId?: string,
) {
  if (creatorId) await requirePayment(db, workspaceId, paymentId, creatorId);
  const row = await invoiceRow(db, workspaceId, paymentId, invoiceId);
  if (!row) throw notFound('Invoice');
  return { ...toInvoice(row), data: row.data, disposition: attachmentDisposition(row.filename) };
}

/** The file itself, for download. */
export const getPaymentInvoiceFile = ({ db, actor }: ActorCtx, paymentId: string, invoiceId: string) =>
  invoiceFile(db, actor.workspaceId, paymentId, invoiceId);

/** An invoice file of one of the creator's own payments. */
export const getPaymentInvoiceFileAsCreator = (
  { db, portal }: PortalCtx,
  paymentId: string,
  invoiceId: string,
) => invoiceFile(db, portal.workspaceId, paymentId, invoiceId, portal.creatorId);

export async function deletePaymentInvoice(ctx: ActorCtx, paymentId: string, invoiceId: string) {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const now = clock.now();
  await db.transaction(async (tx) => {
    const row = await deleteInvoice(tx, actor.workspaceId, paymentId, invoiceId);
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
