import { randomBytes } from 'node:crypto';
import { outboxMessages } from '@evergreen/db';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { type Session, type TestApp, uniqueEmail } from './harness.ts';

/**
 * What the route-table walks share (tenant isolation and roles in isolation.db.test.ts, hostile
 * values in hostile.db.test.ts): a valid body per workspace write route, the headers a route
 * needs, and a workspace fixture with one record of every kind. A new workspace route needs its
 * body here, or the walks fail.
 */

export interface Fixture {
  session: Session;
  workspaceId: string;
  ids: Record<string, string>;
}

let serial = 0;
/** A valid body per write route, so that validation passes and access rules decide. */
export const bodies: Record<string, (ids: Record<string, string>) => unknown> = {
  'PATCH /api/v1/workspaces/:workspaceId': () => ({ name: 'Renamed' }),
  'PUT /api/v1/workspaces/:workspaceId/tiers': () => ({
    tiers: [
      { tier: 1, name: 'A', targetMin: 5, targetMax: 8, cadenceDays: 30, budgetSharePct: '40' },
      { tier: 2, name: 'B', targetMin: 15, targetMax: 20, cadenceDays: 90, budgetSharePct: '40' },
      { tier: 3, name: 'C', targetMin: null, targetMax: null, cadenceDays: null, budgetSharePct: '20' },
    ],
  }),
  'PATCH /api/v1/workspaces/:workspaceId/members/:userId': () => ({ role: 'analyst' }),
  'DELETE /api/v1/workspaces/:workspaceId/members/:userId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/members/:userId/sign-out': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/invitations': () => ({ email: uniqueEmail(), role: 'manager' }),
  'DELETE /api/v1/workspaces/:workspaceId/invitations/:invitationId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/invitations/:invitationId/resend': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/outbox/:messageId/retry': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/tokens': () => ({ name: 'x', role: 'analyst' }),
  'DELETE /api/v1/workspaces/:workspaceId/tokens/:tokenId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/creators': () => ({ displayName: `Creator ${uniqueEmail()}` }),
  'POST /api/v1/workspaces/:workspaceId/creators/bulk': (ids) => ({
    ids: [ids.creatorId],
    action: { type: 'add_tag', tag: 'bulk' },
  }),
  'POST /api/v1/workspaces/:workspaceId/creators/import/preview': () => ({
    csv: 'display_name,tier\nPreview Creator,2\n',
  }),
  'POST /api/v1/workspaces/:workspaceId/creators/import': () => ({
    csv: `display_name,tier\nImported ${uniqueEmail()},2\n`,
  }),
  'PATCH /api/v1/workspaces/:workspaceId/creators/:creatorId': () => ({ notes: 'Changed' }),
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/tier': () => ({
    tier: 2,
    reason: 'Steady results',
  }),
  'PUT /api/v1/workspaces/:workspaceId/selection/settings': () => ({
    weights: { performance: 25, stability: 20, fit: 40, growth: 15 },
    escalationPath: ['Account manager'],
  }),
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/ratings': () => ({
    ratings: [{ criterion: 'professionalism', score: 4, note: 'Easy to brief' }],
  }),
  'PUT /api/v1/workspaces/:workspaceId/creators/:creatorId/score-override': () => ({
    score: 70,
    reason: 'Trust her',
  }),
  'DELETE /api/v1/workspaces/:workspaceId/creators/:creatorId/score-override': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/issues': () => ({
    title: 'Missed a call',
    severity: 'medium',
  }),
  'PATCH /api/v1/workspaces/:workspaceId/creators/:creatorId/issues/:issueId': () => ({ severity: 'high' }),
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/insights': () => ({
    kind: 'trend',
    market: 'DE',
    product: 'Oat Milk',
    body: 'Barista editions sell out',
  }),
  'PATCH /api/v1/workspaces/:workspaceId/insights/:insightId': () => ({ sharedWithCreator: true }),
  'POST /api/v1/workspaces/:workspaceId/selection/suggestions/:suggestion/:creatorId/accept': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/selection/suggestions/:suggestion/:creatorId/dismiss': () =>
    undefined,
  'PUT /api/v1/workspaces/:workspaceId/creators/:creatorId/payment-details': () => ({
    paymentDetails: { method: 'bank_transfer', account: 'DE89 3704 0044' },
  }),
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/payment-details/reveal': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/touchpoints': () => ({
    channel: 'email',
    kind: 'check_in',
  }),
  'DELETE /api/v1/workspaces/:workspaceId/creators/:creatorId/touchpoints/:touchpointId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/snooze': () => ({
    until: '2099-01-01',
    reason: 'On holiday',
  }),
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/audience': () => ({
    capturedOn: '2026-01-01',
    platform: 'instagram',
    followers: 1000,
  }),
  'POST /api/v1/workspaces/:workspaceId/message-templates': () => templateBody(),
  'PATCH /api/v1/workspaces/:workspaceId/message-templates/:templateId': () => ({ name: 'Renamed template' }),
  'DELETE /api/v1/workspaces/:workspaceId/message-templates/:templateId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/messages/preview': () => ({
    templateKey: 'check_in',
  }),
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/messages/send': () => ({
    templateKey: 'check_in',
  }),
  'POST /api/v1/workspaces/:workspaceId/outbox/:messageId/mark-sent': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/calendar-feed': () => undefined,
  'DELETE /api/v1/workspaces/:workspaceId/calendar-feed': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/campaigns': () => ({
    name: 'Summer',
    startsOn: '2026-06-01',
    endsOn: '2026-06-30',
  }),
  'PATCH /api/v1/workspaces/:workspaceId/campaigns/:campaignId': () => ({
    outcome: 'Reach 20% of segment Y',
  }),
  // In the owner's run these go in order: assign another creator, send, accept v1, change (v2), accept v2.
  'POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/briefs': (ids) => ({
    creatorId: ids.spareCreatorId,
    title: 'Spare brief',
  }),
  'POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/briefs/:briefId/send': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/briefs/:briefId/accept': () => ({
    version: 1,
    name: 'Alex Creator',
  }),
  'PATCH /api/v1/workspaces/:workspaceId/campaigns/:campaignId/briefs/:briefId': () => ({
    title: 'Changed title',
    changeNote: 'A new angle',
  }),
  'POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/briefs/:briefId/change-request': () => ({
    version: 2,
    decision: 'accept',
    name: 'Alex Creator',
  }),
  'POST /api/v1/workspaces/:workspaceId/calendar/overlaps/notify': (ids) => ({
    campaignIds: [ids.campaignId],
    creatorIds: [ids.creatorId, ids.creator2Id],
  }),
  'POST /api/v1/workspaces/:workspaceId/agreements': (ids) => ({
    creatorId: ids.creatorId,
    type: 'annual',
    startsOn: '2026-01-01',
    termMonths: 12,
    currency: 'USD',
  }),
  'PATCH /api/v1/workspaces/:workspaceId/agreements/:agreementId': () => ({ notes: 'Changed' }),
  'DELETE /api/v1/workspaces/:workspaceId/agreements/:agreementId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/send': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/accept': (ids) => ({
    acceptedName: ids.creatorName,
  }),
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/activate': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/extend-decision': () => ({
    decision: 'extend',
    learned: 'Fits',
  }),
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/notice': () => ({ by: 'brand' }),
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/end': () => ({}),
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/renew': () => ({}),
  'POST /api/v1/workspaces/:workspaceId/deliverables': (ids) => ({
    creatorId: ids.creatorId,
    type: 'sponsored_post',
  }),
  'PATCH /api/v1/workspaces/:workspaceId/deliverables/:deliverableId': () => ({ status: 'live' }),
  // A new day and a new fiscal year on every call, so the owner's run never meets its own rows.
  'POST /api/v1/workspaces/:workspaceId/exchange-rates': () => ({
    currency: 'GBP',
    onDate: `2030-01-${String(10 + (++serial % 18)).padStart(2, '0')}`,
    rate: '1.27',
  }),
  'POST /api/v1/workspaces/:workspaceId/exchange-rates/bulk': () => ({
    rates: [
      { currency: 'EUR', onDate: '2026-01-01', rate: '1.09' },
      { currency: 'RUB', onDate: '2026-01-01', rate: '0.0109' },
    ],
  }),
  'POST /api/v1/workspaces/:workspaceId/exchange-rates/import': () => ({
    csv: 'date,currency,rate\n2026-01-01,EUR,1.09\n',
  }),
  'PATCH /api/v1/workspaces/:workspaceId/exchange-rates/:rateId': () => ({ rate: '1.1' }),
  'DELETE /api/v1/workspaces/:workspaceId/exchange-rates/:rateId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/budgets': () => ({
    fiscalYear: 2100 + ++serial,
    totalMinor: 1_000_000,
  }),
  'PATCH /api/v1/workspaces/:workspaceId/budgets/:year': () => ({ notes: 'Changed' }),
  'DELETE /api/v1/workspaces/:workspaceId/budgets/:year': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/payments/generate': () => undefined,
  // Part of it, so that cancelling (next in the owner's run) still applies.
  'POST /api/v1/workspaces/:workspaceId/payments/:paymentId/pay': () => ({
    paidOn: '2026-02-01',
    amountMinor: 1,
    reference: 'INV-1',
  }),
  'POST /api/v1/workspaces/:workspaceId/payments/:paymentId/cancel': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/payments/:paymentId/invoices': () => tinyInvoice,
  'DELETE /api/v1/workspaces/:workspaceId/payments/:paymentId/invoices/:invoiceId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/deliverables/:deliverableId/screenshots': () => tinyScreenshot,
  'POST /api/v1/workspaces/:workspaceId/deliverables/:deliverableId/snapshots': () => ({
    capturedAt: '2026-03-02T10:00:00Z',
    reach: 100,
    likes: 5,
  }),
  'DELETE /api/v1/workspaces/:workspaceId/deliverables/:deliverableId/snapshots/:snapshotId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/metrics/batch': (ids) => ({
    snapshots: [{ deliverableId: ids.deliverableId, capturedAt: '2026-03-03T10:00:00Z', reach: 10 }],
  }),
  'POST /api/v1/workspaces/:workspaceId/trackers': (ids) => ({
    kind: 'promo_code',
    creatorId: ids.creatorId,
    code: `ISO${++serial}`,
  }),
  'POST /api/v1/workspaces/:workspaceId/trackers/:trackerId/archive': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/orders/webhook': () => undefined,
  'PUT /api/v1/workspaces/:workspaceId/orders/receivers/shopify/secret': () => ({
    secret: 'shpss_isolation_secret',
  }),
  'PUT /api/v1/workspaces/:workspaceId/orders/receivers/woocommerce/secret': () => ({
    secret: 'wc_isolation_secret',
  }),
  'POST /api/v1/workspaces/:workspaceId/orders/receivers/shopify/test': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/orders/receivers/woocommerce/test': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/imports/:kind': () => ({
    csv: 'external_id,customer_id,ordered_at,amount,currency\niso-1,c1,2026-03-01 10:00,10,USD\n',
  }),
  'POST /api/v1/workspaces/:workspaceId/campaigns/:campaignId/briefs/:briefId/send/preview': () => ({}),
  'POST /api/v1/workspaces/:workspaceId/calendar/overlaps/notify/preview': (ids) => ({
    campaignIds: [ids.campaignId],
    creatorIds: [ids.creatorId, ids.creator2Id],
  }),
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/send/preview': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/import-mappings/preview/:kind': () => ({
    csv: 'Order ID,Customer,Date,Total,Currency\niso-1,c1,2026-03-01 10:00,10,USD\n',
  }),
  'POST /api/v1/workspaces/:workspaceId/import-mappings': () => ({
    kind: 'orders',
    name: `Iso ${++serial}`,
    header: ['Order ID', 'Customer', 'Date', 'Total', 'Currency'],
    mapping: {
      columns: {
        'Order ID': 'external_id',
        Customer: 'customer_id',
        Date: 'ordered_at',
        Total: 'amount',
        Currency: 'currency',
      },
    },
  }),
  'DELETE /api/v1/workspaces/:workspaceId/import-mappings/:mappingId': () => undefined,
  'POST /api/v1/workspaces/:workspaceId/creators/:creatorId/portal/invite': () => undefined,
  'DELETE /api/v1/workspaces/:workspaceId/creators/:creatorId/portal': () => undefined,
  'PUT /api/v1/workspaces/:workspaceId/creators/:creatorId/monthly-summary': () => ({
    enabled: true,
    note: 'Walk',
  }),
  'PATCH /api/v1/workspaces/:workspaceId/portfolio/settings': () => ({ concentrationWarnPct: 70 }),
};
/** Headers a route needs besides the session's (a fresh idempotency key per call). */
export const headersFor: Record<string, () => Record<string, string>> = {
  'POST /api/v1/workspaces/:workspaceId/metrics/batch': () => ({
    'idempotency-key': randomBytes(8).toString('hex'),
  }),
};
/** A tiny PDF-like file for the invoice routes. */
export const tinyInvoice = {
  filename: 'invoice.pdf',
  contentType: 'application/pdf',
  dataBase64: Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
};
/** The smallest PNG there is: its signature and an empty IHDR-less body (checked by its first bytes). */
export const tinyScreenshot = {
  filename: 'numbers.png',
  contentType: 'image/png',
  dataBase64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64'),
};
export function templateBody() {
  return {
    key: `custom_${randomBytes(4).toString('hex')}`,
    name: 'Custom',
    variants: [{ language: 'en', subject: 'Hi {{creator.firstName}}', body: 'Hello' }],
  };
}
export const body = (r: { method: string; url: string }, ids: Record<string, string>) =>
  bodies[`${r.method} ${r.url}`]?.(ids) as object | undefined;
/** Routes the owner walks with a record in another state than the shared one (param → ids key). */
const idsFor: Record<string, Record<string, string>> = {
  'DELETE /api/v1/workspaces/:workspaceId/agreements/:agreementId': { agreementId: 'draftAgreementId' },
  'POST /api/v1/workspaces/:workspaceId/agreements/:agreementId/renew': { agreementId: 'activeAgreementId' },
};
export const idsOf = (r: { method: string; url: string }, ids: Record<string, string>) => ({
  ...ids,
  ...Object.fromEntries(Object.entries(idsFor[`${r.method} ${r.url}`] ?? {}).map(([p, k]) => [p, ids[k]!])),
});

/** A workspace with one record of every kind (and a member, a token, a pending invitation). */
export async function fixture(t: TestApp, name: string): Promise<Fixture> {
  const session = await t.signUp(`${name} owner`);
  const { id } = await t.createWorkspace(session, name);
  const member = await t.signUp(`${name} member`);
  const inv = (
    await t.call(session, {
      method: 'POST',
      url: `/api/v1/workspaces/${id}/invitations`,
      payload: { email: member.email, role: 'manager' },
    })
  ).json();
  const token = inv.acceptUrl.split('/').pop();
  await t.call(member, { method: 'POST', url: `/api/v1/invitations/${token}/accept` });
  const pending = (
    await t.call(session, {
      method: 'POST',
      url: `/api/v1/workspaces/${id}/invitations`,
      payload: { email: uniqueEmail(), role: 'analyst' },
    })
  ).json();
  const tok = (
    await t.call(session, {
      method: 'POST',
      url: `/api/v1/workspaces/${id}/tokens`,
      payload: { name: 't', role: 'analyst' },
    })
  ).json();
  // An email of its own for the outbox routes (resending or revoking `pending` cancels that one's).
  const other = uniqueEmail();
  await t.call(session, {
    method: 'POST',
    url: `/api/v1/workspaces/${id}/invitations`,
    payload: { email: other, role: 'analyst' },
  });
  const [msg] = await t.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, id), eq(outboxMessages.toAddress, other)));
  const creator = (
    await t.call(session, {
      method: 'POST',
      url: `/api/v1/workspaces/${id}/creators`,
      payload: { displayName: `${name} creator`, status: 'active', email: uniqueEmail('creator') },
    })
  ).json();
  const template = (
    await t.call(session, {
      method: 'POST',
      url: `/api/v1/workspaces/${id}/message-templates`,
      payload: templateBody(),
    })
  ).json();
  const tp = (
    await t.call(session, {
      method: 'POST',
      url: `/api/v1/workspaces/${id}/creators/${creator.id}/touchpoints`,
      payload: { channel: 'call', kind: 'check_in' },
    })
  ).json();
  const post = async (url: string, payload: object) =>
    (await t.call(session, { method: 'POST', url: `/api/v1/workspaces/${id}${url}`, payload })).json();
  const creator2 = await post('/creators', { displayName: `${name} second`, email: uniqueEmail('creator') });
  const spare = await post('/creators', { displayName: `${name} spare` });
  const campaign = await post('/campaigns', {
    name: `${name} launch`,
    products: ['Oat Milk'],
    markets: ['US'],
    startsOn: '2026-05-01',
    endsOn: '2026-05-31',
  });
  const brief = await post(`/campaigns/${campaign.id}/briefs`, {
    creatorId: creator.id,
    title: 'Launch brief',
  });
  await post(`/campaigns/${campaign.id}/briefs`, { creatorId: creator2.id, title: 'Launch brief' });
  // Agreements: one to walk through its lifecycle (starts far ahead), a draft to delete, one in force to renew.
  const agreement = await post('/agreements', {
    creatorId: creator.id,
    type: 'retainer',
    startsOn: '2099-01-01',
    termMonths: 12,
    currency: 'USD',
    monthlyFeeMinor: 300000,
    inclusions: [{ item: 'sponsored_post', quantity: 2 }],
  });
  const draftAgreement = await post('/agreements', {
    creatorId: creator.id,
    type: 'one_off',
    startsOn: '2099-01-01',
    termMonths: 1,
    currency: 'USD',
  });
  const activeAgreement = await post('/agreements', {
    creatorId: creator.id,
    type: 'annual',
    startsOn: '2026-01-01',
    termMonths: 12,
    currency: 'USD',
  });
  await post(`/agreements/${activeAgreement.id}/send`, {});
  await post(`/agreements/${activeAgreement.id}/accept`, { acceptedName: `${name} creator` });
  // Budgets: each fixture its own fiscal year, so B's year is not found inside A's workspace.
  const year = name === 'Alpha' ? '2026' : '2027';
  const rate = await post('/exchange-rates', { currency: 'EUR', onDate: '2026-01-01', rate: '1.08' });
  await post('/budgets', { fiscalYear: Number(year), totalMinor: 10_000_000 });
  await post('/deliverables', {
    creatorId: creator.id,
    type: 'reel',
    status: 'approved',
    costMinor: 50_000,
    costCurrency: 'USD',
  });
  const [payment] = (await post('/payments/generate', {})).payments;
  const invoice = await post(`/payments/${payment.id}/invoices`, tinyInvoice);
  const deliverable = await post('/deliverables', {
    creatorId: creator.id,
    agreementId: agreement.id,
    type: 'sponsored_post',
  });
  const screenshot = await post(`/deliverables/${deliverable.id}/screenshots`, tinyScreenshot);
  const snapshot = await post(`/deliverables/${deliverable.id}/snapshots`, {
    capturedAt: '2026-03-01T10:00:00Z',
    reach: 100,
    likes: 4,
  });
  const trackerRow = await post('/trackers', {
    kind: 'promo_code',
    creatorId: creator.id,
    code: `${name.toUpperCase()}10`,
  });
  const importRun = await post('/imports/orders', {
    csv: 'external_id,customer_id,ordered_at,amount,currency\nfx-1,c1,2026-03-01 10:00,10,USD\n',
  });
  const mapping = await post('/import-mappings', {
    kind: 'orders',
    name: `${name} shop`,
    header: ['Order ID', 'Customer', 'Date', 'Total', 'Currency'],
    mapping: {
      columns: {
        'Order ID': 'external_id',
        Customer: 'customer_id',
        Date: 'ordered_at',
        Total: 'amount',
        Currency: 'currency',
      },
    },
  });
  const issue = await post(`/creators/${creator.id}/issues`, { title: 'Late draft', severity: 'low' });
  const insightRow = await post(`/creators/${creator.id}/insights`, { kind: 'trend', body: 'Walk insight' });
  return {
    session,
    workspaceId: id,
    ids: {
      kind: 'orders',
      table: 'concentration',
      importId: importRun.id,
      userId: member.me.user.id,
      invitationId: pending.invitation.id,
      tokenId: tok.token.id,
      messageId: msg!.id,
      creatorId: creator.id,
      touchpointId: tp.id,
      creatorName: `${name} creator`,
      agreementId: agreement.id,
      draftAgreementId: draftAgreement.id,
      activeAgreementId: activeAgreement.id,
      deliverableId: deliverable.id,
      snapshotId: snapshot.id,
      screenshotId: screenshot.id,
      trackerId: trackerRow.id,
      templateId: template.id,
      creator2Id: creator2.id,
      spareCreatorId: spare.id,
      campaignId: campaign.id,
      briefId: brief.id,
      rateId: rate.id,
      paymentId: payment.id,
      invoiceId: invoice.id,
      mappingId: mapping.id,
      issueId: issue.id,
      insightId: insightRow.id,
      suggestion: 'promote',
      year,
    },
  };
}

export const fill = (url: string, workspaceId: string, ids: Record<string, string>) =>
  url.replace(/:(\w+)/g, (_, p: string) => (p === 'workspaceId' ? workspaceId : (ids[p] ?? `missing-${p}`)));

/** A valid body per creator-portal write route (`/api/v1/portal/...`), so access rules decide. */
export const portalBodies: Record<string, (ids: Record<string, string>) => unknown> = {
  'POST /api/v1/portal/auth/request-link': () => ({ email: uniqueEmail('walk') }),
  'POST /api/v1/portal/auth/sign-in': () => ({ token: 'x'.repeat(43) }),
  'POST /api/v1/portal/auth/sign-out': () => undefined,
  'POST /api/v1/portal/briefs/:briefId/accept': (ids) => ({ version: 1, name: ids.creatorName }),
  'POST /api/v1/portal/briefs/:briefId/decline': () => ({ version: 1, reason: 'Walk' }),
  'POST /api/v1/portal/payments/:paymentId/invoices': () => tinyInvoice,
  'POST /api/v1/portal/deliverables/:deliverableId/screenshots': () => tinyScreenshot,
  'POST /api/v1/portal/briefs/:briefId/change-request': () => ({
    version: 2,
    decision: 'decline',
    note: 'No',
  }),
  'POST /api/v1/portal/agreements/:agreementId/accept': (ids) => ({ acceptedName: ids.creatorName }),
  'POST /api/v1/portal/agreements/:agreementId/notice': () => ({ reason: 'Walk' }),
  'POST /api/v1/portal/deliverables/:deliverableId/submit': () => ({
    url: 'https://instagram.com/p/walk',
    metrics: { reach: 10 },
  }),
  'POST /api/v1/portal/insights': () => ({
    kind: 'product_feedback',
    market: 'DE',
    product: 'Oat Milk',
    body: 'Walk feedback',
  }),
  'PUT /api/v1/portal/payment-details': () => ({
    paymentDetails: { method: 'bank_transfer', account: 'DE89 3704 0044' },
  }),
  'PUT /api/v1/portal/monthly-summary': () => ({ optedIn: false }),
};
export const portalBody = (r: { method: string; url: string }, ids: Record<string, string>) =>
  portalBodies[`${r.method} ${r.url}`]?.(ids) as object | undefined;

/** A creator-portal session: cookie value and CSRF token. */
export interface PortalSession {
  cookie: string;
  csrf: string;
}

/**
 * Invites a fixture's creator to the portal and signs in with the emailed link (read from the
 * outbox, as no SMTP server is configured); answers the session and the link, now used.
 */
export async function portalSignIn(
  t: TestApp,
  f: Fixture,
  creatorId = f.ids.creatorId!,
): Promise<{ session: PortalSession; usedToken: string }> {
  const inv = await t.call(f.session, {
    method: 'POST',
    url: `/api/v1/workspaces/${f.workspaceId}/creators/${creatorId}/portal/invite`,
  });
  if (inv.statusCode !== 200) throw new Error(`portal invite failed: ${inv.body}`);
  const mails = await t.database.db
    .select({ text: outboxMessages.bodyText, at: outboxMessages.createdAt })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.workspaceId, f.workspaceId), eq(outboxMessages.kind, 'portal_link')));
  const tokens = mails.map((m) => m.text.match(/\/portal\/sign-in\/([A-Za-z0-9_-]+)/)?.[1]).filter(Boolean);
  for (const token of tokens.reverse()) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/sign-in',
      payload: { token },
    });
    const cookie = res.cookies.find((c) => c.name === 'evg_portal');
    if (res.statusCode === 200 && cookie)
      return { session: { cookie: cookie.value, csrf: res.json().csrfToken }, usedToken: token! };
  }
  throw new Error('no portal link signed in');
}

/** A request as a signed-in creator (portal cookie and its CSRF header). */
export const portalCall = (t: TestApp, p: PortalSession | null, opts: InjectOptions) =>
  t.app.inject({
    ...opts,
    headers: { ...(p ? { cookie: `evg_portal=${p.cookie}`, 'x-csrf-token': p.csrf } : {}), ...opts.headers },
  });
