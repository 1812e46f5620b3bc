import {
  acceptAgreement,
  createAgreement,
  decideExtend,
  giveNotice,
  recordAgreementSent,
} from '../agreements/agreements.ts';
import { createDeliverable } from '../agreements/deliverables.ts';
import { acceptBrief, createBrief, sendBrief } from '../campaigns/brief-flow.ts';
import { createCampaign } from '../campaigns/campaigns.ts';
import { nullMailer } from '../mail/mailer.ts';
import type { ActorCtx } from '../shared/context.ts';
import { addDays } from '../shared/dates.ts';

/** The demo creators by name, with the ids the roster loader gave them. */
export type DemoIds = Map<string, string>;

const at = (day: string) => `${day}T12:00:00.000Z`;

/**
 * Agreements, retainers and a campaign for the demo roster, relative to today: every Tier 1
 * creator and most Tier 2 are under agreement, one renewal decision falls within 30 days, one
 * creator has given notice, one retainer is behind on deliverables, and a spring campaign puts
 * two creators on the same product in the same market at the same time (an overlap).
 */
export async function loadDemoPartnerships(ctx: ActorCtx, ids: DemoIds, today: string) {
  const id = (name: string) => {
    const v = ids.get(name);
    if (!v) throw new Error(`demo creator ${name} missing`);
    return v;
  };
  const live = async (name: string, input: Omit<Parameters<typeof createAgreement>[1], 'creatorId'>) => {
    const a = await createAgreement(ctx, { ...input, creatorId: id(name) });
    await recordAgreementSent(ctx, a.id);
    return acceptAgreement(ctx, a.id, name, null);
  };

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
      { deliverableType: 'reel', amountMinor: 350000 },
      { deliverableType: 'story', amountMinor: 90000 },
    ],
    usagePeriodDays: 90,
    paidUsage: true,
    exclusivityCategory: 'sunscreen',
    exclusivityDays: 30,
    autoRenew: true,
    renewalTermMonths: 12,
  });
  await live('Jordan Ellis', {
    type: 'annual',
    startsOn: addDays(today, -160),
    termMonths: 12,
    collaborationsPerYear: 4,
    currency: 'USD',
    rates: [{ deliverableType: 'youtube_integration', amountMinor: 500000 }],
    autoRenew: true,
  });
  const sofia = await live('Sofia Ramirez', {
    type: 'annual',
    startsOn: addDays(today, -240),
    termMonths: 12,
    collaborationsPerYear: 6,
    currency: 'USD',
    rates: [{ deliverableType: 'reel', amountMinor: 280000 }],
    autoRenew: true,
  });
  // Both passed month six long ago: the team decided to extend, and wrote down why.
  await decideExtend(ctx, maya.id, {
    decision: 'extend',
    learned: 'Her tutorials convert best; post 4 reached 5.8% engagement against 4.1% for post 1.',
  });
  await decideExtend(ctx, sofia.id, {
    decision: 'extend',
    learned: 'Body-care audience overlaps our best customers; keep the holiday slot.',
  });
  const volkov = await live('Дмитрий Волков', {
    type: 'annual',
    startsOn: addDays(today, -200),
    termMonths: 12,
    collaborationsPerYear: 8,
    currency: 'RUB',
    rates: [{ deliverableType: 'telegram_post', amountMinor: 4500000 }],
    language: 'ru',
    autoRenew: true,
  });
  await giveNotice(ctx, volkov.id, {
    by: 'creator',
    givenOn: addDays(today, -10),
    reason: 'Уходит в собственный бренд',
  });

  const inclusions = [
    { item: 'sponsored_post', quantity: 2 },
    { item: 'planning_meeting', quantity: 1 },
    { item: 'early_product_access', quantity: 1 },
    { item: 'performance_report', quantity: 1 },
  ];
  // Anna is behind: two posts a month are included, she delivered one in each of the last months.
  const anna = await live('Анна Смирнова', {
    type: 'retainer',
    startsOn: addDays(today, -130),
    termMonths: 12,
    deliverablesPerMonth: 2,
    monthlyFeeMinor: 12000000,
    currency: 'RUB',
    inclusions,
    language: 'ru',
    autoRenew: true,
  });
  const priya = await live('Priya Nair', {
    type: 'retainer',
    startsOn: addDays(today, -100),
    termMonths: 12,
    deliverablesPerMonth: 2,
    monthlyFeeMinor: 400000,
    currency: 'USD',
    inclusions,
    autoRenew: true,
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
    await createDeliverable(ctx, {
      creatorId: id('Анна Смирнова'),
      agreementId: anna.id,
      type: 'sponsored_post',
      platform: 'instagram',
      title: `Пост ${m + 1}`,
      dueOn: day,
      postedAt: at(day),
      status: 'live',
      costMinor: 6000000,
      costCurrency: 'RUB',
    });
  }
  for (let m = 0; m < 3; m++) {
    for (const offset of [3, 17]) {
      const day = addDays(today, -100 + m * 30 + offset);
      await createDeliverable(ctx, {
        creatorId: id('Priya Nair'),
        agreementId: priya.id,
        type: 'sponsored_post',
        platform: 'instagram',
        title: `Routine post ${m * 2 + (offset === 3 ? 1 : 2)}`,
        dueOn: day,
        postedAt: at(day),
        status: 'live',
        costMinor: 200000,
        costCurrency: 'USD',
      });
    }
  }

  // Regular collaborators (Tier 2): per-project contracts at standing rates, for most of them.
  const tier2 = ['Ava Thompson', 'Liam Brooks', 'Noah Patel', 'Emma Wright', 'Olivia Park', 'Harper Lee'];
  const tier2ru = [
    'Екатерина Иванова',
    'Михаил Кузнецов',
    'Ольга Попова',
    'Сергей Морозов',
    'Мария Лебедева',
    'Алексей Соколов',
  ];
  for (const [i, name] of [...tier2, ...tier2ru].entries()) {
    const rus = i >= tier2.length;
    await live(name, {
      type: 'project',
      startsOn: addDays(today, -20 - i * 11),
      termMonths: 12,
      feeMinor: rus ? 6000000 : 120000,
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
