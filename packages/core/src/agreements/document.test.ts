import { describe, expect, it } from 'vitest';
import { agreementDocument, type DocumentFacts, formatDocMoney, renderDocumentHtml } from './document.ts';
import { renderDocumentPdf } from './document-pdf.ts';

const facts: DocumentFacts = {
  language: 'en',
  brandName: 'Glow & Co',
  creatorName: 'Анна Смирнова',
  creatorLegalName: 'Anna Smirnova',
  title: 'Retainer with Anna',
  type: 'retainer',
  termNumber: 1,
  startsOn: '2026-01-31',
  termMonths: 12,
  collaborationsPerYear: null,
  deliverablesPerMonth: 2,
  monthlyFeeMinor: 350000,
  feeMinor: null,
  currency: 'USD',
  rates: [{ deliverableType: 'story', amountMinor: 40000 }],
  inclusions: [
    { item: 'sponsored_post', quantity: 2 },
    { item: 'planning_meeting', quantity: 1 },
  ],
  usagePeriodDays: 90,
  paidUsage: true,
  whitelisting: false,
  exclusivityCategory: 'skincare',
  exclusivityDays: 30,
  paymentTermsDays: 30,
  autoRenew: true,
  renewalTermMonths: 12,
  noticeDays: 30,
  reviewMaxAdjustPct: '10.00',
  acceptedName: null,
  acceptedAt: null,
};

/** The text of a PDF, page by page, read back with PDF.js. */
async function pdfText(buf: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(buf), verbosity: 0 }).promise;
  let out = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const tc = await (await pdf.getPage(p)).getTextContent();
    out += `${tc.items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
  }
  return out;
}

describe('agreement documents', () => {
  it('formats money in the currency with Intl, from minor units', () => {
    expect(formatDocMoney(350000, 'USD', 'en')).toBe('$3,500.00');
    expect(formatDocMoney(350000, 'USD', 'ru')).toBe('3\u00a0500,00\u00a0$');
    expect(formatDocMoney(25_000_000, 'RUB', 'ru')).toBe('250\u00a0000,00\u00a0₽');
    expect(formatDocMoney(500000, 'JPY', 'en')).toBe('¥500,000');
  });

  it('fills the English template with every clause', () => {
    const html = renderDocumentHtml(agreementDocument(facts));
    for (const text of [
      'Glow &amp; Co (“the Brand”) and Anna Smirnova (Анна Смирнова) (“the Creator”)',
      'starts on January 31, 2026 and runs for 12 months, through January 30, 2027 inclusive',
      'The Creator delivers 2 deliverables a month.',
      'monthly retainer of $3,500.00',
      '<td>story</td><td class="num">$400.00</td>',
      '<td>sponsored post</td><td class="num">× 2</td>',
      'for 90 days after publication',
      'Paid usage (advertising with the content) is allowed.',
      'Whitelisting is not included.',
      'category “skincare” for 30 days around each publication',
      'Invoices are paid within 30 days of receipt.',
      'renews automatically for 12 months at a time',
      'within 10% of the current value',
      'Either party may end the agreement with 30 days’ written notice.',
      '@media print',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('fills the Russian template, with Russian plurals and money', () => {
    const doc = agreementDocument({
      ...facts,
      language: 'ru',
      currency: 'RUB',
      monthlyFeeMinor: 25_000_000,
      termMonths: 3,
      noticeDays: 21,
      acceptedName: 'Анна Смирнова',
      acceptedAt: '2026-01-20T10:00:00.000Z',
    });
    const html = renderDocumentHtml(doc);
    expect(html).toContain('<html lang="ru">');
    for (const text of [
      'Соглашение о ежемесячном сотрудничестве (ретейнер)',
      'между Glow &amp; Co («Бренд») и Anna Smirnova (Анна Смирнова) («Автор»)',
      'вступает в силу 31 января 2026 г. и действует 3 месяца, по 29 апреля 2026 г. включительно',
      'Бренд ежемесячно выплачивает 250\u00a0000,00\u00a0₽.',
      '<td>спонсорский пост</td>',
      'в течение 90 дней после публикации',
      'письменно уведомив другую за 21 день',
      'Принято вводом имени «Анна Смирнова» 20 января 2026 г.',
    ]) {
      expect(html).toContain(text);
    }
  });

  it('makes a PDF whose text (Cyrillic included) reads back', async () => {
    const pdf = await renderDocumentPdf(agreementDocument({ ...facts, language: 'ru' }));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Анна Смирнова');
    expect(text).toContain('Retainer with Anna');
    expect(text.replace(/\s+/g, ' ')).toContain('Права на контент');
  });

  it('a Russian PDF is Russian throughout: title, plurals, inclusions, and one period after a date', async () => {
    const ru = (over: Partial<DocumentFacts>) =>
      agreementDocument({
        ...facts,
        language: 'ru',
        // A default title from before titles followed the language.
        title: 'Retainer with Анна Смирнова',
        inclusions: [
          { item: 'sponsored_post', quantity: 2 },
          { item: 'planning_meeting', quantity: 1 },
          { item: 'early_product_access', quantity: 1 },
          { item: 'performance_report', quantity: 1 },
        ],
        acceptedName: 'Анна Смирнова',
        acceptedAt: '2026-12-07T09:00:00.000Z',
        ...over,
      });
    const pdf = await renderDocumentPdf(ru({ deliverablesPerMonth: 2, collaborationsPerYear: 12 }));
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const expected of [
      'Ретейнер: Анна Смирнова',
      'Автор предоставляет 2 материала в месяц.',
      'Стороны планируют сотрудничать 12 раз в год.',
      'ранний доступ к продуктам',
      'отчёт о результатах',
      'встреча по планированию контента',
      'Принято вводом имени «Анна Смирнова» 7 декабря 2026 г.',
    ])
      expect(text).toContain(expected);
    for (const wrong of ['г..', '(а)', 'Retainer', 'early product access', 'performance report'])
      expect(text).not.toContain(wrong);

    // Russian plurals by hand: 1 материал, 2–4 материала, 5–20 материалов, 21 материал; раз the same way.
    const line = (n: number) =>
      ru({ deliverablesPerMonth: n, collaborationsPerYear: n }).sections[2]!.paragraphs;
    expect(line(1)).toEqual([
      'Стороны планируют сотрудничать 1 раз в год.',
      'Автор предоставляет 1 материал в месяц.',
    ]);
    expect(line(3)).toEqual([
      'Стороны планируют сотрудничать 3 раза в год.',
      'Автор предоставляет 3 материала в месяц.',
    ]);
    expect(line(5)).toEqual([
      'Стороны планируют сотрудничать 5 раз в год.',
      'Автор предоставляет 5 материалов в месяц.',
    ]);
    expect(line(21)[1]).toBe('Автор предоставляет 21 материал в месяц.');
    // English: once / 1 deliverable.
    const en = agreementDocument({ ...facts, deliverablesPerMonth: 1, collaborationsPerYear: 1 });
    expect(en.sections[2]!.paragraphs).toEqual([
      'The parties intend to collaborate once a year.',
      'The Creator delivers 1 deliverable a month.',
    ]);
    // A title someone typed is kept as typed.
    expect(ru({ title: 'Весна 2027' }).title).toBe('Весна 2027');
  });

  it("a renewal covered by an earlier term's acceptance says so instead of asking for signatures (en, ru)", async () => {
    const renewal = (language: DocumentFacts['language']) =>
      agreementDocument({
        ...facts,
        language,
        termNumber: 3,
        startsOn: '2028-01-31',
        acceptedName: null,
        acceptedAt: null,
        coveredBy: { termNumber: 1, acceptedName: 'Anna Smirnova', acceptedAt: '2026-01-20T10:00:00.000Z' },
      });
    const en = (await pdfText(await renderDocumentPdf(renewal('en')))).replace(/\s+/g, ' ');
    expect(en).toContain('This is term 3 of the partnership.');
    expect(en).toContain(
      'This term is an automatic renewal under the renewal clause and needs no new signature: it is covered by the acceptance of term 1 (accepted by typing the name “Anna Smirnova” on January 20, 2026).',
    );
    expect(en).not.toContain('Signed by the Creator');
    const ru = (await pdfText(await renderDocumentPdf(renewal('ru')))).replace(/\s+/g, ' ');
    expect(ru).toContain('Это 3-й срок партнёрства.');
    expect(ru).toContain(
      'Этот срок — автоматическое продление по условию о продлении, новой подписи не требуется: оно покрывается принятием 1-го срока (принято вводом имени «Anna Smirnova» 20 января 2026 г.).',
    );
    expect(ru).not.toContain('За Бренд: ____');
    expect(ru).not.toContain('г..');
    // Without an earlier acceptance (a renewal sent for signature), the signature lines stay.
    const draft = agreementDocument({ ...facts, termNumber: 2, coveredBy: null });
    expect(draft.sections.at(-1)!.paragraphs).toEqual([
      'Signed for the Brand: ____________________    Signed by the Creator: ____________________',
    ]);
    // Its own acceptance wins over an earlier one.
    const own = agreementDocument({
      ...facts,
      termNumber: 2,
      acceptedName: 'Anna Smirnova',
      acceptedAt: '2027-01-25T10:00:00.000Z',
      coveredBy: { termNumber: 1, acceptedName: 'Anna Smirnova', acceptedAt: '2026-01-20T10:00:00.000Z' },
    });
    expect(own.sections.at(-1)!.paragraphs).toEqual([
      'Accepted by typing the name “Anna Smirnova” on January 25, 2027.',
    ]);
  });
});
