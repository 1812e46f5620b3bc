import type { AgreementStatus } from '@evergreen/contracts';
import { AppError } from '../shared/errors.ts';

/**
 * The agreement lifecycle as a pure state machine:
 *
 *   draft ─send→ sent ─accept→ accepted ─activate→ active ─give_notice→ notice_given ─end→ ended
 *     ↑            │                                  │  └──────────────end────────────────↗
 *     └─withdraw───┘                                  └─renew (creates the next term; stays active)
 *
 * `edit` and `delete` are allowed on drafts only. Accepting an agreement whose start has come
 * activates it at once (two transitions, one request); otherwise the daily job activates it on
 * its start date, or a person does so explicitly. Notice may be given once accepted.
 */
export const agreementEvents = [
  'edit',
  'delete',
  'send',
  'withdraw',
  'accept',
  'activate',
  'give_notice',
  'end',
  'renew',
  'decide_extend',
] as const;
export type AgreementEvent = (typeof agreementEvents)[number];

/** For each status, the events it allows and where they lead. Exhaustive over both enums. */
const table: Record<AgreementStatus, Partial<Record<AgreementEvent, AgreementStatus>>> = {
  draft: { edit: 'draft', delete: 'draft', send: 'sent' },
  sent: { withdraw: 'draft', accept: 'accepted' },
  accepted: { activate: 'active', give_notice: 'notice_given', decide_extend: 'accepted' },
  active: { give_notice: 'notice_given', end: 'ended', renew: 'active', decide_extend: 'active' },
  notice_given: { end: 'ended', decide_extend: 'notice_given' },
  ended: {},
};

const verbs: Record<AgreementEvent, string> = {
  edit: 'edit',
  delete: 'delete',
  send: 'send',
  withdraw: 'withdraw',
  accept: 'accept',
  activate: 'activate',
  give_notice: 'give notice on',
  end: 'end',
  renew: 'renew',
  decide_extend: 'record the month-6 decision on',
};

export const canTransition = (from: AgreementStatus, event: AgreementEvent): boolean =>
  table[from][event] !== undefined;

/** The next status, or null when the event is not allowed in this status. */
export const nextStatus = (from: AgreementStatus, event: AgreementEvent): AgreementStatus | null =>
  table[from][event] ?? null;

/** The next status; an illegal transition is a 409 that says what is allowed. */
export function agreementTransition(from: AgreementStatus, event: AgreementEvent): AgreementStatus {
  const to = nextStatus(from, event);
  if (to) return to;
  const allowed = Object.keys(table[from]) as AgreementEvent[];
  const tail = allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it is final)';
  throw new AppError(
    'conflict',
    `Cannot ${verbs[event]} an agreement that is ${from.replace('_', ' ')}${tail}`,
  );
}

/** Typed-name acceptance: the display or legal name, ignoring case and surrounding spaces. */
export function nameMatches(typed: string, names: (string | null)[]): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  const t = norm(typed);
  return names.some((n) => n != null && norm(n) === t);
}
