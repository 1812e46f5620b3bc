import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LedgerDeliverable, retainerLedger } from './ledger.ts';

const live = (type: string, on: string): LedgerDeliverable => ({ type, status: 'live', on });

describe('retainer ledger', () => {
  // A retainer from 15 January: 2 sponsored posts and 1 planning meeting a month. Today is 20 May,
  // in month 5 (15 May – 14 June).
  const input = {
    startsOn: '2026-01-15',
    termMonths: 6,
    inclusions: [
      { item: 'sponsored_post', quantity: 2 },
      { item: 'planning_meeting', quantity: 1 },
    ],
    deliverables: [
      live('sponsored_post', '2026-01-20'),
      live('sponsored_post', '2026-02-01'),
      live('planning_meeting', '2026-01-20'),
      live('story', '2026-02-02'),
      live('sponsored_post', '2026-02-20'),
      { type: 'sponsored_post', status: 'planned', on: '2026-03-10' } as const,
      { type: 'sponsored_post', status: 'approved', on: '2026-03-20' } as const,
      live('sponsored_post', '2026-04-01'),
      { type: 'sponsored_post', status: 'submitted', on: '2026-05-01' } as const,
      live('sponsored_post', '2026-05-16'),
      // Undated or outside the term: not counted.
      { type: 'sponsored_post', status: 'live', on: null } as const,
      live('sponsored_post', '2026-01-14'),
    ],
    today: '2026-05-20',
  };

  it('counts included vs delivered per month with a running balance', () => {
    const l = retainerLedger(input);
    expect(l.months.map((m) => [m.index, m.from, m.to, m.inProgress])).toEqual([
      [0, '2026-01-15', '2026-02-14', false],
      [1, '2026-02-15', '2026-03-14', false],
      [2, '2026-03-15', '2026-04-14', false],
      [3, '2026-04-15', '2026-05-14', false],
      [4, '2026-05-15', '2026-06-14', true],
    ]);
    const posts = l.months.map((m) => m.items.find((i) => i.item === 'sponsored_post')!);
    expect(
      posts.map((p) => [p.delivered, p.balance, p.openRequests, p.creatorBehind, p.brandNotUsing]),
    ).toEqual([
      [2, 0, 0, false, false],
      [1, 1, 1, false, false], // one owed, asked for (planned 10 March); first month owed: no flag yet
      [2, 1, 1, true, false], // still one owed at the end of a second month, and asked for
      [0, 3, 2, true, false],
      [1, 4, 2, false, false], // in progress: no flags
    ]);
    const meetings = l.months.map((m) => m.items.find((i) => i.item === 'planning_meeting')!);
    expect(meetings.map((p) => [p.delivered, p.balance, p.openRequests, p.brandNotUsing])).toEqual([
      [1, 0, 0, false],
      [0, 1, 0, false],
      [0, 2, 0, true], // nobody asked for a meeting two months running: the brand is not using it
      [0, 3, 0, true],
      [0, 4, 0, false],
    ]);
    expect(l.creatorBehind).toEqual(['sponsored_post']);
    expect(l.brandNotUsing).toEqual(['planning_meeting']);
    expect(l.extras).toEqual([{ item: 'story', delivered: 1 }]);
  });

  it('shows a creator ahead as a negative balance, and nothing before the start', () => {
    const ahead = retainerLedger({
      ...input,
      inclusions: [{ item: 'sponsored_post', quantity: 1 }],
      deliverables: [live('sponsored_post', '2026-01-16'), live('sponsored_post', '2026-01-17')],
      today: '2026-02-20',
    });
    expect(ahead.months.map((m) => m.items[0]!.balance)).toEqual([-1, 0]);
    expect(retainerLedger({ ...input, today: '2026-01-14' }).months).toEqual([]);
  });

  it('stops at the end of the term', () => {
    expect(retainerLedger({ ...input, today: '2027-05-01' }).months).toHaveLength(6);
  });

  it('balance = months × quantity − delivered, whatever the deliveries (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 400 }),
        (quantity, offsets, todayOffset) => {
          const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
          const today = day(todayOffset);
          const l = retainerLedger({
            startsOn: '2026-01-01',
            termMonths: 12,
            inclusions: [{ item: 'post', quantity }],
            deliverables: offsets.map((o) => live('post', day(o))),
            today,
          });
          const last = l.months.at(-1);
          if (!last) return;
          const delivered = offsets.filter((o) => day(o) <= last.to && day(o) <= '2026-12-31').length;
          expect(last.items[0]!.balance).toBe(l.months.length * quantity - delivered);
        },
      ),
    );
  });
});
