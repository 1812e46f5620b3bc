import { addDays } from '@evergreen/rules';
import {
  acceptAgreement,
  activateAgreement,
  createAgreement,
  createDeliverable,
  decideExtend,
  giveNotice,
  recordAgreementSent,
} from '../agreements/index.ts';
import { acceptBrief, createBrief, createCampaign, sendBrief } from '../campaigns/index.ts';
import { nullMailer } from '../mail/index.ts';
import type { ActorCtx } from '../shared/context.ts';
import { creatorPlans } from './performance.ts';
import { ruT2, usT2 } from './roster-data.ts';

/** The demo creators by name, with the ids the roster loader gave them. */
export type DemoIds = Map<string, string>;

const at = (day: string) => `${day}T12:00:00.000Z`;

/**
 * Agreements, retainers and a campaign for the demo roster, relative to today: every Tier 1
 * creator and most Tier 2 are under agreement, one renewal decision falls within 30 days, one
 * creator has given notice, one retainer is behind on deliverables, and a spring campaign puts
 * two creators on the same product in the same market at the same time (an overlap).
 *
 * One story, whose numbers agree everywhere (demo.db.test.ts checks it): each agreement prices a
 * post at the creator's usual price (performance.ts' plans), and every post under it costs
 * exactly that; a project's fee is its rate times the posts it covers; each agreement was drafted,
 * sent and accepted before it began, and each step happened on its own day.
 */
export async function loadDemoPartnerships(ctx: ActorCtx, ids: DemoIds, today: string) {
  const id = (name: string) => {
    const v = ids.get(name);
    if (!v) throw new Error(`demo creator ${name} missing`);
    return v;
  };
  /** The context as of noon on a day: what happened then is recorded then. */
  const on = (day: string): ActorCtx => ({ ...ctx, clock: { now: () => new Date(at(day)) } });
  const plans = new Map(creatorPlans(today).map((p) => [p.name, p]));
  /** The creator's usual price per post, in minor units of their currency. */
  const usual = (name: string) => {
    const plan = plans.get(name);
    if (!plan) throw new Error(`demo plan for ${name} missing`);
    return plan.costMinor;
  };
  /** Drafted two weeks before the start, sent two days later, accepted a week before, in force on the day. */
  const live = async (name: string, input: Omit<Parameters<typeof createAgreement>[1], 'creatorId'>) => {
    const a = await createAgreement(on(addDays(input.startsOn, -14)), { ...input, creatorId: id(name) });
    await recordAgreementSent(on(addDays(input.startsOn, -12)), a.id);
    await acceptAgreement(on(addDays(input.startsOn, -7)), a.id, name, null);
    return activateAgreement(on(input.startsOn), a.id);
  };
  /** What a Tier 1 retainer includes each month. */
  const inclusions = [
    { item: 'sponsored_post', quantity: 2 },
    { item: 'planning_meeting', quantity: 1 },
    { item: 'early_product_access', quantity: 1 },
    { item: 'performance_report', quantity: 1 },
  ];
  type Terms = Partial<Omit<Parameters<typeof createAgreement>[1], 'creatorId'>>;
  /** A year's agreement that renews itself, started `daysAgo`, at the creator's usual price for one kind of post. */
  const annual = (
    name: string,
    daysAgo: number,
    perYear: number,
    deliverableType: string,
    terms: Terms = {},
  ) =>
    live(name, {
      type: 'annual',
      startsOn: addDays(today, -daysAgo),
      termMonths: 12,
      collaborationsPerYear: perYear,
      currency: 'USD',
      rates: [{ deliverableType, amountMinor: usual(name) }],
      autoRenew: true,
      ...terms,
    });
  /** A year's retainer of two posts a month (with the Tier 1 inclusions), started `daysAgo`, renewing itself. */
  const retainer = (
    name: string,
    daysAgo: number,
    monthlyFeeMinor: number,
    terms: Terms & { currency: string },
  ) =>
    live(name, {
      type: 'retainer',
      startsOn: addDays(today, -daysAgo),
      termMonths: 12,
      deliverablesPerMonth: 2,
      monthlyFeeMinor,
      inclusions,
      autoRenew: true,
      ...terms,
    });

  // Strategic partners (Tier 1): annual agreements and retainers.
  const maya = await live('Maya Chen', {
    type: 'annual',
    // The term ends in about 58 days: the rate review (60 days before the end) has just come due
    // and the notice deadline (30 days before) is four weeks away.
    startsOn: addDays(today, 58 - 364),
    termMonths: 12,
    collaborationsPerYear: 6,
    currency: 'USD',
    rates: [
      { deliverableType: 'reel', amountMinor: usual('Maya Chen') },
      { deliverableType: 'story', amountMinor: usual('Maya Chen') / 3 },
    ],
    usagePeriodDays: 90,
    paidUsage: true,
    exclusivityCategory: 'sunscreen',
    exclusivityDays: 30,
    autoRenew: true,
    renewalTermMonths: 12,
  });
  await annual('Jordan Ellis', 160, 4, 'youtube_integration');
  const sofia = await annual('Sofia Ramirez', 240, 6, 'reel');
  // Both passed month six long ago: the team decided to extend in the week before it, and wrote
  // down why.
  const monthSixEve = (a: { dates: { monthSixOn: string | null } }) => addDays(a.dates.monthSixOn!, -3);
  await decideExtend(on(monthSixEve(maya)), maya.id, {
    decision: 'extend',
    learned: 'Her tutorials convert best; post 4 reached 5.8% engagement against 4.1% for post 1.',
  });
  await decideExtend(on(monthSixEve(sofia)), sofia.id, {
    decision: 'extend',
    learned: 'Body-care audience overlaps our best customers; keep the holiday slot.',
  });
  const volkov = await annual('Дмитрий Волков', 200, 8, 'telegram_post', { currency: 'RUB', language: 'ru' });
  await giveNotice(on(addDays(today, -10)), volkov.id, {
    by: 'creator',
    givenOn: addDays(today, -10),
    reason: 'Уходит в собственный бренд',
  });

  // Anna is behind: two posts a month are included, she delivered one in each of the last months.
  const anna = await retainer('Анна Смирнова', 130, 12000000, { currency: 'RUB', language: 'ru' });
  const priya = await retainer('Priya Nair', 100, 400000, { currency: 'USD' });
  /** A post under a retainer, live on its day: the monthly fee covers the included posts, each costs its share. */
  const retainerPost = (name: string, a: typeof anna, title: string, day: string) =>
    createDeliverable(ctx, {
      creatorId: id(name),
      agreementId: a.id,
      type: 'sponsored_post',
      platform: 'instagram',
      title,
      dueOn: day,
      postedAt: at(day),
      status: 'live',
      costMinor: a.monthlyFeeMinor! / a.deliverablesPerMonth!,
      costCurrency: a.currency,
    });
  for (let m = 0; m < 4; m++) {
    const day = addDays(today, -120 + m * 30);
    // The second post of each month was asked for and never came.
    await createDeliverable(ctx, {
      creatorId: id('Анна Смирнова'),
      agreementId: anna.id,
      type: 'sponsored_post',
      platform: 'instagram',
      title: `Пост ${m + 1}б`,
      dueOn: addDays(day, 14),
      status: 'missed',
    });
    await retainerPost('Анна Смирнова', anna, `Пост ${m + 1}`, day);
  }
  for (let m = 0; m < 3; m++) {
    for (const offset of [3, 17]) {
      const day = addDays(today, -100 + m * 30 + offset);
      await retainerPost('Priya Nair', priya, `Routine post ${m * 2 + (offset === 3 ? 1 : 2)}`, day);
    }
  }

  // Regular collaborators (Tier 2): per-project contracts at their usual reel price, for most of
  // them; the fee is the three reels a year the project covers.
  // All the active ones in the US (Ethan Moore is paused) and the first six in Russia.
  const tier2 = usT2.filter((name) => name !== 'Ethan Moore');
  const tier2ru = ruT2.slice(0, 6);
  for (const [i, name] of [...tier2, ...tier2ru].entries()) {
    const rus = i >= tier2.length;
    await live(name, {
      type: 'project',
      startsOn: addDays(today, -20 - i * 11),
      termMonths: 12,
      collaborationsPerYear: 3,
      rates: [{ deliverableType: 'reel', amountMinor: usual(name) }],
      feeMinor: 3 * usual(name),
      currency: rus ? 'RUB' : 'USD',
      language: rus ? 'ru' : 'en',
      paymentTermsDays: 30,
    });
  }

  // A spring campaign in the US that puts Maya and Sofia on the same product at the same time.
  const spring = await createCampaign(ctx, {
    name: 'SPF 50 fluid launch',
    products: ['SPF 50 fluid'],
    markets: ['US'],
    startsOn: addDays(today, 12),
    endsOn: addDays(today, 42),
    status: 'planning',
    outcome: 'Reach 20% of existing customers aged 25–34 in the US with the new fluid',
    // What a manager would write here: words, not a key (the page shows it as it is).
    targetMetric: 'Existing customers aged 25–34 reached, %',
    targetValue: '20',
    budget: { amountMinor: 2000000, currency: 'USD' },
  });
  const brief = (name: string, dueInDays: number) =>
    createBrief(ctx, spring.id, {
      creatorId: id(name),
      title: 'SPF 50 fluid: a morning routine reel',
      body: 'Show the fluid in your real morning routine.\nMention that it leaves no white cast.\nLink in bio with your code.',
      deliverables: [{ type: 'reel', platform: 'instagram', quantity: 1, dueOn: addDays(today, dueInDays) }],
      dueOn: addDays(today, dueInDays),
    });
  const mayaBrief = await brief('Maya Chen', 20);
  await sendBrief(ctx, spring.id, mayaBrief.id, {}, { mailer: nullMailer });
  await acceptBrief(ctx, spring.id, mayaBrief.id, { version: 1, name: 'Maya Chen' }, { ip: null });
  await brief('Sofia Ramirez', 24);
}
