import { describe, expect, it } from 'vitest';
import { suggestNudge } from '../roster/index.ts';
import { builtInTemplate, builtInTemplates } from './builtin-templates.ts';
import {
  checkTemplate,
  chooseLanguage,
  formatPercent,
  type MergeValues,
  mailtoUrl,
  mergeValues,
  renderMessage,
  renderTemplate,
  TemplateError,
} from './render.ts';

const anna: MergeValues = {
  'creator.name': 'Anna Bakes',
  'creator.firstName': 'Anna',
  'creator.greetingName': 'Anna',
  'sender.name': 'Olga Owner',
  'workspace.name': 'Northwind',
};

describe('renderTemplate', () => {
  it('fills fields and reports the ones printed empty', () => {
    expect(renderTemplate('Hi {{creator.firstName}}, from {{ owner.name }}.', anna)).toEqual({
      text: 'Hi Anna, from .',
      missing: ['owner.name'],
    });
  });

  it('shows a section only when its value is there, and its inverse only when it is not', () => {
    const src = 'Post: {{#lastPost}}"{{lastPost.title}}"{{/lastPost}}{{^lastPost}}none{{/lastPost}}.';
    expect(renderTemplate(src, anna)).toEqual({ text: 'Post: none.', missing: [] });
    expect(
      renderTemplate(src, {
        ...anna,
        'lastPost.title': 'Sourdough at home',
        'lastPost.engagementRate': '4.1%',
      }),
    ).toEqual({ text: 'Post: "Sourdough at home".', missing: [] });
  });

  it('a section on a field of its own counts that field alone', () => {
    const src = '{{#lastPost.url}}Link: {{lastPost.url}}{{/lastPost.url}}';
    expect(renderTemplate(src, { 'lastPost.title': 'A post' }).text).toBe('');
    expect(renderTemplate(src, { 'lastPost.url': 'https://x.test/p/1' }).text).toBe(
      'Link: https://x.test/p/1',
    );
  });

  it('a field inside a shown section that is empty is still missing', () => {
    expect(
      renderTemplate('{{#lastPost}}{{lastPost.title}} at {{lastPost.url}}{{/lastPost}}', {
        'lastPost.title': 'A post',
      }),
    ).toEqual({ text: 'A post at', missing: ['lastPost.url'] });
  });

  it('section tags alone on their lines take the lines with them, and blank lines do not pile up', () => {
    const src =
      'Hi {{creator.firstName}},\n\n{{#lastPost}}\nYour post "{{lastPost.title}}" did well.\n{{/lastPost}}\n\nThanks!\n';
    expect(renderTemplate(src, anna).text).toBe('Hi Anna,\n\nThanks!');
    expect(renderTemplate(src, { ...anna, 'lastPost.title': 'Bread' }).text).toBe(
      'Hi Anna,\n\nYour post "Bread" did well.\n\nThanks!',
    );
  });

  it('two section tags on consecutive lines both go, with indentation around them', () => {
    const src = 'A\n  {{#owner}}  \n{{/owner}}\nB';
    expect(renderTemplate(src, anna).text).toBe('A\nB');
    expect(renderTemplate('{{#sender}}\n{{sender.name}}\n{{/sender}}\n{{workspace.name}}', anna).text).toBe(
      'Olga Owner\nNorthwind',
    );
    expect(renderTemplate('{{#owner}}\n{{owner.name}}\n{{/owner}}\n{{workspace.name}}', anna).text).toBe(
      'Northwind',
    );
  });

  it('does not escape plain text', () => {
    expect(renderTemplate('{{creator.name}}', { 'creator.name': 'Tom & "Jerry" <3' }).text).toBe(
      'Tom & "Jerry" <3',
    );
  });

  it('refuses unknown fields, odd tags and unbalanced sections, naming them', () => {
    expect(checkTemplate('Hi {{creator.nickname}} {{#campaign}}x{{/campaign}}')).toEqual([
      {
        code: 'unknown_field',
        name: 'creator.nickname',
        message: '{{creator.nickname}} is not a known merge field',
      },
      { code: 'unknown_field', name: 'campaign', message: '{{#campaign}} is not a known merge field' },
      { code: 'unknown_field', name: 'campaign', message: '{{/campaign}} is not a known merge field' },
    ]);
    expect(checkTemplate('{{ creator name }}')).toEqual([
      { code: 'invalid_tag', name: '{{ creator name }}', message: '{{ creator name }} is not a merge field' },
    ]);
    expect(checkTemplate('{{#lastPost}}open')).toEqual([
      {
        code: 'unclosed_section',
        name: 'lastPost',
        message: '{{#lastPost}} is never closed with {{/lastPost}}',
      },
    ]);
    expect(checkTemplate('{{#owner}}x{{/lastPost}}{{/owner}}').map((i) => i.code)).toEqual([
      'unexpected_close',
    ]);
    expect(() => renderTemplate('{{creator.nickname}}', anna)).toThrow(TemplateError);
    expect(checkTemplate('Plain text with { braces } and }} and {{creator.name}}')).toEqual([]);
  });
});

describe('renderMessage', () => {
  it('writes the subject on one line and the body as text and escaped HTML', () => {
    const m = renderMessage(
      {
        subject: 'For {{creator.name}}\n ok',
        body: 'Hi {{creator.firstName}},\n\nLine one\nline <two> & "three"',
      },
      { ...anna, 'creator.name': 'A&B', 'creator.firstName': '<Anna>' },
    );
    expect(m).toEqual({
      subject: 'For A&B ok',
      text: 'Hi <Anna>,\n\nLine one\nline <two> & "three"',
      html: '<p>Hi &lt;Anna&gt;,</p>\n<p>Line one<br>line &lt;two&gt; &amp; &quot;three&quot;</p>',
      missing: [],
    });
  });
});

describe('mergeValues', () => {
  it('takes the first name from the legal name when there is one, and formats numbers per language', () => {
    const facts = {
      creator: { displayName: 'Bake with Anna', legalName: 'Anna Petrova' },
      owner: { name: 'Max Manager' },
      sender: null,
      workspace: { name: 'Northwind' },
      lastPost: { title: 'Rye', engagementRatePct: '4.10', url: null, postedOn: '2026-03-03' },
      nextCampaign: { name: 'Spring launch', startsOn: '2026-04-01' },
    };
    expect(mergeValues(facts, 'en')).toEqual({
      'creator.name': 'Bake with Anna',
      'creator.firstName': 'Anna',
      'creator.greetingName': 'Anna',
      'owner.name': 'Max Manager',
      'owner.firstName': 'Max',
      'sender.name': null,
      'sender.firstName': null,
      'workspace.name': 'Northwind',
      'lastPost.title': 'Rye',
      'lastPost.engagementRate': '4.1%',
      'lastPost.url': null,
      'lastPost.postedOn': 'March 3, 2026',
      'nextCampaign.name': 'Spring launch',
      'nextCampaign.startsOn': 'April 1, 2026',
    });
    const ru = mergeValues(facts, 'ru');
    expect(ru['lastPost.engagementRate']).toBe('4,1\u00a0%');
    expect(ru['lastPost.postedOn']).toBe('3 марта 2026 г.');
    expect(
      mergeValues({ creator: { displayName: 'Kate  Moss' }, workspace: { name: 'W' } }, 'en')[
        'creator.firstName'
      ],
    ).toBe('Kate');
    // A Russian legal name is written surname first: the greeting is the given name, not "Соколова".
    const ru3 = mergeValues(
      {
        creator: { displayName: 'Alina Bakes', legalName: 'Соколова Алина Игоревна' },
        workspace: { name: 'W' },
      },
      'ru',
    );
    expect([ru3['creator.firstName'], ru3['creator.greetingName']]).toEqual(['Алина', 'Алина']);
    // A greeting name set by hand wins for greetingName; firstName stays the given name.
    const set = mergeValues(
      {
        creator: { displayName: 'Alina Bakes', legalName: 'Соколова Алина Игоревна', greetingName: 'Аля' },
        workspace: { name: 'W' },
      },
      'ru',
    );
    expect([set['creator.firstName'], set['creator.greetingName']]).toEqual(['Алина', 'Аля']);
  });

  it('formats percentages exactly', () => {
    expect(formatPercent('12', 'en')).toBe('12%');
    expect(formatPercent('12.00', 'en')).toBe('12%');
    expect(formatPercent('0.05', 'ru')).toBe('0,05\u00a0%');
  });
});

describe('chooseLanguage', () => {
  it("takes the creator's first language with a variant, then the workspace's, then English", () => {
    expect(chooseLanguage(['ru', 'en'], ['en', 'ru'], 'en')).toBe('ru');
    expect(chooseLanguage(['de', 'en'], ['en', 'ru'], 'ru')).toBe('en');
    expect(chooseLanguage(['de'], ['en', 'ru'], 'ru')).toBe('ru');
    expect(chooseLanguage([], ['en', 'ru'], 'de')).toBe('en');
    expect(chooseLanguage(['ru'], ['en'], 'ru')).toBe('en');
    expect(chooseLanguage([], ['ru'], 'en')).toBe('ru');
  });
});

describe('mailtoUrl', () => {
  it('encodes the subject and body, with CRLF line breaks', () => {
    expect(mailtoUrl('anna+x@bakes.test', 'Hi & bye?', 'Line 1\nLine 2 — ok')).toBe(
      'mailto:anna%2Bx@bakes.test?subject=Hi%20%26%20bye%3F&body=Line%201%0D%0ALine%202%20%E2%80%94%20ok',
    );
  });
});

describe('built-in templates', () => {
  it('exist in English and Russian for every nudge Today suggests, and use only known fields', () => {
    const keys = [
      suggestNudge({}).templateKey,
      suggestNudge({ recentWin: { title: 'x', engagementRatePct: '5' } }).templateKey,
      suggestNudge({ plannedCampaign: { name: 'y' } }).templateKey,
    ];
    expect(keys).toEqual(['check_in', 'share_win', 'ask_opinion']);
    for (const k of keys) expect(builtInTemplate(k), k).toBeDefined();
    for (const t of builtInTemplates) {
      for (const lang of ['en', 'ru'] as const) {
        const v = t.variants[lang];
        expect(checkTemplate(v.subject), `${t.key} ${lang} subject`).toEqual([]);
        expect(checkTemplate(v.body), `${t.key} ${lang} body`).toEqual([]);
      }
    }
  });

  it('renders the check-in in English', () => {
    const t = builtInTemplate('check_in')!.variants.en;
    expect(renderMessage(t, anna)).toEqual({
      subject: 'How are things, Anna?',
      text: `Hi Anna,

It has been a little while, so I wanted to see how you are. What are you working on at the moment, and is there anything you are excited about?

No agenda and nothing you need to do. If there is anything we could do to make working together easier, I would like to hear it.

Best,
Olga Owner
Northwind`,
      html: `<p>Hi Anna,</p>
<p>It has been a little while, so I wanted to see how you are. What are you working on at the moment, and is there anything you are excited about?</p>
<p>No agenda and nothing you need to do. If there is anything we could do to make working together easier, I would like to hear it.</p>
<p>Best,<br>Olga Owner<br>Northwind</p>`,
      missing: [],
    });
  });

  it('shares a win with its numbers in Russian, and without a post falls back gracefully', () => {
    const t = builtInTemplate('share_win')!.variants.ru;
    const withPost = renderMessage(t, {
      ...anna,
      'creator.greetingName': 'Анна',
      'lastPost.title': 'Ржаной хлеб',
      'lastPost.engagementRate': '6,2\u00a0%',
    });
    expect(withPost.subject).toBe('«Ржаной хлеб» отлично сработала');
    expect(withPost.text).toBe(`Здравствуйте, Анна!

Делимся хорошей новостью: публикация «Ржаной хлеб» набрала вовлечённость 6,2\u00a0%. Это сильный результат — видно, что аудитория на неё по-настоящему откликнулась.

Спасибо, что вкладываете в работу столько души. Если интересно, с радостью покажем, что мы увидели в цифрах.

Всего доброго,
Olga Owner
Northwind`);
    const without = renderMessage(t, { ...anna, 'creator.greetingName': 'Анна', 'sender.name': null });
    expect(without.subject).toBe('Ваша последняя публикация отлично сработала');
    expect(without.text).toBe(`Здравствуйте, Анна!

Делимся хорошей новостью: ваша последняя публикация отлично зашла аудитории, и вся команда это заметила.

Спасибо, что вкладываете в работу столько души. Если интересно, с радостью покажем, что мы увидели в цифрах.

Всего доброго,
Northwind`);
    expect(without.missing).toEqual([]);
  });

  it('asks their view about a named campaign', () => {
    const t = builtInTemplate('ask_opinion')!.variants.en;
    const m = renderMessage(t, { ...anna, 'nextCampaign.name': 'Spring launch' });
    expect(m.subject).toBe('Your view on Spring launch');
    expect(m.text.split('\n').slice(0, 4)).toEqual([
      'Hi Anna,',
      '',
      'We are starting to plan Spring launch, and before anything is settled I would like your view.',
      'You know your audience better than anyone: what would feel natural to them, and what would you steer clear of?',
    ]);
    expect(renderMessage(t, anna).subject).toBe('Your view on what we are planning next');
  });
});

describe('engagement as a percent for a message', () => {
  it('is exact, one decimal, half up', async () => {
    const { engagementPct } = await import('./facts.ts');
    // 98 / 2400 = 4.0833…% → 4.1; 1 / 3 = 33.33…% → 33.3; 1 / 8 = 12.5% → 12.5; 1 / 16 = 6.25% → 6.3
    expect([engagementPct(98, 2400), engagementPct(1, 3), engagementPct(1, 8), engagementPct(1, 16)]).toEqual(
      ['4.1', '33.3', '12.5', '6.3'],
    );
    expect([engagementPct(5, 0), engagementPct(null, 10), engagementPct(0, 10)]).toEqual([null, null, '0.0']);
  });
});
