import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { agreementKeys } from '../../features/agreements/api.ts';
import { budgetKeys } from '../../features/budgets/api.ts';
import { campaignKeys } from '../../features/campaigns/api.ts';
import { messagingKeys } from '../../features/messaging/api.ts';
import { performanceKeys } from '../../features/performance/api.ts';
import { rosterKeys } from '../../features/roster/api.ts';
import { trackingKeys } from '../../features/tracking/api.ts';
import { workspaceKeys } from '../../features/workspaces/api.ts';
import { areas, invalidateWrites, shownIn } from './invalidation.ts';

const ws = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const id = '00000000-0000-4000-8000-0000000000aa';

/** Every key factory of every feature, called with made-up arguments. */
function everyKey(): (readonly unknown[])[] {
  const families = [
    agreementKeys,
    budgetKeys,
    campaignKeys,
    messagingKeys,
    performanceKeys,
    rosterKeys,
    trackingKeys,
  ] as Record<string, (...args: unknown[]) => readonly unknown[]>[];
  const keys = families.flatMap((family) => Object.values(family).map((make) => make(ws, id, id, id, id)));
  const { all: _all, detail: _detail, ...perArea } = workspaceKeys;
  return [...keys, ...Object.values(perArea).map((make) => make(ws))];
}

describe('query keys and invalidation', () => {
  it('keys every workspace query by workspace and a known area, so a write can reach it', () => {
    const keys = everyKey();
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      expect(key[0]).toBe('workspaces');
      expect(key[1]).toBe(ws);
      expect(areas).toContain(key[2]);
    }
  });

  it('a payment written anywhere marks Today, payments, ledgers and the creator page stale; not another workspace', async () => {
    const client = new QueryClient();
    const seeded = [
      rosterKeys.todayScope(ws, 'mine'),
      budgetKeys.payments(ws, { sort: 'action', limit: 25, offset: 0 }),
      agreementKeys.ledger(ws, id),
      rosterKeys.timeline(ws, id),
      campaignKeys.list(ws, {} as never),
      rosterKeys.todayScope(other, 'mine'),
    ];
    for (const key of seeded) client.setQueryData(key, { seeded: true });
    await invalidateWrites(client, ws, ['payment']);
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect(stale(rosterKeys.todayScope(ws, 'mine'))).toBe(true);
    expect(stale(budgetKeys.payments(ws, { sort: 'action', limit: 25, offset: 0 }))).toBe(true);
    expect(stale(agreementKeys.ledger(ws, id))).toBe(true);
    expect(stale(rosterKeys.timeline(ws, id))).toBe(true);
    // Campaigns do not show payments; another workspace is never touched.
    expect(stale(campaignKeys.list(ws, {} as never))).toBe(false);
    expect(stale(rosterKeys.todayScope(other, 'mine'))).toBe(false);
  });

  it('every write that can put an item on Today or take one off refreshes Today', () => {
    // Today lists check-ins (creators, touchpoints), renewal decisions (agreements), payments and
    // deliverables due (posts), and briefs waiting (campaigns).
    for (const write of ['creator', 'touchpoint', 'agreement', 'payment', 'deliverable', 'brief'] as const)
      expect(shownIn[write]).toContain('today');
    for (const areasOfWrite of Object.values(shownIn)) expect(areasOfWrite).toContain('audit');
  });

  it('every workspace write in the features goes through useWorkspaceMutation', () => {
    // A bare useMutation would only refresh what its author remembered. Allowed: sign-in and
    // account writes (no workspace yet), and calls that write nothing a view shows.
    const allowed = new Map([
      ['features/auth/api.ts', 10],
      ['features/workspaces/api.ts', 1], // creating a workspace: nothing of it is cached yet
      ['features/roster/api.ts', 2], // revealing payment details, previewing a CSV import
    ]);
    const root = join(import.meta.dirname, '..', '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(join(root, 'features'));
    for (const file of files) {
      const count = (readFileSync(file, 'utf8').match(/\buseMutation\(/g) ?? []).length;
      const rel = file.slice(root.length + 1).replaceAll('\\', '/');
      expect({ file: rel, count }).toEqual({ file: rel, count: allowed.get(rel) ?? 0 });
    }
  });
});
