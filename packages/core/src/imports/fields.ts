import type { MappingKind } from '@evergreen/contracts';

/**
 * The fields each import reads (docs/csv.md), how their values are read, and the names people's
 * files give them in English and Russian: what the mapping proposer matches headers against.
 */

export type FieldType = 'text' | 'instant' | 'day' | 'number' | 'count' | 'money';

export interface FieldSpec {
  field: string;
  required: boolean;
  type: FieldType;
  /** Header names meaning this field (compared normalised: lower case, letters and digits only). */
  names: string[];
}

const f = (field: string, type: FieldType, names: string[], required = false): FieldSpec => ({
  field,
  required,
  type,
  names: [field, ...names],
});

export const fieldSpecs: Record<MappingKind, FieldSpec[]> = {
  orders: [
    f(
      'external_id',
      'text',
      [
        'order id',
        'order number',
        'order',
        'order no',
        'номер заказа',
        'заказ',
        'id заказа',
        'номер отправления',
      ],
      true,
    ),
    f(
      'customer_id',
      'text',
      [
        'customer',
        'customer id',
        'client',
        'client id',
        'customer email',
        'billing email',
        'email (billing)',
        'покупатель',
        'клиент',
        'id покупателя',
        'id клиента',
      ],
      true,
    ),
    f(
      'ordered_at',
      'instant',
      [
        'order date',
        'date',
        'created at',
        'created',
        'order created',
        'дата',
        'дата заказа',
        'дата создания',
        'принят в обработку',
        'время заказа',
      ],
      true,
    ),
    f(
      'amount',
      'money',
      [
        'total',
        'order total',
        'order total amount',
        'сумма отправления',
        'sum',
        'revenue',
        'сумма',
        'итого',
        'сумма заказа',
        'стоимость',
        'выручка',
      ],
      true,
    ),
    f(
      'currency',
      'text',
      ['currency code', 'order currency', 'валюта', 'код валюты', 'код валюты отправления'],
      true,
    ),
    f(
      'promo_code',
      'text',
      [
        'promo',
        'promocode',
        'coupon',
        'coupon code',
        'coupons',
        'coupon(s)',
        'discount code',
        'промокод',
        'купон',
      ],
      false,
    ),
    f('utm_source', 'text', ['source', 'utm source', 'источник'], false),
    f('utm_campaign', 'text', ['campaign', 'utm campaign', 'кампания'], false),
    f('landing_url', 'text', ['landing site', 'landing page', 'landing', 'страница входа'], false),
    // paid, pending, cancelled, refunded, partially_refunded (docs/performance.md, "Order status").
    f('status', 'text', ['order status', 'financial status', 'статус', 'статус заказа'], false),
    f(
      'refunded_amount',
      'money',
      ['refunded', 'refund', 'refund amount', 'сумма возврата', 'возврат'],
      false,
    ),
  ],
  posts: [
    f('external_id', 'text', ['post id', 'id', 'content id', 'video id', 'id публикации'], true),
    f('creator', 'text', ['creator', 'author', 'influencer', 'блогер', 'автор', 'креатор'], false),
    f('agreement_id', 'text', ['agreement', 'договор'], false),
    f('campaign', 'text', ['кампания'], false),
    f('platform', 'text', ['network', 'платформа', 'соцсеть'], false),
    f('type', 'text', ['post type', 'format', 'тип', 'формат'], false),
    f('sponsored', 'text', ['paid', 'ad', 'реклама', 'спонсорский'], false),
    f('planned_on', 'day', ['planned', 'plan date', 'план'], false),
    f('due_on', 'day', ['due', 'deadline', 'срок'], false),
    f(
      'posted_at',
      'instant',
      ['publish time', 'published', 'published at', 'date', 'дата публикации', 'опубликовано'],
      false,
    ),
    f('url', 'text', ['link', 'permalink', 'post url', 'ссылка'], false),
    f('status', 'text', ['статус'], false),
    f('cost', 'money', ['price', 'fee', 'стоимость', 'цена', 'гонорар'], false),
    f('cost_currency', 'text', ['currency', 'валюта'], false),
  ],
  metrics: [
    f(
      'post',
      'text',
      ['post id', 'post url', 'url', 'link', 'permalink', 'content', 'публикация', 'ссылка'],
      true,
    ),
    // Without it (a lifetime export), the readings are taken at the import's time.
    f('captured_at', 'instant', ['date', 'captured', 'as of', 'дата', 'дата снятия'], false),
    f('impressions', 'count', ['показы'], false),
    f('reach', 'count', ['охват'], false),
    f('likes', 'count', ['лайки', 'нравится'], false),
    f('comments', 'count', ['комментарии'], false),
    f('shares', 'count', ['репосты', 'поделились'], false),
    f('saves', 'count', ['сохранения'], false),
    f('clicks', 'count', ['link clicks', 'клики'], false),
    f('video_views', 'count', ['views', 'video views', 'plays', 'просмотры'], false),
  ],
  creators: [
    f('external_id', 'text', ['id', 'crm id'], false),
    f('display_name', 'text', ['name', 'creator', 'имя', 'блогер', 'креатор'], true),
    f('legal_name', 'text', ['full name', 'фио', 'юридическое имя'], false),
    f('greeting_name', 'text', ['greeting', 'first name', 'обращение', 'имя для обращения'], false),
    f('email', 'text', ['e-mail', 'mail', 'почта', 'электронная почта'], false),
    f('tier', 'text', ['уровень'], false),
    f('status', 'text', ['статус'], false),
    f('owner_email', 'text', ['owner', 'ответственный'], false),
    f('markets', 'text', ['countries', 'рынки', 'страны'], false),
    f('languages', 'text', ['языки'], false),
    f('tags', 'text', ['теги', 'метки'], false),
    f('notes', 'text', ['заметки', 'комментарий'], false),
    f('instagram', 'text', [], false),
    f('tiktok', 'text', [], false),
    f('youtube', 'text', [], false),
    f('telegram', 'text', ['телеграм'], false),
    f('vk', 'text', ['вконтакте'], false),
  ],
  exchange_rates: [
    f('date', 'day', ['on date', 'дата'], true),
    f('currency', 'text', ['валюта'], true),
    f('rate', 'number', ['курс'], true),
  ],
};

/** A header name compared: lower case, ё as е, letters and digits only. */
export const normalName = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^a-z0-9а-я]+/g, '');
