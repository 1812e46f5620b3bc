import type { Payment, PaymentDetails, PortalPaymentDetails } from '@evergreen/contracts';
import { listPaymentsAsCreator } from '../budgets/index.ts';
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
