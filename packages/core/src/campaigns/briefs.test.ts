import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BriefAction,
  type BriefContent,
  type BriefState,
  baseVersions,
  diffBrief,
  diffDeliverables,
  diffLines,
  earliestDue,
  transition,
  urgentWarning,
} from './briefs.ts';

describe('brief diff', () => {
  it('diffs the body line by line', () => {
    expect(diffLines('Intro\nShow the jar\nOutro', 'Intro\nShow the lid\nOutro\nTag us')).toEqual([
      { op: 'same', text: 'Intro' },
      { op: 'remove', text: 'Show the jar' },
      { op: 'add', text: 'Show the lid' },
      { op: 'same', text: 'Outro' },
      { op: 'add', text: 'Tag us' },
    ]);
    expect(diffLines('', 'one')).toEqual([{ op: 'add', text: 'one' }]);
    expect(diffLines('one', '')).toEqual([{ op: 'remove', text: 'one' }]);
    expect(diffLines('a\r\nb', 'a\nb')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'same', text: 'b' },
    ]);
  });

  it('matches deliverables by type and platform', () => {
    expect(
      diffDeliverables(
        [
          { type: 'reel', platform: 'instagram', quantity: 1 },
          { type: 'story', quantity: 3, dueOn: '2026-04-01' },
        ],
        [
          { type: 'reel', platform: 'instagram', quantity: 2 },
          { type: 'post', platform: 'tiktok', quantity: 1 },
        ],
      ),
    ).toEqual({
      added: [{ type: 'post', platform: 'tiktok', quantity: 1, dueOn: null }],
      removed: [{ type: 'story', quantity: 3, dueOn: '2026-04-01' }],
      changed: [
        {
          from: { type: 'reel', platform: 'instagram', quantity: 1, dueOn: null },
          to: { type: 'reel', platform: 'instagram', quantity: 2, dueOn: null },
        },
      ],
    });
  });

  it('lists only the fields that changed', () => {
    const v1: BriefContent = {
      title: 'Spring',
      body: 'A\nB',
      deliverables: [{ type: 'reel', quantity: 1 }],
      dueOn: '2026-04-10',
    };
    expect(diffBrief(v1, { ...v1 })).toEqual({});
    expect(diffBrief(v1, { ...v1, deliverables: [{ type: 'reel', quantity: 1, dueOn: null }] })).toEqual({});
    expect(diffBrief(v1, { ...v1, title: 'Spring launch', dueOn: null })).toEqual({
      title: { from: 'Spring', to: 'Spring launch' },
      dueOn: { from: '2026-04-10', to: null },
    });
    expect(diffBrief(v1, { ...v1, body: 'A\nC' })).toEqual({
      body: [
        { op: 'same', text: 'A' },
        { op: 'remove', text: 'B' },
        { op: 'add', text: 'C' },
      ],
    });
  });

  it('rebuilds both texts from the line diff', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 12 }).map((l) => l.join('\n'));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const d = diffLines(a, b);
        const lines = (s: string) => (s === '' ? [] : s.split('\n'));
        expect(d.filter((x) => x.op !== 'add').map((x) => x.text)).toEqual(lines(a));
        expect(d.filter((x) => x.op !== 'remove').map((x) => x.text)).toEqual(lines(b));
      }),
    );
  });

  it('compares an edit with the version before it, a change request with the version in force', () => {
    const bases = baseVersions([
      { version: 1, kind: 'edit', changeStatus: null },
      { version: 2, kind: 'edit', changeStatus: null },
      { version: 3, kind: 'change_request', changeStatus: 'accepted' },
      { version: 4, kind: 'change_request', changeStatus: 'declined' },
      { version: 5, kind: 'change_request', changeStatus: 'pending' },
    ]);
    expect([...bases.entries()]).toEqual([
      [1, null],
      [2, 1],
      [3, 2],
      [4, 3],
      // Version 4 was declined: version 3 is still what the creator agreed to.
      [5, 3],
    ]);
  });
});

describe('brief states', () => {
  const draft: BriefState = { status: 'draft', currentVersion: 1, acceptedVersion: null };
  const sent: BriefState = { status: 'sent', currentVersion: 2, acceptedVersion: null };
  const accepted: BriefState = { status: 'accepted', currentVersion: 2, acceptedVersion: 2 };
  const pending: BriefState = { status: 'change_requested', currentVersion: 3, acceptedVersion: 2 };

  it('edits a draft or a sent brief as a new version', () => {
    expect(transition(draft, { type: 'edit' })).toEqual({
      ok: true,
      status: 'draft',
      acceptedVersion: null,
      newVersion: { version: 2, kind: 'edit' },
    });
    expect(transition(sent, { type: 'edit' })).toEqual({
      ok: true,
      status: 'sent',
      acceptedVersion: null,
      newVersion: { version: 3, kind: 'edit' },
    });
  });

  it('sends a draft, accepts the current version of a sent brief', () => {
    expect(transition(draft, { type: 'send' })).toEqual({ ok: true, status: 'sent', acceptedVersion: null });
    expect(transition(sent, { type: 'accept', version: 2 })).toEqual({
      ok: true,
      status: 'accepted',
      acceptedVersion: 2,
    });
  });

  it('turns an edit after acceptance into a pending change request', () => {
    expect(transition(accepted, { type: 'edit' })).toEqual({
      ok: true,
      status: 'change_requested',
      acceptedVersion: 2,
      newVersion: { version: 3, kind: 'change_request' },
    });
  });

  it('accepting a change request puts it in force; declining keeps the accepted version', () => {
    expect(transition(pending, { type: 'respond', version: 3, decision: 'accept' })).toEqual({
      ok: true,
      status: 'accepted',
      acceptedVersion: 3,
    });
    expect(transition(pending, { type: 'respond', version: 3, decision: 'decline' })).toEqual({
      ok: true,
      status: 'accepted',
      acceptedVersion: 2,
    });
  });

  it('refuses everything else', () => {
    const illegal: [BriefState, BriefAction, string][] = [
      [sent, { type: 'accept', version: 1 }, 'Version 1 is not the current version (2)'],
      [sent, { type: 'accept', version: 3 }, 'Version 3 is not the current version (2)'],
      [draft, { type: 'accept', version: 1 }, 'Send the brief before it is accepted'],
      [
        accepted,
        { type: 'accept', version: 2 },
        'This brief is accepted; a change is accepted through its change request',
      ],
      [
        pending,
        { type: 'accept', version: 3 },
        'This brief is change_requested; a change is accepted through its change request',
      ],
      [sent, { type: 'send' }, 'Only a draft can be sent; this brief is sent'],
      [accepted, { type: 'send' }, 'Only a draft can be sent; this brief is accepted'],
      [
        pending,
        { type: 'edit' },
        'A change request is waiting for the creator; it must be accepted or declined first',
      ],
      [{ ...accepted, status: 'done' }, { type: 'edit' }, 'A done brief cannot be changed'],
      [{ ...draft, status: 'cancelled' }, { type: 'edit' }, 'A cancelled brief cannot be changed'],
      [accepted, { type: 'respond', version: 2, decision: 'accept' }, 'There is no change request waiting'],
      [sent, { type: 'respond', version: 2, decision: 'decline' }, 'There is no change request waiting'],
      [
        pending,
        { type: 'respond', version: 2, decision: 'accept' },
        'Version 2 is not the pending change request (3)',
      ],
    ];
    for (const [state, action, reason] of illegal)
      expect(transition(state, action), `${state.status} ${JSON.stringify(action)}`).toEqual({
        ok: false,
        reason,
      });
  });

  it('never loses the accepted version: any sequence of actions keeps one once there is one', () => {
    const action = fc.oneof(
      fc.constant<BriefAction>({ type: 'edit' }),
      fc.constant<BriefAction>({ type: 'send' }),
      fc.integer({ min: 1, max: 8 }).map<BriefAction>((version) => ({ type: 'accept', version })),
      fc
        .tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom('accept' as const, 'decline' as const))
        .map<BriefAction>(([version, decision]) => ({ type: 'respond', version, decision })),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), (actions) => {
        let s: BriefState = draft;
        for (const a of actions) {
          const t = transition(s, a);
          if (!t.ok) continue;
          if (s.acceptedVersion != null) expect(t.acceptedVersion).not.toBeNull();
          // Versions only grow; the accepted one is never ahead of the latest.
          const next: BriefState = {
            status: t.status,
            currentVersion: t.newVersion?.version ?? s.currentVersion,
            acceptedVersion: t.acceptedVersion,
          };
          expect(next.currentVersion).toBeGreaterThanOrEqual(s.currentVersion);
          if (next.acceptedVersion != null)
            expect(next.acceptedVersion).toBeLessThanOrEqual(next.currentVersion);
          s = next;
        }
      }),
    );
  });
});

describe('urgent content', () => {
  const today = '2026-03-01';
  it('warns when the earliest due date is closer than the lead time; exactly the lead time is fine', () => {
    expect(urgentWarning({ dueOn: '2026-03-15', deliverables: [] }, 14, today)).toBeNull();
    expect(urgentWarning({ dueOn: '2026-03-14', deliverables: [] }, 14, today)).toEqual({
      code: 'urgent',
      leadTimeDays: 14,
      daysUntilDue: 13,
      dueOn: '2026-03-14',
    });
  });

  it('takes the earliest of the brief and deliverable due dates; nothing without a lead time or a date', () => {
    const c = { dueOn: '2026-04-30', deliverables: [{ type: 'reel', quantity: 1, dueOn: '2026-03-05' }] };
    expect(earliestDue(c)).toBe('2026-03-05');
    expect(urgentWarning(c, 10, today)).toEqual({
      code: 'urgent',
      leadTimeDays: 10,
      daysUntilDue: 4,
      dueOn: '2026-03-05',
    });
    expect(urgentWarning(c, null, today)).toBeNull();
    expect(urgentWarning({ dueOn: null, deliverables: [] }, 10, today)).toBeNull();
  });
});
