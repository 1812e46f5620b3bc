import type { Agreement, AgreementStatus, DecisionKind, RenewalDecision } from '@evergreen/contracts';

/**
 * What the agreement pages show of an agreement: its actions, status badge, decision grouping and
 * colours. The date and review-bound rules themselves are @evergreen/rules' (the server's).
 */

export type AgreementAction =
  | 'edit'
  | 'delete'
  | 'send'
  | 'accept'
  | 'activate'
  | 'notice'
  | 'end'
  | 'renew'
  | 'extend';

/** The lifecycle table of packages/core/src/agreements/lifecycle.ts, as buttons. */
const byStatus: Record<AgreementStatus, AgreementAction[]> = {
  draft: ['edit', 'delete', 'send'],
  sent: ['accept'],
  accepted: ['activate', 'notice', 'extend'],
  active: ['renew', 'notice', 'end', 'extend'],
  notice_given: ['end', 'extend'],
  ended: [],
};

/** What the current person may do with an agreement now: none for analysts. */
export function agreementActions(
  a: Pick<Agreement, 'status' | 'nextAgreementId' | 'extendDecision' | 'dates' | 'scheduled'>,
  canWrite: boolean,
): AgreementAction[] {
  if (!canWrite) return [];
  return byStatus[a.status].filter((action) => {
    // A scheduled term (signed, starting later) is not in force: nothing to renew, end or start
    // early; notice can still be given.
    if (a.scheduled && (action === 'renew' || action === 'end' || action === 'activate')) return false;
    // A renewed term is settled: notice and renewal go on the next term.
    if ((action === 'renew' || action === 'notice') && a.nextAgreementId) return false;
    if (action === 'extend') return a.dates.monthSixOn !== null && a.extendDecision === null;
    return true;
  });
}

/** What the badge says: a signed term whose start is ahead is "Scheduled", whatever its stored status. */
export type ShownStatus = AgreementStatus | 'scheduled';
export const shownStatus = (a: Pick<Agreement, 'status' | 'scheduled'>): ShownStatus =>
  a.scheduled ? 'scheduled' : a.status;

export const statusColors: Record<ShownStatus, string> = {
  scheduled: 'indigo',
  draft: 'gray',
  sent: 'blue',
  accepted: 'cyan',
  active: 'teal',
  notice_given: 'orange',
  ended: 'dark',
};

/** The order the pipeline sorts decisions of the same day in. */
export const decisionOrder: DecisionKind[] = ['month_six', 'rate_review', 'notice_deadline', 'term_end'];

/** Decisions by calendar month ('2026-07'), in the order they came (the server sorts by date). */
export function groupByMonth(items: RenewalDecision[]): { month: string; items: RenewalDecision[] }[] {
  const groups: { month: string; items: RenewalDecision[] }[] = [];
  for (const item of items) {
    const month = item.date.slice(0, 7);
    const last = groups.at(-1);
    if (last?.month === month) last.items.push(item);
    else groups.push({ month, items: [item] });
  }
  return groups;
}

/** How urgent a decision looks: red once past, orange within two weeks. */
export function daysLeftColor(daysLeft: number): string | undefined {
  if (daysLeft < 0) return 'red';
  if (daysLeft <= 14) return 'orange';
  return undefined;
}

/** A ledger balance: > 0 owed by the creator, < 0 delivered ahead, 0 even. */
export function balanceColor(balance: number): string | undefined {
  if (balance > 0) return 'orange';
  if (balance < 0) return 'teal';
  return undefined;
}

export type NextDate = { kind: DecisionKind | 'effective_end' | 'ended'; date: string } | null;

/**
 * The date that matters next on an agreement's row: the first open decision from today on
 * (else the last one missed), the effective end under notice, the end once ended. Drafts and
 * sent agreements have none yet; a renewed term only waits for its end.
 */
export function nextDecision(
  a: Pick<
    Agreement,
    'status' | 'nextAgreementId' | 'extendDecision' | 'endedOn' | 'autoRenew' | 'type' | 'dates'
  >,
  today: string,
): NextDate {
  if (a.status === 'ended') return a.endedOn ? { kind: 'ended', date: a.endedOn } : null;
  if (a.status === 'notice_given') {
    return a.dates.effectiveEndOn ? { kind: 'effective_end', date: a.dates.effectiveEndOn } : null;
  }
  if (a.status !== 'accepted' && a.status !== 'active') return null;
  const d = a.dates;
  const candidates: { kind: DecisionKind; date: string }[] = [];
  if (d.monthSixOn && !a.extendDecision) candidates.push({ kind: 'month_six', date: d.monthSixOn });
  const reviewed = a.type === 'annual' || a.type === 'retainer' || a.autoRenew;
  if (!a.nextAgreementId && reviewed) {
    candidates.push({ kind: 'rate_review', date: d.rateReviewOn });
    candidates.push({ kind: 'notice_deadline', date: d.noticeDeadline });
  }
  candidates.push({ kind: 'term_end', date: d.termEndsOn });
  const order = (c: { kind: DecisionKind; date: string }) => `${c.date}|${decisionOrder.indexOf(c.kind)}`;
  candidates.sort((x, y) => order(x).localeCompare(order(y)));
  return candidates.find((c) => c.date >= today) ?? candidates.at(-1) ?? null;
}
