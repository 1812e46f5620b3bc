import type { BriefDiff, BriefStatus, BriefWarning, DeliverableSpec, LineDiff } from '@evergreen/contracts';
import { daysBetween } from '@evergreen/rules';

/**
 * Briefs without moving goalposts, as plain rules. Every change is a new immutable version.
 * Until the creator accepts, a change is an edit; once they have accepted, a change is a
 * change request they accept or decline, and until then the accepted version stays in force.
 */

export interface BriefContent {
  title: string;
  body: string;
  deliverables: DeliverableSpec[];
  dueOn: string | null;
}

// ---- Diff -----------------------------------------------------------------------------------

const splitLines = (s: string) => (s === '' ? [] : s.replace(/\r\n/g, '\n').split('\n'));
/** Above this many line pairs the diff is "all removed, all added" rather than a slow LCS. */
const MAX_LCS_CELLS = 4_000_000;

/** A line diff (longest common subsequence): unchanged lines `same`, others `remove` then `add`. */
export function diffLines(before: string, after: string): LineDiff[] {
  const a = splitLines(before);
  const b = splitLines(after);
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_LCS_CELLS)
    return [
      ...a.map((text) => ({ op: 'remove' as const, text })),
      ...b.map((text) => ({ op: 'add' as const, text })),
    ];
  // lcs[i][j]: length of the LCS of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: LineDiff[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: 'remove', text: a[i++]! });
    else out.push({ op: 'add', text: b[j++]! });
  }
  while (i < n) out.push({ op: 'remove', text: a[i++]! });
  while (j < m) out.push({ op: 'add', text: b[j++]! });
  return out;
}

const normDeliverable = (d: DeliverableSpec): DeliverableSpec => ({
  type: d.type,
  ...(d.platform ? { platform: d.platform } : {}),
  quantity: d.quantity,
  dueOn: d.dueOn ?? null,
});
const deliverableKey = (d: DeliverableSpec) => `${d.type}|${d.platform ?? ''}`;
const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * Deliverables matched by type and platform, in order: a match with another quantity or due
 * date is `changed`; the rest are `added` or `removed`.
 */
export function diffDeliverables(before: DeliverableSpec[], after: DeliverableSpec[]) {
  const left = before.map(normDeliverable);
  const added: DeliverableSpec[] = [];
  const changed: { from: DeliverableSpec; to: DeliverableSpec }[] = [];
  for (const d of after.map(normDeliverable)) {
    const i = left.findIndex((x) => deliverableKey(x) === deliverableKey(d));
    if (i < 0) {
      added.push(d);
      continue;
    }
    const [from] = left.splice(i, 1);
    if (!same(from, d)) changed.push({ from: from!, to: d });
  }
  return { added, removed: left, changed };
}

/** What changed from `base` to `next`, field by field; an empty object when nothing did. */
export function diffBrief(base: BriefContent, next: BriefContent): BriefDiff {
  const d: BriefDiff = {};
  if (base.title !== next.title) d.title = { from: base.title, to: next.title };
  if (base.body !== next.body) d.body = diffLines(base.body, next.body);
  const dl = diffDeliverables(base.deliverables, next.deliverables);
  if (dl.added.length || dl.removed.length || dl.changed.length) d.deliverables = dl;
  if ((base.dueOn ?? null) !== (next.dueOn ?? null)) d.dueOn = { from: base.dueOn, to: next.dueOn };
  return d;
}

export const isEmptyDiff = (d: BriefDiff) => Object.keys(d).length === 0;

export interface VersionFacts {
  version: number;
  kind: 'edit' | 'change_request';
  changeStatus: 'pending' | 'accepted' | 'declined' | null;
}

/**
 * The version each version is compared with: an edit with the one before it; a change request
 * with the version in force when it was proposed (the last edit, which is what the creator
 * accepted, or the last accepted change request) — never with a declined one. Version 1: null.
 */
export function baseVersions(versions: VersionFacts[]): Map<number, number | null> {
  const out = new Map<number, number | null>();
  let inForce: number | null = null;
  let previous: number | null = null;
  for (const v of [...versions].sort((x, y) => x.version - y.version)) {
    out.set(v.version, v.kind === 'change_request' ? inForce : previous);
    if (v.kind === 'edit' || v.changeStatus === 'accepted') inForce = v.version;
    previous = v.version;
  }
  return out;
}

// ---- State machine --------------------------------------------------------------------------

export interface BriefState {
  status: BriefStatus;
  currentVersion: number;
  acceptedVersion: number | null;
}

export type BriefAction =
  | { type: 'edit' }
  | { type: 'send' }
  | { type: 'accept'; version: number }
  | { type: 'respond'; version: number; decision: 'accept' | 'decline' }
  | { type: 'decline'; version: number };

export type Transition =
  | {
      ok: true;
      status: BriefStatus;
      acceptedVersion: number | null;
      /** The version written by an edit or change request, and its kind. */
      newVersion?: { version: number; kind: 'edit' | 'change_request' };
    }
  | { ok: false; reason: string };

const refuse = (reason: string): Transition => ({ ok: false, reason });

/** What an action does to a brief, or why it may not. */
export function transition(s: BriefState, a: BriefAction): Transition {
  const next = s.currentVersion + 1;
  switch (a.type) {
    case 'edit':
      if (s.status === 'draft' || s.status === 'sent')
        return {
          ok: true,
          status: s.status,
          acceptedVersion: null,
          newVersion: { version: next, kind: 'edit' },
        };
      if (s.status === 'accepted')
        return {
          ok: true,
          status: 'change_requested',
          acceptedVersion: s.acceptedVersion,
          newVersion: { version: next, kind: 'change_request' },
        };
      // A declined brief is revised as a new draft version, then sent again.
      if (s.status === 'declined')
        return {
          ok: true,
          status: 'draft',
          acceptedVersion: null,
          newVersion: { version: next, kind: 'edit' },
        };
      if (s.status === 'change_requested')
        return refuse('A change request is waiting for the creator; it must be accepted or declined first');
      return refuse(`A ${s.status} brief cannot be changed`);
    case 'send':
      if (s.status === 'draft') return { ok: true, status: 'sent', acceptedVersion: null };
      return refuse(`Only a draft can be sent; this brief is ${s.status}`);
    case 'accept':
      if (s.status !== 'sent')
        return refuse(
          s.status === 'draft'
            ? 'Send the brief before it is accepted'
            : `This brief is ${s.status}; a change is accepted through its change request`,
        );
      if (a.version !== s.currentVersion)
        return refuse(`Version ${a.version} is not the current version (${s.currentVersion})`);
      return { ok: true, status: 'accepted', acceptedVersion: a.version };
    case 'decline':
      if (s.status !== 'sent')
        return refuse(
          s.status === 'change_requested'
            ? 'This brief has a change request waiting; decline the change request instead'
            : `Only a sent brief can be declined; this brief is ${s.status}`,
        );
      if (a.version !== s.currentVersion)
        return refuse(`Version ${a.version} is not the current version (${s.currentVersion})`);
      return { ok: true, status: 'declined', acceptedVersion: null };
    case 'respond':
      if (s.status !== 'change_requested') return refuse('There is no change request waiting');
      if (a.version !== s.currentVersion)
        return refuse(`Version ${a.version} is not the pending change request (${s.currentVersion})`);
      return {
        ok: true,
        status: 'accepted',
        acceptedVersion: a.decision === 'accept' ? a.version : s.acceptedVersion,
      };
  }
}

/** The version whose content is in force: the accepted one, else the latest. */
export const versionInForce = (s: Pick<BriefState, 'currentVersion' | 'acceptedVersion'>) =>
  s.acceptedVersion ?? s.currentVersion;

// ---- Urgency --------------------------------------------------------------------------------

/** The earliest due date of a brief version: its own, or any deliverable's. */
export function earliestDue(c: Pick<BriefContent, 'dueOn' | 'deliverables'>): string | null {
  const days = [c.dueOn, ...c.deliverables.map((d) => d.dueOn)].filter((d): d is string => !!d);
  return days.length ? days.sort()[0]! : null;
}

/**
 * "Urgent content": the earliest due date is closer than the creator's preferred lead time.
 * Exactly the lead time away is fine; one day less is urgent.
 */
export function urgentWarning(
  c: Pick<BriefContent, 'dueOn' | 'deliverables'>,
  leadTimeDays: number | null,
  today: string,
): BriefWarning | null {
  const due = earliestDue(c);
  if (due == null || leadTimeDays == null) return null;
  const daysUntilDue = daysBetween(today, due);
  return daysUntilDue < leadTimeDays ? { code: 'urgent', leadTimeDays, daysUntilDue, dueOn: due } : null;
}
