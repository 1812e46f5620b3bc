import { createHmac, randomBytes } from 'node:crypto';
import { queryRows } from '@evergreen/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForImport } from '../testing/factories/imports.ts';
import { postOrderWebhook } from '../testing/factories/performance.ts';
import { workspaceClient } from '../testing/factories/workspace.ts';
import { createTestApp, type TestApp } from '../testing/harness.ts';
import { body, type Fixture, fill, fixture, headersFor, idsOf } from '../testing/route-walk.ts';

/**
 * Hostile values through every write route of the route table (and every GET filter): each
 * field of the route's valid body (the isolation walk's fixtures), each path parameter and
 * each query parameter gets values that once answered 500 or were stored when they should not
 * be. Every answer must be 4xx, and the workspace's rows must be exactly as before.
 */

let t: TestApp;
let a: Fixture;

/** A value written into the JSON text as is (JSON.stringify cannot write 1e309). */
const RAW = '\u0001raw:';
const raw = (text: string) => `${RAW}${text}`;
const toJson = (v: unknown) =>
  JSON.stringify(v).replace(/"\\u0001raw:((?:[^"\\]|\\.)*)"/g, (_, x: string) => JSON.parse(`"${x}"`));

/** An object nested 10,000 deep (written as text: JSON.stringify itself would run out of stack). */
const deep = raw(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`);
const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

interface Variant {
  kind: string;
  value: unknown;
}
/**
 * Past PostgreSQL's `integer`: refused where the column is one, accepted where it is a `bigint`
 * (money, metric counts). Either way never a 5xx; sent after the database check, as it may write.
 */
const INT4_OVER = 2147483648;
/** The hostile values for one field, chosen by its valid value and name. */
function corpus(name: string, valid: unknown): Variant[] {
  const out: Variant[] = [{ kind: 'deep object', value: deep }];
  if (typeof valid === 'string') {
    out.push(
      { kind: 'NUL', value: `${valid}\u0000x` },
      { kind: 'lone surrogate', value: `${valid}\ud83d` },
      { kind: 'wrong type', value: 12345 },
    );
    if (/^\d{4}-\d{2}-\d{2}/.test(valid)) out.push({ kind: 'year 0000', value: `0000${valid.slice(4)}` });
    if (/url|link/i.test(name) || /^https?:/.test(valid))
      out.push(
        { kind: 'javascript: URL', value: 'javascript:alert(1)' },
        { kind: 'data: URL', value: 'data:text/html,<script>alert(1)</script>' },
      );
  } else if (typeof valid === 'number') {
    out.push(
      { kind: '1e309', value: raw('1e309') },
      { kind: 'unsafe integer', value: 2 ** 53 + 2 },
      { kind: 'wrong type', value: 'x' },
    );
  } else if (typeof valid === 'boolean') out.push({ kind: 'wrong type', value: 'yes' });
  else if (Array.isArray(valid)) out.push({ kind: 'wrong type', value: 'x' });
  else if (valid && typeof valid === 'object') out.push({ kind: 'wrong type', value: [1] });
  return out;
}

type Path = (string | number)[];
/** Every field's path in a body, objects and arrays included (their leaves too). */
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = at.length ? [at] : [];
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push(...paths(x, [...at, i]));
    });
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}
const get = (v: unknown, p: Path): unknown =>
  p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)?.[k], v);
function set(v: unknown, p: Path, value: unknown): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let o = copy;
  for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[p.at(-1)!] = value;
  return copy;
}

/** Row counts and a checksum of every table holding this workspace's rows, in one query. */
async function snapshot(workspaceId: string): Promise<Record<string, string>> {
  const tables = await queryRows<{ table_name: string }>(
    t.database.db,
    sql`select table_name from information_schema.columns
      where column_name = 'workspace_id' and table_schema = 'public'
        and table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE')
        -- The log of which transactions wrote (kept answers, decisions/0023): it follows the
        -- writes the other tables show (a refused import's run, a webhook's log line).
        and table_name <> 'workspace_changes'
      order by table_name`,
  );
  const parts = tables.map(
    ({ table_name: n }) =>
      `select '${n}' as t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text as v from "${n}" x where workspace_id = '${workspaceId}'`,
  );
  const workspace = `select 'workspaces' as t, hashtext(w::text)::text as v from workspaces w where id = '${workspaceId}'`;
  const rows = await queryRows<{ t: string; v: string }>(
    t.database.db,
    sql.raw([workspace, ...parts].join(' union all ')),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.v]));
}

interface Finding {
  route: string;
  where: string;
  kind: string;
  status: number;
  body: string;
}

beforeAll(async () => {
  t = await createTestApp();
  a = await fixture(t, 'Hostile');
  // The fixture's orders import runs in the background: let it finish before taking checksums.
  await waitForImport(workspaceClient(t, a.session, a.workspaceId), { id: a.ids.importId! });
}, 120_000);
afterAll(() => t.close());

const writeRoutes = () => t.app.routeTable.filter((r) => r.method !== 'GET');
/** Fields handled by the CSV test below (their NUL is a row error, not a 400 for the field). */
const CSV_FIELDS = new Set(['csv']);

/** The public webhook routes and the account routes take a body of their own. */
const otherBodies: Record<string, () => unknown> = {
  'POST /api/v1/auth/signup': () => ({
    name: 'Hostile',
    email: `h-${randomBytes(4).toString('hex')}@example.test`,
    password: 'correct horse battery',
  }),
  'POST /api/v1/auth/login': () => ({ email: 'nobody@example.test', password: 'correct horse battery' }),
  'PATCH /api/v1/auth/me': () => ({ name: 'Renamed' }),
  // A wrong current password: whatever passes validation is still refused, and nothing changes.
  'POST /api/v1/auth/password': () => ({
    currentPassword: 'not the password',
    newPassword: 'another long password',
  }),
  'POST /api/v1/auth/password-reset': () => ({ email: 'nobody@example.test' }),
  'POST /api/v1/auth/password-reset/confirm': () => ({
    token: 'an-unknown-reset-token',
    password: 'another long password',
  }),
};

describe('hostile values', () => {
  it('every write route answers 4xx to hostile values and changes nothing', async () => {
    const findings: Finding[] = [];
    let requests = 0;
    for (const r of writeRoutes()) {
      const key = `${r.method} ${r.url}`;
      const scoped = r.url.startsWith('/api/v1/workspaces/:workspaceId');
      const ids = idsOf(r, a.ids);
      const valid = scoped ? body(r, a.ids) : otherBodies[key]?.();
      const cases: { where: string; kind: string; url: string; payload?: string; headers?: object }[] = [];
      const url = fill(r.url, a.workspaceId, ids);
      const extraHeaders = headersFor[key]?.() ?? {};
      if (valid !== undefined) {
        let bigDone = false;
        for (const p of paths(valid)) {
          if (CSV_FIELDS.has(String(p[0])) && p.length === 1) {
            cases.push({ where: 'csv', kind: 'wrong type', url, payload: toJson(set(valid, p, 12345)) });
            continue;
          }
          for (const v of corpus(String(p.at(-1)), get(valid, p)))
            cases.push({ where: p.join('.'), kind: v.kind, url, payload: toJson(set(valid, p, v.value)) });
          if (!bigDone && typeof get(valid, p) === 'string') {
            bigDone = true;
            cases.push({
              where: p.join('.'),
              kind: '10 MB string',
              url,
              payload: toJson(set(valid, p, TEN_MB)),
            });
          }
        }
        cases.push({ where: 'body', kind: 'wrong type', url, payload: toJson([valid]) });
        cases.push({ where: 'body', kind: 'deep object', url, payload: toJson(deep) });
      }
      // Every path parameter with a NUL (the id of a record, a year, a kind of import).
      for (const m of r.url.matchAll(/:(\w+)/g)) {
        const param = m[1]!;
        const value = param === 'workspaceId' ? a.workspaceId : (ids[param] ?? 'x');
        cases.push({
          where: `params.${param}`,
          kind: 'NUL',
          url: r.url.replace(/:(\w+)/g, (_, q: string) =>
            q === param
              ? `${encodeURIComponent(value)}%00`
              : q === 'workspaceId'
                ? a.workspaceId
                : (ids[q] ?? `missing-${q}`),
          ),
          payload: valid === undefined ? undefined : toJson(valid),
        });
      }
      // Headers the route reads as ids.
      for (const h of Object.keys(extraHeaders))
        cases.push({
          where: `headers.${h}`,
          kind: 'NUL',
          url,
          payload: valid === undefined ? undefined : toJson(valid),
          headers: { [h]: 'abc\u0000def' },
        });

      const before = await snapshot(a.workspaceId);
      for (const c of cases) {
        requests++;
        let res: { statusCode: number; body: string };
        try {
          res = await t.call(a.session, {
            method: r.method as 'POST',
            url: c.url,
            ...(c.payload !== undefined
              ? {
                  payload: c.payload,
                  headers: { 'content-type': 'application/json', ...extraHeaders, ...c.headers },
                }
              : { headers: { ...extraHeaders, ...c.headers } }),
          });
        } catch (e) {
          // The client itself refuses to send it (a NUL in a header): nothing reached the server.
          if (c.where.startsWith('headers.')) continue;
          throw e;
        }
        if (res.statusCode < 400 || res.statusCode >= 500)
          findings.push({
            route: key,
            where: c.where,
            kind: c.kind,
            status: res.statusCode,
            body: res.body.slice(0, 160),
          });
        // A NUL or half a surrogate pair is refused naming the field, as the schemas name them.
        else if ((c.kind === 'NUL' || c.kind === 'lone surrogate') && res.statusCode === 400) {
          const named = JSON.parse(res.body).error.fields?.[0]?.field;
          if (named !== c.where.replace(/^(params|headers)\./, ''))
            findings.push({
              route: key,
              where: c.where,
              kind: `${c.kind} named as ${named}`,
              status: res.statusCode,
              body: res.body.slice(0, 160),
            });
        }
      }
      const after = await snapshot(a.workspaceId);
      const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
      if (changed.length)
        findings.push({
          route: key,
          where: changed.join(','),
          kind: 'database changed',
          status: 0,
          body: '',
        });
      // Integers past int4: any answer but a 5xx.
      if (valid !== undefined)
        for (const p of paths(valid).filter((x) => typeof get(valid, x) === 'number')) {
          requests++;
          const res = await t.call(a.session, {
            method: r.method as 'POST',
            url,
            payload: toJson(set(valid, p, INT4_OVER)),
            headers: { 'content-type': 'application/json', ...(headersFor[key]?.() ?? {}) },
          });
          if (res.statusCode >= 500)
            findings.push({
              route: key,
              where: p.join('.'),
              kind: '2147483648',
              status: res.statusCode,
              body: res.body.slice(0, 160),
            });
        }
    }
    const summary = findings.map((f) => `${f.status} ${f.route} ${f.where} [${f.kind}] ${f.body}`);
    console.log(
      `hostile walk: ${requests} requests over ${writeRoutes().length} write routes, ${findings.length} findings`,
    );
    expect(summary).toEqual([]);
  }, 600_000);

  it('every GET filter answers 4xx to a NUL or a lone surrogate', async () => {
    const findings: string[] = [];
    const reads = t.app.routeTable.filter((r) => r.method === 'GET' && r.query?.length);
    expect(reads.length).toBeGreaterThanOrEqual(10);
    for (const r of reads) {
      const url = fill(r.url, a.workspaceId, a.ids);
      for (const q of r.query!)
        for (const [kind, v] of [
          ['NUL', '%00'],
          ['NUL', 'a%00b'],
          ['year 0000', '0000-01-01'],
          ['2147483648', '2147483648'],
          ['1e309', '1e309'],
        ] as const) {
          const res = await t.call(a.session, { method: 'GET', url: `${url}?${q}=${v}` });
          // A NUL is always refused; the others may be a fine search text (q=1e309): never a 5xx.
          if (res.statusCode >= 500 || (kind === 'NUL' && res.statusCode < 400))
            findings.push(`${res.statusCode} GET ${r.url}?${q} [${kind}] ${res.body.slice(0, 160)}`);
        }
    }
    expect(findings).toEqual([]);
  }, 120_000);

  it('still takes whole emoji, other scripts and control characters that can be stored', async () => {
    const name = 'Ann 😀 Ли 中文 \u0001';
    const res = await t.call(a.session, {
      method: 'POST',
      url: `/api/v1/workspaces/${a.workspaceId}/creators`,
      payload: { displayName: name, notes: 'Tab\there 👍🏽' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().displayName).toBe(name);
  });

  /** A cell with a NUL, and one with half a surrogate pair (possible only inside a JSON string). */
  const cellValues = [
    ['nul_character', 'Ann\u0000Lee'],
    ['lone_surrogate', 'Ann\ud83d'],
  ] as const;
  const importsOf = (run: { id: string }) => waitForImport(workspaceClient(t, a.session, a.workspaceId), run);

  it('refuses a CSV cell with a NUL or a lone surrogate, naming its row and column, writing nothing', async () => {
    const ws = `/api/v1/workspaces/${a.workspaceId}`;
    // Sync imports: a 400 naming the row and the column (the header is row 1).
    const sync = [
      [
        'creators/import/preview',
        (v: string) => `display_name,tier\nGood One,2\n${v},2\n`,
        'rows.3.display_name',
      ],
      ['creators/import', (v: string) => `display_name,tier\nGood One,2\n${v},2\n`, 'rows.3.display_name'],
      [
        'exchange-rates/import',
        (v: string) => `date,currency,rate\n2026-02-01,EUR,1.09\n2026-02-02,${v},1.1\n`,
        'rows.3.currency',
      ],
    ] as const;
    for (const [path, csv, field] of sync)
      for (const [code, v] of cellValues) {
        const before = await snapshot(a.workspaceId);
        const res = await t.call(a.session, {
          method: 'POST',
          url: `${ws}/${path}`,
          payload: { csv: csv(v) },
        });
        expect(res.statusCode, `${path} ${code}: ${res.body}`).toBe(400);
        expect(res.json().error.fields).toEqual([expect.objectContaining({ field, code })]);
        expect(await snapshot(a.workspaceId)).toEqual(before);
      }

    // The orders import (in the background): the row's error names its column; nothing written.
    const ordersCsv = (v: string) =>
      `external_id,customer_id,ordered_at,amount,currency\nh-1,c1,2026-03-01 10:00,10,USD\nh-2,${v},2026-03-01 11:00,12,USD\n`;
    const bodies = [
      ...cellValues.map(([code, v]) => [code, { payload: { csv: ordersCsv(v) } }] as const),
      // As a text/csv upload too (a lone surrogate cannot travel in UTF-8 bytes).
      [
        'nul_character',
        { payload: ordersCsv('Ann\u0000Lee'), headers: { 'content-type': 'text/csv' } },
      ] as const,
    ];
    for (const [code, req] of bodies) {
      const before = await snapshot(a.workspaceId);
      const res = await t.call(a.session, { method: 'POST', url: `${ws}/imports/orders`, ...req });
      expect(res.statusCode, res.body).toBe(200);
      const run = await importsOf(res.json());
      expect(run.status, JSON.stringify(run)).toBe('done');
      expect(run.result?.wrote).toBe(false);
      expect(run.result?.rowErrors).toEqual([
        expect.objectContaining({ row: 3, column: 'customer_id', code }),
      ]);
      const after = await snapshot(a.workspaceId);
      // Only the record of the run itself is new.
      expect({ ...after, import_runs: '' }).toEqual({ ...before, import_runs: '' });
    }
    // A NUL in the header: the run fails with a message naming row 1, not the database's words.
    const head = await t.call(a.session, {
      method: 'POST',
      url: `${ws}/imports/orders`,
      payload: {
        csv: 'external_id,customer_id\u0000,ordered_at,amount,currency\nh-1,c1,2026-03-01 10:00,10,USD\n',
      },
    });
    // Refused before the run starts (the header is checked with the column mapping): a 400
    // naming row 1 and the column, not the database's words.
    expect(head.statusCode, head.body).toBe(400);
    expect(head.json().error.message).toBe(
      'Row 1, column 2: contains a NUL character (U+0000), which cannot be stored',
    );
    expect(head.json().error.fields).toEqual([
      expect.objectContaining({ field: 'rows.1.column 2', code: 'nul_character' }),
    ]);

    // Posts and metrics read the file whole: the run fails naming the row and the column.
    for (const [kind, csv, where] of [
      ['posts', (v: string) => `external_id,creator,title\np-1,${v},Hello\n`, 'Row 2, creator'],
      ['metrics', (v: string) => `post,captured_at,reach\n${v},2026-03-01T10:00:00Z,5\n`, 'Row 2, post'],
    ] as const)
      for (const [, v] of cellValues) {
        const before = await snapshot(a.workspaceId);
        const res = await t.call(a.session, {
          method: 'POST',
          url: `${ws}/imports/${kind}`,
          payload: { csv: csv(v) },
        });
        const run = await importsOf(res.json());
        expect(run.status).toBe('failed');
        expect(run.error).toMatch(new RegExp(`^${where}: contains`));
        const after = await snapshot(a.workspaceId);
        expect({ ...after, import_runs: '' }).toEqual({ ...before, import_runs: '' });
      }
  }, 120_000);

  it('refuses hostile values in signed webhook deliveries and their ids, writing nothing', async () => {
    const ws = `/api/v1/workspaces/${a.workspaceId}`;
    // The workspace's own webhook: { externalId, customerId, … } signed as docs/orders-webhook.md says.
    const secret = (await t.call(a.session, { method: 'POST', url: `${ws}/orders/webhook` })).json().secret;
    const order = {
      externalId: 'wh-1',
      customerId: 'c1',
      orderedAt: '2026-05-31T10:00:00Z',
      amount: '49.90',
      currency: 'USD',
    };
    const now = Math.floor(Date.now() / 1000);
    // A year that does not exist (0000) is the order's error, not the database's.
    {
      const body = JSON.stringify({ ...order, orderedAt: '0000-05-31T10:00:00Z' });
      const res = await postOrderWebhook(t, a.workspaceId, secret, body, now);
      expect(res.statusCode, res.body).toBe(400);
    }
    for (const [field, value, code] of [
      ['customerId', 'c\u0000', 'nul_character'],
      ['externalId', 'x\ud83d', 'lone_surrogate'],
      ['landingUrl', 'https://shop.test/?utm_source=a\u0000', 'nul_character'],
    ] as const) {
      const body = JSON.stringify({ ...order, [field]: value });
      const before = await snapshot(a.workspaceId);
      const res = await postOrderWebhook(t, a.workspaceId, secret, body, now);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual([expect.objectContaining({ field, code })]);
      expect(await snapshot(a.workspaceId)).toEqual(before);
    }

    // Shopify's own delivery (headers as shopify.dev documents them; see receivers.db.test.ts).
    const SHOPIFY_SECRET = 'shpss_hostile_secret';
    await t.call(a.session, {
      method: 'PUT',
      url: `${ws}/orders/receivers/shopify/secret`,
      payload: { secret: SHOPIFY_SECRET },
    });
    const shopify = (body: string, id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/hooks/shopify/${a.workspaceId}`,
        headers: {
          'content-type': 'application/json',
          'x-shopify-topic': 'orders/create',
          'x-shopify-hmac-sha256': createHmac('sha256', SHOPIFY_SECRET).update(body).digest('base64'),
          'x-shopify-webhook-id': id,
          'x-shopify-shop-domain': 'oat-shop.myshopify.com',
        },
        payload: body,
      });
    const shopOrder = (email: string) =>
      JSON.stringify({
        id: 820982911946,
        name: '#9999',
        created_at: '2026-03-01T10:00:00-05:00',
        currency: 'USD',
        total_price: '49.90',
        financial_status: 'paid',
        customer: { id: 115310627314, email },
        discount_codes: [],
        landing_site: null,
      });
    const before = await snapshot(a.workspaceId);
    const nul = await shopify(shopOrder('ann\u0000@example.test'), 'b1c2d3e4-0000-4000-8000-000000000901');
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json().error.fields).toEqual([
      expect.objectContaining({ field: 'customer.email', code: 'nul_character' }),
    ]);
    const half = await shopify(shopOrder('ann\ud83d@example.test'), 'b1c2d3e4-0000-4000-8000-000000000902');
    expect(half.statusCode, half.body).toBe(400);
    expect(half.json().error.fields).toEqual([
      expect.objectContaining({ field: 'customer.email', code: 'lone_surrogate' }),
    ]);
    // A NUL in the delivery id header: refused before anything is read (if the client sends it at all).
    const idRes = await shopify(shopOrder('ann@example.test'), 'b1c2\u0000d3e4').catch(() => null);
    if (idRes) {
      expect(idRes.statusCode, idRes.body).toBe(400);
      expect(idRes.json().error.fields).toEqual([
        expect.objectContaining({ field: 'x-shopify-webhook-id', code: 'nul_character' }),
      ]);
    }
    // Only the deliveries' log lines are new (each refused delivery is logged as `invalid`).
    const after = await snapshot(a.workspaceId);
    expect(Object.keys(after).filter((k) => after[k] !== before[k])).toEqual(['webhook_log']);
  }, 60_000);
});
