import type { AgreementStatus } from '@evergreen/contracts';
import { agreementStatuses } from '@evergreen/contracts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import {
  type AgreementEvent,
  agreementEvents,
  agreementTransition,
  nameMatches,
  nextStatus,
} from './lifecycle.ts';

// The whole machine, written out by hand: every (status, event) pair not listed is illegal.
const legal: Record<string, AgreementStatus> = {
  'draft edit': 'draft',
  'draft delete': 'draft',
  'draft send': 'sent',
  'sent withdraw': 'draft',
  'sent accept': 'accepted',
  'accepted activate': 'active',
  'accepted give_notice': 'notice_given',
  'accepted decide_extend': 'accepted',
  'active give_notice': 'notice_given',
  'active end': 'ended',
  'active renew': 'active',
  'active decide_extend': 'active',
  'notice_given end': 'ended',
  'notice_given decide_extend': 'notice_given',
};

describe('agreement lifecycle', () => {
  it('allows exactly the listed transitions, over every status and event', () => {
    let count = 0;
    for (const s of agreementStatuses) {
      for (const e of agreementEvents) {
        const expected = legal[`${s} ${e}`] ?? null;
        expect(nextStatus(s, e), `${s} ${e}`).toBe(expected);
        if (expected) count++;
      }
    }
    expect(count).toBe(Object.keys(legal).length);
  });

  it('walks the happy path draft → sent → accepted → active → notice_given → ended', () => {
    const path: AgreementEvent[] = ['send', 'accept', 'activate', 'give_notice', 'end'];
    let s: AgreementStatus = 'draft';
    const seen: AgreementStatus[] = [s];
    for (const e of path) {
      s = agreementTransition(s, e);
      seen.push(s);
    }
    expect(seen).toEqual(['draft', 'sent', 'accepted', 'active', 'notice_given', 'ended']);
  });

  it('refuses an illegal transition with a 409 that says what is allowed', () => {
    expect(() => agreementTransition('draft', 'accept')).toThrow(AppError);
    try {
      agreementTransition('sent', 'edit');
    } catch (e) {
      expect((e as AppError).code).toBe('conflict');
      expect((e as AppError).message).toBe(
        'Cannot edit an agreement that is sent (allowed: withdraw, accept)',
      );
    }
    expect(() => agreementTransition('ended', 'renew')).toThrow(
      'Cannot renew an agreement that is ended (it is final)',
    );
    expect(() => agreementTransition('notice_given', 'renew')).toThrow(/notice given/);
  });

  it('matches a typed name to the display or legal name, ignoring case and spacing', () => {
    expect(nameMatches('anna smirnova', ['Анна', 'Anna Smirnova'])).toBe(true);
    expect(nameMatches('  АННА  ', ['Анна', null])).toBe(true);
    expect(nameMatches('Anna  Smirnova', ['Anna Smirnova'])).toBe(true);
    expect(nameMatches('Anna S.', ['Anna Smirnova', null])).toBe(false);
    expect(nameMatches('', ['Anna'])).toBe(false);
  });
});
