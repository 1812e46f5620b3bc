import type { Clock } from '@evergreen/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * Issue 17's CSV exports of the selection tables (the insights log, a creator's issues) and the
 * owner of an issue chosen from the team. Today is 2026-06-01 (UTC).
 */

const clock: Clock = { now: () => new Date('2026-06-01T09:00:00Z') };
let t: TestApp;
let owner: Session;
let other: Session;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Olga Owner');
  other = await t.signUp('Oscar Outsider');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

async function setup() {
  const ws = (await t.createWorkspace(owner)).id;
  const raw = (method: Method, url: string, payload?: object, s: Session = owner) =>
    t.call(s, { method, url: `/api/v1/workspaces/${ws}${url}`, payload });
  const call = async (method: Method, url: string, payload?: object) => {
    const res = await raw(method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  const creator = async (displayName: string) =>
    (await call('POST', '/creators', { displayName, tier: 2, status: 'active' })).id as string;
  return { ws, raw, call, creator };
}

describe('selection CSV exports', () => {
  it('exports the insights log with the page filters, every match, formulas neutralised', async () => {
    const w = await setup();
    const anna = await w.creator('Anna');
    const boris = await w.creator('Boris');
    await w.call('POST', `/creators/${anna}/insights`, {
      kind: 'trend',
      market: 'DE',
      product: 'Serum',
      body: 'Refills sell, "eco" matters',
      heardOn: '2026-05-02',
    });
    await w.call('POST', `/creators/${boris}/insights`, {
      kind: 'product_feedback',
      market: 'DE',
      product: 'Cream',
      body: '=1+1 is what they joke',
      heardOn: '2026-05-20',
    });
    await w.call('POST', `/creators/${anna}/insights`, {
      kind: 'resonates',
      market: 'US',
      body: 'Unboxing',
      heardOn: '2026-05-25',
    });

    const res = await w.raw('GET', '/insights.csv?market=DE');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="insights-de-2026-06-01.csv"');
    // Newest first, as on the page; the US one is filtered out.
    expect(res.body).toBe(
      '\uFEFFHeard on,Creator,Creator id,Kind,Market,Product,Insight,Logged by\r\n' +
        `2026-05-20,Boris,${boris},product_feedback,DE,Cream,'=1+1 is what they joke,Olga Owner\r\n` +
        `2026-05-02,Anna,${anna},trend,DE,Serum,"Refills sell, ""eco"" matters",Olga Owner\r\n`,
    );
    // Product search, as on the page (a part of the name, any case).
    const cream = await w.raw('GET', '/insights.csv?product=cre');
    expect(cream.body.trim().split('\r\n')).toHaveLength(2);
    // Bad filters name the field.
    const bad = await w.raw('GET', '/insights.csv?market=Germany');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('market');
    // Not a member: not found, no file.
    expect((await w.raw('GET', '/insights.csv', undefined, other)).statusCode).toBe(404);
  });

  it("exports a creator's issues with owner and escalation step; the owner is chosen from the team", async () => {
    const w = await setup();
    const anna = await w.creator('Anna');
    await w.call('PUT', '/selection/settings', {
      weights: { performance: 25, stability: 20, fit: 40, growth: 15 },
      escalationPath: ['Account manager', 'Head of partnerships'],
    });
    const late = await w.call('POST', `/creators/${anna}/issues`, {
      title: 'Late draft',
      severity: 'medium',
      ownerUserId: owner.me.user.id,
      openedOn: '2026-05-10',
    });
    expect(late.ownerName).toBe('Olga Owner');
    const tone = await w.call('POST', `/creators/${anna}/issues`, {
      title: 'Tone off brief',
      severity: 'low',
      openedOn: '2026-05-01',
    });
    await w.call('PATCH', `/creators/${anna}/issues/${late.id}`, { escalate: true });
    await w.call('PATCH', `/creators/${anna}/issues/${tone.id}`, {
      status: 'resolved',
      resolution: 'Talked it through',
    });
    // The owner can be changed and cleared.
    const given = await w.call('PATCH', `/creators/${anna}/issues/${tone.id}`, {
      ownerUserId: owner.me.user.id,
    });
    expect(given.ownerName).toBe('Olga Owner');
    const cleared = await w.call('PATCH', `/creators/${anna}/issues/${tone.id}`, { ownerUserId: null });
    expect([cleared.ownerUserId, cleared.ownerName]).toEqual([null, null]);
    // Someone outside the team cannot own an issue.
    const outsider = await w.raw('PATCH', `/creators/${anna}/issues/${tone.id}`, {
      ownerUserId: other.me.user.id,
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.fields[0].field).toBe('ownerUserId');

    const res = await w.raw('GET', `/creators/${anna}/issues.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="issues-${anna.slice(0, 8)}-2026-06-01.csv"`,
    );
    // Open first, then resolved; the escalation step counts from 1.
    expect(res.body).toBe(
      '\uFEFFCreator,Creator id,Title,Severity,Status,Owner,Owner id,Escalation step,Escalated to,Opened on,Resolved on,Resolution\r\n' +
        `Anna,${anna},Late draft,medium,open,Olga Owner,${owner.me.user.id},2,Head of partnerships,2026-05-10,,\r\n` +
        `Anna,${anna},Tone off brief,low,resolved,,,1,Account manager,2026-05-01,2026-06-01,Talked it through\r\n`,
    );
  });
});
