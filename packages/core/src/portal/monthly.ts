import type {
  Language,
  MonthlySummaryState,
  MonthlySummaryUpdate,
  MonthlySummaryView,
  PerformanceMeasures,
  PortalMonthlySummary,
  PortalMonthlySummaryUpdate,
} from '@evergreen/contracts';
import { monthlySummaryUpdate, portalMonthlySummaryUpdate } from '@evergreen/contracts';
import type { Db } from '@evergreen/db';
import { escapeHtml as esc } from '@evergreen/rules';
import { recordAudit } from '../audit/index.ts';
import { enqueueEmail, MONTHLY_SUMMARY } from '../mail/index.ts';
import { chooseLanguage } from '../messaging/index.ts';
import { emptyRaw, measureRows, reportSettings, resolvePeriod, toMeasures } from '../performance/index.ts';
import { getCreatorRow } from '../roster/index.ts';
import { requireRole } from '../shared/access.ts';
import {
  type ActorCtx,
  type Clock,
  creatorAsActor,
  iso,
  isoRequired,
  type PortalCtx,
} from '../shared/context.ts';
import { invalid } from '../shared/errors.ts';
import { formatMoney } from '../shared/money.ts';
import { randomToken, sha256 } from '../shared/secrets.ts';
import { dayInZone } from '../shared/values.ts';
import { PORTAL_INVITE_TTL_MS } from './access.ts';
import * as q from './monthly-queries.ts';
import { insertLink } from './queries.ts';

/**
 * Monthly results summaries (docs/portal.md, "Monthly summaries"; decision 0016): on the first
 * days of a month in the workspace's time zone, every active creator gets last month's posts,
 * engagement and the orders from their codes and links, compared only with their own previous
 * three months, with a sign-in link to the portal when they have access.
 */

/** A summary missed on the 1st (the server was down) still goes out up to this day of the month. */
export const SUMMARY_LAST_DAY = 7;
/** The earlier work a month is compared with: the creator's own previous months. */
export const COMPARE_MONTHS = 3;

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY-MM of the month `delta` months from `month`. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};

/** The month a summary sent at `now` covers, or null when no summary is due then. */
export function monthDue(now: Date, timeZone: string): string | null {
  const day = dayInZone(now, timeZone);
  if (Number(day.slice(8)) > SUMMARY_LAST_DAY) return null;
  return addMonths(day.slice(0, 7), -1);
}

export interface SummaryFacts {
  month: string;
  currency: string;
  posts: q.MonthPost[];
  now: PerformanceMeasures;
  /** The creator's previous COMPARE_MONTHS months together; null when they had no posts then. */
  before: PerformanceMeasures | null;
}

/** Reuses the performance measures (the Results tab's): the month, and the months before it. */
export async function summaryFacts(
  db: Db,
  workspaceId: string,
  creatorId: string,
  month: string,
  clock: Clock,
): Promise<SummaryFacts> {
  const settings = await reportSettings(db, workspaceId);
  const measure = async (from: string, to: string) => {
    const period = resolvePeriod({ from, to }, clock);
    const [raw] = await measureRows(db, workspaceId, period, settings.repeatHorizonDays, 'total', creatorId);
    return toMeasures(raw ?? emptyRaw(creatorId));
  };
  const now = await measure(`${month}-01`, lastDay(month));
  const before = await measure(`${addMonths(month, -COMPARE_MONTHS)}-01`, lastDay(addMonths(month, -1)));
  const posts = await q.postsBetween(
    db,
    workspaceId,
    creatorId,
    `${month}-01T00:00:00.000Z`,
    `${addMonths(month, 1)}-01T00:00:00.000Z`,
  );
  return {
    month,
    currency: settings.currency,
    posts,
    now,
    before: before.posts || before.orders ? before : null,
  };
}

const T = {
  en: {
    subject: (m: string, ws: string) => `Your results for ${m} with ${ws}`,
    hello: (n: string) => `Hi ${n},`,
    intro: (m: string, ws: string) => `here is how ${m} went with ${ws}.`,
    posts: (n: number) => `Posts: ${n}`,
    none: 'No posts were published this month.',
    engagement: 'Engagement',
    orders: 'Orders with your codes and links',
    revenue: 'Revenue from those orders',
    customers: 'New customers',
    before: (x: string) => `your average over the previous ${COMPARE_MONTHS} months: ${x}`,
    first: `There is nothing earlier of yours to compare with yet.`,
    fair: 'We compare you only with your own earlier work, never with other creators.',
    portal: 'See every post, payment and brief in your portal (the link works once, for 7 days):',
    noPortal: (ws: string) => `Ask ${ws} for access to the creator portal to see every post and payment.`,
    reply: 'Reply to this email if you have questions.',
    button: 'Open the portal',
  },
  ru: {
    subject: (m: string, ws: string) => `Ваши результаты за ${m} — «${ws}»`,
    hello: (n: string) => `Здравствуйте, ${n}!`,
    intro: (m: string, ws: string) => `Вот как прошёл ${m} с «${ws}».`,
    posts: (n: number) => `Публикаций: ${n}`,
    none: 'В этом месяце публикаций не было.',
    engagement: 'Вовлечённость',
    orders: 'Заказы по вашим промокодам и ссылкам',
    revenue: 'Выручка с этих заказов',
    customers: 'Новые покупатели',
    before: (x: string) => `в среднем за ${COMPARE_MONTHS} предыдущих месяца: ${x}`,
    first: 'Сравнивать пока не с чем: раньше у вас не было публикаций и заказов.',
    fair: 'Мы сравниваем ваши результаты только с вашими же прошлыми, никогда с другими авторами.',
    portal: 'Все публикации, оплаты и брифы — в вашем кабинете (ссылка одноразовая, действует 7 дней):',
    noPortal: (ws: string) =>
      `Попросите «${ws}» открыть вам кабинет автора, чтобы видеть все публикации и оплаты.`,
    reply: 'Если есть вопросы, просто ответьте на это письмо.',
    button: 'Открыть кабинет',
  },
} as const;

const monthName = (month: string, lang: Language) =>
  new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${month}-15T00:00:00Z`));
const pct = (rate: string | null, lang: Language) =>
  rate == null
    ? '—'
    : new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(Number(rate));
const num = (n: number, lang: Language) =>
  new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: 1 }).format(n);

export interface SummaryEmail {
  subject: string;
  text: string;
  html: string;
}

/** The summary email in the creator's language; pure, so the preview and the job say the same. */
export function monthlySummaryEmail(i: {
  lang: Language;
  workspaceName: string;
  greetingName: string;
  note: string | null;
  facts: SummaryFacts;
  /** A sign-in link to the portal, or null when the creator has no portal access. */
  portalUrl: string | null;
}): SummaryEmail {
  const t = T[i.lang];
  const f = i.facts;
  const m = monthName(f.month, i.lang);
  const b = f.before;
  const avg = (n: number) => n / COMPARE_MONTHS;
  const line = (label: string, value: string, earlier: string | null) =>
    `${label}: ${value}${earlier == null ? '' : ` (${t.before(earlier)})`}`;
  const figures = [
    line(t.posts(f.now.posts).split(':')[0]!, num(f.now.posts, i.lang), b ? num(avg(b.posts), i.lang) : null),
    line(t.engagement, pct(f.now.engagementRate, i.lang), b ? pct(b.engagementRate, i.lang) : null),
    line(t.orders, num(f.now.orders, i.lang), b ? num(avg(b.orders), i.lang) : null),
    line(
      t.revenue,
      formatMoney(f.now.revenueMinor, f.currency),
      b ? formatMoney(Math.round(avg(b.revenueMinor)), f.currency) : null,
    ),
    line(t.customers, num(f.now.customersAcquired, i.lang), b ? num(avg(b.customersAcquired), i.lang) : null),
  ];
  const postLines = f.posts.length
    ? f.posts.map((p) => {
        const what = [p.title ?? p.url ?? p.platform ?? '—', p.platform].filter(Boolean).join(', ');
        return `• ${what}${p.eng == null ? '' : ` — ${pct(p.eng, i.lang)}`}`;
      })
    : [t.none];
  const paragraphs = [
    `${t.hello(i.greetingName)}`,
    ...(i.note ? [i.note] : []),
    t.intro(m, i.workspaceName),
    figures.join('\n'),
    postLines.join('\n'),
    b ? t.fair : t.first,
    i.portalUrl ? `${t.portal}\n${i.portalUrl}` : t.noPortal(i.workspaceName),
    t.reply,
  ];
  const html = [
    `<p>${esc(t.hello(i.greetingName))}</p>`,
    ...(i.note ? [`<p><em>${esc(i.note)}</em></p>`] : []),
    `<p>${esc(t.intro(m, i.workspaceName))}</p>`,
    `<ul>${figures.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
    `<p>${postLines.map(esc).join('<br>')}</p>`,
    `<p>${esc(b ? t.fair : t.first)}</p>`,
    i.portalUrl
      ? `<p><a href="${esc(i.portalUrl)}">${esc(t.button)}</a></p>`
      : `<p>${esc(t.noPortal(i.workspaceName))}</p>`,
    `<p>${esc(t.reply)}</p>`,
  ].join('');
  return { subject: t.subject(m, i.workspaceName), text: paragraphs.join('\n\n'), html };
}

const languageOf = (c: { languages: readonly string[]; workspaceLanguage: string }): Language =>
  chooseLanguage(c.languages, ['en', 'ru'], c.workspaceLanguage);

type SummaryCreator = NonNullable<Awaited<ReturnType<typeof q.summaryCreator>>>;

/** The creator's summary of `month` in their language, with the month's figures so far. */
async function summaryMail(
  db: Db,
  workspaceId: string,
  c: SummaryCreator,
  note: string | null,
  month: string,
  clock: Clock,
  portalUrl: string | null,
) {
  const lang = languageOf(c);
  const facts = await summaryFacts(db, workspaceId, c.id, month, clock);
  const mail = monthlySummaryEmail({
    lang,
    workspaceName: c.workspaceName,
    greetingName: c.greetingName ?? c.name,
    note,
    facts,
    portalUrl,
  });
  return { lang, mail };
}

/**
 * Summarises one creator's month, once: the month is claimed (unique key) and, when the creator
 * is to get it, the email queued, in one transaction. Returns the outbox id when one was queued.
 */
async function summariseCreator(
  db: Db,
  clock: Clock,
  w: { id: string },
  creatorId: string,
  month: string,
  publicUrl: string,
): Promise<{ claimed: boolean; messageId: string | null }> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const c = await q.summaryCreator(tx, w.id, creatorId);
    if (c?.status !== 'active') return { claimed: false, messageId: null };
    const s = await q.settingsOf(tx, w.id, creatorId, true);
    // The team's switch first: when both said no, the manager's panel and the portal each show theirs.
    const status = !s.enabled
      ? 'opted_out'
      : s.creatorOptOut
        ? 'creator_opted_out'
        : !c.email
          ? 'no_email'
          : 'queued';
    const id = await q.claimMonth(tx, {
      workspaceId: w.id,
      creatorId,
      month,
      status,
      note: status === 'queued' ? s.note : null,
      now,
    });
    if (!id) return { claimed: false, messageId: null };
    if (status !== 'queued') return { claimed: true, messageId: null };
    const access = await q.liveAccess(tx, w.id, creatorId);
    let portalUrl: string | null = null;
    if (access) {
      const token = randomToken();
      await insertLink(tx, access.id, sha256(token), now, new Date(now.getTime() + PORTAL_INVITE_TTL_MS));
      portalUrl = `${publicUrl.replace(/\/$/, '')}/portal/sign-in/${token}`;
    }
    const { lang, mail } = await summaryMail(tx, w.id, c, s.note, month, clock, portalUrl);
    const messageId = await enqueueEmail(
      tx,
      {
        workspaceId: w.id,
        kind: MONTHLY_SUMMARY,
        dedupeKey: `${MONTHLY_SUMMARY}:${creatorId}:${month}`,
        to: c.email!,
        ...mail,
        meta: { creatorId, touchpointKind: 'shared_results', language: lang },
      },
      now,
    );
    await q.setSummaryMessage(tx, id, messageId);
    // The personal line went into this summary.
    if (s.note) await q.clearNote(tx, w.id, creatorId);
    return { claimed: true, messageId };
  });
}

/**
 * The scheduler's job: in every workspace whose local date is the 1st–7th, each active creator
 * not yet summarised for last month is. Safe to run at any time, twice, or in two processes at
 * once: the month's row is the claim.
 */
export async function runMonthlySummaries(
  deps: { db: Db; clock: Clock; publicUrl: string },
  opts: { onError?: (err: unknown, creatorId: string) => void } = {},
): Promise<{ queued: number; skipped: number }> {
  const { db, clock } = deps;
  let queued = 0;
  let skipped = 0;
  for (const w of await q.allWorkspaces(db)) {
    const month = monthDue(clock.now(), w.timeZone);
    if (!month) continue;
    for (const c of await q.creatorsToSummarise(db, w.id, month, w.timeZone)) {
      try {
        const r = await summariseCreator(db, clock, w, c.id, month, deps.publicUrl);
        if (r.messageId) queued++;
        else if (r.claimed) skipped++;
      } catch (err) {
        // One creator's failure (their row rolled back) must not stop the others; tried again next run.
        opts.onError?.(err, c.id);
      }
    }
  }
  return { queued, skipped };
}

const stateOf = (h: Awaited<ReturnType<typeof q.summaryHistory>>[number]): MonthlySummaryState => ({
  month: h.month,
  status: h.status !== 'queued' ? 'not_sent' : (h.mailStatus ?? 'not_sent'),
  reason: h.status === 'queued' ? null : h.status,
  sentAt: iso(h.sentAt),
  createdAt: isoRequired(h.createdAt),
  nextAttemptAt: h.mailStatus === 'queued' ? iso(h.nextAttemptAt) : null,
  lastError: h.lastError ?? null,
  to: h.to ?? null,
});

/** The creator page's panel: settings, the next summary with the figures so far, what was sent. */
export async function getMonthlySummary(
  { db, clock, actor }: ActorCtx,
  creatorId: string,
  deps: { publicUrl: string },
): Promise<MonthlySummaryView> {
  requireRole(actor, 'analyst');
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const c = (await q.summaryCreator(db, actor.workspaceId, creatorId))!;
  const s = await q.settingsOf(db, actor.workspaceId, creatorId);
  const month = dayInZone(clock.now(), c.timeZone).slice(0, 7);
  const access = await q.liveAccess(db, actor.workspaceId, creatorId);
  const portalUrl = access ? `${deps.publicUrl.replace(/\/$/, '')}/portal/sign-in/…` : null;
  const { lang, mail } = await summaryMail(db, actor.workspaceId, c, s.note, month, clock, portalUrl);
  return {
    enabled: s.enabled,
    creatorOptedOut: s.creatorOptOut,
    note: s.note,
    nextMonth: month,
    nextSendOn: `${addMonths(month, 1)}-01`,
    nextBlockedBy: !s.enabled
      ? 'opted_out'
      : s.creatorOptOut
        ? 'creator_opted_out'
        : c.status !== 'active'
          ? 'not_active'
          : !c.email
            ? 'no_email'
            : null,
    preview: { language: lang, to: c.email, subject: mail.subject, text: mail.text },
    history: (await q.summaryHistory(db, actor.workspaceId, creatorId)).map(stateOf),
  };
}

/** A manager switches a creator's summary on or off, or sets the personal line for the next one. */
export async function updateMonthlySummary(
  ctx: ActorCtx,
  creatorId: string,
  input: MonthlySummaryUpdate,
  deps: { publicUrl: string },
): Promise<MonthlySummaryView> {
  const { db, clock, actor } = ctx;
  requireRole(actor, 'manager');
  const body = monthlySummaryUpdate.safeParse(input);
  if (!body.success)
    throw invalid(String(body.error.issues[0]?.path[0] ?? 'body'), body.error.issues[0]!.message);
  await getCreatorRow(db, actor.workspaceId, creatorId);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const before = await q.settingsOf(tx, actor.workspaceId, creatorId, true);
    const after = {
      enabled: body.data.enabled ?? before.enabled,
      note: body.data.note === undefined ? before.note : body.data.note || null,
    };
    await q.upsertSettings(tx, {
      workspaceId: actor.workspaceId,
      creatorId,
      ...after,
      by: actor.userId,
      now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'creator.monthly_summary_updated',
        entityType: 'creator',
        entityId: creatorId,
        changes: { enabled: after.enabled, note: after.note },
      },
      now,
    );
  });
  return getMonthlySummary(ctx, creatorId, deps);
}

/** The creator's own summary setting in the portal: theirs, the team's, and whether it goes. */
export async function getPortalMonthlySummary({ db, portal }: PortalCtx): Promise<PortalMonthlySummary> {
  const s = await q.settingsOf(db, portal.workspaceId, portal.creatorId);
  const c = await q.summaryCreator(db, portal.workspaceId, portal.creatorId);
  return {
    optedIn: !s.creatorOptOut,
    switchedOffByTeam: !s.enabled,
    willSend: s.enabled && !s.creatorOptOut && c?.status === 'active' && !!c.email,
  };
}

/**
 * The creator opts out of (or back into) the monthly summary. Only ever their own row: the
 * creator comes from the portal session, never from the request. The manager's switch is untouched.
 */
export async function setPortalMonthlySummary(
  ctx: PortalCtx,
  input: PortalMonthlySummaryUpdate,
): Promise<PortalMonthlySummary> {
  const { db, clock, portal } = ctx;
  const body = portalMonthlySummaryUpdate.safeParse(input);
  if (!body.success)
    throw invalid(String(body.error.issues[0]?.path[0] ?? 'body'), body.error.issues[0]!.message);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await q.setCreatorOptOut(tx, {
      workspaceId: portal.workspaceId,
      creatorId: portal.creatorId,
      optOut: !body.data.optedIn,
      now,
    });
    await recordAudit(
      tx,
      creatorAsActor(portal),
      {
        action: 'creator.monthly_summary_opt_changed',
        entityType: 'creator',
        entityId: portal.creatorId,
        changes: { optedIn: body.data.optedIn, byCreator: portal.creatorId },
      },
      now,
    );
  });
  return getPortalMonthlySummary(ctx);
}
