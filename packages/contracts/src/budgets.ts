import { z } from 'zod';
import { currencyCode, isoDateTime, marketCode, uuid } from './common.ts';
import { isoDate, tierNumber } from './roster.ts';
import { percent } from './workspaces.ts';

/** Units of the reporting currency per 1 unit of the currency, up to 10 decimals ("1.085"). */
export const rateDecimal = z
  .string()
  .regex(/^\d{1,10}(\.\d{1,10})?$/, 'must be a positive decimal like 1.085 (up to 10 decimals)')
  .refine((s) => /[1-9]/.test(s), 'must be greater than zero');
const money = z.number().int().min(0).max(1e13);

// ---- exchange rates -------------------------------------------------------------------------

export const exchangeRate = z.object({
  id: uuid,
  currency: currencyCode,
  reportingCurrency: currencyCode,
  onDate: isoDate,
  rate: z.string(),
  updatedAt: isoDateTime,
});
export type ExchangeRate = z.infer<typeof exchangeRate>;

export const createExchangeRateRequest = z.object({
  currency: currencyCode,
  /** Defaults to the workspace's reporting currency. */
  reportingCurrency: currencyCode.optional(),
  onDate: isoDate,
  rate: rateDecimal,
});
export type CreateExchangeRateRequest = z.infer<typeof createExchangeRateRequest>;

export const updateExchangeRateRequest = z
  .object({ onDate: isoDate, rate: rateDecimal })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateExchangeRateRequest = z.infer<typeof updateExchangeRateRequest>;

/** Many rates at once; a rate for the same currency pair and day replaces the one stored. */
export const bulkExchangeRatesRequest = z.object({
  rates: z.array(createExchangeRateRequest).min(1).max(2000),
});
export type BulkExchangeRatesRequest = z.infer<typeof bulkExchangeRatesRequest>;
export const bulkExchangeRatesResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rates: z.array(exchangeRate),
});

export const exchangeRateListQuery = z.object({
  currency: currencyCode.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ExchangeRateListQuery = z.infer<typeof exchangeRateListQuery>;
export const exchangeRateList = z.object({ rates: z.array(exchangeRate) });

// ---- budgets --------------------------------------------------------------------------------

export const tierShare = z.object({ tier: tierNumber, sharePct: percent });
export type TierShare = z.infer<typeof tierShare>;
export const marketShare = z.object({ market: marketCode, sharePct: percent });
export type MarketShare = z.infer<typeof marketShare>;

export const fiscalYearNumber = z.coerce.number().int().min(2000).max(2999);

export const budget = z.object({
  id: uuid,
  fiscalYear: z.number().int(),
  startsOn: isoDate,
  endsOn: isoDate,
  totalMinor: z.number().int(),
  currency: currencyCode,
  tierShares: z.array(tierShare),
  marketSplit: z.array(marketShare).nullable(),
  notes: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type Budget = z.infer<typeof budget>;
export const budgetList = z.object({ budgets: z.array(budget) });

export const createBudgetRequest = z.object({
  fiscalYear: z.number().int().min(2000).max(2999),
  totalMinor: money,
  /** Defaults to the workspace's tier policies. Must add up to 100. */
  tierShares: z.array(tierShare).length(3).optional(),
  /** Optional; must add up to 100 when given. */
  marketSplit: z.array(marketShare).max(50).nullable().optional(),
  notes: z.string().max(5000).nullable().optional(),
});
export type CreateBudgetRequest = z.infer<typeof createBudgetRequest>;
export const updateBudgetRequest = createBudgetRequest
  .omit({ fiscalYear: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateBudgetRequest = z.infer<typeof updateBudgetRequest>;

export const budgetWarning = z.object({
  code: z.string(),
  message: z.string(),
  currency: currencyCode.optional(),
  on: isoDate.optional(),
});
export type BudgetWarning = z.infer<typeof budgetWarning>;

export const budgetSummary = z.object({
  fiscalYear: z.number().int(),
  startsOn: isoDate,
  endsOn: isoDate,
  asOf: isoDate,
  currency: currencyCode,
  totalMinor: z.number().int(),
  committedMinor: z.number().int(),
  remainingMinor: z.number().int(),
  tiers: z.array(
    z.object({
      tier: tierNumber,
      sharePct: z.string(),
      allocationMinor: z.number().int(),
      committedMinor: z.number().int(),
      /** Tiers 2 and 3: allocation × elapsed share of the fiscal year; null for Tier 1. */
      reserveMinor: z.number().int().nullable(),
      paidMinor: z.number().int(),
      remainingMinor: z.number().int(),
      warnings: z.array(budgetWarning),
    }),
  ),
  months: z.array(z.object({ month: z.string(), committedMinor: z.number().int() })),
  markets: z
    .array(z.object({ market: marketCode, sharePct: z.string(), allocationMinor: z.number().int() }))
    .nullable(),
  /** Missing exchange rates: those amounts are left out of the totals, never converted at 1.0. */
  warnings: z.array(budgetWarning),
});
export type BudgetSummary = z.infer<typeof budgetSummary>;

/** Per fiscal month: committed (agreements), scheduled (payments due), paid (by the day paid). */
export const forecastMonth = z.object({
  month: z.string(),
  committedMinor: z.number().int(),
  scheduledMinor: z.number().int(),
  paidMinor: z.number().int(),
});
export type ForecastMonth = z.infer<typeof forecastMonth>;
export const budgetForecast = z.object({
  fiscalYear: z.number().int(),
  startsOn: isoDate,
  endsOn: isoDate,
  currency: currencyCode,
  months: z.array(forecastMonth),
  totals: forecastMonth.omit({ month: true }),
  /** Missing exchange rates: those amounts are left out, never converted at 1.0. */
  warnings: z.array(budgetWarning),
});
export type BudgetForecast = z.infer<typeof budgetForecast>;

/** Plan for next year: full-year lines per tier from agreements that carry into it. */
export const budgetPlanLine = z.object({
  type: z.enum(['annual', 'retainer']),
  creators: z.number().int(),
  /** Collaborations a year (annual) or 12 months (retainer). */
  timesPerYear: z.number().int(),
  /** The rate (annual: first rate) or monthly fee, in `currency`. */
  rateMinor: z.number().int(),
  currency: currencyCode,
  totalMinor: z.number().int(),
  /** In the reporting currency; null when there is no rate (see warnings). */
  reportingMinor: z.number().int().nullable(),
});
export type BudgetPlanLine = z.infer<typeof budgetPlanLine>;
export const budgetPlan = z.object({
  fiscalYear: z.number().int(),
  basedOnYear: z.number().int(),
  startsOn: isoDate,
  endsOn: isoDate,
  currency: currencyCode,
  tiers: z.array(
    z.object({ tier: z.number().int(), lines: z.array(budgetPlanLine), totalMinor: z.number().int() }),
  ),
  totalMinor: z.number().int(),
  warnings: z.array(budgetWarning),
});
export type BudgetPlan = z.infer<typeof budgetPlan>;

// ---- payments -------------------------------------------------------------------------------

export const paymentStatuses = ['scheduled', 'paid', 'partially_paid', 'cancelled'] as const;
export const paymentStatus = z.enum(paymentStatuses);
export const payment = z.object({
  id: uuid,
  creatorId: uuid,
  creatorName: z.string(),
  agreementId: uuid.nullable(),
  deliverableId: uuid.nullable(),
  periodOn: isoDate.nullable(),
  dueOn: isoDate,
  amountMinor: z.number().int(),
  currency: currencyCode,
  status: paymentStatus,
  paidOn: isoDate.nullable(),
  paidMinor: z.number().int(),
  reference: z.string().nullable(),
  overdue: z.boolean(),
  /** The amount in the reporting currency at the due date's rate (lists only); null when no rate. */
  reporting: z.object({ currency: currencyCode, amountMinor: z.number().int() }).nullable().optional(),
});
export type Payment = z.infer<typeof payment>;
const flag = z.preprocess(
  (v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v),
  z.boolean(),
);
/**
 * `due` (default): by due date, oldest first. `action`: what needs doing first: unpaid ones (the
 * most overdue first, then by due date), then paid and cancelled ones, the latest first.
 */
export const paymentSorts = ['due', 'action'] as const;
export const paymentList = z.object({
  payments: z.array(payment),
  /** Every payment matching the filters (the page is `limit` from `offset`). */
  total: z.number().int(),
  /** Still owed (amount − paid) over every matching payment, per currency. */
  owed: z.array(z.object({ currency: currencyCode, amountMinor: z.number().int() })),
});
/** Unpaid after the due date (GET payments/overdue). */
export const overduePaymentList = z.object({ payments: z.array(payment) });
export const paymentListQuery = z.object({
  status: paymentStatus.optional(),
  creatorId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Unpaid only: scheduled or partially paid. */
  open: flag.optional(),
  /** Unpaid after the due date only. */
  overdue: flag.optional(),
  sort: z.enum(paymentSorts).default('due'),
  /** Without a limit, every matching payment. */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PaymentListQuery = z.input<typeof paymentListQuery>;
export type PaymentPage = z.infer<typeof paymentList>;
/** Payments due between two days (inclusive), for the accounting CSV. */
export const paymentExportQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export type PaymentExportQuery = z.infer<typeof paymentExportQuery>;
export const generatePaymentsResult = z.object({ created: z.number().int(), payments: z.array(payment) });
export const payPaymentRequest = z.object({
  paidOn: isoDate,
  /** Defaults to what is still owed; less makes it partially paid. */
  amountMinor: z.number().int().min(1).max(1e13).optional(),
  reference: z.string().trim().max(200).nullable().optional(),
});
export type PayPaymentRequest = z.infer<typeof payPaymentRequest>;
export const onTimeList = z.object({
  creators: z.array(
    z.object({
      creatorId: uuid,
      creatorName: z.string(),
      paid: z.number().int(),
      onTime: z.number().int(),
      ratePct: z.string().nullable(),
    }),
  ),
});

// ---- payment invoices -----------------------------------------------------------------------

export const invoiceContentTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
/** Decoded size limit of an invoice file. */
export const INVOICE_MAX_BYTES = 4 * 1024 * 1024;
export const paymentInvoice = z.object({
  id: uuid,
  paymentId: uuid,
  filename: z.string(),
  contentType: z.enum(invoiceContentTypes),
  sizeBytes: z.number().int(),
  uploadedBy: uuid.nullable(),
  /** Uploaded by the creator in the creator portal. */
  byCreator: z.boolean(),
  uploadedAt: isoDateTime,
});
export type PaymentInvoice = z.infer<typeof paymentInvoice>;
export const paymentInvoiceList = z.object({ invoices: z.array(paymentInvoice) });
/** An uploaded file's name: no control characters (a NUL or a line break is refused, not dropped). */
export const uploadFilename = z
  .string()
  .trim()
  .min(1)
  .max(255)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
export const uploadInvoiceRequest = z.object({
  filename: uploadFilename,
  contentType: z.enum(invoiceContentTypes, {
    message: 'must be application/pdf, image/png or image/jpeg',
  }),
  /** The file, base64 encoded (at most 4 MB once decoded). */
  dataBase64: z
    .string()
    .min(1)
    .max(Math.ceil(INVOICE_MAX_BYTES / 3) * 4 + 4, 'must be at most 4 MB once decoded')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type UploadInvoiceRequest = z.infer<typeof uploadInvoiceRequest>;

// ---- Screenshots of a post's numbers (docs/decisions/0020-files-in-rows.md) --------------------

export const screenshotContentTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** A screenshot is at most 5 MB once decoded. */
export const SCREENSHOT_MAX_BYTES = 5 * 1024 * 1024;
export const deliverableScreenshot = z.object({
  id: uuid,
  deliverableId: uuid,
  filename: z.string(),
  contentType: z.enum(screenshotContentTypes),
  sizeBytes: z.number().int(),
  /** Sent by the creator in the creator portal. */
  byCreator: z.boolean(),
  uploadedAt: isoDateTime,
});
export type DeliverableScreenshot = z.infer<typeof deliverableScreenshot>;
export const deliverableScreenshotList = z.object({ screenshots: z.array(deliverableScreenshot) });
export const uploadScreenshotRequest = z.object({
  filename: uploadFilename,
  contentType: z.enum(screenshotContentTypes, { message: 'must be image/png, image/jpeg or image/webp' }),
  /** The image, base64 encoded (at most 5 MB once decoded). */
  dataBase64: z
    .string()
    .min(1)
    .max(Math.ceil(SCREENSHOT_MAX_BYTES / 3) * 4 + 4, 'must be at most 5 MB once decoded')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type UploadScreenshotRequest = z.infer<typeof uploadScreenshotRequest>;
