import type { Clock } from '@evergreen/core';
import { auditLog, creatorEvents, creatorHandles, creatorRates, creators } from '@evergreen/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinWorkspace, signUpAs } from '../testing/factories/team.ts';
import { fixtureFile as fixture } from '../testing/fixtures.ts';
import { createTestApp, type Session, type TestApp } from '../testing/harness.ts';

/**
 * CSV import and export of creators, with the files in ./fixtures. Expected values are written
 * out by hand from those files. Rows are numbered as a spreadsheet shows them (header = row 1).
 */

const clock: Clock = { now: () => new Date('2026-11-20T10:00:00Z') };

let t: TestApp;
let owner: Session;
let maria: Session;
let analyst: Session;
let ws: string;

const api = (path: string, workspaceId = ws) => `/api/v1/workspaces/${workspaceId}${path}`;
const sendCsv = (s: Session, path: string, csv: Buffer | string, workspaceId = ws) =>
  t.call(s, {
    method: 'POST',
    url: api(path, workspaceId),
    headers: { 'content-type': 'text/csv' },
    payload: csv,
  });
/** Sends the CSV, expects 200, answers the JSON body. */
const sendCsvOk = async (s: Session, path: string, csv: Buffer | string, workspaceId = ws) => {
  const res = await sendCsv(s, path, csv, workspaceId);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const exportCsv = (s: Session, query = '', workspaceId = ws) =>
  t.call(s, { method: 'GET', url: api(`/creators/export.csv${query}`, workspaceId) });

async function rowCounts(workspaceId = ws) {
  const n = async (table: typeof creators | typeof creatorEvents | typeof auditLog) => {
    const [r] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(eq(table.workspaceId, workspaceId));
    return Number(r!.n);
  };
  const m = async (table: typeof creatorHandles | typeof creatorRates) => {
    const [r] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .where(eq(table.workspaceId, workspaceId));
    return Number(r!.n);
  };
  return {
    creators: await n(creators),
    events: await n(creatorEvents),
    audit: await n(auditLog),
    handles: await m(creatorHandles),
    rates: await m(creatorRates),
  };
}

async function idOf(displayName: string, workspaceId = ws): Promise<string> {
  const [c] = await t.database.db
    .select({ id: creators.id })
    .from(creators)
    .where(and(eq(creators.workspaceId, workspaceId), eq(creators.displayName, displayName)));
  if (!c) throw new Error(`no creator ${displayName}`);
  return c.id;
}
const profile = async (name: string) =>
  (await t.call(owner, { method: 'GET', url: api(`/creators/${await idOf(name)}`) })).json();

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await t.signUp('Olga Owner');
  ws = (await t.createWorkspace(owner, 'CSV Co')).id;
  maria = await signUpAs(t, 'maria@team.example', 'Maria Manager');
  await joinWorkspace(t, owner, ws, maria, 'manager');
  analyst = await t.signUp('Ann Analyst');
  await joinWorkspace(t, owner, ws, analyst, 'analyst');
  // Has an account, but is not a member of the workspace.
  await signUpAs(t, 'outsider@team.example', 'Oscar Outsider');
});
afterAll(() => t.close());

const goodColumns = [
  'external_id',
  'display_name',
  'legal_name',
  'email',
  'tier',
  'status',
  'owner_email',
  'markets',
  'languages',
  'tags',
  'preferred_channel',
  'lead_time_days',
  'cadence_days',
  'briefing_style',
  'boundaries',
  'notes',
  'instagram',
  'tiktok',
  'youtube',
  'telegram',
  'vk',
  'other',
  'rate_post',
  'rate_reel',
];
const fresh = { creatorId: null, matchedBy: null, changes: [], errors: [] };

describe('importing a clean file (creators-good.csv: BOM, CRLF, quotes, a line break in a cell, Cyrillic)', () => {
  it('previews four new creators and writes nothing', async () => {
    const body = await sendCsvOk(owner, '/creators/import/preview', fixture('creators-good.csv'));
    expect(body).toEqual({
      columns: goodColumns,
      rows: [
        { row: 2, action: 'create', displayName: 'Anna Petrova', ...fresh },
        // Its notes cell spans two lines of the file; it is still one row, as in a spreadsheet.
        { row: 3, action: 'create', displayName: 'Мария Иванова', ...fresh },
        { row: 4, action: 'create', displayName: 'Ben Carter', ...fresh },
        { row: 5, action: 'create', displayName: 'Chloe Kim', ...fresh },
      ],
      counts: { create: 4, update: 0, unchanged: 0, error: 0 },
    });
    expect((await rowCounts()).creators).toBe(0);
  });

  it('imports every value exactly: money in minor units, lists, handles without @, the owner by email', async () => {
    const body = await sendCsvOk(owner, '/creators/import', fixture('creators-good.csv'));
    expect(body).toEqual({
      mode: 'all_or_nothing',
      created: 4,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      errors: 0,
      rowErrors: [],
    });
    expect(await rowCounts()).toMatchObject({ creators: 4, handles: 9, rates: 5 });

    expect(await profile('Anna Petrova')).toMatchObject({
      externalId: 'CRM-001',
      legalName: 'Анна Петрова',
      email: 'anna@example.com',
      tier: 1,
      status: 'active',
      ownerUserId: maria.me.user.id,
      ownerName: 'Maria Manager',
      markets: ['RU', 'US'],
      languages: ['ru', 'en'],
      tags: ['skincare', 'video'],
      preferredChannel: 'email',
      leadTimeDays: 14,
      cadenceDaysOverride: 30,
      briefingStyle: 'Short brief with a moodboard',
      boundaries: 'No alcohol',
      notes: 'Loves "clean" beauty, replies fast',
      handles: [
        { platform: 'instagram', handle: 'anna.glow', url: null },
        { platform: 'tiktok', handle: 'annaglow', url: null },
        { platform: 'telegram', handle: 'anna_tg', url: null },
      ],
      rates: [
        { deliverableType: 'post', amountMinor: 150_000, currency: 'USD' },
        { deliverableType: 'reel', amountMinor: 12_000_000, currency: 'RUB' },
      ],
      paymentDetails: { present: false, mask: null },
    });
    expect(await profile('Мария Иванова')).toMatchObject({
      externalId: 'CRM-002',
      legalName: null,
      email: 'maria.i@example.ru',
      tier: 2,
      ownerUserId: null,
      markets: ['RU'],
      languages: ['ru'],
      tags: ['уход', 'видео'],
      preferredChannel: 'in_person',
      leadTimeDays: 7,
      cadenceDaysOverride: null,
      notes: 'Первая строка\r\nвторая строка',
      handles: [
        { platform: 'instagram', handle: 'maria_iv', url: null },
        { platform: 'vk', handle: 'maria_vk', url: null },
      ],
      rates: [{ deliverableType: 'post', amountMinor: 8_000_000, currency: 'RUB' }],
    });
    expect(await profile('Ben Carter')).toMatchObject({
      externalId: null,
      legalName: 'Benjamin Carter',
      tier: 3,
      status: 'prospect',
      preferredChannel: 'dm',
      briefingStyle: '- bullet points only',
      handles: [
        { platform: 'instagram', handle: 'bencarter' },
        { platform: 'tiktok', handle: 'ben.moves' },
        { platform: 'youtube', handle: 'BenCarterFit' },
      ],
      rates: [{ deliverableType: 'reel', amountMinor: 25_000, currency: 'USD' }],
    });
    expect(await profile('Chloe Kim')).toMatchObject({
      email: null,
      tier: 2,
      status: 'paused',
      markets: ['US', 'KR'],
      languages: ['en'],
      tags: [],
      notes: '=HYPERLINK("http://evil.example")',
      handles: [{ platform: 'instagram', handle: 'chloe.k' }],
      rates: [{ deliverableType: 'post', amountMinor: 50_000, currency: 'JPY' }],
    });
  });

  it('puts an "imported" entry on each timeline and one audit entry with the counts', async () => {
    const anna = await idOf('Anna Petrova');
    const timeline = (await t.call(owner, { method: 'GET', url: api(`/creators/${anna}/timeline`) })).json();
    expect(timeline).toEqual([
      {
        type: 'imported',
        at: '2026-11-20T10:00:00.000Z',
        on: null,
        byName: 'Olga Owner',
        reason: 'CSV import',
        data: { action: 'created', row: 2, tier: 1, status: 'active' },
      },
    ]);
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, 'creator.imported')));
    expect(audits.map((a) => [a.actorUserId, a.changes])).toEqual([
      [
        owner.me.user.id,
        {
          mode: 'all_or_nothing',
          created: 4,
          updated: 0,
          unchanged: 0,
          skipped: 0,
          errors: 0,
          rows: 4,
        },
      ],
    ]);
  });

  it('re-importing the same file (as JSON this time) matches every row and duplicates nothing', async () => {
    const before = await rowCounts();
    const res = await t.call(owner, {
      method: 'POST',
      url: api('/creators/import'),
      payload: { csv: fixture('creators-good.csv').toString('utf8') },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 4, skipped: 0 });
    const after = await rowCounts();
    // Nothing changed, so nothing goes on the timelines; the import itself is audited.
    expect(after).toEqual({ ...before, audit: before.audit + 1 });
  });
});

describe('a file with good rows, bad rows and existing creators (creators-mixed.csv)', () => {
  const rowErrors = [
    { row: 5, column: 'tier', message: 'must be 1, 2 or 3 (got "4")', code: 'invalid_tier' },
    {
      row: 6,
      column: 'owner_email',
      message: 'outsider@team.example is not a member of this workspace',
      code: 'not_member',
    },
    {
      row: 7,
      column: 'email',
      message: '"fiona(at)example.com" is not a valid email address',
      code: 'invalid_email',
    },
    {
      row: 9,
      column: 'instagram',
      message: 'row 8 has the same instagram handle',
      code: 'duplicate_in_file',
    },
    {
      row: 10,
      column: 'email',
      message: 'ben@example.com belongs to another creator, "Ben Carter"',
      code: 'taken',
    },
  ];

  it('previews each row: updates matched by external_id, email and handle, a create, and the errors', async () => {
    const [anna, ben, chloe, mariaI] = await Promise.all(
      ['Anna Petrova', 'Ben Carter', 'Chloe Kim', 'Мария Иванова'].map((n) => idOf(n)),
    );
    const body = await sendCsvOk(owner, '/creators/import/preview', fixture('creators-mixed.csv'));
    const err = (row: number) => rowErrors.filter((e) => e.row === row);
    expect(body.rows).toEqual([
      {
        row: 2,
        action: 'update',
        creatorId: anna,
        matchedBy: 'external_id',
        displayName: 'Anna Petrova',
        changes: ['tier', 'rate_post'],
        errors: [],
      },
      // BEN@EXAMPLE.COM matches ben@example.com; an empty tiktok cell removes the handle.
      {
        row: 3,
        action: 'update',
        creatorId: ben,
        matchedBy: 'email',
        displayName: 'Ben Carter',
        changes: ['status', 'tiktok'],
        errors: [],
      },
      {
        row: 4,
        action: 'update',
        creatorId: chloe,
        matchedBy: 'instagram',
        displayName: 'Chloe K.',
        changes: ['display_name'],
        errors: [],
      },
      { row: 5, action: 'error', ...fresh, displayName: 'Dana White', errors: err(5) },
      { row: 6, action: 'error', ...fresh, displayName: 'Egor Smirnov', errors: err(6) },
      { row: 7, action: 'error', ...fresh, displayName: 'Fiona Lee', errors: err(7) },
      { row: 8, action: 'create', ...fresh, displayName: 'Gleb Orlov' },
      { row: 9, action: 'error', ...fresh, displayName: 'Hanna Berg', errors: err(9) },
      {
        row: 10,
        action: 'error',
        creatorId: mariaI,
        matchedBy: 'external_id',
        displayName: 'Мария Иванова',
        changes: [],
        errors: err(10),
      },
    ]);
    expect(body.counts).toEqual({ create: 1, update: 3, unchanged: 0, error: 5 });
  });

  it('all or nothing: refuses the file with every row error, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await sendCsv(owner, '/creators/import?mode=all_or_nothing', fixture('creators-mixed.csv'));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(
      '5 of 9 rows have errors; nothing was imported. Row 5, column tier: must be 1, 2 or 3 (got "4"); ' +
        'Row 6, column owner_email: outsider@team.example is not a member of this workspace; ' +
        'Row 7, column email: "fiona(at)example.com" is not a valid email address; ' +
        'Row 9, column instagram: row 8 has the same instagram handle; ' +
        'Row 10, column email: ben@example.com belongs to another creator, "Ben Carter"',
    );
    expect(error.fields).toEqual(
      rowErrors.map((e) => ({
        field: `rows.${e.row}.${e.column}`,
        message: e.message,
        code: e.code,
        params: { row: e.row, column: e.column },
      })),
    );
    expect(await rowCounts()).toEqual(before);
    expect((await profile('Anna Petrova')).tier).toBe(1);
  });

  it('valid rows: imports the good ones in one go and reports the skipped ones by row and column', async () => {
    const before = await rowCounts();
    const body = await sendCsvOk(owner, '/creators/import?mode=valid_rows', fixture('creators-mixed.csv'));
    expect(body).toEqual({
      mode: 'valid_rows',
      created: 1,
      updated: 3,
      unchanged: 0,
      skipped: 5,
      errors: 5,
      rowErrors,
    });
    const after = await rowCounts();
    // Gleb is new; Ben lost his tiktok handle, Gleb brought an instagram one.
    expect(after.creators).toBe(before.creators + 1);
    expect(after.handles).toBe(before.handles);
    // 4 imported + Anna's tier_changed + Ben's status_changed.
    expect(after.events).toBe(before.events + 6);
    // creator.imported + Anna's creator.tier_changed.
    expect(after.audit).toBe(before.audit + 2);

    const anna = await profile('Anna Petrova');
    expect(anna).toMatchObject({
      tier: 2,
      rates: [
        { deliverableType: 'post', amountMinor: 160_000, currency: 'USD' },
        { deliverableType: 'reel', amountMinor: 12_000_000, currency: 'RUB' },
      ],
      // Columns the file does not have are kept.
      legalName: 'Анна Петрова',
      handles: [
        { platform: 'instagram', handle: 'anna.glow' },
        { platform: 'tiktok', handle: 'annaglow' },
        { platform: 'telegram', handle: 'anna_tg' },
      ],
    });
    const timeline = (
      await t.call(owner, { method: 'GET', url: api(`/creators/${anna.id}/timeline`) })
    ).json();
    expect(
      timeline.map((e: { type: string; reason: string | null; data: unknown }) => [e.type, e.reason, e.data]),
    ).toEqual(
      expect.arrayContaining([
        ['tier_changed', 'CSV import', { from: 1, to: 2 }],
        ['imported', 'CSV import', { action: 'updated', row: 2, changes: ['tier', 'rate_post'] }],
      ]),
    );
    expect(await profile('Ben Carter')).toMatchObject({
      email: 'ben@example.com',
      status: 'active',
      handles: [
        { platform: 'instagram', handle: 'bencarter' },
        { platform: 'youtube', handle: 'BenCarterFit' },
      ],
    });
    expect((await profile('Chloe K.')).rates).toEqual([
      { deliverableType: 'post', amountMinor: 50_000, currency: 'JPY' },
    ]);
    expect(await profile('Gleb Orlov')).toMatchObject({
      email: 'gleb@example.com',
      tier: 3,
      status: 'prospect',
      handles: [{ platform: 'instagram', handle: 'dup.handle' }],
    });
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws), eq(auditLog.action, 'creator.imported')))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(audit!.changes).toEqual({
      mode: 'valid_rows',
      created: 1,
      updated: 3,
      unchanged: 0,
      skipped: 5,
      errors: 5,
      rows: 9,
    });
  });

  it('importing it again updates nothing twice and creates no duplicate', async () => {
    const body = await sendCsvOk(owner, '/creators/import?mode=valid_rows', fixture('creators-mixed.csv'));
    expect(body).toMatchObject({ created: 0, updated: 0, unchanged: 4, skipped: 5 });
    // Hanna's handle now matches Gleb, whom row 8 already matched.
    expect(body.rowErrors.filter((e: { row: number }) => e.row === 9)).toEqual([
      { row: 9, column: 'instagram', message: 'row 8 matches the same creator', code: 'duplicate_in_file' },
    ]);
    expect((await rowCounts()).creators).toBe(5);
  });
});

describe('matching order (creators-match.csv): external_id, else email, else a handle', () => {
  it('matches each row the expected way and refuses ambiguous ones', async () => {
    const [mariaI, ben, chloe, anna] = await Promise.all(
      ['Мария Иванова', 'Ben Carter', 'Chloe K.', 'Anna Petrova'].map((n) => idOf(n)),
    );
    const preview = (await sendCsv(owner, '/creators/import/preview', fixture('creators-match.csv'))).json();
    expect(
      preview.rows.map(
        (r: { row: number; action: string; creatorId: string; matchedBy: string; changes: string[] }) => [
          r.row,
          r.action,
          r.creatorId,
          r.matchedBy,
          r.changes,
        ],
      ),
    ).toEqual([
      [2, 'update', mariaI, 'external_id', ['tags']],
      // BEN-7 is no one's external id yet: the email finds Ben, who gets it.
      [3, 'update', ben, 'email', ['external_id', 'tags']],
      [4, 'update', chloe, 'instagram', ['email', 'tags']],
      [5, 'error', null, null, []],
      [6, 'error', anna, 'email', []],
      [7, 'create', null, null, []],
    ]);
    expect(preview.rows[3].errors).toEqual([
      {
        row: 5,
        column: 'tiktok',
        message: 'tiktok annaglow belongs to "Anna Petrova" but instagram belongs to "Gleb Orlov"',
        code: 'ambiguous_match',
      },
    ]);
    // Matched by email, but the creator already has another external id: not silently replaced.
    expect(preview.rows[4].errors).toEqual([
      {
        row: 6,
        column: 'external_id',
        message: 'email matches "Anna Petrova", whose external_id is CRM-001',
        code: 'external_id_mismatch',
      },
    ]);
    const res = await sendCsv(owner, '/creators/import?mode=valid_rows', fixture('creators-match.csv'));
    expect(res.json()).toMatchObject({ created: 1, updated: 3, unchanged: 0, skipped: 2, errors: 2 });
    expect(await profile('Ben Carter')).toMatchObject({ externalId: 'BEN-7', tags: ['by-email'] });
    expect(await profile('Chloe K.')).toMatchObject({ email: 'chloe@example.com', tags: ['by-handle'] });
    expect(await profile('Мария Иванова')).toMatchObject({ tags: ['by-external-id'] });
    expect(await profile('Nika New')).toMatchObject({ externalId: 'NEW-1', tier: 3, status: 'prospect' });
  });
});

describe('refused files', () => {
  it('names unknown columns in the header (row 1), and says payment details are not imported', async () => {
    const res = await sendCsv(owner, '/creators/import/preview', 'display_name,Phone,IBAN\nZoe,1,2\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      {
        field: 'rows.1.Phone',
        message: 'Unknown column "Phone" (the columns are listed in docs/csv.md)',
        code: 'unknown_column',
        params: { row: 1, column: 'Phone' },
      },
      {
        field: 'rows.1.IBAN',
        message:
          'Unknown column "IBAN": payment details are not imported from CSV (enter them on the creator\'s profile)',
        code: 'unknown_column',
        params: { row: 1, column: 'IBAN' },
      },
    ]);
  });

  it('names the row of a quote that is never closed', async () => {
    const res = await sendCsv(owner, '/creators/import', 'display_name,notes\nZoe,fine\nYan,"never closed\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      message: 'Row 3: a quoted cell is never closed (a " is missing)',
    });
  });

  it('refuses a file over 5 MB or over 20,000 rows with a clear message', async () => {
    const big = `display_name,notes\n${`Zoe,${'x'.repeat(1000)}\n`.repeat(5300)}`;
    const res = await t.call(owner, { method: 'POST', url: api('/creators/import'), payload: { csv: big } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      'The file is 5.1 MB; the limit is 5 MB (and 20,000 rows): split it into smaller files',
    );
    const many = `display_name\n${'Zoe\n'.repeat(20_001)}`;
    const res2 = await sendCsv(owner, '/creators/import', many);
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.fields[0].code).toBe('too_many_rows');
  });

  it('answers 403 to an analyst, for the preview and the import, and writes nothing', async () => {
    const before = await rowCounts();
    for (const path of ['/creators/import/preview', '/creators/import?mode=valid_rows']) {
      const res = await sendCsv(analyst, path, 'display_name\nSneaky Creator\n');
      expect(res.statusCode, path).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('export', () => {
  // A workspace of its own holding exactly the four creators of creators-good.csv.
  let ws2: string;
  const header =
    'external_id,display_name,legal_name,greeting_name,email,tier,status,owner_email,markets,languages,tags,preferred_channel,lead_time_days,cadence_days,briefing_style,boundaries,notes,instagram,tiktok,youtube,telegram,vk,other,rate_post,rate_reel';
  const anna =
    'CRM-001,Anna Petrova,Анна Петрова,,anna@example.com,1,active,maria@team.example,RU;US,ru;en,skincare;video,email,14,30,Short brief with a moodboard,No alcohol,"Loves ""clean"" beauty, replies fast",anna.glow,annaglow,,anna_tg,,,1500.00 USD,120000.00 RUB';
  const ben =
    ",Ben Carter,Benjamin Carter,,ben@example.com,3,prospect,,US,en,fitness,dm,,,'- bullet points only,,,bencarter,ben.moves,BenCarterFit,,,,,250.00 USD";
  const chloe =
    ',Chloe Kim,,,,2,paused,,US;KR,en,,,,,,,"\'=HYPERLINK(""http://evil.example"")",chloe.k,,,,,,50000 JPY,';
  const mariaRow =
    'CRM-002,Мария Иванова,,,maria.i@example.ru,2,active,,RU,ru,уход;видео,in_person,7,,,,"Первая строка\r\nвторая строка",maria_iv,,,,maria_vk,,80000.00 RUB,';
  const file = (...rows: string[]) => `\uFEFF${[header, ...rows].map((r) => `${r}\r\n`).join('')}`;

  beforeAll(async () => {
    ws2 = (await t.createWorkspace(owner, 'Export Co')).id;
    await joinWorkspace(t, owner, ws2, maria, 'manager');
    await joinWorkspace(t, owner, ws2, analyst, 'analyst');
    const res = await sendCsv(owner, '/creators/import', fixture('creators-good.csv'), ws2);
    expect(res.json()).toMatchObject({ created: 4 });
  });

  it('writes the roster as UTF-8 CSV with a BOM, as an attachment, formula-like cells neutralised', async () => {
    const res = await exportCsv(analyst, '', ws2);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="creators-2026-11-20.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // Sorted by name like the roster; Chloe's "=HYPERLINK(…)" and Ben's "- bullet…" start with an apostrophe.
    expect(res.body).toBe(file(anna, ben, chloe, mariaRow));
  });

  it('takes the same filters as GET /creators', async () => {
    expect((await exportCsv(owner, '?tier=1', ws2)).body).toBe(file(anna));
    // Rate columns are those of the exported creators: Chloe has only a post rate.
    expect((await exportCsv(owner, '?status=paused', ws2)).body).toBe(
      `\uFEFF${header.replace(',rate_reel', '')}\r\n${chloe.replace(/,$/, '')}\r\n`,
    );
    expect((await exportCsv(owner, '?market=KR,RU&sort=name&dir=desc', ws2)).body).toBe(
      file(mariaRow, chloe, anna),
    );
    // The text search also looks at legal names.
    expect((await exportCsv(owner, `?q=${encodeURIComponent('Анна')}`, ws2)).body).toBe(file(anna));
    // No rates among the exported creators: no rate columns.
    expect((await exportCsv(owner, '?tag=nothing', ws2)).body).toBe(
      `\uFEFF${header.replace(',rate_post,rate_reel', '')}\r\n`,
    );
  });

  it('round trip: the export re-imports as unchanged, and into another workspace gives the same file', async () => {
    const exported = (await exportCsv(owner, '', ws2)).body;
    const again = await sendCsv(owner, '/creators/import', exported, ws2);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 4, skipped: 0 });

    const ws3 = (await t.createWorkspace(owner, 'Copy Co')).id;
    await joinWorkspace(t, owner, ws3, maria, 'manager');
    const copied = await sendCsv(owner, '/creators/import', exported, ws3);
    expect(copied.json()).toMatchObject({ created: 4, errors: 0 });
    expect((await exportCsv(owner, '', ws3)).body).toBe(exported);
    // The apostrophe is removed on import: the notes are the formula text again, not "'=…".
    const [chloe3] = await t.database.db
      .select({ notes: creators.notes, briefing: creators.briefingStyle })
      .from(creators)
      .where(and(eq(creators.workspaceId, ws3), eq(creators.displayName, 'Chloe Kim')));
    expect(chloe3!.notes).toBe('=HYPERLINK("http://evil.example")');
  });
});
