import {
  budget,
  budgetForecast,
  budgetList,
  budgetPlan,
  budgetSummary,
  bulkExchangeRatesRequest,
  bulkExchangeRatesResult,
  createBudgetRequest,
  createExchangeRateRequest,
  csvImportBody,
  exchangeRate,
  exchangeRateList,
  exchangeRateListQuery,
  fiscalYearNumber,
  generatePaymentsResult,
  idParams,
  mappingQuery,
  ok,
  onTimeList,
  overduePaymentList,
  payment,
  paymentExportQuery,
  paymentInvoice,
  paymentInvoiceList,
  paymentList,
  paymentListQuery,
  payPaymentRequest,
  updateBudgetRequest,
  updateExchangeRateRequest,
  uploadInvoiceRequest,
  uuid,
} from '@evergreen/contracts';
import {
  bulkUpsertExchangeRates,
  cancelPayment,
  createBudget,
  createExchangeRate,
  deleteBudget,
  deleteExchangeRate,
  deletePaymentInvoice,
  exportPayments,
  generatePayments,
  getBudget,
  getBudgetForecast,
  getBudgetPlan,
  getBudgetSummary,
  getExchangeRate,
  getPayment,
  getPaymentInvoiceFile,
  importExchangeRates,
  listBudgets,
  listExchangeRates,
  listOverduePayments,
  listPaymentInvoices,
  listPayments,
  onTimeByCreator,
  payPayment,
  updateBudget,
  updateExchangeRate,
  uploadPaymentInvoice,
} from '@evergreen/core';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { csvBodyParser, csvTextOf, mappingOf } from '../../plugins/csv-body.ts';
import { actorContext } from '../context.ts';
import { csvDownload, sendCsv, sendStoredFile } from '../file-reply.ts';

/**
 * Exchange rates, fiscal-year budgets and their summary, payments (docs/budgets.md). Registered inside the
 * workspace scope (see routes/workspaces); owners and managers write, analysts read.
 */
export const budgetRoutes: FastifyPluginAsyncZod<AppDeps> = async (r, deps) => {
  const ctx = actorContext(deps);
  const P = '/workspaces/:workspaceId';
  const rateParams = idParams.extend({ rateId: uuid });
  const yearParams = idParams.extend({ year: fiscalYearNumber });
  const tags = ['budgets'];

  r.get(
    `${P}/exchange-rates`,
    {
      schema: {
        tags,
        summary: 'Exchange rates into the reporting currency, by currency and date',
        params: idParams,
        querystring: exchangeRateListQuery,
        response: { 200: exchangeRateList },
      },
    },
    async (req) => ({ rates: await listExchangeRates(ctx(req), req.query) }),
  );
  r.post(
    `${P}/exchange-rates`,
    {
      schema: {
        tags,
        summary: 'Add a rate: 1 unit of the currency in units of the reporting currency, from a date',
        params: idParams,
        body: createExchangeRateRequest,
        response: { 200: exchangeRate },
      },
    },
    (req) => createExchangeRate(ctx(req), req.body),
  );
  r.post(
    `${P}/exchange-rates/bulk`,
    {
      schema: {
        tags,
        summary: 'Add or replace many rates at once (same currency pair and day replaces)',
        params: idParams,
        body: bulkExchangeRatesRequest,
        response: { 200: bulkExchangeRatesResult },
      },
    },
    (req) => bulkUpsertExchangeRates(ctx(req), req.body),
  );
  // A CSV file may come as the body itself; this parser exists only inside this plugin.
  csvBodyParser(r as unknown as FastifyInstance);
  r.post(
    `${P}/exchange-rates/import`,
    {
      // 5 MB of CSV (the reader's limit) plus room for JSON escaping when sent as { csv }.
      bodyLimit: 12 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import rates from CSV (date,currency,rate): all or nothing, same pair and day replaces',
        description:
          'Send the file as `text/csv` or as JSON `{ "csv": "…" }`, with a header row naming `date`, `currency` and `rate`. Rates are into the reporting currency. Any error answers 400 with every error (`fields[].field` = `rows.<row>.<column>`, the header being row 1) and imports nothing.',
        params: idParams,
        querystring: mappingQuery,
        body: csvImportBody,
        response: { 200: bulkExchangeRatesResult },
      },
    },
    (req) => importExchangeRates(ctx(req), csvTextOf(req.body), mappingOf(req.body, req.query)),
  );
  r.get(
    `${P}/exchange-rates/:rateId`,
    { schema: { tags, summary: 'One exchange rate', params: rateParams, response: { 200: exchangeRate } } },
    (req) => getExchangeRate(ctx(req), req.params.rateId),
  );
  r.patch(
    `${P}/exchange-rates/:rateId`,
    {
      schema: {
        tags,
        summary: 'Correct a rate or its date',
        params: rateParams,
        body: updateExchangeRateRequest,
        response: { 200: exchangeRate },
      },
    },
    (req) => updateExchangeRate(ctx(req), req.params.rateId, req.body),
  );
  r.delete(
    `${P}/exchange-rates/:rateId`,
    { schema: { tags, summary: 'Delete a rate', params: rateParams, response: { 200: ok } } },
    async (req) => {
      await deleteExchangeRate(ctx(req), req.params.rateId);
      return { ok: true as const };
    },
  );

  r.get(
    `${P}/budgets`,
    { schema: { tags, summary: 'Budgets by fiscal year', params: idParams, response: { 200: budgetList } } },
    async (req) => ({ budgets: await listBudgets(ctx(req)) }),
  );
  r.post(
    `${P}/budgets`,
    {
      schema: {
        tags,
        summary: 'Set a fiscal-year budget (tier shares default to the tier policies)',
        params: idParams,
        body: createBudgetRequest,
        response: { 200: budget },
      },
    },
    (req) => createBudget(ctx(req), req.body),
  );
  r.get(
    `${P}/budgets/:year`,
    {
      schema: {
        tags,
        summary: 'The budget of a fiscal year (by the year it starts in)',
        params: yearParams,
        response: { 200: budget },
      },
    },
    (req) => getBudget(ctx(req), req.params.year),
  );
  r.patch(
    `${P}/budgets/:year`,
    {
      schema: {
        tags,
        summary: 'Change the total, tier shares, market split or notes',
        params: yearParams,
        body: updateBudgetRequest,
        response: { 200: budget },
      },
    },
    (req) => updateBudget(ctx(req), req.params.year, req.body),
  );
  r.delete(
    `${P}/budgets/:year`,
    { schema: { tags, summary: 'Delete a budget', params: yearParams, response: { 200: ok } } },
    async (req) => {
      await deleteBudget(ctx(req), req.params.year);
      return { ok: true as const };
    },
  );
  r.get(
    `${P}/budgets/:year/summary`,
    {
      schema: {
        tags,
        summary: 'Per tier: allocation, committed, pro-rata reserve, paid, remaining; per month: committed',
        params: yearParams,
        response: { 200: budgetSummary },
      },
    },
    (req) => getBudgetSummary(ctx(req), req.params.year),
  );

  r.get(
    `${P}/budgets/:year/forecast`,
    {
      schema: {
        tags,
        summary: 'Per fiscal month: committed, scheduled (payments due) and paid, in the reporting currency',
        params: yearParams,
        response: { 200: budgetForecast },
      },
    },
    (req) => getBudgetForecast(ctx(req), req.params.year),
  );

  r.get(
    `${P}/budgets/:year/plan`,
    {
      schema: {
        tags,
        summary:
          "Plan for the next fiscal year from this year's agreements still in force or auto-renewing, per tier",
        params: yearParams,
        response: { 200: budgetPlan },
      },
    },
    (req) => getBudgetPlan(ctx(req), req.params.year),
  );

  const paymentParams = idParams.extend({ paymentId: uuid });
  r.get(
    `${P}/payments`,
    {
      schema: {
        tags,
        summary:
          'Payments to creators (status, creator, due between, open, overdue), by due date or what needs action first; a page with limit/offset, with the count and what is still owed over all that match',
        params: idParams,
        querystring: paymentListQuery,
        response: { 200: paymentList },
      },
    },
    (req) => listPayments(ctx(req), req.query),
  );
  r.get(
    `${P}/payments/overdue`,
    {
      schema: {
        tags,
        summary: 'Unpaid after their due date, oldest first',
        params: idParams,
        response: { 200: overduePaymentList },
      },
    },
    async (req) => ({ payments: await listOverduePayments(ctx(req)) }),
  );
  r.get(
    `${P}/payments/on-time`,
    {
      schema: {
        tags,
        summary: 'On-time payment rate per creator: paid on or before the due date / paid',
        params: idParams,
        response: { 200: onTimeList },
      },
    },
    async (req) => ({ creators: await onTimeByCreator(ctx(req)) }),
  );
  r.get(
    `${P}/payments/export.csv`,
    {
      schema: {
        tags,
        summary:
          'Payments due between two days as CSV for accounting (amounts also in the reporting currency)',
        params: idParams,
        querystring: paymentExportQuery,
        response: csvDownload(
          'UTF-8 CSV with a byte order mark; formula-like cells start with an apostrophe',
        ),
      },
    },
    async (req, reply) => sendCsv(reply, await exportPayments(ctx(req), req.query)),
  );
  r.post(
    `${P}/payments/generate`,
    {
      schema: {
        tags,
        summary: 'Schedule what agreements call for: retainer months, approved deliverables (idempotent)',
        params: idParams,
        response: { 200: generatePaymentsResult },
      },
    },
    (req) => generatePayments(ctx(req)),
  );
  r.get(
    `${P}/payments/:paymentId`,
    { schema: { tags, summary: 'One payment', params: paymentParams, response: { 200: payment } } },
    (req) => getPayment(ctx(req), req.params.paymentId),
  );
  r.post(
    `${P}/payments/:paymentId/pay`,
    {
      schema: {
        tags,
        summary: 'Mark paid (date, reference, amount; less than owed is a partial payment)',
        params: paymentParams,
        body: payPaymentRequest,
        response: { 200: payment },
      },
    },
    (req) => payPayment(ctx(req), req.params.paymentId, req.body),
  );
  r.post(
    `${P}/payments/:paymentId/cancel`,
    { schema: { tags, summary: 'Cancel a payment', params: paymentParams, response: { 200: payment } } },
    (req) => cancelPayment(ctx(req), req.params.paymentId),
  );

  const invoiceParams = paymentParams.extend({ invoiceId: uuid });
  r.get(
    `${P}/payments/:paymentId/invoices`,
    {
      schema: {
        tags,
        summary: "A payment's invoice files (without their content)",
        params: paymentParams,
        response: { 200: paymentInvoiceList },
      },
    },
    async (req) => ({ invoices: await listPaymentInvoices(ctx(req), req.params.paymentId) }),
  );
  r.post(
    `${P}/payments/:paymentId/invoices`,
    {
      // 4 MB decoded is about 5.6 MB of base64; a little more so that a too-big file gets a clear 400.
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Attach an invoice file (PDF, PNG or JPEG, base64, up to 4 MB)',
        params: paymentParams,
        body: uploadInvoiceRequest,
        response: { 200: paymentInvoice },
      },
    },
    (req) => uploadPaymentInvoice(ctx(req), req.params.paymentId, req.body),
  );
  r.get(
    `${P}/payments/:paymentId/invoices/:invoiceId`,
    {
      schema: {
        tags,
        summary: 'Download an invoice file',
        params: invoiceParams,
        response: {
          200: {
            description: 'The file as uploaded, with its content type, as an attachment',
            content: {
              'application/pdf': { schema: z.string() },
              'image/png': { schema: z.string() },
              'image/jpeg': { schema: z.string() },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const f = await getPaymentInvoiceFile(ctx(req), req.params.paymentId, req.params.invoiceId);
      return sendStoredFile(reply, f);
    },
  );
  r.delete(
    `${P}/payments/:paymentId/invoices/:invoiceId`,
    { schema: { tags, summary: 'Delete an invoice file', params: invoiceParams, response: { 200: ok } } },
    async (req) => {
      await deletePaymentInvoice(ctx(req), req.params.paymentId, req.params.invoiceId);
      return { ok: true as const };
    },
  );
};
