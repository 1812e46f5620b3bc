import { type CreateCreatorRequest, type TouchpointKind, transliterate } from '@evergreen/contracts';

/**
 * The demo roster: a brand working with creators in the US and Russia. Each entry says how
 * many days ago the last touchpoints were, so Today always shows due, overdue and quiet
 * creators whatever day the demo is loaded.
 */
export interface DemoCreator {
  profile: CreateCreatorRequest;
  /** Days before today of past touchpoints, oldest first, with their kind. */
  touchpoints: [daysAgo: number, kind: TouchpointKind, summary: string][];
}

const us = (handle: string) => [
  { platform: 'instagram' as const, handle },
  { platform: 'tiktok' as const, handle },
];
const ru = (handle: string) => [
  { platform: 'instagram' as const, handle },
  { platform: 'telegram' as const, handle },
  { platform: 'vk' as const, handle },
];

/** A Tier 1 creator: who they are, how they like to work, their rates (in their market's currency). */
interface Star {
  name: string;
  legalName?: string;
  email: string;
  market: 'US' | 'RU';
  /** Default: the market's language. */
  languages?: CreateCreatorRequest['languages'];
  tags: string[];
  handle: string;
  leadTimeDays: number;
  briefingStyle?: string;
  channel: NonNullable<CreateCreatorRequest['preferredChannel']>;
  rates: [deliverableType: string, amountMinor: number][];
  touchpoints: DemoCreator['touchpoints'];
}

const star = (s: Star): DemoCreator => {
  const rus = s.market === 'RU';
  return {
    profile: {
      displayName: s.name,
      ...(s.legalName ? { legalName: s.legalName } : {}),
      email: s.email,
      tier: 1,
      status: 'active',
      markets: [s.market],
      languages: s.languages ?? [rus ? 'ru' : 'en'],
      tags: s.tags,
      handles: rus ? ru(s.handle) : us(s.handle),
      leadTimeDays: s.leadTimeDays,
      ...(s.briefingStyle ? { briefingStyle: s.briefingStyle } : {}),
      preferredChannel: s.channel,
      rates: s.rates.map(([deliverableType, amountMinor]) => ({
        deliverableType,
        amountMinor,
        currency: rus ? 'RUB' : 'USD',
      })),
    },
    touchpoints: s.touchpoints,
  };
};

const t1: DemoCreator[] = [
  star({
    name: 'Maya Chen',
    email: 'maya@chenglow.example',
    market: 'US',
    tags: ['skincare', 'video'],
    handle: 'mayaglows',
    leadTimeDays: 14,
    briefingStyle: 'Loose brief, strong why; hates scripts',
    channel: 'email',
    rates: [
      ['reel', 30000],
      ['story', 10000],
    ],
    touchpoints: [
      [120, 'strategy_session', 'Annual plan: four reels, one live'],
      [62, 'shared_results', 'Sent the spring reel numbers: 5.8% engagement'],
      [26, 'check_in', 'Coffee chat, she is moving to LA in March'],
    ],
  }),
  star({
    name: 'Jordan Ellis',
    email: 'jordan@ellis.example',
    market: 'US',
    tags: ['routine', 'men'],
    handle: 'jordanellis',
    leadTimeDays: 21,
    channel: 'call',
    rates: [['youtube_integration', 40000]],
    touchpoints: [
      [95, 'brief', 'Winter routine brief accepted'],
      [33, 'check_in', 'Asked about the new cleanser; loves the texture'],
    ],
  }),
  star({
    name: 'Priya Nair',
    email: 'priya@nair.example',
    market: 'US',
    tags: ['skincare', 'science'],
    handle: 'drpriyaskin',
    leadTimeDays: 10,
    channel: 'video',
    rates: [['sponsored_post', 30000]],
    touchpoints: [
      [200, 'strategy_session', 'Kick-off'],
      [140, 'shared_results', 'Post 1 results'],
      [75, 'issue', 'Late payment; fixed the same week'],
    ],
  }),
  star({
    name: 'Анна Смирнова',
    legalName: 'Anna Smirnova',
    email: 'anna@smirnova.example',
    market: 'RU',
    tags: ['уход', 'видео'],
    handle: 'anna.glow',
    leadTimeDays: 14,
    briefingStyle: 'Голосовое сообщение, потом короткий бриф',
    channel: 'dm',
    rates: [['sponsored_post', 2800000]],
    touchpoints: [
      [150, 'strategy_session', 'Годовой план'],
      [45, 'asked_opinion', 'Спросили мнение о новой линейке'],
      [30, 'check_in', 'Созвон: готовит серию про SPF'],
    ],
  }),
  star({
    name: 'Дмитрий Волков',
    legalName: 'Dmitry Volkov',
    email: 'dmitry@volkov.example',
    market: 'RU',
    languages: ['ru', 'en'],
    tags: ['мужской уход'],
    handle: 'volkov.daily',
    leadTimeDays: 7,
    channel: 'dm',
    rates: [['telegram_post', 2500000]],
    touchpoints: [
      [110, 'brief', 'Бриф на зимнюю кампанию'],
      [71, 'payment', 'Оплата за октябрь'],
    ],
  }),
  star({
    name: 'Sofia Ramirez',
    email: 'sofia@ramirez.example',
    market: 'US',
    tags: ['bodycare'],
    handle: 'sofiaramirez',
    leadTimeDays: 14,
    channel: 'email',
    rates: [['reel', 30000]],
    touchpoints: [
      [40, 'shared_results', 'Her holiday post: best of the quarter'],
      [12, 'check_in', 'Quick DM'],
    ],
  }),
];

export const usT2 = [
  'Ava Thompson',
  'Liam Brooks',
  'Noah Patel',
  'Emma Wright',
  'Olivia Park',
  'Ethan Moore',
  'Harper Lee',
];
export const ruT2 = [
  'Екатерина Иванова',
  'Михаил Кузнецов',
  'Ольга Попова',
  'Сергей Морозов',
  'Мария Лебедева',
  'Алексей Соколов',
  'Наталья Орлова',
  'Иван Фёдоров',
];
const usT3 = [
  'Mia Johnson',
  'Lucas Gray',
  'Chloe Adams',
  'Mason Reed',
  'Zoe Carter',
  'Logan Hughes',
  'Lily Foster',
  'Caleb Ward',
  'Nora Bennett',
  'Owen Price',
];
const ruT3 = [
  'Дарья Новикова',
  'Павел Егоров',
  'Юлия Павлова',
  'Артём Козлов',
  'Виктория Белова',
  'Никита Семёнов',
  'Полина Зайцева',
  'Роман Степанов',
  'Алина Виноградова',
  'Глеб Медведев',
];

const handleOf = (name: string) => transliterate(name).replace(/[^a-z0-9]+/g, '.');

// Quarterly cadence (90 days): days since the last touchpoint spread so that some are overdue
// (> 90), a few due soon (84–90) and one gone quiet (> 180).
const t2Gaps = [40, 95, 130, 60, 88, 20, 190, 45, 100, 70, 86, 15, 110, 55, 30];

const tier2: DemoCreator[] = [
  ...usT2.map((n) => [n, 'US'] as const),
  ...ruT2.map((n) => [n, 'RU'] as const),
].map(([name, market], i) => {
  const gap = t2Gaps[i]!;
  const rus = market === 'RU';
  return {
    profile: {
      displayName: name,
      email: `${handleOf(name)}@creators.example`,
      tier: 2,
      status: i === 5 ? 'paused' : 'active',
      markets: [market],
      languages: [rus ? 'ru' : 'en'],
      tags: [i % 2 ? 'skincare' : 'makeup', ...(i % 3 === 0 ? ['video'] : [])],
      handles: rus ? ru(handleOf(name)) : us(handleOf(name)),
      leadTimeDays: 7 + (i % 3) * 7,
      preferredChannel: rus ? 'dm' : 'email',
      // Their usual reel price: the history's posts, their projects' rates and fees follow it.
      rates: [
        rus
          ? { deliverableType: 'reel', amountMinor: 1_500_000 + (i % 3) * 250_000, currency: 'RUB' }
          : { deliverableType: 'reel', amountMinor: 15_000 + (i % 4) * 2_500, currency: 'USD' },
      ],
    },
    touchpoints: [
      [gap + 90, 'brief', rus ? 'Бриф проекта' : 'Project brief'],
      [gap, i % 2 ? 'check_in' : 'shared_results', rus ? 'Квартальный созвон' : 'Quarterly check-in'],
    ],
  } satisfies DemoCreator;
});

const tier3: DemoCreator[] = [
  ...usT3.map((n) => [n, 'US'] as const),
  ...ruT3.map((n) => [n, 'RU'] as const),
].map(([name, market], i) => {
  const rus = market === 'RU';
  return {
    profile: {
      displayName: name,
      email: i % 4 === 3 ? null : `${handleOf(name)}@creators.example`,
      tier: 3,
      status: i % 5 === 0 ? 'prospect' : i % 7 === 6 ? 'alumni' : 'active',
      markets: [market],
      languages: [rus ? 'ru' : 'en'],
      tags: ['one-off'],
      handles: rus ? ru(handleOf(name)) : us(handleOf(name)),
    },
    touchpoints: i % 3 === 0 ? [] : [[60 + i * 9, 'brief', rus ? 'Разовая интеграция' : 'One-off post']],
  } satisfies DemoCreator;
});

export const demoRoster: DemoCreator[] = [...t1, ...tier2, ...tier3];
