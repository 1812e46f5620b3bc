import { type AgreementType, minorDigits } from '@evergreen/contracts';
import { escapeHtml as esc, termEndsOn } from '@evergreen/rules';

/**
 * Agreement documents from templates, in English or Russian (the agreement's language). The
 * template fills a plain document model (title, sections of paragraphs and rows); the HTML and
 * PDF renderers only lay that model out, so both always say the same thing.
 */

export type DocLanguage = 'en' | 'ru';

export interface DocumentFacts {
  language: DocLanguage;
  brandName: string;
  creatorName: string;
  creatorLegalName: string | null;
  title: string;
  type: AgreementType;
  termNumber: number;
  startsOn: string;
  termMonths: number;
  collaborationsPerYear: number | null;
  deliverablesPerMonth: number | null;
  monthlyFeeMinor: number | null;
  feeMinor: number | null;
  currency: string;
  rates: { deliverableType: string; amountMinor: number }[];
  inclusions: { item: string; quantity: number; note?: string }[];
  usagePeriodDays: number | null;
  paidUsage: boolean;
  whitelisting: boolean;
  exclusivityCategory: string | null;
  exclusivityDays: number | null;
  paymentTermsDays: number;
  autoRenew: boolean;
  renewalTermMonths: number | null;
  noticeDays: number;
  reviewMaxAdjustPct: string;
  acceptedName: string | null;
  acceptedAt: string | null;
  /**
   * An automatic renewal has no acceptance of its own: the acceptance of an earlier term (the
   * nearest accepted one before it) covers it, and the document says so instead of "sign here".
   */
  coveredBy?: { termNumber: number; acceptedName: string; acceptedAt: string } | null;
}

export interface DocSection {
  heading: string;
  paragraphs: string[];
  /** Label → value rows (rates, inclusions). */
  rows?: [string, string][];
}
export interface AgreementDocument {
  language: DocLanguage;
  title: string;
  subtitle: string;
  sections: DocSection[];
}

const locales: Record<DocLanguage, string> = { en: 'en-US', ru: 'ru-RU' };

/** Minor units → "$3,500.00" / "3 500,00 $", with the currency's own number of decimals. */
export function formatDocMoney(minor: number, currency: string, language: DocLanguage): string {
  // The digits are ISO 4217's (one table, @evergreen/contracts), not Intl's: Intl shows HUF, IDR,
  // COP and IQD with fewer decimals than their minor units, which would misstate the amount.
  const digits = minorDigits(currency);
  const nf = new Intl.NumberFormat(locales[language], {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return nf.format(minor / 10 ** digits);
}

export const formatDocDay = (day: string, language: DocLanguage): string =>
  new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

const plural = (n: number, language: DocLanguage, forms: Record<string, string>) =>
  `${n} ${forms[new Intl.PluralRules(locales[language]).select(n)] ?? forms.other}`;
const months = (n: number, l: DocLanguage) =>
  l === 'ru'
    ? plural(n, l, { one: 'месяц', few: 'месяца', many: 'месяцев', other: 'месяца' })
    : plural(n, l, { one: 'month', other: 'months' });
const days = (n: number, l: DocLanguage) =>
  l === 'ru'
    ? plural(n, l, { one: 'день', few: 'дня', many: 'дней', other: 'дня' })
    : plural(n, l, { one: 'day', other: 'days' });

/** The deliverable types and retainer inclusions the app suggests, by name in each language. */
const itemNames: Record<DocLanguage, Record<string, string>> = {
  en: {},
  ru: {
    sponsored_post: 'спонсорский пост',
    post: 'пост',
    story: 'сторис',
    stories: 'сторис',
    reel: 'рилс',
    video: 'видео',
    short: 'короткое видео',
    carousel: 'карусель',
    live: 'прямой эфир',
    planning_meeting: 'встреча по планированию контента',
    early_access: 'ранний доступ к продуктам',
    early_product_access: 'ранний доступ к продуктам',
    report: 'отчёт о результатах',
    reporting: 'отчёт о результатах',
    performance_report: 'отчёт о результатах',
  },
};

/** A sentence ends with one period, even when its last word is an abbreviation ("2026 г."). */
const sentence = (text: string) => (text.endsWith('.') ? text : `${text}.`);

const agreementTypeTitle: Record<DocLanguage, Record<AgreementType, string>> = {
  en: {
    annual: 'Annual partnership',
    retainer: 'Retainer',
    project: 'Project agreement',
    one_off: 'One-off collaboration',
  },
  ru: {
    annual: 'Годовое партнёрство',
    retainer: 'Ретейнер',
    project: 'Проектное соглашение',
    one_off: 'Разовое сотрудничество',
  },
};

/** The title an agreement gets when nobody typed one, in the agreement's language. */
export const defaultAgreementTitle = (type: AgreementType, creatorName: string, language: DocLanguage) =>
  language === 'ru'
    ? `${agreementTypeTitle.ru[type]}: ${creatorName}`
    : `${agreementTypeTitle.en[type]} with ${creatorName}`;

/**
 * The document's title: the agreement's own, unless it is a default title in another language
 * (agreements made before titles followed the language were all titled in English).
 */
function documentTitle(f: DocumentFacts): string {
  const other: DocLanguage = f.language === 'ru' ? 'en' : 'ru';
  return f.title === defaultAgreementTitle(f.type, f.creatorName, other)
    ? defaultAgreementTitle(f.type, f.creatorName, f.language)
    : f.title;
}
export const itemName = (item: string, l: DocLanguage): string =>
  itemNames[l][item] ?? item.replaceAll('_', ' ');

interface Strings {
  typeName: Record<AgreementType, string>;
  between: (brand: string, creator: string) => string;
  parties: string;
  term: string;
  termText: (start: string, length: string, end: string, termNumber: number) => string;
  commitment: string;
  collaborations: (n: number) => string;
  perMonth: (n: number) => string;
  fees: string;
  monthlyFee: (money: string) => string;
  fee: (money: string) => string;
  perDeliverable: string;
  inclusions: string;
  inclusionsText: string;
  rights: string;
  usage: (d: string | null) => string;
  paid: (yes: boolean) => string;
  whitelisting: (yes: boolean) => string;
  exclusivity: string;
  exclusivityText: (category: string | null, d: string | null) => string;
  payment: string;
  paymentText: (d: string) => string;
  renewal: string;
  autoRenewText: (length: string, pct: string) => string;
  noRenewText: string;
  noticeText: (d: string) => string;
  acceptance: string;
  acceptedText: (name: string, at: string) => string;
  renewalCovered: (termNumber: number, name: string, at: string) => string;
  signHere: string;
}

const en: Strings = {
  typeName: {
    annual: 'Annual partnership agreement',
    retainer: 'Retainer agreement',
    project: 'Project agreement',
    one_off: 'One-off collaboration agreement',
  },
  between: (b, c) => `This agreement is made between ${b} (“the Brand”) and ${c} (“the Creator”).`,
  parties: 'Parties',
  term: 'Term',
  termText: (s, len, e, n) =>
    `${n > 1 ? `This is term ${n} of the partnership. ` : ''}The agreement starts on ${s} and runs for ${len}, through ${e} inclusive.`,
  commitment: 'Commitment',
  collaborations: (n) =>
    `The parties intend to collaborate ${n === 1 ? 'once' : plural(n, 'en', { one: 'time', other: 'times' })} a year.`,
  perMonth: (n) =>
    `The Creator delivers ${plural(n, 'en', { one: 'deliverable', other: 'deliverables' })} a month.`,
  fees: 'Fees and rates',
  monthlyFee: (m) => `The Brand pays a monthly retainer of ${m}.`,
  fee: (m) => `The Brand pays a fee of ${m}.`,
  perDeliverable: 'Rates per deliverable:',
  inclusions: 'What the retainer includes each month',
  inclusionsText: 'Each month of the term includes:',
  rights: 'Content rights',
  usage: (d) =>
    d ? `The Brand may use the content for ${d} after publication.` : 'Usage period: as agreed per brief.',
  paid: (y) => (y ? 'Paid usage (advertising with the content) is allowed.' : 'Paid usage is not included.'),
  whitelisting: (y) =>
    y ? 'Whitelisting (ads run from the Creator’s account) is allowed.' : 'Whitelisting is not included.',
  exclusivity: 'Exclusivity',
  exclusivityText: (c, d) =>
    c
      ? `The Creator will not promote competing brands in the category “${c}”${d ? ` for ${d} around each publication` : ''}.`
      : 'No exclusivity applies.',
  payment: 'Payment terms',
  paymentText: (d) => `Invoices are paid within ${d} of receipt.`,
  renewal: 'Renewal and notice',
  autoRenewText: (len, pct) =>
    `After this term the agreement renews automatically for ${len} at a time. Before each renewal the parties review the rates and frequency; any change stays within ${pct}% of the current value.`,
  noRenewText: 'The agreement ends with its term unless the parties agree to renew it.',
  noticeText: (d) => `Either party may end the agreement with ${d}’ written notice.`,
  acceptance: 'Acceptance',
  acceptedText: (n, at) => sentence(`Accepted by typing the name “${n}” on ${at}`),
  renewalCovered: (t, n, at) =>
    sentence(
      `This term is an automatic renewal under the renewal clause and needs no new signature: it is covered by the acceptance of term ${t} (accepted by typing the name “${n}” on ${at})`,
    ),
  signHere: 'Signed for the Brand: ____________________    Signed by the Creator: ____________________',
};

const ru: Strings = {
  typeName: {
    annual: 'Годовое партнёрское соглашение',
    retainer: 'Соглашение о ежемесячном сотрудничестве (ретейнер)',
    project: 'Соглашение о проекте',
    one_off: 'Соглашение о разовом сотрудничестве',
  },
  between: (b, c) => `Настоящее соглашение заключено между ${b} («Бренд») и ${c} («Автор»).`,
  parties: 'Стороны',
  term: 'Срок',
  termText: (s, len, e, n) =>
    `${n > 1 ? `Это ${n}-й срок партнёрства. ` : ''}Соглашение вступает в силу ${s} и действует ${len}, по ${e} включительно.`,
  commitment: 'Обязательства',
  collaborations: (n) =>
    `Стороны планируют сотрудничать ${plural(n, 'ru', { one: 'раз', few: 'раза', many: 'раз', other: 'раза' })} в год.`,
  perMonth: (n) =>
    `Автор предоставляет ${plural(n, 'ru', { one: 'материал', few: 'материала', many: 'материалов', other: 'материала' })} в месяц.`,
  fees: 'Вознаграждение и ставки',
  monthlyFee: (m) => `Бренд ежемесячно выплачивает ${m}.`,
  fee: (m) => `Бренд выплачивает вознаграждение ${m}.`,
  perDeliverable: 'Ставки за единицу контента:',
  inclusions: 'Что входит в ежемесячное сотрудничество',
  inclusionsText: 'Каждый месяц срока включает:',
  rights: 'Права на контент',
  usage: (d) =>
    d
      ? `Бренд вправе использовать контент в течение ${d} после публикации.`
      : 'Срок использования: по брифу.',
  paid: (y) => (y ? 'Платное продвижение контента разрешено.' : 'Платное продвижение не включено.'),
  whitelisting: (y) =>
    y ? 'Реклама от имени аккаунта Автора (вайтлистинг) разрешена.' : 'Вайтлистинг не включён.',
  exclusivity: 'Эксклюзивность',
  exclusivityText: (c, d) =>
    c
      ? `Автор не рекламирует конкурирующие бренды в категории «${c}»${d ? ` в течение ${d} вокруг каждой публикации` : ''}.`
      : 'Эксклюзивность не предусмотрена.',
  payment: 'Порядок оплаты',
  paymentText: (d) => `Счета оплачиваются в течение ${d} с момента получения.`,
  renewal: 'Продление и расторжение',
  autoRenewText: (len, pct) =>
    `По окончании срока соглашение автоматически продлевается каждый раз на ${len}. Перед каждым продлением стороны пересматривают ставки и частоту; изменение не превышает ${pct}% от текущего значения.`,
  noRenewText: 'Соглашение прекращается по окончании срока, если стороны не договорятся о продлении.',
  noticeText: (d) => `Любая сторона может расторгнуть соглашение, письменно уведомив другую за ${d}.`,
  acceptance: 'Принятие',
  acceptedText: (n, at) => sentence(`Принято вводом имени «${n}» ${at}`),
  renewalCovered: (t, n, at) =>
    `Этот срок — автоматическое продление по условию о продлении, новой подписи не требуется: оно покрывается принятием ${t}-го срока (принято вводом имени «${n}» ${at}).`,
  signHere: 'За Бренд: ____________________    Автор: ____________________',
};

const strings: Record<DocLanguage, Strings> = { en, ru };

/** Fills the template of the agreement's language with its facts. */
export function agreementDocument(f: DocumentFacts): AgreementDocument {
  const l = f.language;
  const s = strings[l];
  const money = (m: number) => formatDocMoney(m, f.currency, l);
  const party =
    f.creatorLegalName && f.creatorLegalName !== f.creatorName
      ? `${f.creatorLegalName} (${f.creatorName})`
      : f.creatorName;
  const sections: DocSection[] = [
    { heading: s.parties, paragraphs: [s.between(f.brandName, party)] },
    {
      heading: s.term,
      paragraphs: [
        s.termText(
          formatDocDay(f.startsOn, l),
          months(f.termMonths, l),
          formatDocDay(termEndsOn(f.startsOn, f.termMonths), l),
          f.termNumber,
        ),
      ],
    },
  ];
  const commitment = [
    ...(f.collaborationsPerYear != null ? [s.collaborations(f.collaborationsPerYear)] : []),
    ...(f.deliverablesPerMonth != null ? [s.perMonth(f.deliverablesPerMonth)] : []),
  ];
  if (commitment.length) sections.push({ heading: s.commitment, paragraphs: commitment });
  const fees = [
    ...(f.monthlyFeeMinor != null ? [s.monthlyFee(money(f.monthlyFeeMinor))] : []),
    ...(f.feeMinor != null ? [s.fee(money(f.feeMinor))] : []),
    ...(f.rates.length ? [s.perDeliverable] : []),
  ];
  if (fees.length) {
    sections.push({
      heading: s.fees,
      paragraphs: fees,
      rows: f.rates.map((r) => [itemName(r.deliverableType, l), money(r.amountMinor)]),
    });
  }
  if (f.inclusions.length) {
    sections.push({
      heading: s.inclusions,
      paragraphs: [s.inclusionsText],
      rows: f.inclusions.map((i) => [
        `${itemName(i.item, l)}${i.note ? ` (${i.note})` : ''}`,
        `× ${i.quantity}`,
      ]),
    });
  }
  sections.push(
    {
      heading: s.rights,
      paragraphs: [
        s.usage(f.usagePeriodDays != null ? days(f.usagePeriodDays, l) : null),
        s.paid(f.paidUsage),
        s.whitelisting(f.whitelisting),
      ],
    },
    {
      heading: s.exclusivity,
      paragraphs: [
        s.exclusivityText(
          f.exclusivityCategory,
          f.exclusivityDays != null ? days(f.exclusivityDays, l) : null,
        ),
      ],
    },
    { heading: s.payment, paragraphs: [s.paymentText(days(f.paymentTermsDays, l))] },
    {
      heading: s.renewal,
      paragraphs: [
        f.autoRenew
          ? s.autoRenewText(
              months(f.renewalTermMonths ?? f.termMonths, l),
              f.reviewMaxAdjustPct.replace(/\.?0+$/, ''),
            )
          : s.noRenewText,
        s.noticeText(days(f.noticeDays, l)),
      ],
    },
    {
      heading: s.acceptance,
      paragraphs: [
        f.acceptedName && f.acceptedAt
          ? s.acceptedText(f.acceptedName, formatDocDay(f.acceptedAt.slice(0, 10), l))
          : f.coveredBy
            ? s.renewalCovered(
                f.coveredBy.termNumber,
                f.coveredBy.acceptedName,
                formatDocDay(f.coveredBy.acceptedAt.slice(0, 10), l),
              )
            : s.signHere,
      ],
    },
  );
  return { language: l, title: documentTitle(f), subtitle: s.typeName[f.type], sections };
}

/** The document as plain text (for an email): the same model the HTML and PDF lay out. */
export function documentText(doc: AgreementDocument): string {
  const sections = doc.sections.map((s, i) =>
    [`${i + 1}. ${s.heading}`, ...s.paragraphs, ...(s.rows ?? []).map(([k, v]) => `- ${k}: ${v}`)].join('\n'),
  );
  return [`${doc.title}\n${doc.subtitle}`, ...sections].join('\n\n');
}

/** A printable page: the browser's "Save as PDF" gives a clean A4 document. */
export function renderDocumentHtml(doc: AgreementDocument): string {
  const body = doc.sections
    .map(
      (s, i) =>
        `<section><h2>${i + 1}. ${esc(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}${
          s.rows?.length
            ? `<table>${s.rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="num">${esc(v)}</td></tr>`).join('')}</table>`
            : ''
        }</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${doc.language}">
<head>
<meta charset="utf-8">
<title>${esc(doc.title)}</title>
<style>
  body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #111; line-height: 1.5; }
  h1 { font-size: 1.5rem; margin-bottom: 0; }
  .subtitle { color: #555; margin-top: .25rem; }
  h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
  table { border-collapse: collapse; margin: .5rem 0; }
  td { padding: .2rem 1.5rem .2rem 0; border-bottom: 1px solid #ddd; }
  td.num { text-align: right; white-space: nowrap; }
  @page { size: A4; margin: 20mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 11pt; }
    section { break-inside: avoid; }
  }
</style>
</head>
<body>
<h1>${esc(doc.title)}</h1>
<p class="subtitle">${esc(doc.subtitle)}</p>
${body}
</body>
</html>
`;
}
