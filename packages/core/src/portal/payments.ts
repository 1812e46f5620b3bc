import type {
  DeliverableScreenshot,
  Payment,
  PaymentDetails,
  PaymentInvoice,
  PortalPaymentDetails,
  UploadInvoiceRequest,
  UploadScreenshotRequest,
} from '@evergreen/contracts';
import {
  getPaymentInvoiceFileAsCreator,
  listPaymentInvoicesAsCreator,
  listPaymentsAsCreator,
  uploadPaymentInvoiceAsCreator,
} from '../budgets/index.ts';
import {
  getScreenshotFileAsCreator,
  listScreenshotsAsCreator,
  uploadScreenshotAsCreator,
} from '../performance/index.ts';
import { paymentDetailsMaskAsCreator, setPaymentDetailsAsCreator } from '../roster/index.ts';
import type { PortalCtx } from '../shared/context.ts';
import type { SecretBox } from '../shared/secret-box.ts';

/** The creator's payments: amounts in their currency, due dates, paid or not. */
export const listPortalPayments = (ctx: PortalCtx): Promise<Payment[]> => listPaymentsAsCreator(ctx);
/** Whether the brand has the creator's payment details, and their mask. */
export const getPortalPaymentDetails = (ctx: PortalCtx): Promise<PortalPaymentDetails> =>
  paymentDetailsMaskAsCreator(ctx);
/** The creator enters or updates their payment details (encrypted; only the mask comes back). */
export const setPortalPaymentDetails = (
  ctx: PortalCtx,
  details: PaymentDetails,
  deps: { box: SecretBox },
): Promise<PortalPaymentDetails> => setPaymentDetailsAsCreator(ctx, details, deps);

/** The invoices on one of the creator's payments (theirs and the team's). */
export const listPortalInvoices = (ctx: PortalCtx, paymentId: string): Promise<PaymentInvoice[]> =>
  listPaymentInvoicesAsCreator(ctx, paymentId);
/** The creator uploads their invoice (PDF, PNG or JPEG, up to 4 MB) for one of their payments. */
export const uploadPortalInvoice = (
  ctx: PortalCtx,
  paymentId: string,
  input: UploadInvoiceRequest,
): Promise<PaymentInvoice> => uploadPaymentInvoiceAsCreator(ctx, paymentId, input);
/** An invoice file of one of the creator's payments, for download. */
export const getPortalInvoiceFile = (ctx: PortalCtx, paymentId: string, invoiceId: string) =>
  getPaymentInvoiceFileAsCreator(ctx, paymentId, invoiceId);

/** The screenshots of one of the creator's posts. */
export const listPortalScreenshots = (
  ctx: PortalCtx,
  deliverableId: string,
): Promise<DeliverableScreenshot[]> => listScreenshotsAsCreator(ctx, deliverableId);
/** The creator sends a screenshot of a post's numbers (PNG, JPEG or WebP, up to 5 MB). */
export const uploadPortalScreenshot = (
  ctx: PortalCtx,
  deliverableId: string,
  input: UploadScreenshotRequest,
): Promise<DeliverableScreenshot> => uploadScreenshotAsCreator(ctx, deliverableId, input);
/** A screenshot of one of the creator's posts, for download. */
export const getPortalScreenshotFile = (ctx: PortalCtx, deliverableId: string, id: string) =>
  getScreenshotFileAsCreator(ctx, deliverableId, id);
