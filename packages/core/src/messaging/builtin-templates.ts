import type { Language, TouchpointKind } from '@evergreen/contracts';

/**
 * The templates every workspace starts with, in English and Russian. They are written the way a
 * relationship manager who respects the creator's time would write: share a win with its numbers,
 * ask for their view before anything is decided, check in lightly — never "just following up",
 * never asking for a post. A workspace overrides any of them language by language.
 */
export interface BuiltInTemplate {
  key: string;
  name: string;
  kind: TouchpointKind;
  variants: Record<Language, { subject: string; body: string }>;
}

const signOff = {
  en: `Best,
{{#sender}}
{{sender.name}}
{{/sender}}
{{workspace.name}}`,
  ru: `Всего доброго,
{{#sender}}
{{sender.name}}
{{/sender}}
{{workspace.name}}`,
};

export const builtInTemplates: BuiltInTemplate[] = [
  {
    key: 'check_in',
    name: 'Light check-in',
    kind: 'check_in',
    variants: {
      en: {
        subject: 'How are things, {{creator.greetingName}}?',
        body: `Hi {{creator.greetingName}},

It has been a little while, so I wanted to see how you are. What are you working on at the moment, and is there anything you are excited about?

No agenda and nothing you need to do. If there is anything we could do to make working together easier, I would like to hear it.

${signOff.en}`,
      },
      ru: {
        subject: 'Как дела, {{creator.greetingName}}?',
        body: `Здравствуйте, {{creator.greetingName}}!

Давно не общались — хочется узнать, как у вас дела. Над чем сейчас работаете, что радует?

Никакой повестки, отвечать срочно не нужно. Если что-то может сделать нашу совместную работу удобнее, расскажите — нам правда важно.

${signOff.ru}`,
      },
    },
  },
  {
    key: 'share_win',
    name: 'Share a win',
    kind: 'shared_results',
    variants: {
      en: {
        subject:
          '{{#lastPost}}"{{lastPost.title}}" did really well{{/lastPost}}{{^lastPost}}Your latest post did really well{{/lastPost}}',
        body: `Hi {{creator.greetingName}},

{{#lastPost}}
Some good news: "{{lastPost.title}}" reached {{lastPost.engagementRate}} engagement. That is a strong result, and your audience clearly connected with it.
{{/lastPost}}
{{^lastPost}}
Some good news: your latest post did really well with your audience, and the whole team noticed.
{{/lastPost}}

Thank you for the care you put into it. If you are curious, I am happy to walk you through what we saw in the numbers.

${signOff.en}`,
      },
      ru: {
        subject:
          '{{#lastPost}}«{{lastPost.title}}» отлично сработала{{/lastPost}}{{^lastPost}}Ваша последняя публикация отлично сработала{{/lastPost}}',
        body: `Здравствуйте, {{creator.greetingName}}!

{{#lastPost}}
Делимся хорошей новостью: публикация «{{lastPost.title}}» набрала вовлечённость {{lastPost.engagementRate}}. Это сильный результат — видно, что аудитория на неё по-настоящему откликнулась.
{{/lastPost}}
{{^lastPost}}
Делимся хорошей новостью: ваша последняя публикация отлично зашла аудитории, и вся команда это заметила.
{{/lastPost}}

Спасибо, что вкладываете в работу столько души. Если интересно, с радостью покажем, что мы увидели в цифрах.

${signOff.ru}`,
      },
    },
  },
  {
    key: 'ask_opinion',
    name: 'Ask their view',
    kind: 'asked_opinion',
    variants: {
      en: {
        subject:
          'Your view on {{#nextCampaign}}{{nextCampaign.name}}{{/nextCampaign}}{{^nextCampaign}}what we are planning next{{/nextCampaign}}',
        body: `Hi {{creator.greetingName}},

{{#nextCampaign}}
We are starting to plan {{nextCampaign.name}}, and before anything is settled I would like your view.
{{/nextCampaign}}
{{^nextCampaign}}
We are starting to plan our next campaign, and before anything is settled I would like your view.
{{/nextCampaign}}
You know your audience better than anyone: what would feel natural to them, and what would you steer clear of?

There is no brief yet and nothing to prepare. A few lines or a short call, whichever suits you.

${signOff.en}`,
      },
      ru: {
        subject:
          'Ваше мнение о {{#nextCampaign}}«{{nextCampaign.name}}»{{/nextCampaign}}{{^nextCampaign}}нашей следующей кампании{{/nextCampaign}}',
        body: `Здравствуйте, {{creator.greetingName}}!

{{#nextCampaign}}
Мы начинаем планировать «{{nextCampaign.name}}» и, пока ничего не решено, хотим услышать вас.
{{/nextCampaign}}
{{^nextCampaign}}
Мы начинаем планировать следующую кампанию и, пока ничего не решено, хотим услышать вас.
{{/nextCampaign}}
Вы лучше всех знаете свою аудиторию: что ей будет близко, а чего лучше избегать?

Брифа пока нет, готовить ничего не нужно. Хватит пары строк или короткого созвона — как вам удобнее.

${signOff.ru}`,
      },
    },
  },
  {
    key: 'strategy_session',
    name: 'Plan together',
    kind: 'strategy_session',
    variants: {
      en: {
        subject: 'Plan the next few months together?',
        body: `Hi {{creator.greetingName}},

We have been working together for a while now, and I would like to set aside half an hour to look back and plan ahead: what worked, what felt like a chore, and what you would like to try next.

If that sounds good, send me a couple of times that suit you and I will work around them.

${signOff.en}`,
      },
      ru: {
        subject: 'Спланируем следующие месяцы вместе?',
        body: `Здравствуйте, {{creator.greetingName}}!

Мы работаем вместе уже какое-то время, и хочется выделить полчаса, чтобы оглянуться назад и посмотреть вперёд: что сработало, что давалось тяжело и что вам хотелось бы попробовать дальше.

Если идея откликается, напишите пару удобных вам слотов — мы подстроимся.

${signOff.ru}`,
      },
    },
  },
  {
    key: 'thank_you',
    name: 'Say thank you',
    kind: 'other',
    variants: {
      en: {
        subject: 'Thank you{{#lastPost}} for "{{lastPost.title}}"{{/lastPost}}',
        body: `Hi {{creator.greetingName}},

{{#lastPost}}
Thank you for "{{lastPost.title}}". It came out great, and it was a pleasure to work on it with you.
{{/lastPost}}
{{^lastPost}}
Thank you for your latest post. It came out great, and it was a pleasure to work on it with you.
{{/lastPost}}

Nothing needed from you; I just wanted to say it.

${signOff.en}`,
      },
      ru: {
        subject: 'Спасибо{{#lastPost}} за «{{lastPost.title}}»{{/lastPost}}',
        body: `Здравствуйте, {{creator.greetingName}}!

{{#lastPost}}
Спасибо за «{{lastPost.title}}». Получилось здорово, и работать над этим вместе с вами было удовольствием.
{{/lastPost}}
{{^lastPost}}
Спасибо за последнюю публикацию. Получилось здорово, и работать над ней вместе с вами было удовольствием.
{{/lastPost}}

От вас ничего не нужно — просто хотелось это сказать.

${signOff.ru}`,
      },
    },
  },
  {
    key: 'overlap_notice',
    name: 'Heads-up: another creator, same product',
    kind: 'other',
    variants: {
      en: {
        subject:
          'A heads-up about {{#overlap.products}}{{overlap.products}}{{/overlap.products}}{{^overlap.products}}our next campaign{{/overlap.products}}',
        body: `Hi {{creator.greetingName}},

A quick heads-up so nothing comes as a surprise: another creator we work with will also be featuring {{overlap.products}} in {{overlap.markets}} around the same time as you, between {{overlap.from}} and {{overlap.to}}.

Nothing changes in your brief, and your content stays yours. We simply did not want you to find out from your feed. If you would like to adjust timing or angle so your audience sees something distinct, tell us and we will work it out together.

${signOff.en}`,
      },
      ru: {
        subject:
          'Предупреждаем заранее: {{#overlap.products}}{{overlap.products}}{{/overlap.products}}{{^overlap.products}}наша следующая кампания{{/overlap.products}}',
        body: `Здравствуйте, {{creator.greetingName}}!

Хотим предупредить заранее, чтобы это не стало сюрпризом: ещё один автор, с которым мы работаем, тоже будет рассказывать о {{overlap.products}} для аудитории {{overlap.markets}} примерно в то же время, что и вы, — с {{overlap.from}} по {{overlap.to}}.

В вашем брифе ничего не меняется, и ваш контент остаётся вашим. Нам просто не хотелось, чтобы вы узнали об этом из ленты. Если захотите сдвинуть сроки или выбрать другой угол, чтобы ваша аудитория увидела что-то своё, напишите — решим вместе.

${signOff.ru}`,
      },
    },
  },
  {
    key: 'brief_sent',
    name: 'A brief for the creator',
    kind: 'brief',
    variants: {
      en: {
        subject: 'Your brief for {{brief.campaign}}: {{brief.title}}',
        body: `Hi {{creator.greetingName}},

Here is the brief for {{brief.campaign}}. Read it through, and tell us what you would change: your take on it matters more to us than the letter of it.

{{brief.title}}

{{brief.body}}
{{#brief.deliverables}}

What we agreed on:
{{brief.deliverables}}
{{/brief.deliverables}}
{{#brief.dueOn}}

Due: {{brief.dueOn}}
{{/brief.dueOn}}

If it works for you, reply to say so; if not, reply with what would.

${signOff.en}`,
      },
      ru: {
        subject: 'Бриф для «{{brief.campaign}}»: {{brief.title}}',
        body: `Здравствуйте, {{creator.greetingName}}!

Отправляем бриф для «{{brief.campaign}}». Прочитайте его и напишите, что бы вы изменили: ваш взгляд для нас важнее буквы брифа.

{{brief.title}}

{{brief.body}}
{{#brief.deliverables}}

Что делаем:
{{brief.deliverables}}
{{/brief.deliverables}}
{{#brief.dueOn}}

Срок: {{brief.dueOn}}
{{/brief.dueOn}}

Если всё подходит, ответьте на это письмо; если нет — напишите, что подошло бы.

${signOff.ru}`,
      },
    },
  },
  {
    key: 'agreement_sent',
    name: 'The agreement, for the creator to read',
    kind: 'other',
    variants: {
      en: {
        subject: 'Our agreement: {{agreement.title}}',
        body: `Hi {{creator.greetingName}},

Here is our agreement in full, below. Read it at your own pace, and ask about anything that is unclear or that you would change: nothing is final until it works for you too.

{{agreement.document}}

When you are happy with it, reply to say so and we will record your acceptance.

${signOff.en}`,
      },
      ru: {
        subject: 'Наше соглашение: {{agreement.title}}',
        body: `Здравствуйте, {{creator.greetingName}}!

Ниже — наше соглашение целиком. Прочитайте его в удобное время и спросите обо всём, что непонятно или что вы хотели бы изменить: пока вас всё не устроит, ничего не окончательно.

{{agreement.document}}

Если всё подходит, ответьте на это письмо, и мы запишем ваше согласие.

${signOff.ru}`,
      },
    },
  },
];

export const builtInTemplate = (key: string) => builtInTemplates.find((t) => t.key === key);
