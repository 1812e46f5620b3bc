/** The creator portal (docs/portal.md, docs/decisions/0012-creator-portal-access.md). */
export {
  getPortalAccess,
  getPortalMe,
  invitePortal,
  type NewPortalSession,
  PORTAL_DOCUMENT_LINK_TTL_MS,
  PORTAL_INVITE_TTL_MS,
  PORTAL_LINK_TTL_MS,
  PORTAL_SESSION_TTL_MS,
  portalDocumentLinks,
  requestPortalLink,
  resolvePortalSession,
  revokePortal,
  signInPortal,
  signOutPortal,
} from './access.ts';
export * from './agreements.ts';
export * from './briefs.ts';
export {
  addMonths,
  getMonthlySummary,
  getPortalMonthlySummary,
  monthDue,
  monthlySummaryEmail,
  runMonthlySummaries,
  SUMMARY_LAST_DAY,
  setPortalMonthlySummary,
  updateMonthlySummary,
} from './monthly.ts';
export * from './payments.ts';
export {
  getPortalOverlap,
  getPortalResults,
  listPortalInsights,
  mergeDays,
  RESULTS_SPAN_DAYS,
  sendPortalInsight,
} from './results.ts';
